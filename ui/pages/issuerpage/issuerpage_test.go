package issuerpage

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"badgewallet/assets"
	"badgewallet/issuer"
	"badgewallet/ui/common"
	"badgewallet/ui/uitest"
	"badgewallet/wallet/openbadges/status"
)

func TestMain(m *testing.M) {
	uitest.ASCII()
	time.Local = time.UTC // goldens show times in the local zone
	os.Exit(m.Run())
}

const learner = "learner@example.com"

// demoPage is the page over a wallet in demo mode (the demo awarded three
// badges to learner).
func demoPage(t *testing.T) (*Model, *common.Services) {
	t.Helper()
	svc := uitest.Services(t, uitest.Wallet(t), nil)
	uitest.Demo(t, svc, learner)
	return New(uitest.Common(svc)), svc
}

// press sends each key and runs what it leads to, returning the messages.
func press(t *testing.T, p *Model, keys ...string) []tea.Msg {
	t.Helper()
	var all []tea.Msg
	for _, k := range keys {
		_, cmd := p.Update(uitest.Key(k))
		_, seen := uitest.Run(p, cmd, 60)
		all = append(all, seen...)
	}
	return all
}

// typeText types s into the focused input, one rune at a time.
func typeText(t *testing.T, p *Model, s string) {
	t.Helper()
	for _, r := range s {
		p.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func toasts(msgs []tea.Msg) (ok, bad []string) {
	for _, m := range msgs {
		if t, is := m.(common.ToastMsg); is {
			if t.Err {
				bad = append(bad, t.Text)
			} else {
				ok = append(ok, t.Text)
			}
		}
	}
	return
}

func changed(msgs []tea.Msg) bool {
	for _, m := range msgs {
		if _, ok := m.(common.WalletChangedMsg); ok {
			return true
		}
	}
	return false
}

// checkView asserts the view fills the page exactly and holds want.
func checkView(t *testing.T, p *Model, want ...string) string {
	t.Helper()
	v := p.View()
	lines := strings.Split(v, "\n")
	if len(lines) != p.c.Height {
		t.Errorf("view has %d lines, want %d", len(lines), p.c.Height)
	}
	for i, l := range lines {
		if w := lipgloss.Width(l); w > p.c.Width {
			t.Errorf("line %d is %d cells wide (> %d): %q", i, w, p.c.Width, l)
		}
	}
	for _, s := range want {
		if !strings.Contains(v, s) {
			t.Errorf("view lacks %q:\n%s", s, v)
		}
	}
	return v
}

func TestDemoOff(t *testing.T) {
	svc := uitest.Services(t, uitest.Wallet(t), nil)
	p := New(uitest.Common(svc))
	checkView(t, p, "Demo mode is off. Turn it on in Settings to award Contoso Learning badges from here.")
	for _, k := range []string{"a", "b", "R", "m", "t", "enter", "down", "esc"} {
		if _, cmd := p.Update(uitest.Key(k)); cmd != nil {
			t.Errorf("%s: demo off, got a Cmd", k)
		}
		if p.Capturing() || p.mode != modeCatalog {
			t.Errorf("%s: demo off, mode %d capturing %v", k, p.mode, p.Capturing())
		}
	}
	if p.ShortHelp() != nil || p.FullHelp() != nil {
		t.Error("demo off: no keys to show")
	}

	// The frame turns demo mode on (DemoMsg), then sends WalletChangedMsg.
	uitest.Demo(t, svc, learner)
	p.Update(common.WalletChangedMsg{})
	checkView(t, p, "Catalog", "CL-900: Cloud Fundamentals")
	if len(p.ShortHelp()) == 0 {
		t.Error("demo on: keys expected")
	}
	// The frame opens the issuer after building the pages, then calls Init.
	q := New(uitest.Common(&common.Services{Wallet: svc.Wallet, IssuerDir: svc.IssuerDir, Now: svc.Now}))
	q.c.Svc.Issuer = svc.Issuer
	q.Init()
	checkView(t, q, "Catalog", "CL-900: Cloud Fundamentals")
	// ... and off again.
	svc.Issuer = nil
	p.Update(common.WalletChangedMsg{})
	checkView(t, p, "Demo mode is off")
}

func TestCatalogKeys(t *testing.T) {
	p, _ := demoPage(t)
	n := len(p.is.Catalog().Achievements)
	checkView(t, p, "CL-900: Cloud Fundamentals", "awards cloud-fundamentals instead of an exam badge", "⊘ retired", "– legacy")
	press(t, p, "down")
	if got := p.selected().ID; got != "cloud-fundamentals" {
		t.Fatalf("down: selected %s", got)
	}
	checkView(t, p, "requires cl-900")
	press(t, p, "up")
	if p.cat.cur != 0 {
		t.Errorf("up: cursor %d", p.cat.cur)
	}
	press(t, p, "G")
	if p.cat.cur != n-1 {
		t.Errorf("G: cursor %d, want %d", p.cat.cur, n-1)
	}
	checkView(t, p, "retired 30 Jun 2024 (earned badges stay claimable)")
	press(t, p, "g")
	if p.cat.cur != 0 {
		t.Errorf("g: cursor %d", p.cat.cur)
	}
	press(t, p, "pgdown")
	if p.cat.cur != min(p.catalogRows(), n-1) {
		t.Errorf("pgdown: cursor %d", p.cat.cur)
	}
	press(t, p, "pgup")
	if p.cat.cur != 0 {
		t.Errorf("pgup: cursor %d", p.cat.cur)
	}
	p.Update(tea.MouseMsg{Button: tea.MouseButtonWheelDown})
	p.Update(tea.MouseMsg{Button: tea.MouseButtonWheelDown})
	if p.cat.cur != 2 {
		t.Errorf("wheel down twice: cursor %d", p.cat.cur)
	}
	p.Update(tea.MouseMsg{Button: tea.MouseButtonWheelUp})
	if p.cat.cur != 1 {
		t.Errorf("wheel up: cursor %d", p.cat.cur)
	}
	// A small page scrolls the list to keep the cursor on screen.
	p.SetSize(80, 12)
	press(t, p, "G")
	checkView(t, p, "Retired: Legacy Stack Specialist")
	p.SetSize(uitest.Width, uitest.Height-uitest.FrameLines)

	// m leaves for the outbox, t comes back, esc from a sub-view too.
	press(t, p, "m")
	if p.mode != modeOutbox {
		t.Fatalf("m: mode %d", p.mode)
	}
	press(t, p, "t")
	if p.mode != modeCatalog {
		t.Errorf("t: mode %d", p.mode)
	}
	press(t, p, "m", "esc")
	if p.mode != modeCatalog {
		t.Errorf("esc: mode %d", p.mode)
	}
}

func TestAward(t *testing.T) {
	p, svc := demoPage(t)
	ctx := context.Background()
	// cl-900, the first achievement: passing it alone makes the certification.
	press(t, p, "a")
	if !p.Capturing() || p.mode != modeAward {
		t.Fatalf("a: capturing %v mode %d", p.Capturing(), p.mode)
	}
	checkView(t, p, "CL-900: Cloud Fundamentals", "Email", "enter awards · esc cancels")
	typeText(t, p, "q1Ada@Example.com")
	for range 2 {
		p.Update(uitest.Key("backspace"))
	}
	typeText(t, p, "om") // q and digits went to the input
	p.email.SetValue(strings.TrimPrefix(p.email.Value(), "q1"))
	if got := p.email.Value(); got != "Ada@Example.com" {
		t.Fatalf("input holds %q", got)
	}
	msgs := press(t, p, "enter")
	ok, bad := toasts(msgs)
	if len(bad) > 0 || len(ok) != 1 || !strings.Contains(ok[0], "Awarded 1 badge to ada@example.com") {
		t.Errorf("toasts %q %q", ok, bad)
	}
	if !changed(msgs) {
		t.Error("award: no WalletChangedMsg")
	}
	if p.Capturing() {
		t.Error("after enter the input has no focus")
	}
	checkView(t, p, "✔ Awarded 1 badge to ada@example.com", "Contoso Certified: Cloud Fundamentals",
		"CL-900 completes Contoso Certified: Cloud Fundamentals on its own")
	out, err := svc.Issuer.Outbox(ctx, "ada@example.com", 10)
	if err != nil || len(out) != 1 || out[0].Subject != "You earned a badge: Contoso Certified: Cloud Fundamentals" {
		t.Fatalf("outbox to ada: %v %+v", err, out)
	}

	// The outbox view shows it, newest first.
	press(t, p, "m")
	checkView(t, p, "ada@example.com", "You earned a badge: Contoso Certified: Cloud Fun")
	if p.msgs[0].To != "ada@example.com" {
		t.Errorf("newest message to %s", p.msgs[0].To)
	}

	// The certification itself, awarded directly to ada: already held.
	press(t, p, "t", "down", "a")
	p.email.SetValue("ada@example.com")
	msgs = press(t, p, "enter")
	if _, bad := toasts(msgs); len(bad) != 1 || !strings.Contains(bad[0], "already holds this badge") {
		t.Errorf("already held: error toasts %q", bad)
	}
	if changed(msgs) {
		t.Error("nothing awarded, yet WalletChangedMsg")
	}
	checkView(t, p, "✖ Nothing was awarded", "ada@example.com already holds Contoso Certified: Cloud Fundamentals")

	// An address that is not one.
	press(t, p, "a")
	p.email.SetValue("not-an-email")
	press(t, p, "enter")
	checkView(t, p, "“not-an-email” is not an email address")

	// An empty address is not sent.
	press(t, p, "a")
	p.email.SetValue("")
	if msgs := press(t, p, "enter"); !p.Capturing() || len(msgs) != 1 {
		t.Errorf("empty email: capturing %v, msgs %v", p.Capturing(), msgs)
	}
	// esc cancels the input and goes back to the catalog.
	press(t, p, "esc")
	if p.Capturing() || p.mode != modeCatalog {
		t.Errorf("esc: capturing %v mode %d", p.Capturing(), p.mode)
	}
}

func TestAwardStaleDropped(t *testing.T) {
	p, _ := demoPage(t)
	press(t, p, "a")
	p.email.SetValue("ada@example.com")
	_, cmd := p.Update(uitest.Key("enter"))
	msg := cmd()
	p.reset() // the issuer changed meanwhile
	p.Update(msg)
	if p.result != nil {
		t.Error("a stale award answer was shown")
	}
}

func writeCSV(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "awards.csv")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestBulk(t *testing.T) {
	p, svc := demoPage(t)
	data, err := os.ReadFile("testdata/bulk.csv")
	if err != nil {
		t.Fatal(err)
	}
	path := writeCSV(t, string(data))
	press(t, p, "b")
	if !p.Capturing() || p.mode != modeBulk {
		t.Fatalf("b: capturing %v mode %d", p.Capturing(), p.mode)
	}
	checkView(t, p, "email,achievement,date", "ada@example.com,cl-900,2026-11-20")
	p.path.SetValue(path)

	// Step through the channel by hand: one Msg per row.
	_, cmd := p.Update(uitest.Key("enter"))
	start := cmd().(bulkStartMsg)
	if start.err != nil || start.total != 5 {
		t.Fatalf("start: %v, %d rows", start.err, start.total)
	}
	_, wait := p.Update(start)
	checkView(t, p, "Row 0 of 5", "0%")
	row := wait().(bulkRowMsg)
	_, wait = p.Update(row)
	checkView(t, p, "Row 1 of 5", "20%", "✔ Contoso Certified: Cloud Fundamentals")
	_, msgs := uitest.Run(p, wait, 20)
	rows := 0
	for _, m := range msgs {
		if _, ok := m.(bulkRowMsg); ok {
			rows++
		}
	}
	if rows != 4 {
		t.Errorf("%d more row messages, want 4", rows)
	}
	ok, bad := toasts(msgs)
	if len(bad) > 0 || len(ok) != 1 || ok[0] != "Bulk award: 2 badges issued · 2 rows awarded, 1 skipped, 2 failed." {
		t.Errorf("toasts %q %q", ok, bad)
	}
	if !changed(msgs) {
		t.Error("bulk: no WalletChangedMsg")
	}
	checkView(t, p, "5 rows", "2 badges issued · 2 awarded · 1 skipped · 2 failed",
		"✖ failed: no achievement \"cl-999\" in the catalog", "✖ failed: not an email address",
		"– skipped: Contoso Certified: Cloud Fundamentals: already held", "✔ CL-303: Designing Cloud Solutions")
	if out, _ := svc.Issuer.Outbox(context.Background(), "linus@example.com", 10); len(out) != 1 {
		t.Errorf("linus got %d messages", len(out))
	}
	// Scrolling the report.
	p.SetSize(uitest.Width, 12)
	press(t, p, "down")
	if p.bulk.top != 1 {
		t.Errorf("down: report top %d", p.bulk.top)
	}
	press(t, p, "up")
	if p.bulk.top != 0 {
		t.Errorf("up: report top %d", p.bulk.top)
	}
	p.SetSize(uitest.Width, uitest.Height-uitest.FrameLines)

	// b from the catalog shows the report; b again asks for another file.
	press(t, p, "esc")
	press(t, p, "b")
	if p.mode != modeBulk || p.Capturing() {
		t.Fatalf("b with a report: mode %d capturing %v", p.mode, p.Capturing())
	}
	press(t, p, "b")
	if !p.Capturing() {
		t.Fatal("b again: no input")
	}
	p.path.SetValue(filepath.Join(t.TempDir(), "missing.csv"))
	msgs = press(t, p, "enter")
	if _, bad := toasts(msgs); len(bad) != 1 || !strings.Contains(bad[0], "no file") {
		t.Errorf("missing file: %q", bad)
	}
	checkView(t, p, "✖ no file")
	// esc cancels the input.
	press(t, p, "b", "esc")
	if p.Capturing() {
		t.Error("esc: still capturing")
	}
}

// revokedInStatusList reports whether the issuer's status list marks the
// credential revoked, as a verifier reads it.
func revokedInStatusList(t *testing.T, is *issuer.Issuer, credID string) bool {
	t.Helper()
	ctx := context.Background()
	raw, err := is.CredentialJSON(ctx, credID)
	if err != nil {
		t.Fatal(err)
	}
	var cred, list map[string]any
	if err := json.Unmarshal(raw, &cred); err != nil {
		t.Fatal(err)
	}
	entries, err := status.EntriesFromCredential(cred)
	if err != nil || len(entries) == 0 {
		t.Fatalf("status entries: %v %v", entries, err)
	}
	raw, err = is.StatusList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		t.Fatal(err)
	}
	l, err := status.ListFromCredential(list)
	if err != nil {
		t.Fatal(err)
	}
	set, err := status.Check(entries[0], l)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func TestRevoke(t *testing.T) {
	p, svc := demoPage(t)
	press(t, p, "R")
	if p.mode != modeRevoke || len(p.awards) != 3 {
		t.Fatalf("R: mode %d, %d awards", p.mode, len(p.awards))
	}
	checkView(t, p, "learner@example.com", "Contoso Certified: Cloud Administrator Associate", "✔ active", "1 of 3, newest first")
	press(t, p, "down")
	if p.rv.cur != 1 {
		t.Errorf("down: cursor %d", p.rv.cur)
	}
	press(t, p, "up")
	target := p.awards[0]
	if revokedInStatusList(t, svc.Issuer, target.CredentialID) {
		t.Fatal("revoked before R")
	}
	// enter asks for a reason; esc cancels.
	press(t, p, "enter")
	if !p.Capturing() {
		t.Fatal("enter: no reason input")
	}
	press(t, p, "esc")
	if p.Capturing() || p.mode != modeRevoke {
		t.Fatalf("esc: capturing %v mode %d", p.Capturing(), p.mode)
	}
	// R in the list asks too; the reason is typed, enter revokes.
	press(t, p, "R")
	if !p.Capturing() {
		t.Fatal("R: no reason input")
	}
	checkView(t, p, "Reason", "enter revokes · esc cancels")
	typeText(t, p, "issued in error")
	// Meanwhile a new award moves the list under the cursor: the reason is
	// still for the credential it was asked for.
	if _, err := svc.Issuer.Award(context.Background(), "bob@example.com", "cl-204", uitest.Clock); err != nil {
		t.Fatal(err)
	}
	_, cmd := p.Update(common.WalletChangedMsg{})
	uitest.Run(p, cmd, 5)
	if len(p.awards) != 4 || p.awards[0].Email != "bob@example.com" || !p.Capturing() {
		t.Fatalf("after the new award: %d awards, capturing %v", len(p.awards), p.Capturing())
	}
	checkView(t, p, "bob@example.com", target.CredentialID)
	msgs := press(t, p, "enter")
	ok, bad := toasts(msgs)
	if len(bad) > 0 || len(ok) != 1 || !strings.HasPrefix(ok[0], "Revoked Contoso Certified: Cloud Administrator Associate for learner@example.com") {
		t.Errorf("toasts %q %q", ok, bad)
	}
	if !changed(msgs) {
		t.Error("revoke: no WalletChangedMsg")
	}
	if !revokedInStatusList(t, svc.Issuer, target.CredentialID) {
		t.Error("the status list does not show the revocation")
	}
	for _, a := range p.awards {
		if a.CredentialID != target.CredentialID && (a.Revoked || revokedInStatusList(t, svc.Issuer, a.CredentialID)) {
			t.Errorf("%s (%s) was revoked too", a.AchievementID, a.Email)
		}
	}
	press(t, p, "down")
	if p.awards[p.rv.cur].CredentialID != target.CredentialID {
		t.Fatal("the revoked credential is not second")
	}
	checkView(t, p, "⊘ revoked", "issued in error")
	// Revoking it again is refused in words.
	msgs = press(t, p, "enter")
	if ok, _ := toasts(msgs); len(ok) != 1 || !strings.Contains(ok[0], "already revoked") {
		t.Errorf("again: %q", ok)
	}
	if p.Capturing() {
		t.Error("again: asks for a reason")
	}
}

func TestOutbox(t *testing.T) {
	p, _ := demoPage(t)
	press(t, p, "m")
	if p.mode != modeOutbox || len(p.msgs) != 3 {
		t.Fatalf("m: mode %d, %d messages", p.mode, len(p.msgs))
	}
	checkView(t, p, "25 Nov 09:00", "learner@example.com", "award", "You earned a badge: CL-303: Designing Cloud", "newest first · 1 of 3")
	press(t, p, "down")
	if p.ob.cur != 1 {
		t.Errorf("down: cursor %d", p.ob.cur)
	}
	press(t, p, "enter")
	if !p.reading {
		t.Fatal("enter: not reading")
	}
	v := checkView(t, p, "Congratulations!", "Contoso Learning has awarded you the badge", "http://127.0.0.1:8080/issuer/claim/", "Sign in with this email address")
	if strings.Contains(v, "\x1b") {
		t.Error("escape in the reader")
	}
	press(t, p, "down", "up")
	press(t, p, "esc")
	if p.reading || p.mode != modeOutbox {
		t.Errorf("esc: reading %v mode %d", p.reading, p.mode)
	}
	// A new award shows after WalletChangedMsg.
	if _, err := p.is.Award(context.Background(), "bob@example.com", "cl-204", uitest.Clock); err != nil {
		t.Fatal(err)
	}
	_, cmd := p.Update(common.WalletChangedMsg{})
	uitest.Run(p, cmd, 5)
	checkView(t, p, "bob@example.com", "You earned a badge: Contoso Certified: Cloud Dev")
}

func TestHostileStrings(t *testing.T) {
	svc := uitest.Services(t, uitest.Wallet(t), nil)
	// A catalog whose first name carries escapes, a CR and a BEL.
	data, err := assets.DemoCatalog()
	if err != nil {
		t.Fatal(err)
	}
	var cat map[string]any
	if err := json.Unmarshal(data, &cat); err != nil {
		t.Fatal(err)
	}
	evil := "CL-900\x1b[31m Evil\x07\rName\x1b]8;;https://evil.example\x07link\x1b]8;;\x07\x1b[2J"
	cat["achievements"].([]any)[0].(map[string]any)["name"] = evil
	cat["achievements"].([]any)[0].(map[string]any)["description"] = "about\x1b[1A\r\x07"
	data, _ = json.Marshal(cat)
	if err := os.WriteFile(filepath.Join(svc.IssuerDir, issuer.CatalogFile), data, 0o600); err != nil {
		t.Fatal(err)
	}
	uitest.Demo(t, svc, learner)
	p := New(uitest.Common(svc))
	harmless := func(v string) {
		t.Helper()
		for _, bad := range []string{"\x1b", "\x07", "\r"} {
			if strings.Contains(v, bad) {
				t.Errorf("view holds %q:\n%q", bad, v)
			}
		}
	}

	harmless(checkView(t, p, "CL-900 Evil Namelink"))
	press(t, p, "a")
	p.email.SetValue("x@example.com")
	press(t, p, "enter")
	harmless(checkView(t, p, "Awarded 1 badge"))

	// A CSV whose email field holds the same.
	path := writeCSV(t, "\"evil\x1b[2J\x07\r\n@example.com\",cl-900\n")
	press(t, p, "b")
	p.path.SetValue(path)
	press(t, p, "enter")

	harmless(checkView(t, p, "1 row", "✖ failed: not an email address", "evil @example.com"))
	press(t, p, "m", "enter")

	harmless(checkView(t, p))
}

// Goldens at 100×30, through the harness (the frame's toast line under
// the page).

func TestGoldenDemoOff(t *testing.T) {
	svc := uitest.Services(t, uitest.Wallet(t), nil)
	tm := uitest.Start(t, uitest.NewHarness(New(uitest.Common(svc))))
	uitest.WaitFor(t, tm, "Demo mode is off")
	uitest.Golden(t, uitest.Final(t, tm))
}

func TestGoldenCatalog(t *testing.T) {
	p, _ := demoPage(t)
	tm := uitest.Start(t, uitest.NewHarness(p))
	tm.Send(uitest.Key("down"))
	uitest.WaitFor(t, tm, "requires cl-900")
	uitest.Golden(t, uitest.Final(t, tm))
}

func TestGoldenAwardInput(t *testing.T) {
	p, _ := demoPage(t)
	tm := uitest.Start(t, uitest.NewHarness(p))
	tm.Send(uitest.Key("a"))
	tm.Type("ada@example.com")
	uitest.WaitFor(t, tm, "ada@example.com")
	uitest.Golden(t, uitest.Final(t, tm))
}

func TestGoldenBulkSummary(t *testing.T) {
	p, _ := demoPage(t)
	tm := uitest.Start(t, uitest.NewHarness(p))
	tm.Send(uitest.Key("b"))
	tm.Type("testdata/bulk.csv")
	tm.Send(uitest.Key("enter"))
	uitest.WaitFor(t, tm, "2 failed")
	uitest.Golden(t, uitest.Final(t, tm))
}

func TestGoldenOutbox(t *testing.T) {
	p, _ := demoPage(t)
	tm := uitest.Start(t, uitest.NewHarness(p))
	tm.Send(uitest.Key("m"))
	uitest.WaitFor(t, tm, "newest first")
	uitest.Golden(t, uitest.Final(t, tm))
}

// TestBulkStopsWithDemoOff: turning demo mode off during a bulk award
// cancels it: its goroutine stops and closes its channel, though nobody
// reads the rows any more.
func TestBulkStopsWithDemoOff(t *testing.T) {
	p, svc := demoPage(t)
	var rows strings.Builder
	for i := range 200 {
		fmt.Fprintf(&rows, "l%d@example.com,cl-900\n", i)
	}
	path := writeCSV(t, rows.String())
	press(t, p, "b")
	typeText(t, p, path)
	_, cmd := p.Update(uitest.Key("enter"))
	start, ok := cmd().(bulkStartMsg)
	if !ok || start.err != nil {
		t.Fatalf("start: %+v", start)
	}
	_, cmd = p.Update(start)
	p.Update(cmd()) // one row
	svc.Issuer = nil
	p.Update(common.WalletChangedMsg{})
	if p.bulk.running || p.bulk.ch != nil {
		t.Fatal("the bulk award still runs with demo mode off")
	}
	done := make(chan int)
	go func() {
		n := 0
		for range start.ch { // nobody else reads: the goroutine must not block on a send
			n++
		}
		done <- n
	}()
	select {
	case n := <-done:
		if n >= 100 {
			t.Fatalf("%d more rows came after the cancel", n)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the bulk award's channel was not closed")
	}
}

// TestViewDemoOffBeforeUpdate: between the frame turning demo mode off
// (and closing the issuer) and the page's next Update, the page does not
// draw the closed issuer's catalog.
func TestViewDemoOffBeforeUpdate(t *testing.T) {
	p, svc := demoPage(t)
	checkView(t, p, "Catalog")
	svc.Issuer = nil
	checkView(t, p, "Demo mode is off")
}
