package importer

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/progress"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"badgewallet/ui/common"
	"badgewallet/wallet"
)

// Throttle is the shortest time between two progress messages.
const Throttle = 50 * time.Millisecond

// recentItems is how many of the last imported files the page shows.
const recentItems = 6

// snapshot is the state of a running import.
type snapshot struct {
	done, total            int
	added, dupes, failed   int
	recent                 []wallet.ImportEvent // newest last
	cancelledItems, errors int
}

// feed carries a running import's progress from its goroutine to the
// program: the import's callback updates the snapshot and wakes the
// listener at most once per Throttle; it never blocks the import.
type feed struct {
	mu   sync.Mutex
	snap snapshot
	last time.Time
	wake chan struct{}    // capacity 1: "there is news"
	end  chan finishedMsg // capacity 1: the import returned
}

func newFeed() *feed {
	return &feed{wake: make(chan struct{}, 1), end: make(chan finishedMsg, 1)}
}

// progress is the import's callback.
func (f *feed) progress(e wallet.ImportEvent) {
	f.mu.Lock()
	s := &f.snap
	s.done, s.total = e.Done, e.Total
	switch e.Status {
	case wallet.ImportAdded:
		s.added++
	case wallet.ImportDuplicate:
		s.dupes++
	default:
		s.failed++
	}
	if len(s.recent) == recentItems {
		copy(s.recent, s.recent[1:])
		s.recent = s.recent[:recentItems-1]
	}
	s.recent = append(s.recent, e)
	now := time.Now()
	send := e.Done == 1 || now.Sub(f.last) >= Throttle
	if send {
		f.last = now
	}
	f.mu.Unlock()
	if send {
		select {
		case f.wake <- struct{}{}:
		default: // the listener has news waiting already
		}
	}
}

func (f *feed) snapshot() snapshot {
	f.mu.Lock()
	defer f.mu.Unlock()
	s := f.snap
	s.recent = append([]wallet.ImportEvent(nil), f.snap.recent...)
	return s
}

// listen waits for the next news of the import: a progressMsg, or the
// finishedMsg.
func (f *feed) listen(req int) tea.Cmd {
	return func() tea.Msg {
		select {
		case <-f.wake:
			return progressMsg{req: req, snap: f.snapshot(), feed: f}
		case m := <-f.end:
			return m
		}
	}
}

// progressMsg is news of a running import.
type progressMsg struct {
	req  int
	snap snapshot
	feed *feed
}

// finishedMsg says that the import returned.
type finishedMsg struct {
	req  int
	sum  wallet.ImportSummary
	err  error
	snap snapshot
}

// start returns a Cmd that starts the import in a goroutine and returns
// its first news.
func start(ctx context.Context, w *wallet.Wallet, sources []string, o wallet.ImportOptions, req int) tea.Cmd {
	return func() tea.Msg {
		f := newFeed()
		go func() {
			sum, err := w.Import(ctx, sources, o, f.progress)
			f.end <- finishedMsg{req: req, sum: sum, err: err, snap: f.snapshot()}
		}()
		return f.listen(req)()
	}
}

// state is what the page is doing.
type state int

const (
	idle state = iota
	running
	finished
)

// result is the summary of the last import.
type result struct {
	sum       wallet.ImportSummary
	failures  []wallet.ImportEvent // without the items the cancel interrupted
	err       error                // the import could not run at all
	cancelled bool
	done      int
	total     int
}

// Model is the Import page.
type Model struct {
	c common.Common

	input      textinput.Model
	bar        progress.Model // drawn with ViewAs: one frame per news, no animation
	home       string
	hint       string   // a line under the input: an error or "no match"
	candidates []string // listed by a second tab

	state      state
	req        int
	cancel     context.CancelFunc
	cancelling bool
	sources    []string
	snap       snapshot
	res        result
	top        int // first failure on screen
}

// New returns the Import page, its input focused.
func New(c common.Common) *Model {
	in := textinput.New()
	in.Prompt = "› "
	in.PromptStyle = c.Styles.Input
	in.PlaceholderStyle = c.Styles.Faint
	in.Placeholder = "~/Downloads/badges  (a badge file or a folder; tab completes)"
	in.Cursor.SetMode(cursor.CursorStatic)
	in.CharLimit = 4096
	// The input waits for enter: a page that took the keys as soon as it
	// is shown would keep tab, the digits and q from switching pages.
	home, _ := os.UserHomeDir()
	m := &Model{c: c, input: in, home: home}
	// The accent fills the bar, the faint colour the rest, as elsewhere; the
	// percentage is drawn beside it in the page's own style.
	m.bar = progress.New(progress.WithSolidFill(colour(c.Styles.Accent)), progress.WithoutPercentage(),
		progress.WithColorProfile(lipgloss.ColorProfile()))
	m.bar.EmptyColor = colour(c.Styles.Faint)
	m.layout()
	return m
}

// Init does nothing: the page waits for a path.
func (m *Model) Init() tea.Cmd { return nil }

// SetSize sets the page size.
func (m *Model) SetSize(width, height int) {
	m.c.Width, m.c.Height = width, height
	m.layout()
}

func (m *Model) layout() {
	m.input.Width = max(m.c.Width-6, 10)
	m.bar.Width = max(m.c.Width-30, 10)
	m.top = min(m.top, max(len(m.res.failures)-m.failureRows(), 0))
}

// Capturing is true while the path input has focus.
func (m *Model) Capturing() bool { return m.input.Focused() }

// ShortHelp lists the page's main keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	switch {
	case m.state == running:
		return []key.Binding{cancelKey}
	case m.input.Focused():
		return []key.Binding{k.Import.Start, k.Import.Complete, leaveKey}
	case m.state == finished:
		return []key.Binding{k.List.Up, k.List.Down, moreKey, k.Global.Back}
	}
	return []key.Binding{typeKey}
}

// FullHelp lists every key of the page.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{
		{k.Import.Start, k.Import.Complete, leaveKey, cancelKey},
		{k.List.Up, k.List.Down, k.List.PageUp, k.List.PageDown, k.List.Home, k.List.End, moreKey},
	}
}

// Help entries whose words differ from the shared bindings'.
var (
	cancelKey = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel the import"))
	leaveKey  = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "leave the input"))
	moreKey   = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "import more"))
	typeKey   = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "type a path"))
)

// Update handles keys, the wheel and the import's news.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case progressMsg:
		if msg.req != m.req || m.state != running {
			return m, nil // an old import: stop listening to it
		}
		m.snap = msg.snap
		return m, msg.feed.listen(msg.req)
	case finishedMsg:
		if msg.req != m.req || m.state != running {
			return m, nil
		}
		return m, m.finish(msg)
	case completedMsg:
		// Stale when typed on meanwhile, or the input was left (esc, or
		// enter started an import).
		if m.input.Focused() && msg.before == m.input.Value() {
			m.completed(msg)
		}
		return m, nil
	case common.WalletChangedMsg:
		return m, nil // the page shows nothing of the wallet
	case tea.MouseMsg:
		if m.state == finished && !m.input.Focused() {
			switch msg.Button {
			case tea.MouseButtonWheelUp:
				m.scroll(-1)
			case tea.MouseButtonWheelDown:
				m.scroll(1)
			}
		}
		return m, nil
	case tea.KeyMsg:
		return m, m.key(msg)
	}
	if m.input.Focused() {
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		return m, cmd
	}
	return m, nil
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	if m.state == running {
		if key.Matches(msg, k.Import.Cancel) && !m.cancelling {
			m.cancelling = true
			m.cancel()
		}
		return nil
	}
	if m.input.Focused() {
		switch {
		case key.Matches(msg, k.Import.Cancel):
			m.input.Blur()
			m.candidates, m.hint = nil, ""
			return nil
		case key.Matches(msg, k.Import.Complete):
			return m.complete()
		case key.Matches(msg, k.Import.Start):
			return m.start()
		}
		m.candidates, m.hint = nil, ""
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		return cmd
	}
	// The input is not focused: the summary (or nothing) is shown.
	switch {
	case key.Matches(msg, k.Import.Start):
		return m.input.Focus()
	case key.Matches(msg, k.Import.Cancel):
		if m.state == finished { // the summary read: back to the input
			m.state, m.res, m.top = idle, result{}, 0
		}
		return nil
	case key.Matches(msg, k.List.Up):
		m.scroll(-1)
	case key.Matches(msg, k.List.Down):
		m.scroll(1)
	case key.Matches(msg, k.List.PageUp):
		m.scroll(-m.failureRows())
	case key.Matches(msg, k.List.PageDown):
		m.scroll(m.failureRows())
	case key.Matches(msg, k.List.Home):
		m.scroll(-len(m.res.failures))
	case key.Matches(msg, k.List.End):
		m.scroll(len(m.res.failures))
	}
	return nil
}

// complete is tab: complete the last path; when that adds nothing, list
// the candidates under the input.
// completedMsg is a path completion read from the file system.
type completedMsg struct {
	before, after string
	names         []string
}

// complete is tab: the folder is read in a Cmd (a big or slow folder
// never holds the screen).
func (m *Model) complete() tea.Cmd {
	before, home := m.input.Value(), m.home
	return func() tea.Msg {
		after, names := complete(before, home)
		return completedMsg{before: before, after: after, names: names}
	}
}

// completed shows a completion: the common part typed in, or the
// candidates listed under the input.
func (m *Model) completed(msg completedMsg) {
	before, after, names := msg.before, msg.after, msg.names
	m.hint = ""
	switch {
	case len(names) == 0:
		m.candidates = nil
		m.hint = "No file or folder matches."
	case after != before:
		m.input.SetValue(after)
		m.input.CursorEnd()
		m.candidates = nil
	default:
		m.candidates = names
	}
}

// start is enter: import what the input names.
func (m *Model) start() tea.Cmd {
	sources := splitPaths(m.input.Value(), m.home)
	if len(sources) == 0 {
		m.hint = "Type the path of a badge file or of a folder of badges first."
		return nil
	}
	m.req++
	ctx, cancel := context.WithCancel(m.c.Ctx)
	m.state, m.cancel, m.cancelling = running, cancel, false
	m.sources, m.snap, m.res, m.top = sources, snapshot{}, result{}, 0
	m.candidates, m.hint = nil, ""
	m.input.Blur()
	return start(ctx, m.c.Svc.Wallet, sources, wallet.ImportOptions{Verify: m.c.Svc.VerifyOptions()}, m.req)
}

// finish shows the summary of an import that returned.
func (m *Model) finish(msg finishedMsg) tea.Cmd {
	m.cancel()
	cancelled := m.cancelling || errors.Is(msg.err, context.Canceled)
	r := result{sum: msg.sum, cancelled: cancelled, done: msg.snap.done, total: msg.snap.total}
	if msg.err != nil && !errors.Is(msg.err, context.Canceled) {
		r.err = msg.err
	}
	for _, f := range msg.sum.Failures {
		// Items the cancel interrupted did not fail on their own: the
		// wallet reports them failed with an error wrapping the cancel;
		// the summary leaves them out (they count neither as done nor
		// as failed).
		if cancelled && errors.Is(f.Err, context.Canceled) {
			r.sum.Failed--
			continue
		}
		r.failures = append(r.failures, f)
	}
	if cancelled {
		r.done = r.sum.Added + r.sum.Duplicates + r.sum.Failed
	}
	// Verifiers run in parallel: order the failures by file.
	sort.SliceStable(r.failures, func(i, j int) bool { return r.failures[i].Source < r.failures[j].Source })
	m.state, m.res, m.snap, m.top = finished, r, msg.snap, 0
	m.cancelling = false
	toast := common.Toast(m.summaryLine())
	if r.err != nil {
		toast = common.ToastErr(fmt.Errorf("the import did not run: %s", reason(r.err)))
	}
	return tea.Batch(toast, common.Changed)
}

// summaryLine sums up the last import in words.
func (m *Model) summaryLine() string {
	r := m.res
	s := fmt.Sprintf("%d added, %d %s, %d failed", r.sum.Added, r.sum.Duplicates, common.Plural(r.sum.Duplicates, "duplicate", "duplicates"), r.sum.Failed)
	if r.cancelled {
		return fmt.Sprintf("Import cancelled after %d of %d: %s.", r.done, r.total, s)
	}
	return "Import done: " + s + "."
}

func (m *Model) scroll(d int) {
	m.top = min(max(m.top+d, 0), max(len(m.res.failures)-m.failureRows(), 0))
}

// failureRows is how many failures fit under the summary's header.
func (m *Model) failureRows() int { return max(m.c.Height-9, 1) }

// reason says in plain words why an item failed.
func reason(err error) string {
	var pe *fs.PathError
	switch {
	case err == nil:
		return "unknown error"
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or folder"
	case errors.Is(err, fs.ErrPermission):
		return "not allowed to read it (permissions)"
	case errors.As(err, &pe):
		return pe.Err.Error()
	}
	return err.Error()
}

// View draws the page in Width×Height.
func (m *Model) View() string {
	var lines []string
	switch m.state {
	case running:
		lines = m.runningView()
	case finished:
		lines = m.summaryView()
	default:
		lines = m.idleView()
	}
	return common.Fit(strings.Join(lines, "\n"), m.c.Height)
}

func (m *Model) idleView() []string {
	st, w := m.c.Styles, m.c.Width
	lines := []string{
		" " + st.Title.Render("Import badges"),
		" " + st.Faint.Render(common.Clean("Badge files (PNG, SVG, JSON, JWT) or folders of them, searched recursively.", w-2)),
		" " + st.Faint.Render(common.Clean("Several paths: separate them with spaces, and put a path that holds spaces in quotes.", w-2)),
		"",
	}
	return append(lines, m.inputLines(m.c.Height-len(lines))...)
}

// inputLines are the input, its hint and the candidates of a second tab,
// in at most room lines (the input and its hint always).
func (m *Model) inputLines(room int) []string {
	st, w := m.c.Styles, m.c.Width
	in := " " + m.input.View()
	if !m.input.Focused() {
		in = " " + st.Faint.Render("› ") + common.Clean(m.input.Value(), max(w-6, 1))
		if m.input.Value() == "" {
			in = " " + st.Faint.Render("› press enter to type a path")
		}
	}
	lines := []string{in}
	switch {
	case m.hint != "":
		lines = append(lines, " "+st.Error.Render(common.Clean(m.hint, w-2)))
	case m.input.Focused():
		lines = append(lines, " "+st.Key.Render("tab")+st.Faint.Render(" complete · ")+st.Key.Render("enter")+st.Faint.Render(" import · ")+
			st.Key.Render("esc")+st.Faint.Render(" leave the input"))
	default:
		lines = append(lines, "")
	}
	if len(m.candidates) > 0 && room-len(lines) >= 2 {
		lines = append(lines, "")
		lines = append(lines, m.candidateLines(room-len(lines))...)
	}
	return lines
}

// candidateLines lays the candidates out in columns in at most rows
// lines, the last saying how many more there are when not all fit.
func (m *Model) candidateLines(rows int) []string {
	st, w := m.c.Styles, m.c.Width
	colW := 0
	for _, c := range m.candidates {
		colW = max(colW, lipgloss.Width(common.Clean(c, 40))+2)
	}
	cols := max((w-3)/max(colW, 1), 1)
	need := (len(m.candidates) + cols - 1) / cols
	shown := need
	if need > rows {
		shown = max(rows-1, 0) // and the "… and n more" line
	}
	var out []string
	for r := 0; r < shown; r++ {
		var b strings.Builder
		b.WriteString("   ")
		for c := 0; c < cols; c++ {
			i := c*need + r
			if i >= len(m.candidates) {
				break
			}
			name := common.Clean(m.candidates[i], 40)
			if strings.HasSuffix(name, "/") {
				b.WriteString(st.Accent.Render(name))
			} else {
				b.WriteString(name)
			}
			b.WriteString(common.Spaces(colW - lipgloss.Width(name)))
		}
		out = append(out, strings.TrimRight(b.String(), " "))
	}
	if shown < need {
		out = append(out, "   "+st.Faint.Render(fmt.Sprintf("… and %d more: type more letters", len(m.candidates)-shown*cols)))
	}
	return out
}

func (m *Model) runningView() []string {
	st, w := m.c.Styles, m.c.Width
	s := m.snap
	title := "Importing " + common.Clean(strings.Join(m.sources, " "), max(w-14, 1))
	if m.cancelling {
		title = "Cancelling the import…"
	}
	pct := 0.0
	if s.total > 0 {
		pct = float64(s.done) / float64(s.total)
	}
	count := fmt.Sprintf("%d of %d files", s.done, s.total)
	if s.total == 0 {
		count = "looking for badges…"
	}
	// The bar gives way to a long count ("100000 of 100000 files"), down
	// to ten cells; then the count is cut.
	bar := m.bar
	bar.Width = max(min(bar.Width, w-1-2-4-2-lipgloss.Width(count)), 10)
	count = common.Clean(count, w-1-bar.Width-2-4-2)
	lines := []string{
		" " + st.Title.Render(title),
		"",
		" " + bar.ViewAs(pct) + "  " + st.Count.Render(fmt.Sprintf("%3.0f%%", pct*100)) + "  " + st.Meta.Render(count),
		" " + m.counts(s.added, s.dupes, s.failed),
		"",
		" " + st.Heading.Render("Latest"),
	}
	for _, e := range s.recent {
		lines = append(lines, m.eventLine(e))
	}
	lines = append(lines, "", " "+st.Key.Render("esc")+st.Faint.Render(" cancel: what is imported so far stays in the wallet"))
	return lines
}

// colour is a style's foreground as the hex string bubbles/progress takes:
// an adaptive colour resolves for the terminal's background (as lipgloss
// does when it renders it); no colour gives "" (the terminal's own).
func colour(s lipgloss.Style) string {
	switch c := s.GetForeground().(type) {
	case lipgloss.AdaptiveColor:
		if lipgloss.HasDarkBackground() {
			return c.Dark
		}
		return c.Light
	case lipgloss.Color:
		return string(c)
	}
	return ""
}

// counts is "✔ 3 added · ≡ 1 duplicate · ✖ 2 failed".
func (m *Model) counts(added, dupes, failed int) string {
	st := m.c.Styles
	return st.Verified.Render(fmt.Sprintf("✔ %d added", added)) + st.Faint.Render(" · ") +
		st.Meta.Render(fmt.Sprintf("≡ %d %s", dupes, common.Plural(dupes, "duplicate", "duplicates"))) + st.Faint.Render(" · ") +
		st.Invalid.Render(fmt.Sprintf("✖ %d failed", failed))
}

// eventLine is one imported file: its status, its path and its badge or
// the reason it failed.
func (m *Model) eventLine(e wallet.ImportEvent) string {
	st, w := m.c.Styles, m.c.Width
	var status string
	var sty lipgloss.Style
	switch e.Status {
	case wallet.ImportAdded:
		status, sty = "✔ added", st.Verified
	case wallet.ImportDuplicate:
		status, sty = "≡ duplicate", st.Meta
	default:
		status, sty = "✖ failed", st.Invalid
	}
	fileW := min(40, (w-16)/2)
	file := leftCut(m.rel(e.Source), fileW)
	what := e.Name
	if e.Status == wallet.ImportFailed {
		what = reason(e.Err)
	}
	rest := max(w-3-12-fileW-2, 1)
	return "   " + sty.Render(common.FitWidth(status, 12)) + common.FitWidth(file, fileW) + "  " + st.Faint.Render(common.Clean(what, rest))
}

func (m *Model) summaryView() []string {
	st, w := m.c.Styles, m.c.Width
	r := m.res
	var lines []string
	if r.err != nil {
		lines = append(lines,
			" "+st.Title.Render("The import did not run"),
			" "+st.Error.Render(common.Clean(reason(r.err), w-2)),
			"")
		return append(lines, m.inputLines(m.c.Height-len(lines))...)
	}
	title := "Imported " + common.Clean(strings.Join(m.sources, " "), max(w-12, 1))
	if r.cancelled {
		title = fmt.Sprintf("Import cancelled after %d of %d files: what was imported before stays in the wallet", r.done, r.total)
	}
	lines = append(lines,
		" "+st.Title.Render(common.Clean(title, w-2)),
		" "+m.counts(r.sum.Added, r.sum.Duplicates, r.sum.Failed),
		"")
	if len(r.failures) == 0 {
		lines = append(lines, " "+st.Faint.Render("Nothing failed."), "")
	} else {
		rows := m.failureRows()
		head := fmt.Sprintf("Failed (%d)", len(r.failures))
		pos := ""
		if len(r.failures) > rows {
			pos = fmt.Sprintf("%d–%d of %d · ↑↓ scroll", m.top+1, min(m.top+rows, len(r.failures)), len(r.failures))
		}
		lines = append(lines, " "+st.Heading.Render(head)+common.Spaces(w-2-lipgloss.Width(head)-lipgloss.Width(pos))+st.Meta.Render(pos))
		fileW := 0
		for _, f := range r.failures {
			fileW = max(fileW, lipgloss.Width(leftCut(m.rel(f.Source), 1<<20)))
		}
		fileW = min(fileW, (w-6)/2)
		for i := m.top; i < len(r.failures) && i < m.top+rows; i++ {
			f := r.failures[i]
			lines = append(lines, "   "+common.FitWidth(leftCut(m.rel(f.Source), fileW), fileW)+"  "+
				st.Faint.Render(common.Clean(reason(f.Err), max(w-5-fileW-1, 1))))
		}
		for i := len(r.failures) - m.top; i < rows; i++ {
			lines = append(lines, "")
		}
		lines = append(lines, "")
	}
	lines = append(lines, m.inputLines(m.c.Height-len(lines))...)
	if !m.input.Focused() {
		lines[len(lines)-1] = " " + st.Key.Render("enter") + st.Faint.Render(" import more · ") + st.Key.Render("esc") + st.Faint.Render(" clear")
	}
	return lines
}

// rel shows a source relative to the folder it was found in, when it was.
func (m *Model) rel(src string) string {
	for _, s := range m.sources {
		dir := strings.TrimSuffix(s, string(filepath.Separator))
		if strings.HasPrefix(src, dir+string(filepath.Separator)) {
			return filepath.Base(dir) + string(filepath.Separator) + src[len(dir)+1:]
		}
	}
	return src
}

// leftCut cleans s and cuts it from the left to n cells, so that the end
// of a long path (the file name) stays.
func leftCut(s string, n int) string {
	s = common.Clean(s, 1<<20)
	if lipgloss.Width(s) <= n {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && lipgloss.Width(string(r))+1 > n {
		r = r[1:]
	}
	return "…" + string(r)
}

var _ interface {
	common.Page
	common.Capturer
} = (*Model)(nil)
