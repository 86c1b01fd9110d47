package badge

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"badgewallet/internal/fixtures"
	"badgewallet/ui/common"
	"badgewallet/ui/uitest"
	"badgewallet/wallet"
)

const (
	complete  = "fixtures/1edtech-validator/ob30/complete.json"
	bakedPNG  = "fixtures/1edtech-validator/ob30/simple-json.png"
	plainJSON = "fixtures/dcc/verifiableCredentials/v1/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-OBSpecExample.json"
)

func TestMain(m *testing.M) {
	uitest.ASCII()
	time.Local = time.UTC // report times are shown in local time
	os.Exit(m.Run())
}

// setup opens a wallet with one fixture, checked offline so it has a
// report, and the page over it.
func setup(t *testing.T, file string) (*Model, *common.Services) {
	t.Helper()
	w := uitest.Wallet(t, file)
	if _, err := w.Refresh(context.Background(), 1, wallet.VerifyOptions{Offline: true}, nil); err != nil {
		t.Fatal(err)
	}
	svc := uitest.Services(t, w, nil)
	return New(uitest.Common(svc)), svc
}

// opened is setup with the page opened on badge 1 and loaded.
func opened(t *testing.T, file string) (*Model, *common.Services) {
	t.Helper()
	m, svc := setup(t, file)
	uitest.Run(m, m.Open(1), 5)
	if !m.loaded {
		t.Fatalf("badge not loaded: %v", m.err)
	}
	return m, svc
}

// press sends a key and runs what it leads to; it returns the messages.
func press(m *Model, k string) []tea.Msg {
	_, cmd := m.Update(uitest.Key(k))
	_, msgs := uitest.Run(m, cmd, 6)
	return msgs
}

func toasts(msgs []tea.Msg) (out []common.ToastMsg) {
	for _, msg := range msgs {
		if t, ok := msg.(common.ToastMsg); ok {
			out = append(out, t)
		}
	}
	return out
}

func hasMsg[T any](msgs []tea.Msg) bool {
	for _, msg := range msgs {
		if _, ok := msg.(T); ok {
			return true
		}
	}
	return false
}

func detail(t *testing.T, svc *common.Services) wallet.Detail {
	t.Helper()
	d, err := svc.Wallet.Badge(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestGoldenBadge(t *testing.T) {
	m, _ := setup(t, complete)
	m.Open(1) // Init loads it
	tm := uitest.Start(t, uitest.NewHarness(m))
	uitest.WaitFor(t, tm, "Students must complete")
	uitest.Golden(t, uitest.Final(t, tm))
}

// TestGoldenBadgeEnd is the bottom of the page: the verification report.
func TestGoldenBadgeEnd(t *testing.T) {
	m, _ := setup(t, complete)
	m.Open(1)
	tm := uitest.Start(t, uitest.NewHarness(m))
	uitest.WaitFor(t, tm, "Students must complete")
	tm.Send(uitest.Key("end"))
	uitest.WaitFor(t, tm, "No identity was given")
	uitest.Golden(t, uitest.Final(t, tm))
}

// TestGoldenHostileName: a badge whose strings carry ANSI escapes, CR
// and BEL shows them as harmless text.
func TestGoldenHostileName(t *testing.T) {
	w := uitest.Wallet(t)
	cred := `{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],` +
		`"id":"urn:uuid:1","type":["VerifiableCredential","OpenBadgeCredential"],"issuer":{"id":"did:key:z6Mk","name":"Evil\u001b]0;pwned\u0007 Corp"},` +
		`"validFrom":"2026-01-01T00:00:00Z","name":"x","description":"Desc\u001b[31m red\rover\u0007",` +
		`"credentialSubject":{"type":["AchievementSubject"],"achievement":{"id":"urn:a","name":"\u001b[2J\u001b[31mRed\rBell\u0007\u202eName",` +
		`"criteria":{"narrative":"**Do** \u001b[5mthis\u0007\r now"},"tag":["tag\u001b[1m\u0007x"]}}}`
	if _, _, err := w.Add(context.Background(), []byte(cred)); err != nil {
		t.Fatal(err)
	}
	m := New(uitest.Common(uitest.Services(t, w, nil)))
	m.Open(1)
	tm := uitest.Start(t, uitest.NewHarness(m))
	uitest.WaitFor(t, tm, "now")
	view := uitest.Final(t, tm)
	if strings.ContainsAny(view, "\x1b\a\r\u202e") {
		t.Fatalf("control characters in the view: %q", view)
	}
	for _, want := range []string{"Red BellName", "Evil Corp", "Do** this now", "tagx"} {
		if !strings.Contains(view, want) {
			t.Errorf("%q not shown as text:\n%s", want, view)
		}
	}
	uitest.Golden(t, view)
}

func TestScrollKeys(t *testing.T) {
	m, _ := opened(t, complete)
	bottom := len(m.lines) - m.c.Height
	if bottom <= 0 {
		t.Fatalf("the page fits (%d lines): nothing to scroll", len(m.lines))
	}
	steps := []struct {
		key  string
		want int
	}{
		{"down", 1}, {"j", 2}, {"up", 1}, {"k", 0}, {"up", 0},
		{"pgdown", min(m.c.Height-1, bottom)}, {"pgup", 0},
		{"end", bottom}, {"down", bottom}, {"home", 0}, {"G", bottom}, {"g", 0},
	}
	for _, s := range steps {
		press(m, s.key)
		if m.offset != s.want {
			t.Fatalf("after %s: offset %d, want %d", s.key, m.offset, s.want)
		}
	}
	m.Update(tea.MouseMsg{Button: tea.MouseButtonWheelDown})
	if m.offset != wheel {
		t.Fatalf("wheel down: offset %d", m.offset)
	}
	m.Update(tea.MouseMsg{Button: tea.MouseButtonWheelUp})
	if m.offset != 0 {
		t.Fatalf("wheel up: offset %d", m.offset)
	}
	if !strings.Contains(m.View(), "more lines") {
		t.Fatalf("no sign of more below:\n%s", m.View())
	}
	press(m, "end")
	if v := m.View(); !strings.Contains(v, "? Recipient") || strings.Contains(v, "more lines") {
		t.Fatalf("end does not show the report's last check:\n%s", v)
	}
}

func TestVerifyKey(t *testing.T) {
	w := uitest.Wallet(t, plainJSON) // never refreshed: no report yet
	svc := uitest.Services(t, w, nil)
	m := New(uitest.Common(svc))
	uitest.Run(m, m.Open(1), 5)
	m.scroll(100)
	if d := detail(t, svc); d.Report != nil && !d.Report.CheckedAt.IsZero() {
		// The wallet checked it on import: the key must still re-check.
		t.Logf("already checked at %v", d.Report.CheckedAt)
	}
	_, cmd := m.Update(uitest.Key("v"))
	if v := m.View(); !strings.Contains(v, "⟳ checking") {
		t.Fatalf("no ⟳ checking while it runs:\n%s", v)
	}
	_, msgs := uitest.Run(m, cmd, 6)
	ts := toasts(msgs)
	if len(ts) == 0 || ts[0].Err || !strings.Contains(ts[0].Text, "Checked Teamwork again: ✔ verified") {
		t.Fatalf("toasts %+v", ts)
	}
	if !hasMsg[common.WalletChangedMsg](msgs) {
		t.Fatal("no WalletChangedMsg after a re-verification")
	}
	if d := detail(t, svc); d.Report == nil || d.Verification != "verified" {
		t.Fatalf("report not kept: %+v", d)
	}
	m.scroll(100)
	if v := m.View(); strings.Contains(v, "checking") || !strings.Contains(v, "Verification — checked 25 Nov 2026") || !strings.Contains(v, "✔ Proof") {
		t.Fatalf("new report not shown:\n%s", v)
	}
}

func TestPrivacyKey(t *testing.T) {
	m, svc := opened(t, complete)
	msgs := press(m, "p")
	if d := detail(t, svc); d.Privacy != "public" {
		t.Fatalf("privacy %q after p", d.Privacy)
	}
	ts := toasts(msgs)
	if len(ts) != 1 || !strings.Contains(ts[0].Text, "1EdTech University Degree is now public") {
		t.Fatalf("toasts %+v", ts)
	}
	if !hasMsg[common.WalletChangedMsg](msgs) {
		t.Fatal("no WalletChangedMsg")
	}
	if !strings.Contains(m.View(), "public: on your profile") {
		t.Fatalf("view not reloaded:\n%s", m.View())
	}
	press(m, "p")
	if d := detail(t, svc); d.Privacy != "private" {
		t.Fatalf("privacy %q after p p", d.Privacy)
	}
}

func TestShareKey(t *testing.T) {
	m, _ := opened(t, complete)
	msgs := press(m, "s")
	if len(msgs) != 1 || msgs[0] != (common.OpenShareMsg{ID: 1}) {
		t.Fatalf("messages %#v", msgs)
	}
}

func TestBackKey(t *testing.T) {
	m, _ := opened(t, complete)
	_, cmd := m.Update(uitest.Key("esc"))
	if cmd == nil || cmd() != (common.BackMsg{}) {
		t.Fatal("esc does not go back")
	}
}

func TestExportKey(t *testing.T) {
	m, svc := opened(t, complete)
	ts := toasts(press(m, "e"))
	path := filepath.Join(svc.SaveDir, "1edtech-university-degree.json")
	if len(ts) != 1 || ts[0].Err || ts[0].Text != "Saved the credential to "+path {
		t.Fatalf("toasts %+v", ts)
	}
	got, err := os.ReadFile(path)
	want := fixtures.Read(t, complete)
	if err != nil || !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
		t.Fatalf("exported %d bytes, %v", len(got), err)
	}
	// Again: a second file, not over the first.
	ts = toasts(press(m, "e"))
	if len(ts) != 1 || !strings.HasSuffix(ts[0].Text, "1edtech-university-degree-2.json") {
		t.Fatalf("toasts %+v", ts)
	}
}

func TestExportImageKey(t *testing.T) {
	m, svc := opened(t, bakedPNG)
	ts := toasts(press(m, "i"))
	if len(ts) != 1 || ts[0].Err || !strings.HasPrefix(ts[0].Text, "Saved the baked image to "+svc.SaveDir) || !strings.HasSuffix(ts[0].Text, ".png") {
		t.Fatalf("toasts %+v", ts)
	}
	got, err := os.ReadFile(strings.TrimPrefix(ts[0].Text, "Saved the baked image to "))
	if err != nil || !bytes.Equal(got, fixtures.Read(t, bakedPNG)) {
		t.Fatalf("saved image differs from the original (%v)", err)
	}

	// A JSON badge has no image to save.
	m, svc = opened(t, complete)
	ts = toasts(press(m, "i"))
	if len(ts) != 1 || !strings.Contains(ts[0].Text, "not as an image") {
		t.Fatalf("toasts %+v", ts)
	}
	if entries, _ := os.ReadDir(svc.SaveDir); len(entries) != 0 {
		t.Fatalf("files saved: %v", entries)
	}
}

func TestAcceptRejectKeys(t *testing.T) {
	for _, tc := range []struct{ key, want, toast string }{
		{"a", "accepted", "Accepted 1EdTech University Degree"},
		{"x", "rejected", "Rejected 1EdTech University Degree"},
	} {
		t.Run(tc.key, func(t *testing.T) {
			m, svc := opened(t, complete)
			if !strings.Contains(m.View(), "pending: a accepts, x rejects") {
				t.Fatalf("pending state not shown:\n%s", m.View())
			}
			msgs := press(m, tc.key)
			if d := detail(t, svc); d.Acceptance != tc.want {
				t.Fatalf("acceptance %q", d.Acceptance)
			}
			ts := toasts(msgs)
			if len(ts) != 1 || !strings.HasPrefix(ts[0].Text, tc.toast) || !hasMsg[common.WalletChangedMsg](msgs) {
				t.Fatalf("messages %+v", msgs)
			}
			// Not pending any more: the key explains and changes nothing.
			ts = toasts(press(m, tc.key))
			if len(ts) != 1 || !strings.Contains(ts[0].Text, "not waiting in the inbox") {
				t.Fatalf("toasts %+v", ts)
			}
			if d := detail(t, svc); d.Acceptance != tc.want {
				t.Fatalf("acceptance %q", d.Acceptance)
			}
		})
	}
}

func TestWalletChangedReloads(t *testing.T) {
	m, svc := opened(t, complete)
	if err := svc.Wallet.SetPrivacy(context.Background(), 1, true); err != nil {
		t.Fatal(err)
	}
	_, cmd := m.Update(common.WalletChangedMsg{})
	uitest.Run(m, cmd, 3)
	if !strings.Contains(m.View(), "public: on your profile") {
		t.Fatalf("not reloaded:\n%s", m.View())
	}
}

func TestStaleLoadDropped(t *testing.T) {
	m, _ := opened(t, complete)
	m.Update(loadedMsg{req: m.req - 1, detail: wallet.Detail{Summary: wallet.Summary{Name: "Stale"}}})
	if strings.Contains(m.View(), "Stale") {
		t.Fatal("stale load applied")
	}
}

func TestMissingBadge(t *testing.T) {
	m, _ := setup(t, complete)
	uitest.Run(m, m.Open(42), 3)
	if v := m.View(); !strings.Contains(v, "no longer in the wallet") {
		t.Fatalf("missing badge:\n%s", v)
	}
}

// TestArtworkInColour: with colour the baked picture is drawn with half
// blocks, not the initials box.
func TestArtworkInColour(t *testing.T) {
	lipgloss.SetColorProfile(termenv.ANSI256)
	defer uitest.ASCII()
	m, _ := opened(t, bakedPNG)
	if !strings.Contains(m.art, "▀") && !strings.Contains(m.art, "▄") || strings.Contains(m.art, "╭") {
		t.Fatalf("artwork not drawn:\n%s", m.art)
	}
	for i, l := range strings.Split(m.View(), "\n") {
		if w := lipgloss.Width(l); w > m.c.Width {
			t.Fatalf("line %d is %d cells wide", i, w)
		}
	}
}

func TestHelp(t *testing.T) {
	m, _ := opened(t, bakedPNG)
	var keys []string
	for _, b := range m.ShortHelp() {
		keys = append(keys, b.Help().Key)
	}
	if got := strings.Join(keys, " "); got != "↓/j v p s e i a x esc" {
		t.Fatalf("short help %q", got)
	}
	if len(m.FullHelp()) != 3 {
		t.Fatal("full help groups")
	}
}

// TestSizes: every line fits the width at the golden size and smaller.
func TestSizes(t *testing.T) {
	m, _ := opened(t, complete)
	for _, w := range []int{100, 80, 60} {
		m.SetSize(w, 20) // as the frame does: the next Update renders the criteria again
		_, cmd := m.Update(tea.MouseMsg{Button: tea.MouseButtonWheelUp})
		if w != 100 && cmd == nil {
			t.Fatalf("width %d: criteria not rendered again", w)
		}
		uitest.Run(m, cmd, 2)
		if m.critWidth != w-2*margin {
			t.Fatalf("criteria rendered for %d, want %d", m.critWidth, w-2*margin)
		}
		for i, l := range strings.Split(m.View(), "\n") {
			if lw := lipgloss.Width(l); lw > w {
				t.Fatalf("width %d: line %d is %d cells: %q", w, i, lw, l)
			}
		}
		if n := strings.Count(m.View(), "\n") + 1; n != 20 {
			t.Fatalf("%d lines, want 20", n)
		}
	}
}

// TestStaleAnswerOfAnotherBadge: answers about the badge shown before
// Open (its load, criteria, re-verification), arriving after the new
// badge's, are dropped: Open does not reset the request counters.
func TestStaleAnswerOfAnotherBadge(t *testing.T) {
	w := uitest.Wallet(t, complete, bakedPNG)
	m := New(uitest.Common(uitest.Services(t, w, nil)))
	load1 := m.Open(1)
	_, crit1 := m.Update(load1()) // badge 1 shown; its criteria not rendered yet
	if crit1 == nil {
		t.Fatal("no criteria to render for badge 1")
	}
	m.Update(uitest.Key("v")) // its Cmd is not run: the answer is made below
	verify1 := verifiedMsg{req: m.checkReq, name: "badge 1"}
	staleLoad := m.Open(1)

	uitest.Run(m, m.Open(2), 5)
	name := m.d.Name
	m.Update(uitest.Key("v"))
	uitest.Run(m, crit1, 2)
	if _, cmd := m.Update(verify1); cmd != nil {
		t.Fatalf("badge 1's re-verification answered for badge 2: %v", cmd())
	}
	uitest.Run(m, staleLoad, 2)
	if m.d.ID != 2 || m.d.Name != name || !m.checking {
		t.Fatalf("a late answer about badge 1 replaced badge 2: %q (id %d), checking %v", m.d.Name, m.d.ID, m.checking)
	}
	if want := renderMarkdown(m.info.criteria, m.textWidth()); m.criteria != "" && m.criteria != want {
		t.Fatalf("badge 1's criteria taken for badge 2's:\n%s", m.criteria)
	}
	m.Update(verifiedMsg{req: m.checkReq, name: "badge 2"})
	if m.checking {
		t.Fatal("badge 2's re-verification not applied")
	}
}

// TestActionLoadsOnce: after an action the page reloads once, on the
// WalletChangedMsg it sends, not also on its own.
func TestActionLoadsOnce(t *testing.T) {
	m, _ := opened(t, complete)
	n := 0
	for _, msg := range press(m, "p") {
		if _, ok := msg.(loadedMsg); ok {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d loads after p, want 1", n)
	}
}
