package importer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"badgewallet/internal/fixtures"
	"badgewallet/ui/common"
	"badgewallet/ui/uitest"
	"badgewallet/wallet"
)

func TestMain(m *testing.M) {
	uitest.ASCII()
	os.Exit(m.Run())
}

// good are corpus badges that verify without the network.
var good = []string{
	"fixtures/1edtech-validator/ob30/simple-json.png",
	"fixtures/1edtech-validator/ob30/simple-jwt.svg",
	"fixtures/1edtech-validator/ob30/simple-eddsa-2022.json",
	"fixtures/dcc/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-basicOBv3.json",
}

// corpusFolder writes a folder "badges" in dir as the wallet tests do: four
// good badges, a copy of one, and three files that are not badges.
func corpusFolder(t *testing.T, dir string) string {
	t.Helper()
	d := filepath.Join(dir, "badges")
	os.MkdirAll(filepath.Join(d, "sub"), 0o700)
	for i, f := range good {
		os.WriteFile(filepath.Join(d, fmt.Sprintf("badge-%d%s", i+1, filepath.Ext(f))), fixtures.Read(t, f), 0o600)
	}
	os.WriteFile(filepath.Join(d, "sub", "copy.png"), fixtures.Read(t, good[0]), 0o600)
	os.WriteFile(filepath.Join(d, "sub", "broken.png"), []byte("\x89PNG\r\n\x1a\nbroken"), 0o600)
	os.WriteFile(filepath.Join(d, "sub", "notes.txt"), []byte("hello"), 0o600)
	os.WriteFile(filepath.Join(d, "sub", "class.json"), fixtures.Read(t, "fixtures/1edtech-validator/ob20/assets/badgeclass1.json"), 0o600)
	return d
}

func send(m *Model, msg tea.Msg, depth int) []tea.Msg {
	_, seen := uitest.Run(m, func() tea.Msg { return msg }, depth)
	return seen
}

func TestCompleteTable(t *testing.T) {
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	for _, d := range []string{"home/Downloads/badges", "home/Documents", "My Badges/inner", "alpha", "albums"} {
		os.MkdirAll(filepath.Join(dir, d), 0o700)
	}
	for _, f := range []string{"home/Downloads/badges/one.png", "home/Downloads/badges/one.json", "home/Downloads/two.svg",
		"My Badges/inner/x.png", "alpha/a.png", ".hidden", "alpha/.secret"} {
		os.WriteFile(filepath.Join(dir, f), nil, 0o600)
	}
	j := func(p string) string { return filepath.Join(dir, p) }
	for _, tc := range []struct {
		name, in, want string
		cands          []string
	}{
		{"unique folder gets a slash", j("alp"), j("alpha") + "/", []string{"alpha/"}},
		{"common prefix", j("al"), j("al"), []string{"albums/", "alpha/"}},
		{"inside a folder", j("alpha") + "/", j("alpha/a.png"), []string{"a.png"}},
		{"hidden only with a dot", j("alpha") + "/.", j("alpha/.secret"), []string{".secret"}},
		{"hidden skipped", j("") + "/", j("") + "/", []string{"My Badges/", "albums/", "alpha/", "home/"}},
		{"prefix of two files", j("home/Downloads/badges/o"), j("home/Downloads/badges/one."), []string{"one.json", "one.png"}},
		{"tilde expands", "~/Dow", home + "/Downloads/", []string{"Downloads/"}},
		{"tilde alone: common prefix", "~/", home + "/Do", []string{"Documents/", "Downloads/"}},
		{"spaces get quotes", j("My"), `"` + j("My Badges") + "/", []string{"My Badges/"}},
		{"inside quotes", `"` + j("My Badges") + "/in", `"` + j("My Badges/inner") + "/", []string{"inner/"}},
		{"quoted file closes", `"` + j("My Badges/inner") + "/x", `"` + j("My Badges/inner/x.png") + `"`, []string{"x.png"}},
		{"last path only", j("alpha/a.png") + " " + j("alb"), j("alpha/a.png") + " " + j("albums") + "/", []string{"albums/"}},
		{"no match", j("zzz"), j("zzz"), nil},
		{"missing folder", j("nope/x"), j("nope/x"), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, cands := complete(tc.in, home)
			if got != tc.want || strings.Join(cands, ",") != strings.Join(tc.cands, ",") {
				t.Fatalf("complete(%q) = %q %q, want %q %q", tc.in, got, cands, tc.want, tc.cands)
			}
		})
	}
}

func TestSplitPaths(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"a.png b.json", []string{"a.png", "b.json"}},
		{`  "My Badges/x.png"  'it''s' c `, []string{"My Badges/x.png", "it", "s", "c"}},
		{`"open quote/with space`, []string{"open quote/with space"}},
		{"~/x ~", []string{"/home/u/x", "/home/u"}},
		{"", nil},
	} {
		if got := splitPaths(tc.in, "/home/u"); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("splitPaths(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestImportFolder: enter imports a folder of corpus badges; progress
// arrives as messages; the summary and the wallet agree.
func TestImportFolder(t *testing.T) {
	w := uitest.Wallet(t)
	m := New(uitest.Common(uitest.Services(t, w, nil)))
	dir := corpusFolder(t, t.TempDir())
	if m.Capturing() {
		t.Fatal("the input takes the keys before enter: tab and the digits would not switch pages")
	}
	m.Update(uitest.Key("enter"))
	if !m.Capturing() {
		t.Fatal("enter does not focus the input")
	}
	send(m, uitest.Key(dir+" "+filepath.Join(dir, "missing.png")), 1)
	seen := send(m, uitest.Key("enter"), 200)
	progress, done := 0, false
	var toast string
	for _, msg := range seen {
		switch msg := msg.(type) {
		case progressMsg:
			progress++
		case finishedMsg:
			done = true
		case common.ToastMsg:
			toast = msg.Text
		case common.WalletChangedMsg:
			if !done {
				t.Fatal("Changed before the end")
			}
		}
	}
	if progress == 0 || !done {
		t.Fatalf("%d progress messages, done %v", progress, done)
	}
	if m.state != finished || m.res.sum.Added != 4 || m.res.sum.Duplicates != 1 || m.res.sum.Failed != 4 || len(m.res.failures) != 4 {
		t.Fatalf("state %d, summary %+v", m.state, m.res.sum)
	}
	if toast != "Import done: 4 added, 1 duplicate, 4 failed." {
		t.Fatalf("toast %q", toast)
	}
	p, _ := w.List(uitest.Common(nil).Ctx, wallet.ListOptions{})
	if p.Total != 4 {
		t.Fatalf("%d badges in the wallet", p.Total)
	}
	v := m.View()
	for _, want := range []string{"✔ 4 added", "≡ 1 duplicate", "✖ 4 failed", "Failed (4)", "missing.png", "no such file or folder",
		"badges/sub/broken.png", "badges/sub/notes.txt", "BadgeClass"} {
		if !strings.Contains(v, want) {
			t.Errorf("summary lacks %q:\n%s", want, v)
		}
	}
	if m.Capturing() {
		t.Fatal("input focused over the summary")
	}
	// enter: import more (the input again); esc clears the summary.
	send(m, uitest.Key("enter"), 1)
	if !m.Capturing() || m.state != finished {
		t.Fatal("enter did not focus the input")
	}
	send(m, uitest.Key("esc"), 1) // leaves the input
	send(m, uitest.Key("esc"), 1) // clears the summary, keys stay free
	if m.Capturing() || m.state != idle {
		t.Fatalf("esc: state %d capturing %v", m.state, m.Capturing())
	}
}

// TestCancel: esc during an import cancels it; the summary says what was
// imported before.
func TestCancel(t *testing.T) {
	w := uitest.Wallet(t)
	m := New(uitest.Common(uitest.Services(t, w, nil)))
	m.Update(uitest.Key("enter")) // focus the path input
	dir := filepath.Join(t.TempDir(), "many")
	os.MkdirAll(dir, 0o700)
	data := fixtures.Read(t, good[2])
	for i := range 600 {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.json", i)), data, 0o600)
	}
	send(m, uitest.Key(dir), 1)
	_, cmd := m.Update(uitest.Key("enter"))
	first := cmd() // blocks until the first news
	if _, ok := first.(progressMsg); !ok {
		t.Fatalf("first message %T", first)
	}
	_, next := m.Update(first)
	if !strings.Contains(m.View(), "Importing") {
		t.Fatalf("no progress view:\n%s", m.View())
	}
	if m.Capturing() {
		t.Fatal("capturing while importing")
	}
	m.Update(uitest.Key("esc"))
	if !strings.Contains(m.View(), "Cancelling") {
		t.Fatalf("no cancelling view:\n%s", m.View())
	}
	_, seen := uitest.Run(m, next, 1000)
	if m.state != finished || !m.res.cancelled {
		t.Fatalf("state %d, cancelled %v (%d msgs)", m.state, m.res.cancelled, len(seen))
	}
	if m.res.done >= m.res.total || m.res.total != 600 {
		t.Fatalf("done %d of %d: the cancel came too late", m.res.done, m.res.total)
	}
	for _, f := range m.res.failures {
		t.Errorf("failure after cancel: %s %v", f.Source, f.Err)
	}
	p, _ := w.List(uitest.Common(nil).Ctx, wallet.ListOptions{Limit: 1})
	if p.Total != m.res.sum.Added || !strings.Contains(m.View(), "Import cancelled after") {
		t.Fatalf("wallet has %d, summary says %d:\n%s", p.Total, m.res.sum.Added, m.View())
	}
}

// TestKeysInput: tab completes, a second tab lists, esc leaves the input
// and enter comes back to it; an empty enter explains.
func TestKeysInput(t *testing.T) {
	m := New(uitest.Common(uitest.Services(t, uitest.Wallet(t), nil)))
	m.Update(uitest.Key("enter")) // focus the path input
	dir := t.TempDir()
	for _, d := range []string{"badges-2025", "badges-2026"} {
		os.MkdirAll(filepath.Join(dir, d), 0o700)
	}
	send(m, uitest.Key("enter"), 1)
	if m.state != idle || !strings.Contains(m.View(), "Type the path") {
		t.Fatalf("empty enter:\n%s", m.View())
	}
	send(m, uitest.Key(filepath.Join(dir, "b")), 1)
	send(m, uitest.Key("tab"), 2) // the folder is read in a Cmd
	if got := m.input.Value(); got != filepath.Join(dir, "badges-202") {
		t.Fatalf("tab: %q", got)
	}
	send(m, uitest.Key("tab"), 2) // the folder is read in a Cmd
	if v := m.View(); !strings.Contains(v, "badges-2025/") || !strings.Contains(v, "badges-2026/") {
		t.Fatalf("second tab lists nothing:\n%s", v)
	}
	send(m, uitest.Key("6"), 1)
	send(m, uitest.Key("tab"), 2) // the folder is read in a Cmd
	if got := m.input.Value(); got != filepath.Join(dir, "badges-2026")+"/" || len(m.candidates) != 0 {
		t.Fatalf("tab: %q %v", got, m.candidates)
	}
	send(m, uitest.Key("zz"), 1)
	send(m, uitest.Key("tab"), 2) // the folder is read in a Cmd
	if !strings.Contains(m.View(), "No file or folder matches") {
		t.Fatalf("no-match hint missing:\n%s", m.View())
	}
	// q and digits are text while the input has focus.
	send(m, uitest.Key("q1"), 1)
	if !strings.HasSuffix(m.input.Value(), "zzq1") {
		t.Fatalf("value %q", m.input.Value())
	}
	send(m, uitest.Key("esc"), 1)
	if m.Capturing() {
		t.Fatal("esc did not leave the input")
	}
	send(m, uitest.Key("enter"), 1)
	if !m.Capturing() || m.state != idle {
		t.Fatal("enter did not come back to the input")
	}
	if _, seen := uitest.Run(m, common.Changed, 2); len(seen) != 1 {
		t.Fatalf("WalletChangedMsg led to %v", seen)
	}
}

// TestScrollFailures: the failures of a big import scroll with the list
// keys and the wheel.
func TestScrollFailures(t *testing.T) {
	m := New(uitest.Common(uitest.Services(t, uitest.Wallet(t), nil)))
	m.Update(uitest.Key("enter")) // focus the path input
	dir := filepath.Join(t.TempDir(), "junk")
	os.MkdirAll(dir, 0o700)
	for i := range 50 {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("junk-%02d.txt", i)), []byte("not a badge"), 0o600)
	}
	send(m, uitest.Key(dir), 1)
	send(m, uitest.Key("enter"), 200)
	if len(m.res.failures) != 50 {
		t.Fatalf("%d failures", len(m.res.failures))
	}
	rows := m.failureRows()
	last := 50 - rows
	for _, tc := range []struct {
		msg  tea.Msg
		want int
	}{
		{uitest.Key("down"), 1}, {uitest.Key("j"), 2}, {uitest.Key("up"), 1}, {uitest.Key("k"), 0},
		{uitest.Key("pgdown"), rows}, {uitest.Key("pgup"), 0}, {uitest.Key("end"), last}, {uitest.Key("home"), 0},
		{uitest.Key("G"), last}, {uitest.Key("g"), 0},
		{tea.MouseMsg{Button: tea.MouseButtonWheelDown}, 1}, {tea.MouseMsg{Button: tea.MouseButtonWheelUp}, 0},
	} {
		send(m, tc.msg, 1)
		if m.top != tc.want {
			t.Fatalf("%v: top %d, want %d", tc.msg, m.top, tc.want)
		}
	}
	send(m, uitest.Key("end"), 1)
	if v := m.View(); !strings.Contains(v, "junk-49.txt") || strings.Contains(v, "junk-00.txt") || !strings.Contains(v, "of 50") {
		t.Fatalf("end:\n%s", v)
	}
	uitest.CheckSize(t, m.View(), uitest.Width, uitest.Height-uitest.FrameLines)
}

// TestHostile: file names, badge names and errors holding escapes, CR and
// BEL are drawn as harmless text, while importing and in the summary.
func TestHostile(t *testing.T) {
	m := New(uitest.Common(uitest.Services(t, uitest.Wallet(t), nil)))
	m.Update(uitest.Key("enter")) // focus the path input
	evil := "evil\x1b[31mred\r\x07\x1b]0;pwned\x07name"
	events := []wallet.ImportEvent{
		{Done: 1, Total: 2, Source: "/x/" + evil + ".png", Status: wallet.ImportAdded, Name: evil},
		{Done: 2, Total: 2, Source: "/x/" + evil + ".json", Status: wallet.ImportFailed, Err: errors.New(evil)},
	}
	m.state, m.req, m.cancel, m.sources = running, 1, func() {}, []string{"/x/" + evil}
	m.Update(progressMsg{req: 1, snap: snapshot{done: 1, total: 2, added: 1, recent: events}, feed: newFeed()})
	views := []string{m.View()}
	m.Update(finishedMsg{req: 1, sum: wallet.ImportSummary{Added: 1, Failed: 1, Failures: events[1:]}, snap: snapshot{done: 2, total: 2}})
	views = append(views, m.View())
	for _, v := range views {
		for _, bad := range []string{"\x1b", "\r", "\x07"} {
			if strings.Contains(v, bad) {
				t.Fatalf("view holds %q:\n%q", bad, v)
			}
		}
		if !strings.Contains(v, "evil") {
			t.Fatalf("hostile text missing:\n%s", v)
		}
		uitest.CheckSize(t, v, uitest.Width, uitest.Height-uitest.FrameLines)
	}
}

func TestGoldenIdle(t *testing.T) {
	tm := uitest.Start(t, uitest.NewHarness(New(uitest.Common(uitest.Services(t, uitest.Wallet(t), nil)))))
	uitest.WaitFor(t, tm, "Import badges")
	uitest.Golden(t, uitest.Final(t, tm))
}

func TestGoldenSummary(t *testing.T) {
	dir := t.TempDir()
	corpusFolder(t, dir)
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir) // relative paths: the golden names no temp dir
	tm := uitest.Start(t, uitest.NewHarness(New(uitest.Common(uitest.Services(t, uitest.Wallet(t), nil)))))
	uitest.WaitFor(t, tm, "Import badges")
	tm.Send(uitest.Key("enter")) // focus the path input
	tm.Send(uitest.Key("badges missing.png"))
	tm.Send(uitest.Key("enter"))
	uitest.WaitFor(t, tm, "Import done")
	view := uitest.Final(t, tm)
	if err := os.Chdir(wd); err != nil { // back to the package for testdata/
		t.Fatal(err)
	}
	uitest.Golden(t, view)
}

// TestFeedThrottles: ten thousand events never block the import and wake
// the program at most once per Throttle (one wake waits at a time).
func TestFeedThrottles(t *testing.T) {
	f := newFeed()
	for i := 1; i <= 10000; i++ {
		f.progress(wallet.ImportEvent{Done: i, Total: 10000, Status: wallet.ImportAdded, Source: fmt.Sprint(i)})
	}
	if len(f.wake) != 1 {
		t.Fatalf("%d wakes waiting", len(f.wake))
	}
	msg := f.listen(7)().(progressMsg)
	if msg.req != 7 || msg.snap.done != 10000 || msg.snap.added != 10000 || len(msg.snap.recent) != recentItems ||
		msg.snap.recent[recentItems-1].Source != "10000" {
		t.Fatalf("snapshot %+v", msg.snap)
	}
	// The next event within Throttle does not wake the program again.
	f.last = time.Now()
	f.progress(wallet.ImportEvent{Done: 2, Total: 3, Status: wallet.ImportAdded})
	if len(f.wake) != 0 {
		t.Fatal("woken again within the throttle")
	}
}

// TestBar: the running view draws bubbles/progress at the share of files
// done, as wide as the page allows, with the percentage beside it.
func TestBar(t *testing.T) {
	for _, tc := range []struct {
		name        string
		width       int
		done, total int
		full, empty int
		pct         string
	}{
		{"nothing found yet", 100, 0, 0, 0, 70, "  0%"},
		{"none done", 100, 0, 8, 0, 70, "  0%"},
		{"half", 100, 4, 8, 35, 35, " 50%"},
		{"rounds", 100, 1, 3, 23, 47, " 33%"},
		{"all", 100, 8, 8, 70, 0, "100%"},
		{"narrow keeps ten cells", 30, 1, 2, 5, 5, " 50%"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := New(uitest.Common(uitest.Services(t, uitest.Wallet(t), nil)))
			m.Update(uitest.Key("enter")) // focus the path input
			m.SetSize(tc.width, uitest.Height-uitest.FrameLines)
			m.state, m.req, m.cancel, m.sources = running, 1, func() {}, []string{"badges"}
			m.Update(progressMsg{req: 1, snap: snapshot{done: tc.done, total: tc.total}, feed: newFeed()})
			want := " " + strings.Repeat("█", tc.full) + strings.Repeat("░", tc.empty) + "  " + tc.pct + "  "
			var line string
			for _, l := range strings.Split(m.View(), "\n") {
				if strings.HasPrefix(l, " █") || strings.HasPrefix(l, " ░") {
					line = l
				}
			}
			if !strings.HasPrefix(line, want) {
				t.Fatalf("bar line %q, want it to start with %q", line, want)
			}
		})
	}
}

// TestCompletionStale: tab reads the folder in a Cmd; an answer for text
// that was typed on meanwhile is dropped.
func TestCompletionStale(t *testing.T) {
	m := New(uitest.Common(uitest.Services(t, uitest.Wallet(t), nil)))
	m.Update(uitest.Key("enter"))
	send(m, uitest.Key("/tm"), 1)
	_, cmd := m.Update(uitest.Key("tab"))
	if cmd == nil || m.input.Value() != "/tm" {
		t.Fatalf("tab read the folder in Update: %q", m.input.Value())
	}
	msg := cmd()
	m.Update(uitest.Key("x")) // typed before the answer came
	m.Update(msg)
	if m.input.Value() != "/tmx" {
		t.Fatalf("a stale completion changed the input: %q", m.input.Value())
	}
}

// TestManyCandidatesFit: a second tab in a big folder lists what fits and
// says how many more there are, on the last line of the page.
func TestManyCandidatesFit(t *testing.T) {
	m := New(uitest.Common(uitest.Services(t, uitest.Wallet(t), nil)))
	m.Update(uitest.Key("enter"))
	for i := range 500 {
		m.candidates = append(m.candidates, fmt.Sprintf("badge-%03d.png", i))
	}
	h := uitest.Height - uitest.FrameLines
	v := m.View()
	uitest.CheckSize(t, v, uitest.Width, h)
	lines := strings.Split(v, "\n")
	if !strings.Contains(lines[h-1], "more: type more letters") {
		t.Fatalf("the last line does not say how many more:\n%s", v)
	}
}

// TestCompletionAfterLeaving: an answer to tab that comes after the input
// was left (esc, or enter started an import) changes nothing.
func TestCompletionAfterLeaving(t *testing.T) {
	m := New(uitest.Common(uitest.Services(t, uitest.Wallet(t), nil)))
	m.Update(uitest.Key("enter"))
	send(m, uitest.Key("/tm"), 1)
	_, cmd := m.Update(uitest.Key("tab"))
	msg := cmd()
	m.Update(uitest.Key("esc"))
	m.Update(msg)
	if m.input.Value() != "/tm" || m.candidates != nil || m.hint != "" {
		t.Fatalf("a completion for a left input applied: %q %v %q", m.input.Value(), m.candidates, m.hint)
	}
}

// TestBarLongCount: six-digit counts fit beside the bar.
func TestBarLongCount(t *testing.T) {
	for _, width := range []int{100, 80} {
		m := New(uitest.Common(uitest.Services(t, uitest.Wallet(t), nil)))
		m.SetSize(width, uitest.Height-uitest.FrameLines)
		m.state, m.req, m.cancel, m.sources = running, 1, func() {}, []string{"badges"}
		m.Update(progressMsg{req: 1, snap: snapshot{done: 123456, total: 234567}, feed: newFeed()})
		uitest.CheckSize(t, m.View(), width, uitest.Height-uitest.FrameLines)
	}
}
