package settings

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"badgewallet/ui/common"
	"badgewallet/ui/uitest"
	"badgewallet/wallet"
)

func TestMain(m *testing.M) {
	uitest.ASCII()
	os.Exit(m.Run())
}

var ctx = context.Background()

func loaded(t *testing.T, svc *common.Services) *Model {
	t.Helper()
	m := New(uitest.Common(svc))
	uitest.Run(m, m.Init(), 3)
	if !m.loaded || m.err != nil {
		t.Fatalf("not loaded: %v", m.err)
	}
	return m
}

// press sends keys one at a time, running the Cmds they lead to, and
// returns every message seen.
func press(m *Model, keys ...string) []tea.Msg {
	var seen []tea.Msg
	for _, k := range keys {
		msg := uitest.Key(k)
		_, s := uitest.Run(m, func() tea.Msg { return msg }, 6)
		seen = append(seen, s...)
	}
	return seen
}

// goTo puts the cursor on the first row of kind.
func goTo(t *testing.T, m *Model, kind rowKind) {
	t.Helper()
	for i, r := range m.rows {
		if r.kind == kind {
			m.cursor = i
			m.follow()
			return
		}
	}
	t.Fatalf("no row of kind %d", kind)
}

func toasts(seen []tea.Msg) (ok, bad []string) {
	for _, msg := range seen {
		if t, is := msg.(common.ToastMsg); is {
			if t.Err {
				bad = append(bad, t.Text)
			} else {
				ok = append(ok, t.Text)
			}
		}
	}
	return ok, bad
}

func changed(seen []tea.Msg) bool {
	for _, msg := range seen {
		if _, ok := msg.(common.WalletChangedMsg); ok {
			return true
		}
	}
	return false
}

func TestListKeys(t *testing.T) {
	m := loaded(t, uitest.Services(t, uitest.Wallet(t, uitest.SomeBadges...), nil))
	n := len(m.rows)
	for _, tc := range []struct {
		key  string
		want int
	}{{"down", 1}, {"j", 2}, {"up", 1}, {"k", 0}, {"end", n - 1}, {"home", 0}, {"G", n - 1}, {"g", 0}, {"pgdown", n - 1}, {"pgup", 0}} {
		press(m, tc.key)
		if m.cursor != tc.want {
			t.Fatalf("%s: cursor %d, want %d", tc.key, m.cursor, tc.want)
		}
	}
	uitest.Run(m, func() tea.Msg { return tea.MouseMsg{Button: tea.MouseButtonWheelDown} }, 1)
	if m.cursor != 1 {
		t.Fatalf("wheel down: %d", m.cursor)
	}
	uitest.Run(m, func() tea.Msg { return tea.MouseMsg{Button: tea.MouseButtonWheelUp} }, 1)
	if m.cursor != 0 {
		t.Fatalf("wheel up: %d", m.cursor)
	}
}

// TestToggles: enter and space flip each boolean, in the wallet.
func TestToggles(t *testing.T) {
	w := uitest.Wallet(t, uitest.SomeBadges...)
	m := loaded(t, uitest.Services(t, w, nil))

	goTo(t, m, rowProfile)
	seen := press(m, "enter")
	if on, _ := w.ProfilePublic(ctx); !on || !changed(seen) {
		t.Fatalf("profile not public (changed %v)", changed(seen))
	}
	if ok, _ := toasts(seen); len(ok) != 1 || !strings.Contains(ok[0], "public") {
		t.Fatalf("toasts %v", ok)
	}
	press(m, "space")
	if on, _ := w.ProfilePublic(ctx); on {
		t.Fatal("profile still public")
	}

	goTo(t, m, rowAutoAll)
	press(m, "enter")
	if on, _ := w.AutoAccepts(ctx, ""); !on || !m.v.autoAll {
		t.Fatal("auto-accept not on")
	}

	goTo(t, m, rowAutoIssuer)
	r := m.rows[m.cursor]
	if !strings.Contains(m.View(), "as for all issuers") {
		t.Fatalf("issuer row not shown as global:\n%s", m.View())
	}
	seen = press(m, "space")
	if on, _ := w.AutoAccepts(ctx, r.issuer.id); on {
		t.Fatalf("auto-accept for %s still on", r.issuer.id)
	}
	if on, _ := w.AutoAccepts(ctx, ""); !on {
		t.Fatal("global auto-accept changed with one issuer's")
	}
	if !strings.Contains(m.View(), "overrides the setting for all issuers") || !changed(seen) {
		t.Fatalf("override not shown:\n%s", m.View())
	}
	if got := len(m.v.issuers); got < 2 {
		t.Fatalf("%d issuers, want one per issuer of the badges", got)
	}
}

func TestBaseURL(t *testing.T) {
	w := uitest.Wallet(t)
	m := loaded(t, uitest.Services(t, w, nil))
	goTo(t, m, rowBaseURL)
	press(m, "enter")
	if !m.Capturing() || m.mode != modeBaseURL {
		t.Fatal("enter did not open the input")
	}
	seen := press(m, "ftp://nope example", "enter")
	if _, bad := toasts(seen); len(bad) != 0 {
		t.Fatalf("error toasts %v, want the error under the input", bad)
	}
	if !m.Capturing() || !strings.Contains(m.View(), "is not a web address like https://you.example/badges") {
		t.Fatalf("no plain error under the input:\n%s", m.View())
	}
	if u, _ := w.BaseURL(ctx); u != "" {
		t.Fatalf("bad URL saved: %q", u)
	}
	press(m, "ctrl+u") // clear (textinput's delete before cursor)
	m.input.SetValue("")
	seen = press(m, "https://ann.example/badges/", "enter")
	if u, _ := w.BaseURL(ctx); u != "https://ann.example/badges" {
		t.Fatalf("base URL %q", u)
	}
	if m.Capturing() || !changed(seen) || !strings.Contains(m.View(), "https://ann.example/badges") {
		t.Fatalf("input still open or view stale:\n%s", m.View())
	}
	// e edits too; esc cancels without saving.
	press(m, "e")
	if m.mode != modeBaseURL || m.input.Value() != "https://ann.example/badges" {
		t.Fatalf("e: mode %d value %q", m.mode, m.input.Value())
	}
	press(m, "x", "esc")
	if m.Capturing() {
		t.Fatal("esc did not close the input")
	}
	if u, _ := w.BaseURL(ctx); u != "https://ann.example/badges" {
		t.Fatalf("esc saved %q", u)
	}
}

func TestAddIdentity(t *testing.T) {
	w := uitest.Wallet(t)
	m := loaded(t, uitest.Services(t, w, nil))
	press(m, "a")
	if !m.Capturing() {
		t.Fatal("a did not open the input")
	}
	// q, tab and digits are text while the input has focus.
	seen := press(m, "enter")
	if m.inputErr == "" || len(seen) != 1 {
		t.Fatal("empty value accepted")
	}
	// q, digits and tab are the input's while it has focus.
	press(m, "q1", "tab")
	if m.input.Value() != "q1" || !m.Capturing() {
		t.Fatalf("value %q", m.input.Value())
	}
	m.input.SetValue("")
	seen = press(m, "Ann@Example.com", "enter")
	ids, _ := w.Identities(ctx)
	if len(ids) != 1 || ids[0].Value != "ann@example.com" || ids[0].Confirmed {
		t.Fatalf("identities %+v", ids)
	}
	if ok, _ := toasts(seen); len(ok) != 1 || !strings.Contains(ok[0], "ann@example.com") || !changed(seen) {
		t.Fatalf("toasts %v", ok)
	}
	v := m.View()
	if !strings.Contains(v, "ann@example.com") || !strings.Contains(v, "self-declared") {
		t.Fatalf("view:\n%s", v)
	}
	// A bad address: the wallet's words under the input.
	press(m, "a", "not an address", "enter")
	if !m.Capturing() || !strings.Contains(m.View(), "is not an email address") {
		t.Fatalf("view:\n%s", m.View())
	}
}

// TestConfirm: c outside demo mode explains; in demo mode it opens the
// claim of the newest badge sent to the address.
func TestConfirm(t *testing.T) {
	svc := uitest.Services(t, uitest.Wallet(t), nil)
	svc.Wallet.AddIdentity(ctx, "demo@example.com", false)
	m := loaded(t, svc)
	seen := press(m, "c")
	if ok, _ := toasts(seen); len(ok) != 1 || !strings.Contains(ok[0], "Select an email") {
		t.Fatalf("c off an identity: %v", ok)
	}
	goTo(t, m, rowIdentity)
	seen = press(m, "c")
	if ok, _ := toasts(seen); len(ok) != 1 || !strings.Contains(ok[0], "claim a badge sent to it") {
		t.Fatalf("c outside demo mode: %v", ok)
	}

	uitest.Demo(t, svc, "demo@example.com")
	seen = press(m, "c")
	var open *common.OpenClaimMsg
	for _, msg := range seen {
		if o, ok := msg.(common.OpenClaimMsg); ok {
			open = &o
		}
	}
	if open == nil || !strings.Contains(open.URL, "/claim/") {
		t.Fatalf("no claim opened: %v", seen)
	}
	// enter on an identity does the same.
	seen = press(m, "enter")
	found := false
	for _, msg := range seen {
		_, found = msg.(common.OpenClaimMsg)
		if found {
			break
		}
	}
	if !found {
		t.Fatalf("enter on an identity: %v", seen)
	}
}

// TestMerge: adding the other address re-checks the badges sent to it;
// the toast says how many now count as the holder's.
func TestMerge(t *testing.T) {
	svc := uitest.Services(t, uitest.Wallet(t), nil)
	uitest.Demo(t, svc, "demo@example.com")
	dir := t.TempDir()
	for i, id := range []string{"cl-104", "cl-303"} {
		res, err := svc.Issuer.Award(ctx, "ann.old@example.org", id, uitest.Clock)
		if err != nil {
			t.Fatal(err)
		}
		data, err := svc.Issuer.CredentialJSON(ctx, res.Awarded[0].CredentialID)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, string(rune('a'+i))+".json"), data, 0o600)
	}
	sum, err := svc.Wallet.Import(ctx, []string{dir}, wallet.ImportOptions{Verify: svc.VerifyOptions()}, nil)
	if err != nil || sum.Added != 2 {
		t.Fatalf("import %+v %v", sum, err)
	}
	m := loaded(t, svc)
	press(m, "m")
	if m.mode != modeMerge || !strings.Contains(m.View(), "Merge a duplicate account") {
		t.Fatalf("m did not open the merge input:\n%s", m.View())
	}
	seen := press(m, "ann.old@example.org", "enter")
	ok, bad := toasts(seen)
	if len(bad) != 0 || len(ok) != 1 || !strings.Contains(ok[0], "2 badges in your wallet are now addressed to you") {
		t.Fatalf("toasts %v %v", ok, bad)
	}
	p, _ := svc.Wallet.List(ctx, wallet.ListOptions{})
	for _, b := range p.Items {
		if b.NotAddressed {
			t.Fatalf("%s still not addressed", b.Name)
		}
	}
	// Merging again finds nothing new.
	seen = press(m, "m", "ann.old@example.org", "enter")
	if ok, _ := toasts(seen); len(ok) != 1 || !strings.Contains(ok[0], "no badge in your wallet") {
		t.Fatalf("second merge: %v", ok)
	}
}

// TestDemoToggle: turning demo mode on awards the demo badges and hands
// the open issuer to the frame; off asks the frame to close it.
func TestDemoToggle(t *testing.T) {
	svc := uitest.Services(t, uitest.Wallet(t), nil)
	m := loaded(t, svc)
	goTo(t, m, rowDemo)
	if !strings.Contains(m.View(), "Demo mode") {
		t.Fatal("no demo row")
	}
	seen := press(m, "enter")
	var got *common.DemoMsg
	for _, msg := range seen {
		if d, ok := msg.(common.DemoMsg); ok {
			got = &d
		}
	}
	if got == nil || !got.On || got.Issuer == nil {
		t.Fatalf("no DemoMsg on: %v", seen)
	}
	is := got.Issuer
	t.Cleanup(func() { is.Close() })
	if ok, _ := toasts(seen); len(ok) != 1 || !strings.Contains(ok[0], "demo@example.com 3 badges") {
		t.Fatalf("toasts %v", ok)
	}
	msgs, err := got.Issuer.Outbox(ctx, DemoEmail, 10)
	if err != nil || len(msgs) != 3 {
		t.Fatalf("outbox %d %v", len(msgs), err)
	}
	if ids, _ := svc.Wallet.Identities(ctx); len(ids) != 1 || ids[0].Value != DemoEmail {
		t.Fatalf("identities %+v", ids)
	}
	// The frame sets the issuer; then the same key turns it off.
	svc.Issuer = got.Issuer
	goTo(t, m, rowDemo)
	if !strings.Contains(m.View(), "Contoso Learning, the demo issuer") {
		t.Fatalf("demo not shown on:\n%s", m.View())
	}
	seen = press(m, "space")
	got = nil
	for _, msg := range seen {
		if d, ok := msg.(common.DemoMsg); ok {
			got = &d
		}
	}
	if got == nil || got.On || got.Issuer != nil {
		t.Fatalf("no DemoMsg off: %v", seen)
	}
}

// TestDemoUsesFirstEmail: demo mode awards to the holder's own address.
func TestDemoUsesFirstEmail(t *testing.T) {
	svc := uitest.Services(t, uitest.Wallet(t), nil)
	svc.Wallet.AddIdentity(ctx, "https://ann.example", false)
	svc.Wallet.AddIdentity(ctx, "ann@example.com", false)
	m := loaded(t, svc)
	goTo(t, m, rowDemo)
	seen := press(m, "enter")
	for _, msg := range seen {
		if d, ok := msg.(common.DemoMsg); ok {
			defer d.Issuer.Close()
			if ms, _ := d.Issuer.Outbox(ctx, "ann@example.com", 10); len(ms) != 3 {
				t.Fatalf("%d messages to ann", len(ms))
			}
			return
		}
	}
	t.Fatalf("no DemoMsg: %v", seen)
}

// TestHostile: issuer names and identities holding escapes, CR and BEL
// are drawn as harmless text.
func TestHostile(t *testing.T) {
	m := New(uitest.Common(uitest.Services(t, uitest.Wallet(t), nil)))
	m.Update(loadedMsg{req: m.req, v: values{
		issuers:    []issuerValue{{id: "x", name: "Evil\x1b[31mCorp\r\x07\x1b]0;pwned\x07"}},
		identities: []wallet.Identity{{Kind: "url", Value: "https://e.example/\x1b[2J\r\x07me"}},
		baseURL:    "https://b.example/\x1b[5m\x07",
	}})
	v := m.View()
	uitest.CheckHarmless(t, v, "Evil", "e.example")
	uitest.CheckSize(t, v, uitest.Width, uitest.Height-uitest.FrameLines)
}

func TestGoldenSettings(t *testing.T) {
	w := uitest.Wallet(t, uitest.SomeBadges...)
	w.AddIdentity(ctx, "ann@example.com", true)
	w.AddIdentity(ctx, "ann.lee@work.example", false)
	w.AddIdentity(ctx, "https://ann.example", false)
	w.SetBaseURL(ctx, "https://ann.example/badges")
	w.SetAutoAccept(ctx, true, "")
	tm := uitest.Start(t, uitest.NewHarness(New(uitest.Common(uitest.Services(t, w, nil)))))
	uitest.WaitFor(t, tm, "Demo mode")
	tm.Send(uitest.Key("down"))
	tm.Send(uitest.Key("down"))
	tm.Send(uitest.Key("down"))
	tm.Send(uitest.Key("space"))
	uitest.WaitFor(t, tm, "overrides")
	uitest.Golden(t, uitest.Final(t, tm))
}

func TestGoldenMergeInput(t *testing.T) {
	w := uitest.Wallet(t)
	w.AddIdentity(ctx, "ann@example.com", false)
	tm := uitest.Start(t, uitest.NewHarness(New(uitest.Common(uitest.Services(t, w, nil)))))
	uitest.WaitFor(t, tm, "Demo mode")
	tm.Send(uitest.Key("m"))
	tm.Send(uitest.Key("ann.lee@work.example"))
	uitest.WaitFor(t, tm, "ann.lee@work.example")
	uitest.Golden(t, uitest.Final(t, tm))
}

// TestStaleInputResult: the answer to an input that was left (esc) while
// it saved does not close, or put its error under, the input opened
// since; it comes as a toast.
func TestStaleInputResult(t *testing.T) {
	svc := uitest.Services(t, uitest.Wallet(t), nil)
	m := loaded(t, svc)
	press(m, "a", "bob@example.com")
	_, cmd := m.Update(uitest.Key("enter"))
	if cmd == nil || !m.busy {
		t.Fatal("enter did not save")
	}
	press(m, "esc", "m", "x")
	_, next := m.Update(cmd())
	if m.mode != modeMerge || m.input.Value() != "x" || m.inputErr != "" || m.busy {
		t.Fatalf("the old answer changed the merge input: mode %d %q %q busy %v", m.mode, m.input.Value(), m.inputErr, m.busy)
	}
	_, seen := uitest.Run(m, next, 2)
	if ok, _ := toasts(seen); len(ok) != 1 || !strings.Contains(ok[0], "bob@example.com") {
		t.Fatalf("no toast for the old answer: %v", seen)
	}
}

// TestPlainKeepsFirstRune: an error that starts with a non-ASCII letter is
// capitalized whole, not cut inside its UTF-8 bytes.
func TestPlainKeepsFirstRune(t *testing.T) {
	for in, want := range map[string]string{
		"élan is not an address":        "Élan is not an address.",
		"/x/wallet.db: disk I/O error.": "Disk I/O error.",
		"":                              ".",
	} {
		if got := plain(errors.New(in)); got != want {
			t.Errorf("plain(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDemoSwitchOnce: a second press while demo mode starts does not
// start a second demo issuer.
func TestDemoSwitchOnce(t *testing.T) {
	svc := uitest.Services(t, uitest.Wallet(t), nil)
	m := loaded(t, svc)
	goTo(t, m, rowDemo)
	_, cmd := m.Update(uitest.Key("enter"))
	if cmd == nil {
		t.Fatal("enter did not start demo mode")
	}
	if _, again := m.Update(uitest.Key("enter")); again != nil {
		t.Fatal("a second enter started demo mode again")
	}
	msg := cmd().(doneMsg)
	if msg.demo == nil || msg.demo.Issuer == nil {
		t.Fatalf("demo: %+v", msg)
	}
	defer msg.demo.Issuer.Close()
	m.Update(msg)
	if m.switching {
		t.Fatal("still switching after the answer")
	}
}

// TestCursorStaysOnRow: a reload that adds an issuer above the cursor
// keeps the cursor on the row it was on.
func TestCursorStaysOnRow(t *testing.T) {
	svc := uitest.Services(t, uitest.Wallet(t), nil)
	m := loaded(t, svc)
	goTo(t, m, rowDemo)
	v := m.v
	v.issuers = append(v.issuers, issuerValue{id: "https://new.example", name: "New"})
	m.Update(loadedMsg{req: m.req, v: v})
	if r, _ := m.selected(); r.kind != rowDemo {
		t.Fatalf("the cursor moved to row kind %d", r.kind)
	}
}
