package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"badgewallet/wallet"
	"badgewallet/wallet/safetext"
)

// Lister is what the wallet page needs from the wallet.
type Lister interface {
	List(ctx context.Context, o wallet.ListOptions) (wallet.Page, error)
}

// Minimum terminal size; below it a single line asks for more room.
const (
	minWidth  = 80
	minHeight = 24
	rowLines  = 3 // two lines of text and a blank line
)

// pageMsg carries one page of badges loaded in the background.
type pageMsg struct {
	req  int
	page wallet.Page
	err  error
}

// Model is the wallet screen: a list of the badges in the wallet, paged
// through the database as the cursor moves.
type Model struct {
	ctx    context.Context
	lister Lister
	keys   keyMap
	styles styles
	help   help.Model

	width, height int
	now           func() time.Time // for "expired"; time.Now outside tests

	req     int  // id of the newest page request; older answers are dropped
	loading bool // a request is in flight
	loaded  bool // at least one page arrived
	err     error

	total   int
	rows    []wallet.Summary // loaded window of rows
	rowsOff int              // absolute index of rows[0]
	cursor  int              // absolute index of the selected badge
	top     int              // absolute index of the first row on screen
}

// New returns the wallet screen over l. ctx bounds every database call.
func New(ctx context.Context, l Lister) Model {
	h := help.New()
	return Model{ctx: ctx, lister: l, keys: defaultKeys(), styles: defaultStyles(), help: h, width: minWidth, height: minHeight, req: 1, loading: true, now: time.Now}
}

// Init loads the first page.
func (m Model) Init() tea.Cmd {
	return m.load(m.req, 0, 50)
}

// load returns a Cmd that fetches one page. It captures copies of what it
// needs, never the model.
func (m Model) load(req, offset, limit int) tea.Cmd {
	ctx, l := m.ctx, m.lister
	return func() tea.Msg {
		p, err := l.List(ctx, wallet.ListOptions{Offset: offset, Limit: limit})
		return pageMsg{req: req, page: p, err: err}
	}
}

// visible is how many badges fit on screen.
func (m Model) visible() int {
	n := (m.height - 6) / rowLines // header, rule, status; rule, toast, help
	return max(n, 1)
}

// Update handles keys, resizes and loaded pages.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.Width = msg.Width - 2
		return m.follow()
	case pageMsg:
		if msg.req != m.req {
			return m, nil // stale
		}
		m.loading = false
		if msg.err != nil {
			m.err = msg.err
			return m, nil
		}
		m.err, m.loaded = nil, true
		m.total, m.rows, m.rowsOff = msg.page.Total, msg.page.Items, msg.page.Offset
		if m.cursor >= m.total {
			m.cursor = max(m.total-1, 0)
		}
		return m.follow()
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			return m.move(-1)
		case tea.MouseButtonWheelDown:
			return m.move(1)
		}
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.keys.Quit):
			return m, tea.Quit
		case key.Matches(msg, m.keys.Help):
			m.help.ShowAll = !m.help.ShowAll
			return m.follow()
		case key.Matches(msg, m.keys.Up):
			return m.move(-1)
		case key.Matches(msg, m.keys.Down):
			return m.move(1)
		case key.Matches(msg, m.keys.PageUp):
			return m.move(-m.visible())
		case key.Matches(msg, m.keys.PageDown):
			return m.move(m.visible())
		case key.Matches(msg, m.keys.Home):
			return m.move(-m.cursor)
		case key.Matches(msg, m.keys.End):
			return m.move(m.total)
		case key.Matches(msg, m.keys.Refresh):
			m.req++
			m.loading = true
			return m, m.load(m.req, max(m.top-m.visible(), 0), max(3*m.visible(), 50))
		}
	}
	return m, nil
}

// move moves the cursor by d rows, clamped.
func (m Model) move(d int) (tea.Model, tea.Cmd) {
	m.cursor = min(max(m.cursor+d, 0), max(m.total-1, 0))
	return m.follow()
}

// follow scrolls so the cursor is on screen and asks for the rows on
// screen if they are not loaded.
func (m Model) follow() (tea.Model, tea.Cmd) {
	v := m.visible()
	if m.cursor < m.top {
		m.top = m.cursor
	}
	if m.cursor >= m.top+v {
		m.top = m.cursor - v + 1
	}
	m.top = max(min(m.top, m.total-v), 0)
	end := min(m.top+v, m.total)
	if !m.loaded || (m.top >= m.rowsOff && end <= m.rowsOff+len(m.rows)) {
		return m, nil
	}
	m.req++
	m.loading = true
	return m, m.load(m.req, max(m.top-v, 0), max(3*v, 50))
}

// View draws the screen.
func (m Model) View() string {
	if m.width < minWidth || m.height < minHeight {
		msg := fmt.Sprintf("Enlarge the window to %d×%d or more (now %d×%d)", minWidth, minHeight, m.width, m.height)
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, safetext.Truncate(msg, max(m.width, 1)))
	}
	st := m.styles
	rule := st.Rule.Render(strings.Repeat("─", m.width-2))

	header := " " + st.Mark.Render("◆ badgewallet") + "   " + st.TabActive.Render("Wallet") + " " + st.Count.Render(fmt.Sprint(m.total))

	var status string
	switch {
	case !m.loaded && m.err == nil:
		status = st.Faint.Render("Opening the wallet…")
	case m.total == 0:
		status = ""
	default:
		right := fmt.Sprintf("newest first · %d of %d", m.cursor+1, m.total)
		status = lipgloss.PlaceHorizontal(m.width-2, lipgloss.Right, st.Meta.Render(right))
	}

	footerHelp := m.help.View(m.keys)
	helpLines := strings.Count(footerHelp, "\n") + 1
	bodyHeight := m.height - 4 - helpLines - 1 // header, rule, status, rule, toast
	body := m.body(bodyHeight)

	var toast string
	if m.err != nil {
		toast = st.Error.Render("✖ " + safetext.Truncate(safetext.Line(m.err.Error()), m.width-4))
	} else if m.loading {
		toast = st.Faint.Render("⟳ loading…")
	}

	return strings.Join([]string{header, " " + rule, " " + status, body, " " + rule, " " + toast, " " + footerHelp}, "\n")
}

// body draws the rows on screen, or the empty state, in exactly h lines.
func (m Model) body(h int) string {
	st := m.styles
	var lines []string
	if m.loaded && m.total == 0 {
		msg := "Your wallet is empty.\n\nBadges you add appear here.\nTo look inside a badge file now, run:  badgewallet inspect FILE"
		return lipgloss.Place(m.width, h, lipgloss.Center, lipgloss.Center, st.Empty.Render(msg))
	}
	width := m.width - 4
	for i := m.top; i < m.total && len(lines)+2 <= h; i++ {
		j := i - m.rowsOff
		if j < 0 || j >= len(m.rows) {
			lines = append(lines, "  "+st.Faint.Render("…"), "", "")
			continue
		}
		b := m.rows[j]
		name := safetext.Truncate(safetext.Line(b.Name), width)
		if name == "" {
			name = "(no name)"
		}
		meta := safetext.Truncate(m.metaLine(b), width)
		if i == m.cursor {
			bar := st.Bar.Render("▌") + " "
			lines = append(lines, " "+bar+st.Selected.Render(name), " "+bar+st.Meta.Render(meta))
		} else {
			lines = append(lines, "   "+st.Title.Render(name), "   "+st.Meta.Render(meta))
		}
		lines = append(lines, "")
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines[:h], "\n")
}

// metaLine is a row's second line: issuer · date · state glyphs in words.
func (m Model) metaLine(b wallet.Summary) string {
	parts := []string{}
	if is := safetext.Line(b.IssuerName); is != "" {
		parts = append(parts, is)
	} else if id := safetext.Line(b.IssuerID); id != "" {
		parts = append(parts, id)
	}
	if !b.Issued.IsZero() {
		parts = append(parts, b.Issued.Format("Jan 2006"))
	}
	parts = append(parts, "OB "+b.Spec, verificationWord(b.Verification), b.Privacy, b.Acceptance)
	if !b.Expires.IsZero() && b.Expires.Before(m.now()) {
		parts = append(parts, "⌛ expired")
	}
	return strings.Join(parts, " · ")
}

// verificationWord pairs the glyph with a word: colour is never the only
// signal.
func verificationWord(s string) string {
	switch s {
	case "verified":
		return "✔ verified"
	case "invalid":
		return "✖ invalid"
	case "revoked":
		return "⊘ revoked"
	case "expired":
		return "⌛ expired"
	case "checking":
		return "⟳ checking"
	}
	return "? not checked"
}

// Run starts the program on the terminal until the user quits.
func Run(ctx context.Context, l Lister) error {
	p := tea.NewProgram(New(ctx, l), tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithContext(ctx))
	_, err := p.Run()
	return err
}
