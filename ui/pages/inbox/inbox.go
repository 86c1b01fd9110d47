package inbox

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"badgewallet/ui/common"
	"badgewallet/ui/demo"
	"badgewallet/wallet"
)

// listLimit is the most pending (and rejected) badges loaded at once; the
// rest show as "and N more" until some are accepted or rejected.
const listLimit = 500

// kind is what a row of the list shows.
type kind int

const (
	kHeading  kind = iota
	kInfo          // a line of text in a section (an error, "and N more")
	kNote          // an award notification
	kPending       // a badge waiting to be accepted
	kRejected      // a rejected badge
)

// note is a notification and whether its badge is already in the wallet.
type note struct {
	demo.Notification
	claimed   bool
	claimedID int64 // the badge in the wallet, when claimed
}

// row is one entry of the list.
type row struct {
	kind  kind
	text  string // heading or info text
	err   bool   // info text is an error
	note  note
	badge wallet.Summary
}

func (r row) selectable() bool { return r.kind >= kNote }

// height is the lines a row takes: a heading one, an info line one and a
// blank line, an item two and a blank line.
func (r row) height() int {
	switch r.kind {
	case kHeading:
		return 1
	case kInfo:
		return 2
	}
	return 3
}

// loadedMsg carries what the inbox shows, loaded in the background.
type loadedMsg struct {
	req              int
	demo             bool
	notes            []note
	notesErr         error
	pending          wallet.Page
	rejected         wallet.Page
	err              error
	pendingAddressed int // pending badges addressed to the holder (of those loaded)
}

// doneMsg is the outcome of accept, reject, restore or accept all.
type doneMsg struct {
	toast string
	err   error
}

var _ common.Page = (*Model)(nil)

// Model is the Inbox page.
type Model struct {
	c common.Common

	req     int
	loaded  bool
	err     error
	data    loadedMsg
	rows    []row
	cursor  int // index in rows of the selected row (-1: none)
	top     int // first line on screen
	confirm int // > 0: asking "Accept all N badges…?"
}

// New returns the Inbox page.
func New(c common.Common) *Model { return &Model{c: c, cursor: -1} }

// Init loads the inbox.
func (m *Model) Init() tea.Cmd { return m.reload() }

// SetSize sets the page's size.
func (m *Model) SetSize(w, h int) {
	m.c.Width, m.c.Height = w, h
	m.follow()
}

// Count is the number of pending badges plus unclaimed notifications: the
// frame shows it in the tab.
func (m *Model) Count() int {
	n := m.data.pending.Total
	for _, x := range m.data.notes {
		if !x.claimed {
			n++
		}
	}
	return n
}

// reload starts loading everything the page shows.
func (m *Model) reload() tea.Cmd {
	m.req++
	req, ctx := m.req, m.c.Ctx
	svc := m.c.Svc
	if svc == nil || svc.Wallet == nil {
		return nil
	}
	w, dir, isDemo := svc.Wallet, svc.IssuerDir, svc.Issuer != nil
	rt := svc.Transport()
	return func() tea.Msg { return load(ctx, req, w, dir, isDemo, rt) }
}

// load reads the notifications (in demo mode), the pending badges and
// the rejected ones.
func load(ctx context.Context, req int, w *wallet.Wallet, dir string, isDemo bool, rt http.RoundTripper) loadedMsg {
	out := loadedMsg{req: req, demo: isDemo}
	var err error
	if out.pending, err = w.List(ctx, wallet.ListOptions{Acceptance: "pending", Limit: listLimit}); err != nil {
		out.err = err
		return out
	}
	if out.rejected, err = w.List(ctx, wallet.ListOptions{Acceptance: "rejected", Limit: listLimit}); err != nil {
		out.err = err
		return out
	}
	for _, b := range out.pending.Items {
		if !b.NotAddressed {
			out.pendingAddressed++
		}
	}
	if !isDemo {
		return out
	}
	ns, err := demo.Notifications(ctx, dir, w, rt)
	if err != nil {
		out.notesErr = err
		return out
	}
	for _, n := range ns {
		x := note{Notification: n}
		if n.Achievement != "" {
			x.claimedID, x.claimed = inWallet(ctx, w, n.Achievement, n.Issuer)
		}
		out.notes = append(out.notes, x)
	}
	return out
}

// inWallet finds a badge named name from issuer in the wallet (whatever
// its acceptance).
func inWallet(ctx context.Context, w *wallet.Wallet, name, issuer string) (int64, bool) {
	p, err := w.List(ctx, wallet.ListOptions{Search: name, Limit: 50})
	if err != nil {
		return 0, false
	}
	for _, b := range p.Items {
		if b.Name == name && (issuer == "" || b.IssuerName == issuer) {
			return b.ID, true
		}
	}
	return 0, false
}

// build turns the loaded data into rows, keeping the selection on the
// same item when it is still there.
func (m *Model) build() {
	var keep row
	if m.cursor >= 0 && m.cursor < len(m.rows) {
		keep = m.rows[m.cursor]
	}
	d := m.data
	var rows []row
	if d.demo && (len(d.notes) > 0 || d.notesErr != nil) {
		rows = append(rows, row{kind: kHeading, text: fmt.Sprintf("Messages from issuers · %d", len(d.notes))})
		if d.notesErr != nil {
			rows = append(rows, row{kind: kInfo, err: true, text: "✖ The demo issuer's mail could not be read: " + d.notesErr.Error()})
		}
		for _, n := range d.notes {
			rows = append(rows, row{kind: kNote, note: n})
		}
	}
	if d.pending.Total > 0 {
		rows = append(rows, row{kind: kHeading, text: fmt.Sprintf("Waiting for you · %d", d.pending.Total)})
		for _, b := range d.pending.Items {
			rows = append(rows, row{kind: kPending, badge: b})
		}
		if more := d.pending.Total - len(d.pending.Items); more > 0 {
			rows = append(rows, row{kind: kInfo, text: fmt.Sprintf("and %d more: accept or reject these to see them", more)})
		}
	}
	if d.rejected.Total > 0 {
		rows = append(rows, row{kind: kHeading, text: fmt.Sprintf("Rejected · %d · u puts one back in the inbox", d.rejected.Total)})
		for _, b := range d.rejected.Items {
			rows = append(rows, row{kind: kRejected, badge: b})
		}
		if more := d.rejected.Total - len(d.rejected.Items); more > 0 {
			rows = append(rows, row{kind: kInfo, text: fmt.Sprintf("and %d more", more)})
		}
	}
	old := m.cursor
	m.rows, m.cursor = rows, -1
	for i, r := range rows {
		if r.selectable() && r.kind == keep.kind && sameItem(r, keep) {
			m.cursor = i
		}
	}
	if m.cursor < 0 {
		m.cursor = m.nearest(max(old, 0))
	}
	m.follow()
}

func sameItem(a, b row) bool {
	if a.kind == kNote {
		return a.note.Claim == b.note.Claim
	}
	return a.badge.ID == b.badge.ID
}

// nearest is the selectable row at or after i, else before it (-1: none).
func (m *Model) nearest(i int) int {
	for j := min(i, len(m.rows)-1); j >= 0 && j < len(m.rows); j++ {
		if m.rows[j].selectable() {
			return j
		}
	}
	for j := min(i, len(m.rows)-1); j >= 0; j-- {
		if m.rows[j].selectable() {
			return j
		}
	}
	return -1
}

// move moves the cursor by d selectable rows, clamped.
func (m *Model) move(d int) {
	if m.cursor < 0 {
		return
	}
	step := 1
	if d < 0 {
		step, d = -1, -d
	}
	for ; d > 0; d-- {
		j := m.cursor + step
		for j >= 0 && j < len(m.rows) && !m.rows[j].selectable() {
			j += step
		}
		if j < 0 || j >= len(m.rows) {
			break
		}
		m.cursor = j
	}
	m.follow()
}

// selected is the selected row, if any.
func (m *Model) selected() (row, bool) {
	if m.cursor < 0 || m.cursor >= len(m.rows) {
		return row{}, false
	}
	return m.rows[m.cursor], true
}

// listHeight is the lines for the list (the last line is for the
// confirmation or an error).
func (m *Model) listHeight() int { return max(m.c.Height-1, 1) }

// lineOf is the first line of row i.
func (m *Model) lineOf(i int) int {
	n := 0
	for j := 0; j < i && j < len(m.rows); j++ {
		n += m.rows[j].height()
	}
	return n
}

// follow scrolls so the selected row (and its heading, when it is the
// first of a section) is on screen.
func (m *Model) follow() {
	if m.cursor < 0 {
		m.top = 0
		return
	}
	h := m.listHeight()
	start, end := m.lineOf(m.cursor), m.lineOf(m.cursor+1)-1 // the blank line may hide
	if m.cursor > 0 && m.rows[m.cursor-1].kind == kHeading {
		start = m.lineOf(m.cursor - 1)
	}
	if start < m.top {
		m.top = start
	}
	if end > m.top+h {
		m.top = end - h
	}
	m.top = max(min(m.top, m.lineOf(len(m.rows))-h), 0)
}

// Update handles keys, the mouse wheel, loads and the outcome of actions.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.WalletChangedMsg:
		return m, m.reload()
	case loadedMsg:
		if msg.req != m.req {
			return m, nil // stale
		}
		m.loaded = true
		m.err = msg.err
		if msg.err == nil {
			m.data = msg
			m.build()
		}
		return m, nil
	case doneMsg:
		if msg.err != nil {
			return m, common.ToastErr(msg.err)
		}
		return m, tea.Batch(common.Toast(msg.toast), common.Changed)
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			m.move(-1)
		case tea.MouseButtonWheelDown:
			m.move(1)
		}
		return m, nil
	case tea.KeyMsg:
		return m, m.key(msg)
	}
	return m, nil
}

// key handles one key press.
func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k, l := m.c.Keys.Inbox, m.c.Keys.List
	if m.confirm > 0 {
		switch {
		case key.Matches(msg, k.Yes):
			m.confirm = 0
			return m.acceptAll()
		case key.Matches(msg, k.No):
			m.confirm = 0
		}
		return nil
	}
	// A page is a third of the list's lines: items take three.
	if d, ok := l.Move(msg, max(m.listHeight()/3, 1), len(m.rows)); ok {
		m.move(d)
		return nil
	}
	switch {
	case key.Matches(msg, k.Reload):
		return m.reload()
	case key.Matches(msg, k.Paste):
		return common.Msg(common.OpenClaimMsg{})
	case key.Matches(msg, k.Open):
		return m.open()
	case key.Matches(msg, k.Accept):
		return m.act(opAccept)
	case key.Matches(msg, k.Reject):
		return m.act(opReject)
	case key.Matches(msg, k.Restore):
		return m.act(opRestore)
	case key.Matches(msg, k.AcceptAll):
		if !m.loaded {
			return nil
		}
		if m.data.pendingAddressed == 0 {
			if m.data.pending.Total > 0 {
				return common.Toast("None of the waiting badges is addressed to you: accept them one by one with a")
			}
			return common.Toast("No badges are waiting")
		}
		m.confirm = m.data.pendingAddressed
	}
	return nil
}

// open opens the selected item: a notification's claim, or a badge.
func (m *Model) open() tea.Cmd {
	r, ok := m.selected()
	if !ok {
		return nil
	}
	if r.kind == kNote {
		if r.note.claimed {
			return common.Msg(common.OpenBadgeMsg{ID: r.note.claimedID})
		}
		return common.Msg(common.OpenClaimMsg{URL: r.note.Claim})
	}
	return common.Msg(common.OpenBadgeMsg{ID: r.badge.ID})
}

// The actions on one badge.
const (
	opAccept = iota
	opReject
	opRestore
)

// act accepts, rejects or restores the selected badge.
func (m *Model) act(op int) tea.Cmd {
	r, ok := m.selected()
	if !ok {
		return nil
	}
	if r.kind == kNote {
		if r.note.claimed {
			return common.Toast("This badge is already in your wallet: enter opens it")
		}
		return common.Toast("Claim this badge first: press enter")
	}
	ctx, w, id := m.c.Ctx, m.c.Svc.Wallet, r.badge.ID
	name := "“" + common.Clean(r.badge.Name, 40) + "”"
	var do func(context.Context, int64) error
	var toast string
	switch {
	case op == opAccept:
		do, toast = w.Accept, "Accepted "+name+": it is in your wallet"
	case op == opReject && r.kind == kPending:
		do, toast = w.Reject, "Rejected "+name+": u in the Rejected section puts it back"
	case op == opRestore && r.kind == kRejected:
		do, toast = w.RestoreRejected, "Put "+name+" back in the inbox"
	case op == opRestore:
		return common.Toast("Only a rejected badge can be restored")
	default:
		return common.Toast("This badge is already rejected: u puts it back in the inbox")
	}
	return func() tea.Msg {
		if err := do(ctx, id); err != nil {
			return doneMsg{err: err}
		}
		return doneMsg{toast: toast}
	}
}

// acceptAll accepts every pending badge addressed to the holder.
func (m *Model) acceptAll() tea.Cmd {
	ctx, w := m.c.Ctx, m.c.Svc.Wallet
	return func() tea.Msg {
		n, skipped, err := w.AcceptAll(ctx)
		if err != nil {
			return doneMsg{err: fmt.Errorf("accept all stopped after %d: %w", n, err)}
		}
		t := "Accepted " + common.Counted(n, "badge", "badges")
		if skipped > 0 {
			t += fmt.Sprintf(" (%d not addressed to you %s left)", skipped, common.Plural(skipped, "was", "were"))
		}
		return doneMsg{toast: t}
	}
}

// ShortHelp lists the main keys.
func (m *Model) ShortHelp() []key.Binding {
	k, l := m.c.Keys.Inbox, m.c.Keys.List
	if m.confirm > 0 {
		return []key.Binding{k.Yes, k.No}
	}
	return []key.Binding{l.Up, l.Down, k.Open, k.Accept, k.Reject, k.AcceptAll, k.Paste}
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	k, l := m.c.Keys.Inbox, m.c.Keys.List
	if m.confirm > 0 {
		return [][]key.Binding{{k.Yes, k.No}}
	}
	return [][]key.Binding{
		{l.Up, l.Down, l.PageUp, l.PageDown, l.Home, l.End},
		{k.Open, k.Accept, k.Reject, k.AcceptAll},
		{k.Restore, k.Paste, k.Reload},
	}
}

// View draws the page in exactly Width×Height.
func (m *Model) View() string {
	st, w, h := m.c.Styles, m.c.Width, m.c.Height
	if !m.loaded {
		return common.Fit(" "+st.Faint.Render("Opening the inbox…"), h)
	}
	if m.err != nil {
		msg := st.Error.Render(common.Clean("✖ The inbox could not be read: "+m.err.Error(), w-4)) + "\n\n" +
			st.Faint.Render("r tries again")
		return common.Fit(common.Centered(w, h, msg), h)
	}
	if len(m.rows) == 0 {
		msg := "Nothing waiting. Badges sent to you appear here; c claims a link."
		return common.Fit(common.Centered(w, h, st.Empty.Render(common.Clean(msg, w-2))), h)
	}
	lh := m.listHeight()
	var lines []string
	line := 0
	for i, r := range m.rows {
		rh := r.height()
		if line+rh <= m.top {
			line += rh
			continue
		}
		if line >= m.top+lh {
			break
		}
		if r.kind == kHeading && i+1 < len(m.rows) && line+m.rows[i+1].height() > m.top+lh {
			break // no heading without its first item under it
		}
		for j, s := range m.renderRow(i, r) {
			if line+j >= m.top && line+j < m.top+lh {
				lines = append(lines, s)
			}
		}
		line += rh
	}
	lines = append(lines, make([]string, max(lh-len(lines), 0))...)
	lines = append(lines, m.footer())
	return common.Fit(strings.Join(lines, "\n"), h)
}

// footer is the last line: the accept-all question, or where the list
// goes on.
func (m *Model) footer() string {
	st := m.c.Styles
	if m.confirm > 0 {
		q := fmt.Sprintf("Accept all %s addressed to you?", common.Counted(m.confirm, "badge", "badges"))
		return " " + st.Title.Render(q) + "  " + st.Key.Render("y") + st.Faint.Render(" yes · ") + st.Key.Render("n") + st.Faint.Render(" no")
	}
	if total := m.lineOf(len(m.rows)); total > m.top+m.listHeight() {
		return " " + st.Faint.Render("↓ more below")
	}
	return ""
}

// renderRow draws row i as its lines.
func (m *Model) renderRow(i int, r row) []string {
	st, w := m.c.Styles, m.c.Width
	inner := max(w-4, 10)
	switch r.kind {
	case kHeading:
		return []string{" " + st.Heading.Render(common.Clean(r.text, w-2))}
	case kInfo:
		style := st.Faint
		if r.err {
			style = st.Error
		}
		return []string{"   " + style.Render(common.Clean(r.text, w-4)), ""}
	}
	sel := i == m.cursor
	bar := "   "
	if sel {
		bar = " " + st.Bar.Render("▌") + " "
	}
	var title, meta, right string
	rightStyle := st.Faint
	switch r.kind {
	case kNote:
		n := r.note
		title = n.Achievement
		if title == "" {
			title = n.Subject
		}
		title = "✉ " + common.Clean(title, inner)
		parts := []string{}
		if n.Issuer != "" {
			parts = append(parts, common.Clean(n.Issuer, 30))
		}
		parts = append(parts, "to "+common.Clean(n.To, 40), n.Sent.Format("2 Jan 2006"))
		switch {
		case n.Err != "":
			parts = append(parts, "✖ the claim link could not be read: "+common.Clean(n.Err, inner))
			right, rightStyle = "✖ unreadable", st.Error
		case n.claimed:
			parts = append(parts, "enter opens it")
			right, rightStyle = "✔ claimed", st.Verified
		default:
			parts = append(parts, "enter claims it")
			right, rightStyle = "● new", st.Accent
		}
		meta = strings.Join(parts, " · ")
	default:
		b := r.badge
		name := common.Clean(b.Name, inner)
		if name == "" {
			name = "(no name)"
		}
		title = name
		parts := []string{}
		if is := common.Clean(b.IssuerName, 30); is != "" {
			parts = append(parts, is)
		} else if id := common.Clean(b.IssuerID, 30); id != "" {
			parts = append(parts, id)
		}
		if !b.Issued.IsZero() {
			parts = append(parts, b.Issued.Format("Jan 2006"))
		}
		if !b.NotAddressed || b.Verification != "recipient-mismatch" { // said below
			parts = append(parts, common.VerificationWord(b.Verification))
		}
		if b.NotAddressed {
			to := common.Clean(b.Named, 32)
			switch {
			case strings.Contains(b.Named, "$"): // sha256$…: hashed
				to = "a hashed address"
			case to == "":
				to = "someone else"
			}
			parts = append(parts, "⚠ sent to "+to+" — not one of your addresses")
		}
		meta = strings.Join(parts, " · ")
		if r.kind == kRejected {
			right = "⊘ rejected"
		} else {
			right, rightStyle = "⌛ pending", st.Pending
		}
	}
	titleW := inner - lipgloss.Width(right) - 2
	title = common.Clean(title, titleW)
	gap := max(inner-lipgloss.Width(title)-lipgloss.Width(right), 1)
	tStyle := st.Title
	if sel {
		tStyle = st.Selected
	} else if r.kind == kRejected {
		tStyle = st.Faint
	}
	first := bar + tStyle.Render(title) + strings.Repeat(" ", gap) + rightStyle.Render(right)
	second := bar + st.Meta.Render(common.Clean(meta, inner))
	return []string{first, second, ""}
}
