package list

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"badgewallet/ui/common"
	"badgewallet/wallet"
)

const (
	rowLines    = 3   // two lines of text and a blank line
	thumbCols   = 4   // row thumbnail, cells
	thumbRows   = 2   //
	previewMin  = 100 // from this width the preview sits beside the list
	minPreview  = 40  // preview column, cells: from 40 at 100 columns
	maxPreview  = 72  // to 72 on wide terminals
	maxPictures = 256 // decoded pictures kept
)

// sorts is the order "o" cycles through, with the words the status line
// uses for each direction.
var sorts = []struct {
	key, asc, desc string
	defDesc        bool
}{
	{"added", "oldest first", "newest first", true},
	{"issued", "issued, oldest first", "issued, newest first", true},
	{"name", "by name A→Z", "by name Z→A", false},
	{"issuer", "by issuer A→Z", "by issuer Z→A", false},
	{"expires", "expiring first", "expiring last", false},
}

// pageMsg carries one page of badges loaded in the background.
type pageMsg struct {
	req     int
	page    wallet.Page
	sortIdx int // the order the page is in
	desc    bool
	err     error
}

// pictureMsg carries one badge's artwork, drawn in the Cmd at both
// sizes (the decoded image is not kept: a screenful of strings is small).
type pictureMsg struct {
	id         int64
	small, big string
	cols       int // the preview size it was drawn for
}

// actionMsg is the end of a change made from the list (privacy, verify)
// to badge id.
type actionMsg struct {
	id   int64
	text string
	err  error
}

// Model is the Wallet page.
type Model struct {
	c common.Common

	filter    textinput.Model
	filtering bool // the filter input has focus
	fuzzy     bool // the filter found nothing as typed: letters in order
	sortIdx   int  // the order asked for
	desc      bool //
	shownSort int  // the order of the rows on screen (until the new
	shownDesc bool // order's rows arrive, the status line says so)

	req     int  // id of the newest page request; older answers are dropped
	loading bool // a request is in flight
	loaded  bool // at least one page arrived
	err     error

	all     int // badges in the wallet (accepted), known when unfiltered
	total   int // badges matching the filter
	rows    []wallet.Summary
	rowsOff int // absolute index of rows[0]
	cursor  int // absolute index of the selected badge
	top     int // absolute index of the first row on screen

	previewW int               // preview column width (0: no preview)
	artCols  int               // preview artwork size, cells
	artRows  int               //
	pictures map[int64]picture // drawn artwork by badge id
	asked    map[int64]bool    // pictures requested and not yet arrived
	busy     map[int64]string  // badges being verified or changed: what is happening

	// resized: SetSize changed what is on screen; the next Update asks
	// for the rows and pictures it lacks (SetSize cannot return a Cmd).
	resized bool
}

type picture struct {
	small string // row thumbnail
	big   string // preview artwork
	used  int    // for eviction: the page request that last showed it
}

// New returns the Wallet page.
func New(c common.Common) *Model {
	ti := textinput.New()
	ti.Prompt = "/ "
	ti.Placeholder = "words in the name, issuer or description"
	ti.CharLimit = 200
	ti.Cursor.SetMode(cursor.CursorStatic) // no blink: a keystroke costs one frame, not a timer too
	m := &Model{c: c, filter: ti, desc: true, shownDesc: true, req: 1, loading: true,
		pictures: map[int64]picture{}, asked: map[int64]bool{}, busy: map[int64]string{}}
	m.SetSize(c.Width, c.Height)
	return m
}

// SetSize sets the page's size and keeps the cursor on screen.
func (m *Model) SetSize(w, h int) {
	m.c.Width, m.c.Height = w, h
	pw, cols := 0, 16
	if w >= previewMin {
		pw = min(max(w*2/5, minPreview), maxPreview)
		cols = min(max(pw/2-4, 16), 32)
	}
	if cols != m.artCols {
		m.pictures = map[int64]picture{} // drawn for the old size
	}
	m.previewW, m.artCols, m.artRows = pw, cols, cols/2
	// Room for the order and position on the right of the status line
	// ("issued, newest first · 100000 of 100000").
	m.filter.Width = max(w-44, 10)
	m.scroll()
	m.resized = true
}

// Capturing reports whether the filter input has the keyboard.
func (m *Model) Capturing() bool { return m.filtering }

// All is the number of accepted badges in the wallet (for the tab).
func (m *Model) All() int { return m.all }

// Selected returns the badge under the cursor, if one is loaded.
func (m *Model) Selected() (wallet.Summary, bool) {
	j := m.cursor - m.rowsOff
	if m.total == 0 || j < 0 || j >= len(m.rows) {
		return wallet.Summary{}, false
	}
	return m.rows[j], true
}

// Init loads the first page.
func (m *Model) Init() tea.Cmd {
	return m.load(m.req, 0, m.window())
}

// window is how many rows one request asks for.
func (m *Model) window() int { return max(3*m.visible(), 50) }

func (m *Model) query(offset, limit int) wallet.ListOptions {
	s := sorts[m.sortIdx]
	return wallet.ListOptions{Search: m.filter.Value(), Fuzzy: m.fuzzy, Acceptance: "accepted", Sort: s.key, Desc: m.desc, Offset: offset, Limit: limit}
}

// load returns a Cmd that fetches one page. It captures copies of what it
// needs, never the model.
func (m *Model) load(req, offset, limit int) tea.Cmd {
	ctx, w, q, sortIdx, desc := m.c.Ctx, m.c.Svc.Wallet, m.query(offset, limit), m.sortIdx, m.desc
	return func() tea.Msg {
		p, err := w.List(ctx, q)
		return pageMsg{req: req, page: p, sortIdx: sortIdx, desc: desc, err: err}
	}
}

// reload asks again for the rows around the cursor (a new request id).
func (m *Model) reload() tea.Cmd {
	m.req++
	m.loading = true
	return m.load(m.req, max(m.top-m.visible(), 0), m.window())
}

// restart runs the query from the first row (filter or sort changed).
func (m *Model) restart() tea.Cmd {
	m.req++
	m.loading = true
	m.cursor, m.top = 0, 0
	return m.load(m.req, 0, m.window())
}

// visible is how many badges fit on screen.
func (m *Model) visible() int {
	return max((m.c.Height-2)/rowLines, 1) // status line and a blank line
}

// Update handles keys, the mouse and loaded data; after a resize it also
// asks for what the new size shows and is not loaded.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	if m.resized {
		m.resized = false
		if !m.loading { // else the answer in flight clamps again
			cmd = tea.Batch(cmd, m.clamp())
		}
		cmd = tea.Batch(cmd, m.pictureCmds())
	}
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case pageMsg:
		if msg.req != m.req {
			return nil // stale
		}
		m.loading = false
		if msg.err != nil {
			m.err = msg.err
			return nil
		}
		if msg.page.Total == 0 && !m.fuzzy && strings.TrimSpace(m.filter.Value()) != "" {
			// Nothing as typed: look for the letters in order ("ccf").
			m.fuzzy = true
			return m.restart()
		}
		m.err, m.loaded = nil, true
		m.total, m.rows, m.rowsOff = msg.page.Total, msg.page.Items, msg.page.Offset
		m.shownSort, m.shownDesc = msg.sortIdx, msg.desc
		if strings.TrimSpace(m.filter.Value()) == "" {
			m.all = m.total
		}
		return tea.Batch(m.clamp(), m.pictureCmds())
	case pictureMsg:
		delete(m.asked, msg.id)
		if msg.cols != m.artCols {
			return m.pictureCmds() // resized meanwhile: draw again
		}
		m.pictures[msg.id] = picture{small: msg.small, big: msg.big, used: m.req}
		m.evict()
		return nil
	case actionMsg:
		if msg.err != nil {
			delete(m.busy, msg.id) // no WalletChangedMsg will clear it
			return tea.Batch(common.ToastErr(msg.err), m.reload())
		}
		return tea.Batch(common.Toast(msg.text), common.Changed)
	case common.WalletChangedMsg:
		m.busy = map[int64]string{}
		return m.reload()
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			return m.move(-1)
		case tea.MouseButtonWheelDown:
			return m.move(1)
		}
	case tea.KeyMsg:
		if m.filtering {
			return m.updateFilter(msg)
		}
		return m.key(msg)
	}
	return nil
}

// updateFilter passes a key to the filter input; each change of the text
// starts a new query (older answers are dropped by request id).
func (m *Model) updateFilter(msg tea.KeyMsg) tea.Cmd {
	switch msg.Type {
	case tea.KeyEnter, tea.KeyDown, tea.KeyUp:
		m.filtering = false
		m.filter.Blur()
		if msg.Type != tea.KeyEnter {
			return m.key(msg)
		}
		return nil
	case tea.KeyEsc:
		m.filtering = false
		m.filter.Blur()
		if m.filter.Value() == "" {
			return nil
		}
		m.filter.SetValue("")
		m.fuzzy = false
		return m.restart()
	}
	before := m.filter.Value()
	var cmd tea.Cmd
	m.filter, cmd = m.filter.Update(msg)
	if m.filter.Value() == before {
		return cmd
	}
	m.fuzzy = false
	return tea.Batch(cmd, m.restart())
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k, l := m.c.Keys.Wallet, m.c.Keys.List
	switch {
	case key.Matches(msg, l.Up):
		return m.move(-1)
	case key.Matches(msg, l.Down):
		return m.move(1)
	case key.Matches(msg, l.PageUp):
		return m.move(-m.visible())
	case key.Matches(msg, l.PageDown):
		return m.move(m.visible())
	case key.Matches(msg, l.Home):
		return m.move(-m.cursor)
	case key.Matches(msg, l.End):
		return m.move(m.total)
	case key.Matches(msg, k.Filter):
		m.filtering = true
		return m.filter.Focus()
	case key.Matches(msg, k.ClearFilter):
		if m.filter.Value() == "" {
			return nil
		}
		m.filter.SetValue("")
		m.fuzzy = false
		return m.restart()
	case key.Matches(msg, k.Sort):
		m.sortIdx = (m.sortIdx + 1) % len(sorts)
		m.desc = sorts[m.sortIdx].defDesc
		return m.restart()
	case key.Matches(msg, k.Reverse):
		m.desc = !m.desc
		return m.restart()
	case key.Matches(msg, k.Reload):
		return m.reload()
	}
	b, ok := m.Selected()
	if !ok {
		return nil
	}
	switch {
	case key.Matches(msg, k.Open):
		return common.Msg(common.OpenBadgeMsg{ID: b.ID})
	case key.Matches(msg, k.Share):
		return common.Msg(common.OpenShareMsg{ID: b.ID})
	case key.Matches(msg, k.Privacy):
		return m.togglePrivacy(b)
	case key.Matches(msg, k.Verify):
		return m.verify(b)
	}
	return nil
}

// togglePrivacy makes the selected badge public or private.
func (m *Model) togglePrivacy(b wallet.Summary) tea.Cmd {
	ctx, w, public := m.c.Ctx, m.c.Svc.Wallet, b.Privacy != "public"
	name := common.Clean(b.Name, 60)
	word := "private"
	if public {
		word = "public"
	}
	m.busy[b.ID] = "making it " + word
	return func() tea.Msg {
		if err := w.SetPrivacy(ctx, b.ID, public); err != nil {
			return actionMsg{id: b.ID, err: fmt.Errorf("could not make %q %s: %w", name, word, err)}
		}
		return actionMsg{id: b.ID, text: fmt.Sprintf("%q is now %s", name, word)}
	}
}

// verify checks the selected badge again and keeps the report.
func (m *Model) verify(b wallet.Summary) tea.Cmd {
	ctx, w, o := m.c.Ctx, m.c.Svc.Wallet, m.c.Svc.VerifyOptions()
	name := common.Clean(b.Name, 60)
	m.busy[b.ID] = "checking"
	return func() tea.Msg {
		res, err := w.Refresh(ctx, b.ID, o, nil)
		if err != nil {
			return actionMsg{id: b.ID, err: fmt.Errorf("could not verify %q: %w", name, err)}
		}
		if len(res) == 0 {
			return actionMsg{id: b.ID, err: errors.New("the badge is no longer in the wallet")}
		}
		return actionMsg{id: b.ID, text: fmt.Sprintf("%q: %s", name, common.VerificationWord(string(res[0].Verdict)))}
	}
}

// move moves the cursor by d rows, clamped.
func (m *Model) move(d int) tea.Cmd {
	m.cursor = min(max(m.cursor+d, 0), max(m.total-1, 0))
	return tea.Batch(m.clamp(), m.pictureCmds())
}

// clamp scrolls so the cursor is on screen and asks for the rows on
// screen if they are not loaded.
func (m *Model) clamp() tea.Cmd {
	m.scroll()
	end := min(m.top+m.visible(), m.total)
	if !m.loaded || (m.top >= m.rowsOff && end <= m.rowsOff+len(m.rows)) {
		return nil
	}
	return m.reload()
}

// scroll keeps the cursor in range and on screen.
func (m *Model) scroll() {
	v := m.visible()
	m.cursor = min(m.cursor, max(m.total-1, 0))
	if m.cursor < m.top {
		m.top = m.cursor
	}
	if m.cursor >= m.top+v {
		m.top = m.cursor - v + 1
	}
	m.top = max(min(m.top, m.total-v), 0)
}

// pictureCmds asks for the pictures of the rows on screen not yet loaded.
func (m *Model) pictureCmds() tea.Cmd {
	var cmds []tea.Cmd
	ctx, w, cols, rows := m.c.Ctx, m.c.Svc.Wallet, m.artCols, m.artRows
	for i := m.top; i < min(m.top+m.visible(), m.total); i++ {
		j := i - m.rowsOff
		if j < 0 || j >= len(m.rows) {
			continue
		}
		id, name := m.rows[j].ID, m.rows[j].Name
		if p, ok := m.pictures[id]; ok {
			p.used = m.req
			m.pictures[id] = p
			continue
		}
		if m.asked[id] {
			continue
		}
		m.asked[id] = true
		cmds = append(cmds, func() tea.Msg {
			img, err := common.LoadPicture(ctx, w, id)
			if err != nil {
				img = nil // the initials stand in
			}
			return pictureMsg{id: id, small: common.Artwork(img, name, thumbCols, thumbRows), big: common.Artwork(img, name, cols, rows), cols: cols}
		})
	}
	return tea.Batch(cmds...)
}

// evict drops the pictures least recently shown beyond maxPictures.
func (m *Model) evict() {
	for len(m.pictures) > maxPictures {
		var oldest int64
		first := true
		for id, p := range m.pictures {
			if first || p.used < m.pictures[oldest].used {
				oldest, first = id, false
			}
		}
		delete(m.pictures, oldest)
	}
}

// thumbs returns the row and preview artwork for b: the initials until
// its picture arrives.
func (m *Model) thumbs(b wallet.Summary) (small, big string) {
	if p, ok := m.pictures[b.ID]; ok {
		return p.small, p.big
	}
	return common.InitialsBox(b.Name, thumbCols, thumbRows), common.InitialsBox(b.Name, m.artCols, m.artRows)
}

// ShortHelp is the footer's one line.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys.Wallet
	if m.filtering {
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "done")), key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear"))}
	}
	return []key.Binding{m.c.Keys.List.Down, k.Open, k.Filter, k.Share, k.Privacy, k.Sort}
}

// FullHelp is every key of the page.
func (m *Model) FullHelp() [][]key.Binding {
	k, l := m.c.Keys.Wallet, m.c.Keys.List
	return [][]key.Binding{{l.Up, l.Down, l.PageUp, l.PageDown, l.Home, l.End}, {k.Open, k.Share, k.Privacy, k.Verify}, {k.Filter, k.ClearFilter, k.Sort, k.Reverse, k.Reload}}
}

// listWidth is the width of the list column.
func (m *Model) listWidth() int {
	if m.c.Width >= previewMin {
		return m.c.Width - m.previewW - 3
	}
	return m.c.Width
}

// View draws the status line, the list and, when there is room, the
// preview, in exactly Height lines.
func (m *Model) View() string { return common.Fit(m.view(), m.c.Height) }

func (m *Model) view() string {
	st := m.c.Styles
	h := max(m.c.Height, 3) // status, blank, a row; View cuts to Height
	status := m.statusLine()
	if m.loaded && m.total == 0 {
		msg := "Your wallet is empty.\n\nBadges you claim or import appear here:\n2 opens the inbox · 5 imports files"
		if m.filter.Value() != "" {
			msg = "No badge matches “" + common.Clean(m.filter.Value(), 40) + "”.\n\nesc clears the filter."
		}
		return status + "\n" + common.Centered(m.c.Width, h-1, st.Empty.Render(msg))
	}
	if m.err != nil && !m.loaded {
		return status + "\n" + common.Centered(m.c.Width, h-1, st.Error.Render(common.Clean("Could not read the wallet: "+m.err.Error(), m.c.Width-4)+"\n\nr tries again."))
	}
	list := m.rowsView(h - 2)
	if m.c.Width < previewMin {
		return status + "\n\n" + list
	}
	sep := st.Rule.Render(strings.Repeat("│\n", max(h-3, 0)) + "│")
	body := lipgloss.JoinHorizontal(lipgloss.Top, list, " ", sep, " ", m.preview(h-2))
	return status + "\n\n" + body
}

// statusLine is the filter on the left and the order and position on the
// right.
func (m *Model) statusLine() string {
	st := m.c.Styles
	var left string
	switch {
	case m.filtering:
		left = m.filter.View()
	case m.filter.Value() != "":
		left = st.Accent.Render("/ ") + common.Clean(m.filter.Value(), 40)
	default:
		left = st.Faint.Render("/ to filter")
	}
	s := sorts[m.shownSort]
	order := s.asc
	if m.shownDesc {
		order = s.desc
	}
	if m.shownSort != m.sortIdx || m.shownDesc != m.desc {
		order += " · sorting…" // the rows on screen are still in the old order
	}
	if m.fuzzy {
		order = "letters in order · " + order
	}
	right := order
	switch {
	case !m.loaded && m.err == nil:
		right = "opening the wallet…"
	case m.total > 0:
		right = fmt.Sprintf("%s · %s of %s", order, common.Count(m.cursor+1), common.Count(m.total))
	case m.loading:
		right = order + " · searching…"
	}
	right = st.Meta.Render(right)
	if room := m.c.Width - lipgloss.Width(right) - 1; lipgloss.Width(left) > room {
		left = ansi.Truncate(left, max(room, 0), "…") // the order and position stay
	}
	gap := max(m.c.Width-lipgloss.Width(left)-lipgloss.Width(right), 1)
	return left + strings.Repeat(" ", gap) + right
}

// rowsView draws the rows on screen in exactly h lines of listWidth cells.
func (m *Model) rowsView(h int) string {
	st := m.c.Styles
	width := m.listWidth()
	textW := width - 2 - thumbCols - 1 // bar, space, thumbnail, space
	lines := make([]string, 0, h)
	for i := m.top; i < m.total && len(lines)+2 <= h; i++ {
		j := i - m.rowsOff
		if j < 0 || j >= len(m.rows) {
			lines = append(lines, "  "+st.Faint.Render("…"), "", "")
			continue
		}
		b := m.rows[j]
		small, _ := m.thumbs(b)
		art := strings.SplitN(small+"\n", "\n", 3)
		state := m.stateWord(b)
		stateW := max(13, lipgloss.Width(state)) // "✖ recipient mismatch" takes more
		name := common.Clean(b.Name, textW-stateW-1)
		if name == "" {
			name = "(no name)"
		}
		meta := common.Clean(m.metaLine(b), textW-9)
		privacy := b.Privacy
		bar := "  "
		nameSt := st.Title
		if i == m.cursor {
			bar = st.Bar.Render("▌") + " "
			nameSt = st.Selected
		}
		l1 := bar + art[0] + " " + pad(nameSt.Render(name), textW-stateW) + st.VerificationStyle(b.Verification).Render(padLeft(state, stateW))
		l2 := bar + art[1] + " " + pad(st.Meta.Render(meta), textW-8) + st.Meta.Render(padLeft(privacy, 8))
		lines = append(lines, l1, l2, "")
	}
	return common.Fit(strings.Join(lines, "\n"), h)
}

// stateWord is the verification column: a glyph and a word, or what is
// happening to the badge now.
func (m *Model) stateWord(b wallet.Summary) string {
	if w, ok := m.busy[b.ID]; ok && w == "checking" {
		return common.VerificationWord("checking")
	}
	return common.VerificationWord(b.Verification)
}

// metaLine is a row's second line: issuer · date, and "expired".
func (m *Model) metaLine(b wallet.Summary) string {
	parts := []string{}
	if is := common.Clean(b.IssuerName, 60); is != "" {
		parts = append(parts, is)
	} else if id := common.Clean(b.IssuerID, 60); id != "" {
		parts = append(parts, id)
	}
	if !b.Issued.IsZero() {
		parts = append(parts, b.Issued.Format("Jan 2006"))
	}
	if !b.Expires.IsZero() && b.Expires.Before(m.c.Now()) {
		parts = append(parts, "⌛ expired")
	}
	return strings.Join(parts, " · ")
}

// preview draws the selected badge beside the list.
func (m *Model) preview(h int) string {
	st := m.c.Styles
	b, ok := m.Selected()
	if !ok {
		return common.Fit("", h)
	}
	w := m.previewW
	_, big := m.thumbs(b)
	var out []string
	out = append(out, strings.Split(big, "\n")...)
	out = append(out, "")
	name := common.Clean(b.Name, 200)
	if name == "" {
		name = "(no name)"
	}
	out = append(out, wrap(st.Title, name, w, 2)...)
	issuer := common.Clean(b.IssuerName, w)
	if issuer == "" {
		issuer = common.Clean(b.IssuerID, w)
	}
	out = append(out, st.Meta.Render(issuer))
	if !b.Issued.IsZero() {
		out = append(out, "Issued "+b.Issued.Format("2 Jan 2006"))
	}
	if !b.Expires.IsZero() {
		word := "Expires "
		if b.Expires.Before(m.c.Now()) {
			word = "⌛ Expired "
		}
		out = append(out, word+b.Expires.Format("2 Jan 2006"))
	}
	v := common.VerificationWord(b.Verification)
	if !b.VerifiedAt.IsZero() {
		v += " · checked " + ago(m.c.Now(), b.VerifiedAt)
	}
	if busy, ok := m.busy[b.ID]; ok {
		v = "⟳ " + busy + "…"
	}
	out = append(out, st.VerificationStyle(b.Verification).Render(common.Clean(v, w)))
	out = append(out, st.Meta.Render(common.Clean(fmt.Sprintf("%s · OB %s · %s", b.Privacy, b.Spec, b.Container), w)))
	if b.NotAddressed {
		out = append(out, st.Pending.Render(common.Clean("sent to "+b.Named+" — not one of your addresses", w)))
	}
	if d := common.Clean(b.Description, 1000); d != "" && len(out) < h-2 {
		out = append(out, "")
		out = append(out, wrap(st.Faint, d, w, h-len(out))...)
	}
	return common.Fit(strings.Join(out, "\n"), h)
}

// wrap word-wraps s to w cells, at most n lines (the last cut with "…").
func wrap(style lipgloss.Style, s string, w, n int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case lipgloss.Width(line)+1+lipgloss.Width(word) <= w:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	if len(lines) > n {
		lines = lines[:n]
		lines[n-1] = common.Clean(lines[n-1]+" …", w)
	}
	for i := range lines {
		lines[i] = style.Render(common.Clean(lines[i], w))
	}
	return lines
}

// ago says how long ago t was, in words.
func ago(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d.Minutes()))
	case d < 24*time.Hour:
		return fmt.Sprintf("%d h ago", int(d.Hours()))
	}
	return t.Format("2 Jan 2006")
}

// pad pads styled s with spaces to w cells.
func pad(s string, w int) string {
	return s + strings.Repeat(" ", max(w-lipgloss.Width(s), 0))
}

// padLeft right-aligns s in w cells.
func padLeft(s string, w int) string {
	return strings.Repeat(" ", max(w-lipgloss.Width(s), 0)) + s
}

var _ common.Page = (*Model)(nil)
