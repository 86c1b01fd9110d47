package issuerpage

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/progress"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"badgewallet/issuer"
	"badgewallet/store"
	"badgewallet/ui/common"
)

// mode is the sub-view on screen.
type mode int

const (
	modeCatalog mode = iota
	modeAward
	modeBulk
	modeRevoke
	modeOutbox
)

// input is the text input that has focus, if any.
type input int

const (
	inputNone input = iota
	inputEmail
	inputPath
	inputReason
)

// pos is a list cursor and the first row on screen.
type pos struct{ cur, top int }

// clamp keeps the cursor in [0, n) and on screen (vis rows).
func (p *pos) clamp(n, vis int) {
	vis = max(vis, 1)
	p.cur = min(max(p.cur, 0), max(n-1, 0))
	if p.cur < p.top {
		p.top = p.cur
	}
	if p.cur >= p.top+vis {
		p.top = p.cur - vis + 1
	}
	p.top = max(min(p.top, n-vis), 0)
}

// outcome is the result panel of the last award.
type outcome struct {
	email, name string
	res         issuer.AwardResult
	err         error
}

// bulkRun is the state of a bulk award: running, then its report.
type bulkRun struct {
	path    string
	req     int
	running bool
	total   int
	done    int
	last    issuer.RowResult
	ch      <-chan tea.Msg // rows of the running award, then its end
	rep     *issuer.CSVReport
	err     error
	cancel  context.CancelFunc
	top     int // first summary row on screen
}

// Model is the Issuer page.
type Model struct {
	c  common.Common
	is *issuer.Issuer // the issuer everything below belongs to; nil: demo off

	mode  mode
	focus input
	req   int // last request id handed out

	cat pos

	email    textinput.Model
	awardID  string // the achievement being awarded
	awardReq int
	awarding bool
	result   *outcome

	path textinput.Model
	bar  progress.Model // drawn with ViewAs: one step per row, no animation
	bulk bulkRun

	awards    []store.Award
	awardsReq int
	awardsOK  bool
	awardsErr error
	rv        pos
	reason    textinput.Model
	revTarget store.Award // the credential the reason is for
	revReq    int
	revoking  bool

	msgs    []store.OutboxMessage
	msgsReq int
	msgsOK  bool
	msgsErr error
	ob      pos
	reading bool
	body    viewport.Model
}

// New returns the Issuer page over c.Svc.Issuer (demo mode off when nil).
func New(c common.Common) *Model {
	m := &Model{c: c, is: c.Svc.Issuer}
	m.email = newInput(c, "learner@example.com", 254)
	m.path = newInput(c, "awards.csv", 4096)
	m.reason = newInput(c, "revoked by the issuer", 500)
	light, dark := "#5A32C8", "#A78BFA"
	if a, ok := c.Styles.Accent.GetForeground().(lipgloss.AdaptiveColor); ok {
		light, dark = a.Light, a.Dark
	}
	m.bar = progress.New(progress.WithGradient(light, dark), progress.WithColorProfile(lipgloss.ColorProfile()))
	m.body = viewport.New(1, 1)
	m.layout()
	return m
}

func newInput(c common.Common, placeholder string, limit int) textinput.Model {
	t := textinput.New()
	t.Placeholder = placeholder
	t.CharLimit = limit
	t.PromptStyle = c.Styles.Input
	t.PlaceholderStyle = c.Styles.Faint
	t.Cursor.SetMode(cursor.CursorStatic) // no blink ticks
	return t
}

// Init picks up the issuer (the frame opens it after building the
// pages); the catalog is in memory, the rest loads on demand.
func (m *Model) Init() tea.Cmd {
	if m.c.Svc.Issuer != m.is {
		m.reset()
	}
	return nil
}

// SetSize sets the page's size.
func (m *Model) SetSize(w, h int) {
	m.c.Width, m.c.Height = w, h
	m.layout()
}

// labelW is the width of the labels of the forms (Styles.Label).
const labelW = 14

// layout sizes the inputs, the progress bar and the message reader.
func (m *Model) layout() {
	w := max(m.c.Width, 20)
	for _, t := range []*textinput.Model{&m.email, &m.path, &m.reason} {
		t.Width = max(w-labelW-6, 8)
	}
	m.bar.Width = max(min(w-4, 80), 10)
	m.body.Width, m.body.Height = max(w-2, 1), max(m.bodyHeight()-4, 1)
	m.setBody()
	m.cat.clamp(m.catLen(), m.catalogRows())
	m.rv.clamp(len(m.awards), m.revokeRows())
	m.ob.clamp(len(m.msgs), m.outboxRows())
}

// Capturing reports whether a text input has focus.
func (m *Model) Capturing() bool { return m.focus != inputNone }

// nextReq hands out a request id.
func (m *Model) nextReq() int {
	m.req++
	return m.req
}

// reset forgets everything about the old issuer.
func (m *Model) reset() {
	if m.bulk.cancel != nil {
		m.bulk.cancel()
	}
	m.is = m.c.Svc.Issuer
	m.mode, m.focus = modeCatalog, inputNone
	m.email.Blur()
	m.path.Blur()
	m.reason.Blur()
	m.cat, m.rv, m.ob = pos{}, pos{}, pos{}
	m.awardID, m.awarding, m.result = "", false, nil
	m.bulk = bulkRun{}
	m.awards, m.awardsOK, m.awardsErr, m.revoking = nil, false, nil, false
	m.msgs, m.msgsOK, m.msgsErr, m.reading = nil, false, nil, false
	m.awardReq, m.awardsReq, m.revReq, m.msgsReq = 0, 0, 0, 0 // every answer in flight is stale
	m.layout()
}

func (m *Model) achievements() []*issuer.Achievement {
	if m.is == nil || m.is.Catalog() == nil {
		return nil
	}
	return m.is.Catalog().Achievements
}

func (m *Model) catLen() int { return len(m.achievements()) }

// selected is the achievement under the catalog cursor.
func (m *Model) selected() *issuer.Achievement {
	as := m.achievements()
	if len(as) == 0 {
		return nil
	}
	return as[min(max(m.cat.cur, 0), len(as)-1)]
}

// Update handles keys, the mouse, resizes and the answers of Cmds.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.SetSize(msg.Width, msg.Height)
		return m, nil
	case common.WalletChangedMsg:
		if m.c.Svc.Issuer != m.is {
			m.reset()
			return m, nil
		}
		return m, m.reload()
	}
	if m.c.Svc.Issuer != m.is { // demo mode changed; WalletChangedMsg follows
		m.reset()
	}
	if m.is == nil {
		return m, nil
	}
	switch msg := msg.(type) {
	case awardedMsg:
		return m, m.awarded(msg)
	case bulkStartMsg:
		return m, m.bulkStarted(msg)
	case bulkRowMsg:
		if msg.req != m.bulk.req || !m.bulk.running {
			return m, nil
		}
		m.bulk.done, m.bulk.last = msg.done, msg.row
		return m, waitBulk(m.bulk.ch)
	case bulkDoneMsg:
		return m, m.bulkDone(msg)
	case awardsMsg:
		if msg.req != m.awardsReq {
			return m, nil
		}
		m.awards, m.awardsErr, m.awardsOK = msg.rows, msg.err, true
		m.rv.clamp(len(m.awards), m.revokeRows())
		return m, nil
	case revokedMsg:
		return m, m.revoked(msg)
	case outboxMsg:
		if msg.req != m.msgsReq {
			return m, nil
		}
		m.msgs, m.msgsErr, m.msgsOK = msg.msgs, msg.err, true
		m.ob.clamp(len(m.msgs), m.outboxRows())
		return m, nil
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			m.move(-1)
		case tea.MouseButtonWheelDown:
			m.move(1)
		}
		return m, nil
	case tea.KeyMsg:
		if m.focus != inputNone {
			return m, m.typing(msg)
		}
		return m, m.key(msg)
	}
	return m, nil
}

// reload re-reads what the current view shows from the issuer.
func (m *Model) reload() tea.Cmd {
	switch m.mode {
	case modeRevoke:
		return m.loadAwards()
	case modeOutbox:
		return m.loadOutbox()
	}
	return nil
}

func (m *Model) loadAwards() tea.Cmd {
	if m.is == nil {
		return nil
	}
	m.awardsReq = m.nextReq()
	return loadAwards(m.c.Ctx, m.is, m.awardsReq)
}

func (m *Model) loadOutbox() tea.Cmd {
	if m.is == nil {
		return nil
	}
	m.msgsReq = m.nextReq()
	return loadOutbox(m.c.Ctx, m.is, m.msgsReq)
}

// key handles a key while no text input has focus.
func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k, l := m.c.Keys.Issuer, m.c.Keys.List
	switch {
	case key.Matches(msg, k.Catalog):
		m.mode, m.reading = modeCatalog, false
		return nil
	case key.Matches(msg, k.Award):
		return m.startAward()
	case key.Matches(msg, k.Bulk):
		if m.mode != modeBulk && (m.bulk.running || m.bulk.rep != nil || m.bulk.err != nil) {
			m.mode = modeBulk // show the run first; b again starts another
			return nil
		}
		m.mode = modeBulk
		if m.bulk.running {
			return nil
		}
		m.focus = inputPath
		return m.path.Focus()
	case key.Matches(msg, k.Revoke):
		if m.mode == modeRevoke {
			return m.askReason()
		}
		m.mode = modeRevoke
		return m.loadAwards()
	case key.Matches(msg, k.Outbox):
		m.mode, m.reading = modeOutbox, false
		return m.loadOutbox()
	case key.Matches(msg, m.c.Keys.Global.Back):
		switch {
		case m.mode == modeOutbox && m.reading:
			m.reading = false
		default:
			m.mode = modeCatalog
		}
		return nil
	case key.Matches(msg, k.Open):
		switch m.mode {
		case modeCatalog:
			return m.startAward()
		case modeRevoke:
			return m.askReason()
		case modeAward:
			return m.startAward()
		case modeOutbox:
			m.open()
		}
		return nil
	case key.Matches(msg, l.Up):
		m.move(-1)
	case key.Matches(msg, l.Down):
		m.move(1)
	case key.Matches(msg, l.PageUp):
		m.move(-m.pageSize())
	case key.Matches(msg, l.PageDown):
		m.move(m.pageSize())
	case key.Matches(msg, l.Home):
		m.move(-1 << 30)
	case key.Matches(msg, l.End):
		m.move(1 << 30)
	}
	return nil
}

// pageSize is how many rows page up and down move.
func (m *Model) pageSize() int {
	switch m.mode {
	case modeRevoke:
		return m.revokeRows()
	case modeOutbox:
		if m.reading {
			return m.body.Height
		}
		return m.outboxRows()
	case modeBulk:
		return m.summaryRows()
	}
	return m.catalogRows()
}

// move moves the cursor of the list on screen by d rows.
func (m *Model) move(d int) {
	clampAdd := func(a, d int) int { // no overflow on ±1<<30
		return max(min(a+d, 1<<30), -1<<30)
	}
	switch m.mode {
	case modeCatalog, modeAward:
		if m.mode == modeAward {
			return
		}
		m.cat.cur = clampAdd(m.cat.cur, d)
		m.cat.clamp(m.catLen(), m.catalogRows())
	case modeRevoke:
		m.rv.cur = clampAdd(m.rv.cur, d)
		m.rv.clamp(len(m.awards), m.revokeRows())
	case modeOutbox:
		if m.reading {
			if d < 0 {
				m.body.ScrollUp(min(-d, 1<<20))
			} else {
				m.body.ScrollDown(min(d, 1<<20))
			}
			return
		}
		m.ob.cur = clampAdd(m.ob.cur, d)
		m.ob.clamp(len(m.msgs), m.outboxRows())
	case modeBulk:
		if m.bulk.rep == nil {
			return // the summary scrolls; the run does not
		}
		n := len(m.bulk.rep.Rows)
		m.bulk.top = max(min(clampAdd(m.bulk.top, d), n-m.summaryRows()), 0)
	}
}

// startAward opens the award form on the selected achievement.
func (m *Model) startAward() tea.Cmd {
	a := m.selected()
	if a == nil {
		return common.Toast("The catalog is empty: add achievements to catalog.json in the issuer's folder.")
	}
	if m.awarding {
		m.mode = modeAward
		return nil
	}
	m.mode, m.focus, m.awardID, m.result = modeAward, inputEmail, a.ID, nil
	return m.email.Focus()
}

// askReason opens the reason input for the selected credential.
func (m *Model) askReason() tea.Cmd {
	if len(m.awards) == 0 || m.revoking {
		return nil
	}
	row := m.awards[m.rv.cur]
	if row.Revoked {
		return common.Toast("That credential is already revoked.")
	}
	m.focus, m.revTarget = inputReason, row
	m.reason.SetValue("")
	return m.reason.Focus()
}

// open shows the selected outbox message.
func (m *Model) open() {
	if len(m.msgs) == 0 {
		return
	}
	m.reading = true
	m.setBody()
}

// setBody wraps the open message to the reader's width.
func (m *Model) setBody() {
	if !m.reading || len(m.msgs) == 0 {
		return
	}
	msg := m.msgs[min(m.ob.cur, len(m.msgs)-1)]
	text := ansi.Wrap(common.CleanText(msg.Body), max(m.body.Width-2, 10), " -/")
	lines := strings.Split(text, "\n")
	for i := range lines {
		lines[i] = " " + lines[i]
	}
	m.body.SetContent(strings.Join(lines, "\n"))
	m.body.GotoTop()
}

// typing handles a key while a text input has focus.
func (m *Model) typing(msg tea.KeyMsg) tea.Cmd {
	switch {
	case msg.Type == tea.KeyEsc:
		f := m.focus
		m.blur()
		switch f {
		case inputEmail:
			m.mode = modeCatalog
		case inputPath:
			if m.bulk.rep == nil && m.bulk.err == nil {
				m.mode = modeCatalog
			}
		}
		return nil
	case msg.Type == tea.KeyEnter:
		return m.submit()
	}
	var cmd tea.Cmd
	switch m.focus {
	case inputEmail:
		m.email, cmd = m.email.Update(msg)
	case inputPath:
		m.path, cmd = m.path.Update(msg)
	case inputReason:
		m.reason, cmd = m.reason.Update(msg)
	}
	return cmd
}

func (m *Model) blur() {
	m.focus = inputNone
	m.email.Blur()
	m.path.Blur()
	m.reason.Blur()
}

// submit acts on the focused input's value.
func (m *Model) submit() tea.Cmd {
	switch m.focus {
	case inputEmail:
		email := strings.TrimSpace(m.email.Value())
		if email == "" {
			return common.Toast("Type the email address to award the badge to.")
		}
		m.blur()
		m.awarding, m.result = true, nil
		m.awardReq = m.nextReq()
		return award(m.c.Ctx, m.is, email, m.awardID, m.c.Now(), m.awardReq)
	case inputPath:
		path := strings.TrimSpace(m.path.Value())
		if path == "" {
			return common.Toast("Type the path of a CSV file of email,achievement[,date] rows.")
		}
		m.blur()
		ctx, cancel := context.WithCancel(m.c.Ctx)
		req := m.nextReq()
		m.bulk = bulkRun{path: path, req: req, running: true, cancel: cancel}
		return startBulk(ctx, m.is, path, req)
	case inputReason:
		row := m.revTarget
		why := strings.TrimSpace(m.reason.Value())
		m.blur()
		m.revoking = true
		m.revReq = m.nextReq()
		return revoke(m.c.Ctx, m.is, row, why, m.achievementName(row.AchievementID), m.revReq)
	}
	return nil
}

// achievementName is the catalog name of id, else id.
func (m *Model) achievementName(id string) string {
	if m.is != nil {
		if a, ok := m.is.Catalog().Get(id); ok {
			return a.Name
		}
	}
	return id
}

// awarded shows the outcome of an award.
func (m *Model) awarded(msg awardedMsg) tea.Cmd {
	if msg.req != m.awardReq {
		return nil
	}
	m.awarding = false
	email := strings.TrimSpace(m.email.Value())
	if msg.res.Email != "" {
		email = msg.res.Email
	}
	m.result = &outcome{email: email, name: m.achievementName(m.awardID), res: msg.res, err: msg.err}
	if msg.err != nil && len(msg.res.Awarded) == 0 {
		return common.ToastErr(fmt.Errorf("Nothing was awarded: %s", reason(msg.err, m.awardID)))
	}
	var cmds []tea.Cmd
	if n := len(msg.res.Awarded); n > 0 {
		cmds = append(cmds, common.Toast(fmt.Sprintf("Awarded %s to %s: the notification is in the outbox.", common.Counted(n, "badge", "badges"), common.Clean(email, 80))), common.Changed)
	} else {
		cmds = append(cmds, common.Toast("No badge was issued."))
	}
	if msg.err != nil { // delivery failed after the award was stored
		cmds = append(cmds, common.ToastErr(msg.err))
	}
	return tea.Batch(cmds...)
}

// bulkStarted starts listening to a bulk award's rows.
func (m *Model) bulkStarted(msg bulkStartMsg) tea.Cmd {
	if msg.req != m.bulk.req || !m.bulk.running {
		return nil
	}
	if msg.err != nil {
		m.bulk.running, m.bulk.err = false, msg.err
		m.bulk.cancel()
		return common.ToastErr(msg.err)
	}
	m.bulk.total, m.bulk.ch = msg.total, msg.ch
	return waitBulk(msg.ch)
}

// bulkDone shows the report of a bulk award.
func (m *Model) bulkDone(msg bulkDoneMsg) tea.Cmd {
	if msg.req != m.bulk.req || !m.bulk.running {
		return nil
	}
	m.bulk.running, m.bulk.ch = false, nil
	m.bulk.cancel()
	rep := msg.rep
	m.bulk.rep, m.bulk.err, m.bulk.top = &rep, msg.err, 0
	awarded, skipped, failed := tally(rep)
	text := fmt.Sprintf("Bulk award: %s issued · %d rows awarded, %d skipped, %d failed.", common.Counted(rep.Awarded, "badge", "badges"), awarded, skipped, failed)
	cmds := []tea.Cmd{common.Toast(text)}
	if msg.err != nil {
		cmds = []tea.Cmd{common.ToastErr(fmt.Errorf("Bulk award stopped: %w", msg.err))}
	}
	if rep.Awarded > 0 {
		cmds = append(cmds, common.Changed)
	}
	return tea.Batch(cmds...)
}

// tally counts the rows that awarded, were skipped (no error, no badge)
// and failed.
func tally(rep issuer.CSVReport) (awarded, skipped, failed int) {
	for _, r := range rep.Rows {
		switch {
		case r.Err != nil:
			failed++
		case len(r.Awarded) == 0:
			skipped++
		default:
			awarded++
		}
	}
	return
}

// revoked shows the outcome of a revocation and reloads the list.
func (m *Model) revoked(msg revokedMsg) tea.Cmd {
	if msg.req != m.revReq {
		return nil
	}
	m.revoking = false
	if msg.err != nil {
		return common.ToastErr(fmt.Errorf("Could not revoke: %w", msg.err))
	}
	text := fmt.Sprintf("Revoked %s for %s. Verifiers see it on their next check.", common.Clean(msg.name, 50), common.Clean(msg.row.Email, 40))
	return tea.Batch(common.Toast(text), common.Changed, m.loadAwards())
}
