package badge

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"badgewallet/ui/common"
	"badgewallet/wallet"
	"badgewallet/wallet/openbadges"
	"badgewallet/wallet/openbadges/verify"
)

// Layout of the page.
const (
	artCols  = 24 // artwork, cells
	artRows  = 12
	gap      = 3 // between the artwork and the facts
	margin   = 1 // left margin of the body
	nameRows = 2 // the name takes at most this many lines beside the art
	wheel    = 3 // lines per mouse wheel step
)

// loadedMsg is one badge read from the wallet, with what its file holds.
type loadedMsg struct {
	req    int
	detail wallet.Detail
	info   info
	art    string // the artwork, drawn in the Cmd
	err    error
}

// info is what the page shows from the badge file itself.
type info struct {
	criteria   string // Markdown narrative
	criteriaID string // URL of the criteria page
	alignments []openbadges.Alignment
	tags       []string
	evidence   []openbadges.Evidence
	image      bool // the file is a baked PNG or SVG
}

// criteriaMsg is the criteria rendered for one width.
type criteriaMsg struct {
	req   int
	width int
	text  string
}

// verifiedMsg is the end of a re-verification.
type verifiedMsg struct {
	req  int
	name string
	res  []wallet.Refreshed
	err  error
}

// doneMsg ends an action that changed the badge (privacy, accept,
// reject): the frame hears that the wallet changed, and the page reloads
// on the WalletChangedMsg it sends back.
type doneMsg struct {
	text string
	err  error
}

// Model is the Badge page.
type Model struct {
	c common.Common

	id     int64
	req    int // newest load request; older answers are dropped
	loaded bool
	err    error

	d    wallet.Detail
	info info

	checking bool // a re-verification is running
	checkReq int

	critReq   int
	critWidth int    // width the criteria were rendered for
	critWant  int    // width of the rendering under way
	criteria  string // rendered criteria ("" until rendered)

	art    string   // artwork drawn for the current data
	lines  []string // the body, built by layout
	offset int      // first body line on screen
}

// New returns the Badge page; Open chooses the badge.
func New(c common.Common) *Model {
	return &Model{c: c}
}

// Open shows badge id and returns the Cmd that loads it. The request
// counters go on, past every request made so far (they are not reset with
// the rest): an answer still on its way about the badge shown before is
// stale and dropped.
func (m *Model) Open(id int64) tea.Cmd {
	*m = Model{c: m.c, id: id, req: m.req, checkReq: m.checkReq + 1, critReq: m.critReq + 1}
	m.layout()
	return m.load()
}

// ID is the badge shown (0 before Open).
func (m *Model) ID() int64 { return m.id }

// Init loads the badge when one was opened.
func (m *Model) Init() tea.Cmd {
	if m.id == 0 {
		return nil
	}
	return m.load()
}

// SetSize sets the page's size.
func (m *Model) SetSize(w, h int) {
	m.c.Width, m.c.Height = w, h
	m.layout()
}

// load returns the Cmd that reads the badge, its file and its picture.
func (m *Model) load() tea.Cmd {
	m.req++
	req, ctx, w, id := m.req, m.c.Ctx, m.c.Svc.Wallet, m.id
	return func() tea.Msg {
		d, err := w.Badge(ctx, id)
		if err != nil {
			return loadedMsg{req: req, err: err}
		}
		msg := loadedMsg{req: req, detail: d}
		if data, err := w.Original(ctx, id); err == nil {
			msg.info = readInfo(data)
		}
		pic, _ := common.LoadPicture(ctx, w, id) // no picture: the initials stand in
		msg.art = common.Artwork(pic, d.Name, artCols, artRows)
		return msg
	}
}

// readInfo takes criteria, skills and evidence from the badge file.
func readInfo(data []byte) info {
	x, err := openbadges.Read(data)
	if x == nil {
		return info{}
	}
	in := info{image: x.Container == openbadges.ContainerPNG || x.Container == openbadges.ContainerSVG}
	if err != nil || x.Badge == nil {
		return in
	}
	b := x.Badge
	in.criteria, in.criteriaID = b.Criteria.Narrative, b.Criteria.ID
	in.alignments, in.tags, in.evidence = b.Alignments, b.Tags, b.Evidence
	return in
}

// textWidth is the width of the text: the page, up to a readable measure.
func (m *Model) textWidth() int { return max(min(m.c.Width, maxMeasure)-2*margin, 10) }

// maxMeasure caps the text width on wide terminals (long lines are hard
// to read).
const maxMeasure = 110

// renderCriteria returns the Cmd that renders the criteria for the
// current width (glamour is built there, once per width).
func (m *Model) renderCriteria() tea.Cmd {
	if m.info.criteria == "" {
		return nil
	}
	m.critReq++
	req, width, md := m.critReq, m.textWidth(), m.info.criteria
	return func() tea.Msg {
		return criteriaMsg{req: req, width: width, text: renderMarkdown(md, width)}
	}
}

// Update handles keys, the mouse and the results of Cmds. After a resize
// (SetSize) the criteria are rendered again for the new width.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	return m, tea.Batch(cmd, m.criteriaIfStale())
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.SetSize(msg.Width, msg.Height)
	case loadedMsg:
		if msg.req != m.req {
			return nil
		}
		if msg.err != nil {
			m.err = msg.err
			m.layout()
			return nil
		}
		m.err, m.loaded = nil, true
		m.d, m.art = msg.detail, msg.art
		if msg.info.criteria != m.info.criteria {
			m.criteria, m.critWidth, m.critWant = "", 0, 0
		}
		m.info = msg.info
		m.layout()
		return nil
	case criteriaMsg:
		if msg.req != m.critReq {
			return nil
		}
		m.criteria, m.critWidth = msg.text, msg.width
		m.layout()
		return nil
	case verifiedMsg:
		if msg.req != m.checkReq {
			return nil
		}
		m.checking = false
		m.layout()
		if msg.err != nil {
			return common.ToastErr(fmt.Errorf("could not check %s again: %w", common.Clean(msg.name, 60), msg.err))
		}
		text := "Checked " + common.Clean(msg.name, 60) + " again"
		if len(msg.res) == 1 {
			text += ": " + common.VerificationWord(string(msg.res[0].Verdict))
		}
		// WalletChangedMsg comes back to this page too: it reloads then.
		return tea.Batch(common.Toast(text), common.Changed)
	case doneMsg:
		if msg.err != nil {
			return common.ToastErr(msg.err)
		}
		return tea.Batch(common.Toast(msg.text), common.Changed)
	case common.WalletChangedMsg:
		if m.id == 0 {
			return nil
		}
		return m.load()
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			m.scroll(-wheel)
		case tea.MouseButtonWheelDown:
			m.scroll(wheel)
		}
		return nil
	case tea.KeyMsg:
		return m.key(msg)
	}
	return nil
}

// criteriaIfStale renders the criteria when they were not rendered for
// the current width.
func (m *Model) criteriaIfStale() tea.Cmd {
	tw := m.textWidth()
	if !m.loaded || m.info.criteria == "" || m.critWidth == tw || m.critWant == tw {
		return nil
	}
	m.critWant = tw
	return m.renderCriteria()
}

// key handles one key press.
func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k, l := m.c.Keys.Badge, m.c.Keys.List
	switch {
	case key.Matches(msg, m.c.Keys.Global.Back):
		return common.Back
	case key.Matches(msg, l.Up):
		m.scroll(-1)
	case key.Matches(msg, l.Down):
		m.scroll(1)
	case key.Matches(msg, l.PageUp):
		m.scroll(-max(m.c.Height-1, 1))
	case key.Matches(msg, l.PageDown):
		m.scroll(max(m.c.Height-1, 1))
	case key.Matches(msg, l.Home):
		m.scroll(-len(m.lines))
	case key.Matches(msg, l.End):
		m.scroll(len(m.lines))
	case !m.loaded:
		return nil
	case key.Matches(msg, k.Verify):
		return m.verify()
	case key.Matches(msg, k.Privacy):
		return m.togglePrivacy()
	case key.Matches(msg, k.Share):
		return common.Msg(common.OpenShareMsg{ID: m.id})
	case key.Matches(msg, k.Export):
		return m.export(wallet.ExportCredential)
	case key.Matches(msg, k.ExportImage):
		if !m.info.image {
			return common.Toast("This badge came as a " + containerWord(m.d.Container) + ", not as an image: there is no baked image to save (e exports the credential).")
		}
		return m.export(wallet.ExportOriginal)
	case key.Matches(msg, k.Accept):
		return m.setAcceptance(true)
	case key.Matches(msg, k.Reject):
		return m.setAcceptance(false)
	}
	return nil
}

// scroll moves the body by d lines, clamped.
func (m *Model) scroll(d int) {
	m.offset = min(max(m.offset+d, 0), max(len(m.lines)-m.c.Height, 0))
}

// verify re-verifies the badge in a Cmd.
func (m *Model) verify() tea.Cmd {
	if m.checking {
		return nil
	}
	m.checking = true
	m.checkReq++
	m.layout()
	req, ctx, w, id, opts, name := m.checkReq, m.c.Ctx, m.c.Svc.Wallet, m.id, m.c.Svc.VerifyOptions(), m.d.Name
	return func() tea.Msg {
		res, err := w.Refresh(ctx, id, opts, nil)
		return verifiedMsg{req: req, name: name, res: res, err: err}
	}
}

// togglePrivacy makes the badge public or private in a Cmd.
func (m *Model) togglePrivacy() tea.Cmd {
	ctx, w, id, name := m.c.Ctx, m.c.Svc.Wallet, m.id, common.Clean(m.d.Name, 60)
	public := m.d.Privacy != "public"
	return func() tea.Msg {
		if err := w.SetPrivacy(ctx, id, public); err != nil {
			return doneMsg{err: err}
		}
		if public {
			return doneMsg{text: name + " is now public: share links work for others."}
		}
		return doneMsg{text: name + " is now private: its links stop working for others."}
	}
}

// setAcceptance accepts or rejects a pending badge in a Cmd.
func (m *Model) setAcceptance(accept bool) tea.Cmd {
	if m.d.Acceptance != "pending" {
		return common.Toast("This badge is " + m.d.Acceptance + ", not waiting in the inbox: nothing to accept or reject.")
	}
	ctx, w, id, name := m.c.Ctx, m.c.Svc.Wallet, m.id, common.Clean(m.d.Name, 60)
	return func() tea.Msg {
		if accept {
			if err := w.Accept(ctx, id); err != nil {
				return doneMsg{err: err}
			}
			return doneMsg{text: "Accepted " + name + ": it is in your wallet."}
		}
		if err := w.Reject(ctx, id); err != nil {
			return doneMsg{err: err}
		}
		return doneMsg{text: "Rejected " + name + ": it stays out of your wallet (the inbox can restore it)."}
	}
}

// export saves the credential or the baked image into the save folder.
func (m *Model) export(as wallet.ExportAs) tea.Cmd {
	ctx, w, id, dir, name := m.c.Ctx, m.c.Svc.Wallet, m.id, m.c.Svc.SaveDir, m.d.Name
	what := "the credential"
	if as == wallet.ExportOriginal {
		what = "the baked image"
	}
	return func() tea.Msg {
		x, err := w.Export(ctx, id, as)
		if err != nil {
			return common.ToastMsg{Text: "Could not export " + what + ": " + err.Error(), Err: true}
		}
		path, err := common.SaveFile(dir, common.FileName(name, id), x.Ext, x.Data)
		if err != nil {
			return common.ToastMsg{Text: "Could not save " + what + ": " + err.Error(), Err: true}
		}
		return common.ToastMsg{Text: "Saved " + what + " to " + path}
	}
}

// containerWord names what the badge file is.
func containerWord(c string) string {
	switch c {
	case "json":
		return "JSON file"
	case "jws":
		return "signed JWT"
	case "url":
		return "hosted link"
	case "png", "svg":
		return "baked " + strings.ToUpper(c)
	}
	return c + " file"
}

// ShortHelp lists the keys of the help line.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys.Badge
	out := []key.Binding{m.c.Keys.List.Down, k.Verify, k.Privacy, k.Share, k.Export}
	if m.info.image {
		out = append(out, k.ExportImage)
	}
	if m.d.Acceptance == "pending" {
		out = append(out, k.Accept, k.Reject)
	}
	return append(out, m.c.Keys.Global.Back)
}

// FullHelp lists every key of the page.
func (m *Model) FullHelp() [][]key.Binding {
	k, l := m.c.Keys.Badge, m.c.Keys.List
	acts := []key.Binding{k.Verify, k.Privacy, k.Share, k.Export, k.ExportImage}
	if m.d.Acceptance == "pending" {
		acts = append(acts, k.Accept, k.Reject)
	}
	return [][]key.Binding{{l.Up, l.Down, l.PageUp, l.PageDown, l.Home, l.End}, acts, {m.c.Keys.Global.Back}}
}

// View draws the body on screen, in exactly Width×Height.
func (m *Model) View() string {
	h := max(m.c.Height, 1)
	end := min(m.offset+h, len(m.lines))
	var vis []string
	if m.offset < end {
		vis = m.lines[m.offset:end]
	}
	if len(m.lines) > h && end < len(m.lines) && len(vis) == h {
		// Say there is more, on the last line.
		more := fmt.Sprintf("↓ %d more lines", len(m.lines)-end)
		vis = append(append([]string(nil), vis[:h-1]...), common.Spaces(margin)+m.c.Styles.Faint.Render(more))
	}
	return common.Fit(strings.Join(vis, "\n"), h)
}

// layout builds the body's lines for the current data and size.
func (m *Model) layout() {
	st := m.c.Styles
	w := m.c.Width
	switch {
	case m.err != nil:
		msg := "Could not open this badge: " + common.Clean(m.err.Error(), w-30)
		if errors.Is(m.err, wallet.ErrNotFound) {
			msg = "This badge is no longer in the wallet (esc goes back)."
		}
		m.lines = strings.Split(common.Centered(w, m.c.Height, st.Error.Render(msg)), "\n")
		m.offset = 0
		return
	case !m.loaded:
		m.lines = strings.Split(common.Centered(w, m.c.Height, st.Faint.Render("Opening the badge…")), "\n")
		m.offset = 0
		return
	}
	var lines []string
	lines = append(lines, m.top()...)
	add := func(section []string) {
		if len(section) > 0 {
			lines = append(lines, "")
			lines = append(lines, section...)
		}
	}
	add(m.criteriaSection())
	add(m.skillsSection())
	add(m.evidenceSection())
	add(m.descriptionSection())
	add(m.verificationSection())
	m.lines = lines
	m.scroll(0)
}

// plainStyle draws text as the terminal does by default.
var plainStyle = lipgloss.Style{}

// top is the artwork beside the name and the facts.
func (m *Model) top() []string {
	st := m.c.Styles
	d := m.d
	right := max(m.c.Width-margin-artCols-gap, 10)
	var facts []string
	name := common.Clean(d.Name, 1<<16)
	if name == "" {
		name = "(no name)"
	}
	nameLines := strings.Split(ansi.Wrap(name, right, ""), "\n")
	if len(nameLines) > nameRows {
		nameLines = nameLines[:nameRows]
		nameLines[nameRows-1] = common.Clean(nameLines[nameRows-1]+" …", right)
	}
	for _, l := range nameLines {
		facts = append(facts, st.Title.Render(l))
	}
	issuer := d.IssuerName
	if strings.TrimSpace(issuer) == "" {
		issuer = d.IssuerID
	}
	facts = append(facts, st.Meta.Render(common.Clean(issuer, right)), "")
	vw := max(right-lipgloss.Width(st.Label.Render("")), 8)
	def := func(label, value string, style lipgloss.Style) {
		facts = append(facts, st.Label.Render(label)+style.Render(common.Clean(value, vw)))
	}
	def("Issued", day(d.Issued, "unknown"), plainStyle)
	expires := day(d.Expires, "never")
	if !d.Expires.IsZero() && d.Expires.Before(m.c.Now()) {
		expires = "⌛ expired " + expires
	}
	def("Expires", expires, plainStyle)
	recipient := recipientWords(d)
	if d.NotAddressed {
		recipient += " (not your identity)"
	}
	def("Recipient", recipient, plainStyle)
	state := d.Verification
	if m.checking {
		state = "checking"
	}
	def("Verification", common.VerificationWord(state), st.VerificationStyle(state))
	privacy := "private: only you see it"
	if d.Privacy == "public" {
		privacy = "public: on your profile"
	}
	def("Privacy", privacy, plainStyle)
	acceptance := d.Acceptance
	switch d.Acceptance {
	case "pending":
		acceptance = "pending: a accepts, x rejects"
		def("Status", acceptance, st.Pending)
	case "accepted":
		def("Status", "accepted: in your wallet", plainStyle)
	default:
		def("Status", acceptance, plainStyle)
	}
	def("Format", "Open Badges "+d.Spec+" · "+containerWord(d.Container), st.Meta)

	art := strings.Split(m.art, "\n")
	n := max(len(art), len(facts))
	out := make([]string, n)
	for i := range n {
		a := common.Spaces(artCols)
		if i < len(art) {
			a = art[i] + common.Spaces(artCols-lipgloss.Width(art[i]))
		}
		f := ""
		if i < len(facts) {
			f = facts[i]
		}
		out[i] = strings.TrimRight(common.Spaces(margin)+a+common.Spaces(gap)+f, " ")
	}
	return out
}

// day formats a date, or none when it is zero.
func day(t time.Time, none string) string {
	if t.IsZero() {
		return none
	}
	return t.Format("2 Jan 2006")
}

// heading is a section title.
func (m *Model) heading(s string) string {
	return common.Spaces(margin) + m.c.Styles.Heading.Render(s)
}

// para wraps untrusted text to the text width, indented.
func (m *Model) para(s string, indent int, style lipgloss.Style) []string {
	s = strings.TrimSpace(common.CleanText(s))
	if s == "" {
		return nil
	}
	var out []string
	for _, l := range strings.Split(ansi.Wrap(s, m.textWidth()-indent, ""), "\n") {
		out = append(out, common.Spaces(margin+indent)+style.Render(strings.TrimRight(l, " ")))
	}
	return out
}

// criteriaSection is the criteria: the rendered Markdown ("…" until
// glamour is done), then the criteria page.
func (m *Model) criteriaSection() []string {
	in := m.info
	if in.criteria == "" && in.criteriaID == "" {
		return nil
	}
	out := []string{m.heading("Criteria")}
	switch {
	case in.criteria != "" && m.criteria != "":
		for _, l := range strings.Split(m.criteria, "\n") {
			if m.critWidth != m.textWidth() { // resized: until rendered again
				l = ansi.Truncate(l, m.textWidth(), "")
			}
			out = append(out, strings.TrimRight(common.Spaces(margin)+l, " "))
		}
	case in.criteria != "":
		out = append(out, common.Spaces(margin)+m.c.Styles.Faint.Render("…")) // glamour is at work
	}
	if in.criteriaID != "" {
		out = append(out, common.Spaces(margin)+m.c.Styles.Faint.Render(common.Clean("More at "+in.criteriaID, m.textWidth())))
	}
	return out
}

// skillsSection lists alignments and tags.
func (m *Model) skillsSection() []string {
	in := m.info
	if len(in.alignments) == 0 && len(in.tags) == 0 {
		return nil
	}
	st := m.c.Styles
	out := []string{m.heading("Skills")}
	tw := m.textWidth() - 2
	seen := map[string]bool{}
	for _, a := range in.alignments {
		name := common.Clean(a.Name, tw)
		if name == "" {
			continue
		}
		var meta []string
		if f := common.Clean(a.Framework, tw); f != "" {
			meta = append(meta, f)
		}
		if c := common.Clean(a.Code, 40); c != "" {
			meta = append(meta, c)
		}
		line := common.Spaces(margin) + "• " + name
		if len(meta) > 0 {
			line += st.Meta.Render(" · " + common.Clean(strings.Join(meta, " · "), max(tw-lipgloss.Width(name)-3, 1)))
		}
		if seen[line] {
			continue
		}
		seen[line] = true
		out = append(out, line)
	}
	var tags []string
	for _, t := range in.tags {
		if t = common.Clean(t, tw); t != "" {
			tags = append(tags, t)
		}
	}
	if len(tags) > 0 {
		for _, l := range strings.Split(ansi.Wrap(strings.Join(tags, " · "), tw, ""), "\n") {
			out = append(out, common.Spaces(margin)+"• "+strings.TrimSpace(l))
		}
	}
	if len(out) == 1 {
		return nil
	}
	return out
}

// evidenceSection lists the evidence.
func (m *Model) evidenceSection() []string {
	if len(m.info.evidence) == 0 {
		return nil
	}
	st := m.c.Styles
	out := []string{m.heading("Evidence")}
	tw := m.textWidth() - 2
	for _, e := range m.info.evidence {
		title := common.Clean(e.Name, tw)
		if title == "" {
			title = common.Clean(e.ID, tw)
		}
		if title == "" {
			title = "(evidence)"
		}
		out = append(out, common.Spaces(margin)+"• "+title)
		if e.ID != "" && title != common.Clean(e.ID, tw) {
			out = append(out, common.Spaces(margin+2)+st.Faint.Render(common.Clean(e.ID, tw)))
		}
		text := e.Narrative
		if text == "" {
			text = e.Description
		}
		out = append(out, m.para(text, 2, st.Meta)...)
	}
	return out
}

// descriptionSection is the badge's description.
func (m *Model) descriptionSection() []string {
	p := m.para(m.d.Description, 0, plainStyle)
	if len(p) == 0 {
		return nil
	}
	return append([]string{m.heading("Description")}, p...)
}

// checkNames are the report's checks in words.
var checkNames = map[verify.CheckName]string{
	verify.CheckStructure: "Structure",
	verify.CheckProof:     "Proof",
	verify.CheckValidity:  "Validity",
	verify.CheckStatus:    "Status",
	verify.CheckRecipient: "Recipient",
}

// checkName is the width of the check name column (Styles.Label).
const checkName = 14

// verificationSection is the last report as a checklist.
func (m *Model) verificationSection() []string {
	st := m.c.Styles
	r := m.d.Report
	switch {
	case m.checking:
		return []string{m.heading("Verification — ") + st.Faint.Render("⟳ checking…")}
	case r == nil || r.CheckedAt.IsZero():
		return []string{m.heading("Verification — not checked yet"), common.Spaces(margin+2) + st.Faint.Render("v checks it now.")}
	}
	out := []string{m.heading("Verification — checked " + r.CheckedAt.Local().Format("2 Jan 2006 15:04"))}
	out = append(out, common.Spaces(margin+2)+st.VerificationStyle(string(r.Verdict)).Render(common.VerificationWord(string(r.Verdict))))
	indent := margin + 2 + 2 + checkName
	tw := max(m.textWidth()+margin-indent, 10)
	for _, c := range r.Checks {
		glyph, style := "✔", st.Verified
		switch {
		case c.Outcome == verify.Fail:
			glyph, style = "✖", st.Invalid
		case c.Outcome == verify.Warning:
			glyph, style = "!", st.Pending
		case c.Outcome == verify.Skipped:
			glyph, style = "?", st.Faint
		}
		name := checkNames[c.Name]
		if name == "" {
			name = common.Clean(string(c.Name), checkName-1)
		}
		msg := strings.TrimSpace(common.CleanText(c.Message))
		msg = strings.Join(strings.Fields(msg), " ")
		wrapped := strings.Split(ansi.Wrap(msg, tw, ""), "\n")
		for i, l := range wrapped {
			l = strings.TrimRight(l, " ")
			if i == 0 {
				out = append(out, common.Spaces(margin+2)+style.Render(glyph)+" "+st.Label.Render(name)+l)
				continue
			}
			out = append(out, common.Spaces(indent)+l)
		}
	}
	return out
}

// renderMarkdown renders untrusted Markdown for the terminal at width.
func renderMarkdown(md string, width int) string {
	md = strings.TrimSpace(common.CleanText(md))
	// glamour's own word wrap leaves a lone word on a line at some widths
	// when a line holds styled words (bold, links): it renders unwrapped
	// here and x/ansi wraps each line, escape-aware, to the width.
	out, err := newRenderer(max(width, len(md)+unwrappedSlack)).Render(md)
	if err != nil {
		return ansi.Wrap(md, width, "")
	}
	var lines []string
	for _, l := range strings.Split(strings.Trim(out, "\n"), "\n") {
		// glamour pads lines with styled spaces: drop them, so that a
		// line is only as wide as its words.
		t := trailingPad.ReplaceAllString(l, "")
		if strings.Contains(t, "\x1b[") {
			t += "\x1b[0m" // close what the dropped tail closed
		}
		lines = append(lines, strings.Split(ansi.Wrap(t, width, ""), "\n")...)
	}
	return strings.Join(lines, "\n")
}

// unwrappedSlack is added to the Markdown's length for a width no rendered
// line reaches (list bullets, quote bars): glamour does not wrap.
const unwrappedSlack = 16

// trailingPad is a line's trailing run of spaces and SGR sequences.
var trailingPad = regexp.MustCompile(`(?:\x1b\[[0-9;]*m| )+$`)

// recipientWords names the badge's recipient: a hashed identity shows as
// the address of yours it matched when the last check found one (the hash
// itself means nothing to a person), else as "a hashed address".
func recipientWords(d wallet.Detail) string {
	r := d.Recipient
	switch {
	case r == "":
		return "not named"
	case !strings.Contains(r, "$") || strings.Contains(r, "@"):
		return r
	}
	if d.Report != nil {
		for _, c := range d.Report.Checks {
			if c.Name == verify.CheckRecipient && c.Outcome == verify.Pass {
				if who, ok := strings.CutPrefix(c.Message, "Issued to "); ok {
					return strings.TrimSuffix(who, ".")
				}
			}
		}
	}
	return "a hashed address"
}
