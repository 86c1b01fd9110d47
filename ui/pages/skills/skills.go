package skills

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"badgewallet/ui/common"
	"badgewallet/wallet"
	"badgewallet/wallet/clipboard"
)

// loadedMsg carries the skills read in the background.
type loadedMsg struct {
	req    int
	skills []wallet.Skill
	err    error
}

// copiedMsg says how a job-search link was copied.
type copiedMsg struct {
	res clipboard.Result
	err error
}

// Model is the Skills page.
type Model struct {
	c common.Common

	req     int
	loaded  bool
	err     error
	skills  []wallet.Skill
	cursor  int
	top     int
	columns columns
}

// columns are the widths of the table's columns, set by layout.
type columns struct{ name, count, badges int }

// New returns the Skills page; Init loads the skills.
func New(c common.Common) *Model {
	m := &Model{c: c, req: 1}
	m.layout()
	return m
}

// Init loads the skills.
func (m *Model) Init() tea.Cmd { return m.load() }

// load returns a Cmd reading the skills; it captures copies, never m.
func (m *Model) load() tea.Cmd {
	ctx, w, req := m.c.Ctx, m.c.Svc.Wallet, m.req
	return func() tea.Msg {
		s, err := w.Skills(ctx)
		return loadedMsg{req: req, skills: s, err: err}
	}
}

// SetSize sets the page size.
func (m *Model) SetSize(width, height int) {
	m.c.Width, m.c.Height = width, height
	m.layout()
	m.follow()
}

func (m *Model) layout() {
	w := max(m.c.Width-4, 20) // bar and margins
	m.columns.count = 9
	m.columns.name = min(max(w*3/10, 12), 28)
	m.columns.badges = max(w-m.columns.name-m.columns.count-2, 8)
}

// visible is how many rows fit: a title, the column heads, and the link
// line at the bottom take three lines.
func (m *Model) visible() int { return max(m.c.Height-3, 1) }

// ShortHelp lists the page's main keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	return []key.Binding{k.List.Up, k.List.Down, k.Skills.Copy}
}

// FullHelp lists every key of the page.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{{k.List.Up, k.List.Down, k.List.PageUp, k.List.PageDown, k.List.Home, k.List.End}, {k.Skills.Copy}}
}

// Update handles keys, the mouse wheel, loaded skills and copy results.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.req != m.req {
			return m, nil
		}
		m.loaded, m.err = true, msg.err
		if msg.err == nil {
			m.skills = msg.skills
		}
		m.cursor = min(m.cursor, max(len(m.skills)-1, 0))
		m.follow()
		return m, nil
	case common.WalletChangedMsg:
		m.req++
		return m, m.load()
	case copiedMsg:
		if msg.err != nil {
			return m, common.ToastErr(fmt.Errorf("could not copy the link: %w", msg.err))
		}
		return m, common.Toast(msg.res.String())
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			m.move(-1)
		case tea.MouseButtonWheelDown:
			m.move(1)
		}
		return m, nil
	case tea.KeyMsg:
		k := m.c.Keys
		if d, ok := k.List.Move(msg, m.visible(), len(m.skills)); ok {
			m.move(d)
			return m, nil
		}
		switch {
		case key.Matches(msg, k.Skills.Copy):
			return m, m.copy()
		}
	}
	return m, nil
}

// copy copies the selected skill's job-search link.
func (m *Model) copy() tea.Cmd {
	if len(m.skills) == 0 {
		return common.Toast("There is no skill to copy a job search for yet.")
	}
	link := jobSearch(m.skills[m.cursor])
	ctx, cp := m.c.Ctx, m.c.Svc.Copier
	return func() tea.Msg {
		res, err := cp.Copy(ctx, link)
		return copiedMsg{res: res, err: err}
	}
}

func jobSearch(s wallet.Skill) string {
	if s.JobSearch != "" {
		return s.JobSearch
	}
	return wallet.JobSearchURL(s.Name)
}

func (m *Model) move(d int) {
	m.cursor = min(max(m.cursor+d, 0), max(len(m.skills)-1, 0))
	m.follow()
}

// follow scrolls so that the cursor is on screen.
func (m *Model) follow() {
	v := m.visible()
	if m.cursor < m.top {
		m.top = m.cursor
	}
	if m.cursor >= m.top+v {
		m.top = m.cursor - v + 1
	}
	m.top = max(min(m.top, len(m.skills)-v), 0)
}

// View draws the page in Width×Height.
func (m *Model) View() string {
	st, w, h := m.c.Styles, m.c.Width, m.c.Height
	switch {
	case !m.loaded:
		return common.Fit(common.Centered(w, h, st.Faint.Render("Reading your skills…")), h)
	case m.err != nil:
		msg := common.Clean("Could not read your skills: "+m.err.Error(), max(w-4, 1))
		return common.Fit(common.Centered(w, h, st.Error.Render(msg)), h)
	case len(m.skills) == 0:
		msg := "No skills yet.\n\nSkills come from the badges you accept: when a badge names the skills it\n" +
			"shows (alignments or tags), they are listed here with a job search for each.\n\n" +
			"Accept badges in the Inbox, or import some from the Import page."
		return common.Fit(common.Centered(w, h, st.Empty.Render(msg)), h)
	}
	cols := m.columns
	var b strings.Builder
	title := fmt.Sprintf("%d %s from your accepted badges", len(m.skills), common.Plural(len(m.skills), "skill", "skills"))
	pos := fmt.Sprintf("%d of %d", m.cursor+1, len(m.skills))
	b.WriteString(" " + st.Title.Render(title) + common.Spaces(w-2-lipgloss.Width(title)-lipgloss.Width(pos)) + st.Meta.Render(pos) + "\n")
	head := "   " + st.Faint.Render(common.FitWidth("Skill", cols.name)) + " " + st.Faint.Render(common.FitWidth("Badges", cols.count)) + " " +
		st.Faint.Render("Shown by")
	b.WriteString(head + "\n")
	end := min(m.top+m.visible(), len(m.skills))
	for i := m.top; i < end; i++ {
		s := m.skills[i]
		bar := "  "
		name := st.Title.Render(common.FitWidth(common.Clean(s.Name, cols.name), cols.name))
		if i == m.cursor {
			bar = st.Bar.Render("▌") + " "
			name = st.Selected.Render(common.FitWidth(common.Clean(s.Name, cols.name), cols.name))
		}
		count := st.Count.Render(common.FitWidth(fmt.Sprintf("%d %s", len(s.Badges), common.Plural(len(s.Badges), "badge", "badges")), cols.count))
		shown := st.Meta.Render(common.Clean(strings.Join(s.Badges, " · "), cols.badges))
		b.WriteString(" " + bar + name + " " + count + " " + shown + "\n")
	}
	for i := end - m.top; i < m.visible(); i++ {
		b.WriteString("\n")
	}
	sel := m.skills[m.cursor]
	label := "Job search  "
	keyHint := "  " + st.Key.Render("c") + st.Faint.Render(" copy")
	link := common.Clean(jobSearch(sel), max(w-2-lipgloss.Width(label)-lipgloss.Width(keyHint), 1))
	b.WriteString(" " + st.Faint.Render(label) + st.Accent.Render(link) + keyHint)
	return common.Fit(b.String(), h)
}

var _ common.Page = (*Model)(nil)
