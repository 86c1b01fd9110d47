package settings

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"badgewallet/issuer"
	"badgewallet/ui/common"
	"badgewallet/ui/demo"
	"badgewallet/wallet"
)

// DemoEmail is the address demo mode uses when the wallet has no email
// identity.
const DemoEmail = "demo@example.com"

// values are the settings as read from the wallet.
type values struct {
	profilePublic bool
	autoAll       bool
	issuers       []issuerValue
	baseURL       string
	identities    []wallet.Identity
}

// issuerValue is the auto-accept value of one issuer with badges in the
// wallet.
type issuerValue struct {
	id, name string
	on       bool
}

// loadedMsg carries the settings read in the background.
type loadedMsg struct {
	req int
	v   values
	err error
}

// doneMsg is the result of one change.
type doneMsg struct {
	text     string
	err      error
	input    int  // the text input session the change came from (0: none)
	demoDone bool // the end of a demo mode switch
	changed  bool
	demo     *common.DemoMsg
}

// claimMsg carries the claim link that confirms an email identity.
type claimMsg struct {
	url string
	err error
}

// rowKind is what a row of the list shows.
type rowKind int

const (
	rowProfile rowKind = iota
	rowBaseURL
	rowAutoAll
	rowAutoIssuer
	rowIdentity
	rowDemo
)

// row is one selectable line of the list.
type row struct {
	kind     rowKind
	section  string
	issuer   issuerValue
	identity wallet.Identity
}

// mode is what the text input, if open, is for.
type mode int

const (
	modeNone mode = iota
	modeBaseURL
	modeAdd
	modeMerge
)

// Model is the Settings page.
type Model struct {
	c common.Common

	req    int
	loaded bool
	err    error
	v      values
	rows   []row
	cursor int
	top    int

	mode     mode
	input    textinput.Model
	inputID  int // the input's session: opening it again starts another
	inputErr string
	busy     bool // a change from the input is being saved

	switching bool // demo mode is being turned on or off
}

// New returns the Settings page; Init reads the settings.
func New(c common.Common) *Model {
	in := textinput.New()
	in.Prompt = "› "
	in.PromptStyle = c.Styles.Input
	in.PlaceholderStyle = c.Styles.Faint
	in.Cursor.SetMode(cursor.CursorStatic)
	in.CharLimit = 2048
	m := &Model{c: c, req: 1, input: in}
	m.layout()
	return m
}

// Init reads the settings.
func (m *Model) Init() tea.Cmd { return m.load() }

// load returns a Cmd reading every setting; it captures copies, never m.
func (m *Model) load() tea.Cmd {
	ctx, w, req := m.c.Ctx, m.c.Svc.Wallet, m.req
	return func() tea.Msg {
		v, err := read(ctx, w)
		return loadedMsg{req: req, v: v, err: err}
	}
}

// read reads the settings shown on the page.
func read(ctx context.Context, w *wallet.Wallet) (values, error) {
	var v values
	var err error
	if v.profilePublic, err = w.ProfilePublic(ctx); err != nil {
		return v, err
	}
	if v.autoAll, err = w.AutoAccepts(ctx, ""); err != nil {
		return v, err
	}
	if v.baseURL, err = w.BaseURL(ctx); err != nil {
		return v, err
	}
	if v.identities, err = w.Identities(ctx); err != nil {
		return v, err
	}
	if v.issuers, err = issuers(ctx, w); err != nil {
		return v, err
	}
	for i := range v.issuers {
		if v.issuers[i].on, err = w.AutoAccepts(ctx, v.issuers[i].id); err != nil {
			return v, err
		}
	}
	return v, nil
}

// issuers lists the issuers of the badges in the wallet, by name.
func issuers(ctx context.Context, w *wallet.Wallet) ([]issuerValue, error) {
	list, err := w.Issuers(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]issuerValue, len(list))
	for i, is := range list {
		out[i] = issuerValue{id: is.ID, name: is.Name}
	}
	return out, nil
}

// same reports whether a and b show the same setting, issuer or identity.
func same(a, b row) bool {
	return a.kind == b.kind && a.issuer.id == b.issuer.id && a.identity.Value == b.identity.Value
}

// rebuild lays the values out as rows, keeping the cursor on the same
// row when it is still there (an issuer or identity added above it does
// not move it), else on the same index.
func (m *Model) rebuild() {
	was, had := m.selected()
	v := m.v
	rows := []row{
		{kind: rowProfile, section: "Sharing"},
		{kind: rowBaseURL, section: "Sharing"},
		{kind: rowAutoAll, section: "Receiving badges"},
	}
	for _, is := range v.issuers {
		rows = append(rows, row{kind: rowAutoIssuer, section: "Receiving badges", issuer: is})
	}
	for _, id := range v.identities {
		rows = append(rows, row{kind: rowIdentity, section: "Identities", identity: id})
	}
	rows = append(rows, row{kind: rowDemo, section: "Demo"})
	m.rows = rows
	m.cursor = min(m.cursor, len(rows)-1)
	for i, r := range rows {
		if had && same(r, was) {
			m.cursor = i
			break
		}
	}
	m.follow()
}

// SetSize sets the page size.
func (m *Model) SetSize(width, height int) {
	m.c.Width, m.c.Height = width, height
	m.layout()
	m.follow()
}

func (m *Model) layout() { m.input.Width = max(m.c.Width-8, 10) }

// Capturing is true while a text input has focus.
func (m *Model) Capturing() bool { return m.mode != modeNone }

// ShortHelp lists the page's main keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	if m.mode != modeNone {
		return []key.Binding{enterKey, k.Global.Back}
	}
	return []key.Binding{k.List.Up, k.List.Down, k.Settings.Toggle, k.Settings.Add, k.Settings.Confirm, k.Settings.Merge}
}

// FullHelp lists every key of the page.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	if m.mode != modeNone {
		return [][]key.Binding{{enterKey, k.Global.Back}}
	}
	return [][]key.Binding{
		{k.List.Up, k.List.Down, k.List.PageUp, k.List.PageDown, k.List.Home, k.List.End},
		{k.Settings.Toggle, k.Settings.Edit, k.Settings.Add, k.Settings.Confirm, k.Settings.Merge},
	}
}

// enterKey is the help entry of an open input.
var enterKey = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save"))

// Update handles keys, the wheel, loaded settings and change results.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.req != m.req {
			return m, nil
		}
		m.loaded, m.err = true, msg.err
		if msg.err == nil {
			m.v = msg.v
			m.rebuild()
		}
		return m, nil
	case common.WalletChangedMsg:
		m.req++
		return m, m.load()
	case doneMsg:
		return m, m.done(msg)
	case claimMsg:
		if msg.err != nil {
			return m, common.ToastErr(msg.err)
		}
		return m, common.Msg(common.OpenClaimMsg{URL: msg.url})
	case tea.MouseMsg:
		if m.mode == modeNone {
			switch msg.Button {
			case tea.MouseButtonWheelUp:
				m.move(-1)
			case tea.MouseButtonWheelDown:
				m.move(1)
			}
		}
		return m, nil
	case tea.KeyMsg:
		if m.mode != modeNone {
			return m, m.editKey(msg)
		}
		return m, m.key(msg)
	}
	if m.mode != modeNone {
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		return m, cmd
	}
	return m, nil
}

// key handles a key while no input is open.
func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	if d, ok := k.List.Move(msg, m.visible(), len(m.rows)); ok {
		m.move(d)
		return nil
	}
	switch {
	case key.Matches(msg, k.Settings.Toggle):
		return m.toggle()
	case key.Matches(msg, k.Settings.Edit):
		if r, ok := m.selected(); ok && r.kind == rowBaseURL {
			return m.open(modeBaseURL, m.v.baseURL)
		}
		return m.toggle()
	case key.Matches(msg, k.Settings.Add):
		return m.open(modeAdd, "")
	case key.Matches(msg, k.Settings.Merge):
		return m.open(modeMerge, "")
	case key.Matches(msg, k.Settings.Confirm):
		return m.confirm()
	}
	return nil
}

// editKey handles a key while the input is open.
func (m *Model) editKey(msg tea.KeyMsg) tea.Cmd {
	switch msg.Type {
	case tea.KeyEsc:
		m.close()
		return nil
	case tea.KeyEnter:
		if m.busy {
			return nil
		}
		return m.submit()
	}
	m.inputErr = ""
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd
}

// open opens the text input for md, holding value.
func (m *Model) open(md mode, value string) tea.Cmd {
	if !m.loaded {
		return nil
	}
	m.mode, m.inputErr, m.busy = md, "", false
	m.inputID++
	m.input.Reset()
	m.input.SetValue(value)
	m.input.CursorEnd()
	m.follow() // the input takes room from the list
	switch md {
	case modeBaseURL:
		m.input.Placeholder = "https://you.example/badges"
	case modeAdd:
		m.input.Placeholder = "you@example.com, https://your.site or +15551234567"
	case modeMerge:
		m.input.Placeholder = "the other address you own, e.g. you@work.example"
	}
	return m.input.Focus()
}

func (m *Model) close() {
	m.mode, m.inputErr, m.busy = modeNone, "", false
	m.input.Blur()
	m.input.Reset()
}

func (m *Model) selected() (row, bool) {
	if m.cursor < 0 || m.cursor >= len(m.rows) {
		return row{}, false
	}
	return m.rows[m.cursor], true
}

// toggle flips the selected boolean, or edits the selected text row.
func (m *Model) toggle() tea.Cmd {
	r, ok := m.selected()
	if !ok {
		return nil
	}
	ctx, w := m.c.Ctx, m.c.Svc.Wallet
	switch r.kind {
	case rowProfile:
		on := !m.v.profilePublic
		return change(func() (string, error) {
			if err := w.SetProfilePublic(ctx, on); err != nil {
				return "", err
			}
			if on {
				return "Your profile is public: links to the badges you make public work.", nil
			}
			return "Your profile is private: no badge can be shared by link.", nil
		})
	case rowAutoAll:
		on := !m.v.autoAll
		return change(func() (string, error) {
			if err := w.SetAutoAccept(ctx, on, ""); err != nil {
				return "", err
			}
			if on {
				return "Auto-accept is on: verified badges addressed to you go straight into your wallet.", nil
			}
			return "Auto-accept is off: new badges wait in the Inbox for you to accept them.", nil
		})
	case rowAutoIssuer:
		on, id, name := !r.issuer.on, r.issuer.id, common.Clean(issuerName(r.issuer), 40)
		return change(func() (string, error) {
			if err := w.SetAutoAccept(ctx, on, id); err != nil {
				return "", err
			}
			if on {
				return "Badges from " + name + " are accepted automatically.", nil
			}
			return "Badges from " + name + " wait in the Inbox.", nil
		})
	case rowBaseURL:
		return m.open(modeBaseURL, m.v.baseURL)
	case rowIdentity:
		return m.confirm()
	case rowDemo:
		return m.demo()
	}
	return nil
}

// change runs f in a Cmd as a change to the wallet.
func change(f func() (string, error)) tea.Cmd {
	return func() tea.Msg {
		text, err := f()
		return doneMsg{text: text, err: err, changed: err == nil}
	}
}

// submit saves what the input holds.
func (m *Model) submit() tea.Cmd {
	value := strings.TrimSpace(m.input.Value())
	if value == "" {
		m.inputErr = "Type a value first, or press esc to cancel."
		return nil
	}
	ctx, w, opts, in := m.c.Ctx, m.c.Svc.Wallet, m.c.Svc.VerifyOptions(), m.inputID
	m.busy = true
	switch m.mode {
	case modeBaseURL:
		return func() tea.Msg {
			if err := w.SetBaseURL(ctx, value); err != nil {
				return doneMsg{err: err, input: in}
			}
			u, _ := w.BaseURL(ctx)
			return doneMsg{text: "Your public badges will be published under " + common.Clean(u, 60) + ".", input: in, changed: true}
		}
	case modeAdd:
		return func() tea.Msg {
			id, err := w.AddIdentity(ctx, value, false)
			if err != nil {
				return doneMsg{err: err, input: in}
			}
			return doneMsg{text: fmt.Sprintf("Added %s (%s, self-declared): claim a badge sent to it to confirm it.",
				common.Clean(id.Value, 50), id.Kind), input: in, changed: true}
		}
	case modeMerge:
		return func() tea.Msg {
			text, err := merge(ctx, w, value, opts)
			return doneMsg{text: text, err: err, input: in, changed: err == nil}
		}
	}
	m.busy = false
	return nil
}

// merge adds another address of the holder's (wallet.MergeIdentity) and
// says how many badges in the wallet are now addressed to the holder.
func merge(ctx context.Context, w *wallet.Wallet, value string, opts wallet.VerifyOptions) (string, error) {
	id, n, err := w.MergeIdentity(ctx, value, opts)
	if err != nil {
		return "", err
	}
	name := common.Clean(id.Value, 50)
	switch {
	case n <= 0:
		return "Merged " + name + ": no badge in your wallet was sent to it; badges sent to it from now on count as yours.", nil
	case n == 1:
		return "Merged " + name + ": 1 badge in your wallet is now addressed to you.", nil
	default:
		return fmt.Sprintf("Merged %s: %d badges in your wallet are now addressed to you.", name, n), nil
	}
}

// done shows the result of a change: under the input it came from while
// that is still open, else in a toast.
func (m *Model) done(msg doneMsg) tea.Cmd {
	if msg.demoDone {
		m.switching = false
	}
	open := msg.input != 0 && msg.input == m.inputID && m.mode != modeNone
	if open {
		m.busy = false
	}
	if msg.err != nil {
		if open {
			m.inputErr = plain(msg.err)
			return nil
		}
		return common.ToastErr(errors.New(plain(msg.err)))
	}
	if open {
		m.close()
	}
	cmds := []tea.Cmd{common.Toast(msg.text)}
	if msg.demo != nil {
		cmds = append(cmds, common.Msg(*msg.demo))
	}
	if msg.changed {
		cmds = append(cmds, common.Changed)
	}
	return tea.Batch(cmds...)
}

// plain turns a wallet error into a sentence: the wallet's own words,
// without the database path it sometimes names.
func plain(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ".db: "); i >= 0 {
		s = s[i+len(".db: "):]
	}
	s = common.Capitalize(s)
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// confirm starts the confirmation of the selected email identity.
func (m *Model) confirm() tea.Cmd {
	r, ok := m.selected()
	if !ok || r.kind != rowIdentity || r.identity.Kind != "email" {
		return common.Toast("Select an email address under Identities to confirm it.")
	}
	email := r.identity.Value
	if r.identity.Confirmed {
		return common.Toast(common.Clean(email, 50) + " is already confirmed.")
	}
	if m.c.Svc.Issuer == nil {
		return common.Toast("To confirm " + common.Clean(email, 50) +
			", claim a badge sent to it: open the claim link from the issuer's email (Inbox, c) and enter the code it sends.")
	}
	ctx, dir := m.c.Ctx, m.c.Svc.IssuerDir
	return func() tea.Msg {
		u, err := demo.LatestClaimLink(ctx, dir, email)
		return claimMsg{url: u, err: err}
	}
}

// demo turns demo mode on or off; a second press while it switches does
// nothing (two demo issuers would start side by side).
func (m *Model) demo() tea.Cmd {
	if m.switching {
		return nil
	}
	m.switching = true
	if m.c.Svc.Issuer != nil {
		return func() tea.Msg {
			return doneMsg{text: "Demo mode is off: the demo issuer is closed; the badges you claimed stay in your wallet.",
				changed: true, demoDone: true, demo: &common.DemoMsg{On: false}}
		}
	}
	email := DemoEmail
	for _, id := range m.v.identities {
		if id.Kind == "email" {
			email = id.Value
			break
		}
	}
	ctx, w, dir, now, clock := m.c.Ctx, m.c.Svc.Wallet, m.c.Svc.IssuerDir, m.c.Now(), m.c.Svc.Now
	return func() tea.Msg {
		res, err := demo.Start(ctx, dir, w, email, now)
		if err != nil {
			return doneMsg{err: err, demoDone: true}
		}
		is, err := issuer.Open(ctx, dir, issuer.Options{Now: clock})
		if err != nil {
			return doneMsg{err: fmt.Errorf("demo mode: %w", err), demoDone: true}
		}
		text := "Demo mode is on: Contoso Learning sent " + common.Clean(res.Email, 50) + " "
		switch n := len(res.Awarded); n {
		case 0:
			text += "no new badge (you have them already); see the Inbox."
		case 1:
			text += "1 badge: see the Inbox."
		default:
			text += fmt.Sprintf("%d badges: see the Inbox.", n)
		}
		return doneMsg{text: text, changed: true, demoDone: true, demo: &common.DemoMsg{Issuer: is, On: true}}
	}
}

func (m *Model) move(d int) {
	m.cursor = min(max(m.cursor+d, 0), max(len(m.rows)-1, 0))
	m.follow()
}

// visible is how many lines the list may take.
func (m *Model) visible() int {
	h := m.c.Height
	if m.mode != modeNone {
		h -= 5 // the input block under the list
	}
	return max(h, 3)
}

// follow scrolls so that the cursor's line is on screen.
func (m *Model) follow() {
	lines, at := m.lines()
	v := m.visible()
	if at < m.top {
		m.top = at
	}
	if at >= m.top+v {
		m.top = at - v + 1
	}
	if at-1 >= 0 && at-1 < m.top && lines[at-1].row < 0 { // show the section heading
		m.top = at - 1
	}
	m.top = max(min(m.top, len(lines)-v), 0)
}

// line is one line of the list: a section heading (row -1), a row, or
// a blank.
type line struct {
	row     int
	heading string
}

// sections are the headings of the list, in order.
var sections = []string{"Sharing", "Receiving badges", "Identities", "Demo"}

// lines lays out the list and returns where the cursor's row is.
func (m *Model) lines() ([]line, int) {
	var out []line
	at := 0
	for si, sec := range sections {
		if si > 0 {
			out = append(out, line{row: -2})
		}
		out = append(out, line{row: -1, heading: sec})
		n := 0
		for i, r := range m.rows {
			if r.section != sec {
				continue
			}
			if i == m.cursor {
				at = len(out)
			}
			out = append(out, line{row: i})
			n++
		}
		if n == 0 && sec == "Identities" {
			out = append(out, line{row: -3})
		}
	}
	return out, at
}

// View draws the page in Width×Height.
func (m *Model) View() string {
	st, w, h := m.c.Styles, m.c.Width, m.c.Height
	switch {
	case !m.loaded:
		return common.Fit(common.Centered(w, h, st.Faint.Render("Reading your settings…")), h)
	case m.err != nil:
		msg := common.Clean("Could not read your settings: "+m.err.Error(), max(w-4, 1))
		return common.Fit(common.Centered(w, h, st.Error.Render(msg)), h)
	}
	lines, _ := m.lines()
	v := m.visible()
	var out []string
	for i := m.top; i < len(lines) && i < m.top+v; i++ {
		out = append(out, m.renderLine(lines[i]))
	}
	for len(out) < v {
		out = append(out, "")
	}
	if m.mode != modeNone {
		out = append(out, m.inputBlock()...)
	}
	return common.Fit(strings.Join(out, "\n"), h)
}

// columns of a row: bar, label, value, note.
const (
	labelWidth = 24
	valueWidth = 10
)

func (m *Model) renderLine(l line) string {
	st, w := m.c.Styles, m.c.Width
	switch l.row {
	case -1:
		head := " " + st.Heading.Render(l.heading)
		if l.heading == "Identities" {
			hint := st.Key.Render("a") + st.Faint.Render(" add · ") + st.Key.Render("c") + st.Faint.Render(" confirm · ") +
				st.Key.Render("m") + st.Faint.Render(" merge a duplicate account")
			head += common.Spaces(w-2-lipgloss.Width(head)-lipgloss.Width(hint)) + hint
		}
		return head
	case -2:
		return ""
	case -3:
		return "   " + st.Faint.Render("None yet: press a to add the email address your badges are sent to.")
	}
	r := m.rows[l.row]
	label, value, note := m.cells(r)
	bar := "  "
	labelSt := st.Title
	if l.row == m.cursor {
		bar, labelSt = st.Bar.Render("▌")+" ", st.Selected
	}
	lw, indent := labelWidth, ""
	switch r.kind {
	case rowIdentity:
		lw = 8
	case rowAutoIssuer:
		indent, lw = "  ", labelWidth-2
	}
	s := " " + bar + indent + labelSt.Render(common.FitWidth(common.Clean(label, lw), lw)) + " "
	rest := max(w-lipgloss.Width(s)-1, 1)
	switch {
	case r.kind == rowIdentity:
		vw := min(max(rest-20, 10), 40)
		return s + common.FitWidth(common.Clean(value, vw), vw) + " " + note
	case r.kind == rowBaseURL && m.v.baseURL != "":
		return s + st.Accent.Render(common.Clean(m.v.baseURL, rest))
	}
	s += m.valueStyle(r).Render(common.FitWidth(value, valueWidth)) + " "
	if rest > valueWidth+1 {
		s += st.Faint.Render(common.Clean(note, rest-valueWidth-1))
	}
	return s
}

// cells are the label, value and note of a row (label and value from
// badges are cleaned by the caller).
func (m *Model) cells(r row) (label, value, note string) {
	st := m.c.Styles
	switch r.kind {
	case rowProfile:
		if m.v.profilePublic {
			return "Profile", "public", "links to the badges you make public work"
		}
		return "Profile", "private", "no badge can be shared by link"
	case rowBaseURL:
		if m.v.baseURL == "" {
			return "Public base URL", "not set", "where your public badges are published (enter to set)"
		}
		return "Public base URL", "set", "" // renderLine shows the URL itself
	case rowAutoAll:
		if m.v.autoAll {
			return "Auto-accept", "on", "all issuers: verified badges sent to you skip the Inbox"
		}
		return "Auto-accept", "off", "all issuers: new badges wait in the Inbox"
	case rowAutoIssuer:
		v := onOff(r.issuer.on)
		note := "overrides the setting for all issuers"
		if r.issuer.on == m.v.autoAll {
			note = "as for all issuers"
		}
		return issuerName(r.issuer), v, note
	case rowIdentity:
		state := st.Pending.Render("◌ self-declared")
		if r.identity.Confirmed {
			state = st.Verified.Render("✔ confirmed")
		}
		return r.identity.Kind, r.identity.Value, state
	case rowDemo:
		if m.switching {
			return "Demo mode", "…", "switching"
		}
		if m.c.Svc.Issuer != nil {
			return "Demo mode", "on", "Contoso Learning, the demo issuer, runs beside your wallet"
		}
		return "Demo mode", "off", "enter starts a demo issuer that sends you badges"
	}
	return "", "", ""
}

func (m *Model) valueStyle(r row) lipgloss.Style {
	st := m.c.Styles
	switch r.kind {
	case rowProfile:
		if m.v.profilePublic {
			return st.Accent
		}
	case rowAutoAll:
		if m.v.autoAll {
			return st.Accent
		}
	case rowAutoIssuer:
		if r.issuer.on {
			return st.Accent
		}
	case rowDemo:
		if m.c.Svc.Issuer != nil {
			return st.Accent
		}
	}
	return st.Meta
}

// inputBlock is the open input: a question, the input, an error or hint.
func (m *Model) inputBlock() []string {
	st, w := m.c.Styles, m.c.Width
	var q string
	switch m.mode {
	case modeBaseURL:
		q = "Where are your public badges published? (an http:// or https:// address)"
	case modeAdd:
		q = "Add an identity: an email address, a web address or a phone number"
	case modeMerge:
		q = "Merge a duplicate account: the other address you own (badges sent to it will count as yours)"
	}
	foot := st.Faint.Render("enter save · esc cancel")
	switch {
	case m.busy:
		foot = st.Faint.Render("Saving…")
	case m.inputErr != "":
		foot = st.Error.Render("✖ " + common.Clean(m.inputErr, max(w-6, 1)))
	}
	return []string{
		" " + st.Rule.Render(strings.Repeat("─", max(w-2, 1))),
		" " + st.Heading.Render(common.Clean(q, max(w-2, 1))),
		" " + m.input.View(),
		" " + foot,
		"",
	}
}

func issuerName(is issuerValue) string {
	if strings.TrimSpace(is.name) != "" {
		return is.name
	}
	return is.id
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

var _ interface {
	common.Page
	common.Capturer
} = (*Model)(nil)
