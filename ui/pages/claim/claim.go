package claim

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"badgewallet/issuer"
	"badgewallet/ui/common"
	"badgewallet/wallet"
)

// step is one screen of the wizard.
type step int

const (
	stepLink   step = iota // paste the claim link
	stepOffer              // what the link offers; is that you?
	stepEmail              // the address the badge was sent to
	stepCode               // the code the issuer mailed
	stepVerify             // checking the code and adding the badges
	stepDone               // what was added
)

// codeMail is the demo issuer's latest code mail to the address.
type codeMail struct {
	Subject, Body string
}

// offerMsg is what a claim link offers, with the wallet's email identities.
type offerMsg struct {
	req    int
	offer  wallet.ClaimOffer
	emails []string
	err    error
}

// codeSentMsg says the issuer mailed a code (in demo mode, with the mail).
type codeSentMsg struct {
	req  int
	mail *codeMail
	err  error
}

// confirmedMsg is the outcome of the code: the badges added.
type confirmedMsg struct {
	req    int
	sum    wallet.ImportSummary
	events []wallet.ImportEvent
	err    error
}

// acceptedMsg says the claimed badges were accepted.
type acceptedMsg struct {
	req int
	n   int
	err error
}

var (
	_ common.Page     = (*Model)(nil)
	_ common.Capturer = (*Model)(nil)
)

// Model is the claim wizard.
type Model struct {
	c common.Common

	step     step
	withLink bool // the wizard began by asking for the link
	url      string
	offer    wallet.ClaimOffer
	emails   []string // the wallet's email identities
	email    string   // the address the code was sent to
	mail     *codeMail

	link, addr, code textinput.Model
	spin             spinner.Model
	busy             bool // a request of this step is in flight
	req              int
	err              string // what went wrong on this step
	choice           int    // the selected button (offer, done)

	events []wallet.ImportEvent
	sum    wallet.ImportSummary
}

// New returns the claim wizard, on its first step (paste a link).
func New(c common.Common) *Model {
	st := c.Styles
	input := func(placeholder string, limit int) textinput.Model {
		ti := textinput.New()
		ti.Prompt = "› "
		ti.PromptStyle = st.Accent
		ti.PlaceholderStyle = st.Faint
		ti.Placeholder = placeholder
		ti.CharLimit = limit
		ti.Cursor.SetMode(cursor.CursorStatic)
		return ti
	}
	m := &Model{
		c:    c,
		link: input("paste the link here", 2048),
		addr: input("you@example.com", 320),
		code: input("6 digits", 16),
		spin: spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(st.Accent)),
	}
	m.SetSize(c.Width, c.Height)
	m.Open("")
	return m
}

// Open starts the wizard again on url: with a link, at its offer; without,
// asking for one.
func (m *Model) Open(url string) tea.Cmd {
	m.req++
	m.url = strings.TrimSpace(url)
	m.offer, m.emails, m.email, m.mail = wallet.ClaimOffer{}, nil, "", nil
	m.events, m.sum = nil, wallet.ImportSummary{}
	m.err, m.busy, m.choice = "", false, 0
	m.link.SetValue(m.url)
	m.addr.Reset()
	m.code.Reset()
	if m.url == "" {
		m.withLink = true
		return m.enter(stepLink)
	}
	m.withLink = false
	m.enter(stepOffer)
	return m.fetchOffer()
}

// Init does nothing: the frame calls Open.
func (m *Model) Init() tea.Cmd { return nil }

// SetSize sets the page's size.
func (m *Model) SetSize(w, h int) {
	m.c.Width, m.c.Height = w, h
	iw := max(min(w-12, 72), 10)
	m.link.Width, m.addr.Width, m.code.Width = iw, iw, 12
}

// Capturing is true while a text input has focus.
func (m *Model) Capturing() bool {
	return m.step == stepLink || m.step == stepEmail || m.step == stepCode
}

// enter moves to step s, focusing its input.
func (m *Model) enter(s step) tea.Cmd {
	m.step, m.err, m.choice = s, "", 0
	m.link.Blur()
	m.addr.Blur()
	m.code.Blur()
	switch s {
	case stepLink:
		m.link.CursorEnd()
		return m.link.Focus()
	case stepEmail:
		m.addr.CursorEnd()
		return m.addr.Focus()
	case stepCode:
		return m.code.Focus()
	}
	return nil
}

// start marks a request in flight and starts the spinner.
func (m *Model) start(cmd tea.Cmd) tea.Cmd {
	m.req++
	m.busy, m.err = true, ""
	return tea.Batch(cmd, m.spin.Tick)
}

// fetchOffer asks what the link offers.
func (m *Model) fetchOffer() tea.Cmd {
	req, ctx, w, rt, url := m.req+1, m.c.Ctx, m.c.Svc.Wallet, m.c.Svc.Transport(), m.url
	return m.start(func() tea.Msg {
		o, err := w.ClaimOffer(ctx, url, rt)
		if err != nil {
			return offerMsg{req: req, err: err}
		}
		var emails []string
		if ids, err := w.Identities(ctx); err == nil {
			for _, id := range ids {
				if id.Kind == "email" {
					emails = append(emails, id.Value)
				}
			}
		}
		return offerMsg{req: req, offer: o, emails: emails}
	})
}

// sendCode asks the issuer to mail a code to email; in demo mode it reads
// the mail back from the demo issuer's outbox.
func (m *Model) sendCode(email string) tea.Cmd {
	req, ctx, w, rt, url, is := m.req+1, m.c.Ctx, m.c.Svc.Wallet, m.c.Svc.Transport(), m.url, m.c.Svc.Issuer
	return m.start(func() tea.Msg {
		if err := w.ClaimSendCode(ctx, url, email, rt); err != nil {
			return codeSentMsg{req: req, err: err}
		}
		return codeSentMsg{req: req, mail: latestCodeMail(ctx, is, email)}
	})
}

// latestCodeMail is the newest code mail the demo issuer sent to email
// (nil outside demo mode or when there is none).
func latestCodeMail(ctx context.Context, is *issuer.Issuer, email string) *codeMail {
	if is == nil {
		return nil
	}
	email, err := issuer.NormalizeEmail(email)
	if err != nil {
		return nil
	}
	msgs, err := is.Outbox(ctx, email, 5)
	if err != nil {
		return nil
	}
	for _, msg := range msgs { // newest first
		if msg.Kind == "code" {
			return &codeMail{Subject: msg.Subject, Body: msg.Body}
		}
	}
	return nil
}

// confirm proves the address with the code and adds the badges.
func (m *Model) confirm(code string) tea.Cmd {
	req, ctx, w, url, email := m.req+1, m.c.Ctx, m.c.Svc.Wallet, m.url, m.email
	opts := wallet.ImportOptions{Verify: m.c.Svc.VerifyOptions()}
	return m.start(func() tea.Msg {
		var events []wallet.ImportEvent
		sum, err := w.ClaimConfirm(ctx, url, email, code, opts, func(e wallet.ImportEvent) { events = append(events, e) })
		return confirmedMsg{req: req, sum: sum, events: events, err: err}
	})
}

// toAccept are the badges the claim added that wait in the inbox and are
// addressed to the holder.
func (m *Model) toAccept() []int64 {
	var ids []int64
	for _, e := range m.events {
		if e.Status == wallet.ImportAdded && !e.AutoAccepted && !e.NotAddressed && e.ID != 0 {
			ids = append(ids, e.ID)
		}
	}
	return ids
}

// accept accepts the claimed badges.
func (m *Model) accept() tea.Cmd {
	req, ctx, w, ids := m.req+1, m.c.Ctx, m.c.Svc.Wallet, m.toAccept()
	return m.start(func() tea.Msg {
		n := 0
		for _, id := range ids {
			if err := w.Accept(ctx, id); err != nil {
				return acceptedMsg{req: req, n: n, err: err}
			}
			n++
		}
		return acceptedMsg{req: req, n: n}
	})
}

// Update handles keys and the answers of the issuer and the wallet.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		if !m.busy {
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	case offerMsg:
		if msg.req != m.req {
			return m, nil
		}
		m.busy = false
		if msg.err != nil {
			// The way forward is to edit the link and retry.
			m.withLink = true
			cmd := m.enter(stepLink)
			m.err = msg.err.Error()
			return m, cmd
		}
		m.offer, m.emails = msg.offer, msg.emails
		m.enter(stepOffer)
		return m, nil
	case codeSentMsg:
		if msg.req != m.req {
			return m, nil
		}
		m.busy = false
		if msg.err != nil {
			m.err = msg.err.Error()
			return m, nil
		}
		m.mail = msg.mail
		m.code.Reset()
		return m, m.enter(stepCode)
	case confirmedMsg:
		if msg.req != m.req {
			// The wizard moved on (opened on another link), but the
			// badges were added all the same: the other pages must hear.
			if msg.sum.Added > 0 {
				return m, common.Changed
			}
			return m, nil
		}
		m.busy = false
		if msg.err != nil && len(msg.events) == 0 {
			cmd := m.enter(stepCode)
			m.code.Reset()
			m.err = msg.err.Error()
			return m, cmd
		}
		m.sum, m.events = msg.sum, msg.events
		sort.SliceStable(m.events, func(i, j int) bool { return m.events[i].Name < m.events[j].Name })
		m.enter(stepDone)
		if msg.err != nil {
			m.err = msg.err.Error()
		}
		return m, common.Changed
	case acceptedMsg:
		if msg.req != m.req {
			// esc dropped the answer, not the accepting already done.
			if msg.n > 0 {
				return m, common.Changed
			}
			return m, nil
		}
		m.busy = false
		if msg.err != nil {
			m.err = fmt.Sprintf("Accepted %d, then: %v", msg.n, msg.err)
			return m, common.Changed
		}
		return m, tea.Batch(common.Toast(fmt.Sprintf("Accepted %s: %s in your wallet", common.Counted(msg.n, "badge", "badges"), common.Plural(msg.n, "it is", "they are"))),
			common.Changed, common.Go(common.TabWallet))
	case tea.KeyMsg:
		return m, m.key(msg)
	}
	return m, nil
}

// key handles a key press on the current step.
func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys.Claim
	if key.Matches(msg, k.Back) {
		return m.back()
	}
	if m.busy {
		return nil // one request at a time; esc cancels it
	}
	switch m.step {
	case stepLink:
		if key.Matches(msg, k.Next) {
			v := strings.TrimSpace(m.link.Value())
			if v == "" {
				m.err = "Paste the claim link from the issuer's email first."
				return nil
			}
			m.url = v
			return m.fetchOffer()
		}
		return m.typeIn(&m.link, msg)
	case stepEmail:
		if key.Matches(msg, k.Next) {
			v := strings.TrimSpace(m.addr.Value())
			if v == "" {
				m.err = "Type the address the badge was sent to."
				return nil
			}
			m.email = v
			return m.sendCode(v)
		}
		return m.typeIn(&m.addr, msg)
	case stepCode:
		if key.Matches(msg, k.Next) {
			v := strings.Map(func(r rune) rune {
				if r == ' ' || r == '-' {
					return -1
				}
				return r
			}, m.code.Value())
			if len(v) != 6 || strings.Trim(v, "0123456789") != "" {
				m.err = "The code is the 6 digits in the issuer's email."
				return nil
			}
			cmd := m.confirm(v)
			m.step = stepVerify
			m.code.Blur()
			return cmd
		}
		return m.typeIn(&m.code, msg)
	case stepOffer, stepDone:
		switch {
		case key.Matches(msg, k.Left):
			m.choice = 0
		case key.Matches(msg, k.Right):
			m.choice = 1
		case key.Matches(msg, k.Next):
			return m.press()
		}
	}
	return nil
}

// typeIn passes a key to a text input; editing clears the step's error.
func (m *Model) typeIn(ti *textinput.Model, msg tea.KeyMsg) tea.Cmd {
	before := ti.Value()
	var cmd tea.Cmd
	*ti, cmd = ti.Update(msg)
	if ti.Value() != before {
		m.err = ""
	}
	return cmd
}

// press presses the selected button.
func (m *Model) press() tea.Cmd {
	if m.step == stepOffer {
		if m.choice == 1 {
			return m.back()
		}
		cmd := m.enter(stepEmail)
		if m.addr.Value() == "" {
			m.addr.SetValue(matchHint(m.emails, m.offer.EmailHint))
			m.addr.CursorEnd()
		}
		return cmd
	}
	// Done.
	if m.choice == 1 {
		return common.Go(common.TabInbox)
	}
	if len(m.toAccept()) == 0 {
		return common.Go(common.TabWallet)
	}
	return m.accept()
}

// back goes back one step; from the first, it leaves the wizard. A
// request in flight is dropped (except the claim itself, which is left to
// finish).
func (m *Model) back() tea.Cmd {
	if m.busy {
		if m.step == stepVerify {
			return nil
		}
		m.req++ // drop the answer
		m.busy = false
		if !(m.step == stepOffer && !m.withLink) {
			return nil
		}
	}
	switch m.step {
	case stepLink:
		return common.Back
	case stepOffer:
		if !m.withLink {
			return common.Back
		}
		return m.enter(stepLink)
	case stepEmail:
		return m.enter(stepOffer)
	case stepCode:
		return m.enter(stepEmail)
	case stepDone:
		return common.Back
	}
	return nil
}

// matchHint is the identity that fits an issuer's hint (d***@example.com).
func matchHint(emails []string, hint string) string {
	for _, e := range emails {
		if strings.EqualFold(issuer.EmailHint(e), hint) || strings.EqualFold(common.Mask(e), hint) {
			return e
		}
	}
	return ""
}

// ShortHelp lists the keys of the current step.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys.Claim
	switch m.step {
	case stepOffer, stepDone:
		if m.busy || (m.step == stepOffer && m.offer.Achievement == "" && m.offer.Issuer == "") {
			return []key.Binding{k.Back}
		}
		return []key.Binding{k.Left, k.Right, k.Next, k.Back}
	case stepVerify:
		return nil
	}
	return []key.Binding{k.Next, k.Back}
}

// FullHelp lists the same keys.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// View draws the current step in exactly Width×Height.
func (m *Model) View() string {
	st, w := m.c.Styles, m.c.Width
	title := " " + st.Title.Render("Claim a badge")
	prog := m.progress()
	gap := max(w-lipgloss.Width(title)-lipgloss.Width(prog)-1, 1)
	lines := []string{title + strings.Repeat(" ", gap) + prog, "", ""}
	lines = append(lines, m.body()...)
	return common.Fit(strings.Join(lines, "\n"), m.c.Height)
}

// progress is "● Offer ─ ● Email ─ ○ Code ─ ○ Done".
func (m *Model) progress() string {
	st := m.c.Styles
	names := []string{"Offer", "Email", "Code", "Done"}
	cur := map[step]int{stepLink: -1, stepOffer: 0, stepEmail: 1, stepCode: 2, stepVerify: 2, stepDone: 3}[m.step]
	if m.withLink {
		names = append([]string{"Link"}, names...)
		cur++
	}
	parts := make([]string, len(names))
	for i, n := range names {
		switch {
		case i < cur:
			parts[i] = st.DotDone.Render("●") + " " + st.Faint.Render(n)
		case i == cur:
			parts[i] = st.DotDone.Render("●") + " " + st.Title.Render(n)
		default:
			parts[i] = st.Dot.Render("○") + " " + st.Faint.Render(n)
		}
	}
	return strings.Join(parts, st.Faint.Render(" ─ "))
}

// pad is the left margin of the body.
const pad = "   "

// body is the lines of the current step.
func (m *Model) body() []string {
	st, w := m.c.Styles, m.c.Width
	tw := max(w-len(pad)-2, 10)
	var out []string
	add := func(s ...string) {
		for _, l := range s {
			if l == "" {
				out = append(out, "")
				continue
			}
			// Sentences longer than the page wrap (escape-aware); lines
			// built to width (inputs, boxes) are left as they are.
			for _, part := range strings.Split(ansi.Wrap(l, tw, ""), "\n") {
				out = append(out, indent(part))
			}
		}
	}
	issuerName := common.Clean(m.offer.Issuer, 40)
	if issuerName == "" {
		issuerName = "The issuer"
	}
	switch m.step {
	case stepLink:
		add(st.Title.Render("Paste the claim link from the issuer's email"),
			st.Faint.Render("It looks like https://issuer.example/claim/… — paste with ctrl+v or your terminal's paste."), "",
			m.link.View(), "")
		if m.busy {
			add(m.spin.View() + " " + st.Faint.Render("Opening the link…"))
		}
		m.addErr(add, "Check the link (edit it above) and press enter to try again, or esc to leave.")
		if m.c.Svc != nil && m.c.Svc.Issuer != nil && !m.busy && m.err == "" {
			add(st.Faint.Render("Demo mode: the Inbox lists the demo issuer's notifications; enter on one opens its link here."))
		}
	case stepOffer:
		if m.busy {
			add(m.spin.View() + " " + st.Faint.Render("Opening the claim link…"))
			break
		}
		add(st.Faint.Render(issuerName+" offers you"), "",
			"  "+st.Heading.Render(common.Clean(m.offer.Achievement, tw-2)))
		if d := common.CleanText(m.offer.Description); strings.TrimSpace(d) != "" {
			for i, l := range common.Wrap(d, min(tw-2, 76)) {
				if i == 3 {
					break
				}
				add("  " + st.Faint.Render(l))
			}
		}
		if m.offer.Retired {
			add("", st.Pending.Render("⌛ This achievement is retired: the badge still shows what you earned then."))
		}
		hint := common.Clean(m.offer.EmailHint, 60)
		add("", "It was sent to "+st.Title.Render(hint)+". Is that you?", "",
			m.buttons("Yes, send me a code", "Back"))
	case stepEmail:
		add(st.Title.Render("Which address was the badge sent to?"),
			st.Faint.Render(common.Clean(fmt.Sprintf("%s sends a 6-digit code to it (the badge was sent to %s).", issuerName, m.offer.EmailHint), tw)), "",
			m.addr.View(), "")
		if m.busy {
			add(m.spin.View() + " " + st.Faint.Render("Asking "+issuerName+" to send the code…"))
		}
		m.addErr(add, "Check the address (edit it above) and press enter to try again.")
	case stepCode, stepVerify:
		add(st.Title.Render("Type the code "+issuerName+" sent to "+common.Clean(m.email, 50)),
			st.Faint.Render("It is 6 digits. No mail? esc goes back to send a new one."), "",
			m.code.View(), "")
		if m.step == stepVerify {
			add(m.spin.View() + " " + st.Faint.Render("Checking the code and adding your badges…"))
		}
		m.addErr(add, "Type the code again, or esc to ask for a new one.")
		if m.mail != nil {
			add("")
			// The box fits what is left under the title (3 lines) and
			// the step; the subject, which holds the code, comes first.
			for _, l := range m.mailBox(tw, m.c.Height-3-len(out)) {
				out = append(out, indent(l)) // built to width: not wrapped
			}
		}
	case stepDone:
		out = append(out, m.done(tw)...)
	}
	return out
}

// addErr adds the step's error and the way forward.
func (m *Model) addErr(add func(...string), forward string) {
	if m.err == "" {
		return
	}
	st := m.c.Styles
	// "claim refused by the issuer: wrong confirmation code" says more
	// without its prefix.
	msg := strings.TrimPrefix(m.err, wallet.ErrClaim.Error()+": ")
	add(st.Error.Render("✖ "+common.Clean(common.Capitalize(msg), m.c.Width-8)), st.Faint.Render(forward))
}

// mailBox shows the demo issuer's code mail, so an instructor can read it
// on the same screen, in at most room lines (the rest of the body cut with
// "…").
func (m *Model) mailBox(tw, room int) []string {
	st := m.c.Styles
	bw := min(tw, 84)
	lines := []string{st.Faint.Render(common.Clean("Demo mode · the demo issuer's mail to "+m.email, bw-4)), "",
		st.Title.Render(common.Clean(m.mail.Subject, bw-4)), ""}
	body := strings.TrimRight(common.CleanText(m.mail.Body), "\n")
	for _, l := range strings.Split(body, "\n") {
		for _, x := range common.Wrap(l, bw-4) {
			lines = append(lines, common.Clean(x, bw-4))
		}
	}
	if inner := max(room-2, 3); len(lines) > inner { // 2: the borders
		lines = append(lines[:inner-1], st.Faint.Render("…"))
	}
	return strings.Split(st.Box.Width(bw).Render(strings.Join(lines, "\n")), "\n")
}

// done is the Done step: what was added, then the buttons.
func (m *Model) done(tw int) []string {
	st := m.c.Styles
	var out []string
	add := func(s string) {
		if s == "" {
			out = append(out, "")
		} else {
			out = append(out, indent(s))
		}
	}
	s := m.sum
	switch {
	case s.Added > 0:
		add(st.Verified.Render("✔ Added " + common.Counted(s.Added, "badge", "badges") + " to your wallet"))
	case s.Duplicates > 0:
		add(st.Title.Render("Nothing new: " + common.Plural(s.Duplicates, "this badge was", "these badges were") + " already in your wallet"))
	default:
		add(st.Error.Render("✖ No badge could be added"))
	}
	if m.email != "" {
		add(st.Faint.Render(common.Clean(m.email+" is now a confirmed address of yours.", tw)))
	}
	add("")
	n := len(m.toAccept())
	// What comes under the events: a blank line, the error, the advice
	// and the buttons, the spinner.
	tail := 1 + 2
	if m.err != "" {
		tail++
	}
	if n > 0 {
		tail++
	}
	if m.busy {
		tail += 2
	}
	// The events take at most room lines and one for "and N more"; the
	// title and its blank lines (3) are above.
	room := max(m.c.Height-3-len(out)-tail-1, 1)
	for i, e := range m.events {
		if i == room && len(m.events) > room+1 {
			add("  " + st.Faint.Render(fmt.Sprintf("and %d more", len(m.events)-i)))
			break
		}
		add(m.eventLine(e, tw))
	}
	add("")
	if m.err != "" {
		add(st.Error.Render("✖ " + common.Clean(m.err, tw-2)))
	}
	if n > 0 {
		add(st.Faint.Render(common.Plural(n, "It waits", "They wait") + " in your inbox until you accept " + common.Plural(n, "it", "them") + "."))
		add("")
		label := "Accept it"
		if n > 1 {
			label = fmt.Sprintf("Accept all %d", n)
		}
		add(m.buttons(label, "Open inbox"))
	} else {
		add("")
		add(m.buttons("Open wallet", "Open inbox"))
	}
	if m.busy {
		add("")
		add(m.spin.View() + " " + st.Faint.Render("Accepting…"))
	}
	return out
}

// Columns of an event line: its indent and the state before the name.
const (
	eventIndent = 2
	stateWidth  = 18
)

// eventLine is one badge of the claim in tw cells: its state, its name
// and why it was not added or is not addressed to the holder (the name is
// cut first, so that the reason shows).
func (m *Model) eventLine(e wallet.ImportEvent, tw int) string {
	st := m.c.Styles
	var state string
	var style lipgloss.Style
	switch e.Status {
	case wallet.ImportAdded:
		state, style = common.VerificationWord(string(e.Verdict)), st.VerificationStyle(string(e.Verdict))
	case wallet.ImportDuplicate:
		state, style = "= already here", st.Faint
	default:
		state, style = "✖ not added", st.Error
	}
	name := e.Name
	if name == "" {
		name = e.Source
	}
	room := tw - eventIndent - stateWidth - 1 // for the name and the reason
	var why string
	whyStyle := st.Faint
	switch {
	case e.Err != nil:
		why = common.Clean(e.Err.Error(), 1<<16)
	case e.NotAddressed:
		why, whyStyle = "⚠ not addressed to you", st.Pending
	}
	shown := common.Clean(name, room)
	if why != "" {
		// The reason gets what the name leaves, and at least half.
		shown = common.Clean(name, max(room-3-lipgloss.Width(why), room/2))
		why = " — " + common.Clean(why, max(room-lipgloss.Width(shown)-3, 1))
	}
	return strings.Repeat(" ", eventIndent) + style.Render(state) + strings.Repeat(" ", max(stateWidth-lipgloss.Width(state), 0)) +
		" " + shown + whyStyle.Render(why)
}

// buttons draws two buttons, the selected one marked by ▸ as well as by
// colour.
func (m *Model) buttons(a, b string) string {
	st := m.c.Styles
	out := make([]string, 2)
	for i, l := range []string{a, b} {
		if i == m.choice {
			out[i] = st.ButtonActive.Render("▸ [ " + l + " ]")
		} else {
			out[i] = st.Button.Render("  [ " + l + " ]")
		}
	}
	return "\b" + out[0] + " " + out[1]
}

// indent puts the left margin before a line; a line of buttons starts
// one cell earlier (marked by a leading \b), as each button's padding
// takes that cell.
func indent(s string) string {
	if b, ok := strings.CutPrefix(s, "\b"); ok {
		return pad[1:] + b
	}
	return pad + s
}
