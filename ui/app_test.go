package ui

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"

	"badgewallet/issuer"
	"badgewallet/ui/common"
	"badgewallet/ui/uitest"
	"badgewallet/wallet"
)

func init() { uitest.ASCII() }

// newApp returns the program over svc with toasts that stay for the
// whole test.
func newApp(svc *common.Services) *App {
	a := New(context.Background(), svc)
	a.toastFor, a.toastErrFor = time.Hour, time.Hour
	return a
}

// start runs a under teatest at width×height.
func start(t *testing.T, a *App, width, height int) *teatest.TestModel {
	t.Helper()
	tm := teatest.NewTestModel(t, a, teatest.WithInitialTermSize(width, height))
	t.Cleanup(func() {
		if a.c.Svc.Issuer != nil {
			a.c.Svc.Issuer.Close()
		}
	})
	return tm
}

// final quits and returns the last frame.
func final(t *testing.T, tm *teatest.TestModel) string {
	t.Helper()
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	return tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).View()
}

// typeText sends each rune as its own key press, as a person types.
func typeText(tm *teatest.TestModel, s string) {
	for _, r := range s {
		tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

var codePattern = regexp.MustCompile(`\b\d{6}\b`)

// demoCode reads the newest confirmation code the demo issuer in dir sent
// to email, through a second handle on its database (as the learner reads
// their mail).
func demoCode(t *testing.T, dir, email string) string {
	t.Helper()
	ctx := context.Background()
	is, err := issuer.Open(ctx, dir, issuer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer is.Close()
	msgs, err := is.Outbox(ctx, email, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.Kind == "code" {
			if c := codePattern.FindString(m.Body); c != "" {
				return c
			}
		}
	}
	t.Fatalf("no code mail to %s in %+v", email, msgs)
	return ""
}

// TestJourney is the whole demo as a new user lives it, key by key, in
// one program: first run → demo mode → the inbox's notification → claim
// (offer, email, code) → accept → make public → copy the HTML embed.
func TestJourney(t *testing.T) {
	var copied string
	w := uitest.Wallet(t)
	svc := uitest.Services(t, w, &copied)
	a := newApp(svc)
	tm := start(t, a, uitest.Width, uitest.Height)
	const email = "learner@example.com"

	uitest.WaitFor(t, tm, "Welcome to badgewallet")
	typeText(tm, email)
	tm.Send(uitest.Key("enter")) // to the choices: demo mode is the first
	tm.Send(uitest.Key("enter"))
	uitest.WaitFor(t, tm, "enter claims it", "Inbox ●3")

	tm.Send(uitest.Key("enter")) // the newest notification
	uitest.WaitFor(t, tm, "Yes, send me a code")
	tm.Send(uitest.Key("enter"))
	uitest.WaitFor(t, tm, "Which address was the badge sent to?")
	tm.Send(uitest.Key("enter")) // the address is filled in from the wallet's
	uitest.WaitFor(t, tm, "Type the code")
	typeText(tm, demoCode(t, svc.IssuerDir, email))
	tm.Send(uitest.Key("enter"))
	uitest.WaitFor(t, tm, "Added 3 badges")
	// Accept all 3: the wallet lists them and the inbox empties.
	tm.Send(uitest.Key("enter"))
	uitest.WaitFor(t, tm, "of 3", "Wallet 3   Inbox   Skills")

	// The claim stores its three badges in the order their checks end:
	// sort by name to pick the same one every run.
	tm.Send(uitest.Key("o"))
	tm.Send(uitest.Key("o"))
	uitest.WaitFor(t, tm, "by name A→Z · 1 of 3")
	tm.Send(uitest.Key("p")) // the first badge public
	uitest.WaitFor(t, tm, "is now public")
	tm.Send(uitest.Key("s"))
	uitest.WaitFor(t, tm, "Website HTML", "Your profile is private")
	for range 5 { // LinkedIn ×2, X, Facebook, Email, then Website HTML
		tm.Send(uitest.Key("down"))
	}
	uitest.WaitFor(t, tm, "▌ Website HTML", "p makes it public")
	tm.Send(uitest.Key("p")) // the profile too
	uitest.WaitFor(t, tm, "Your profile is now public", "<a href")
	tm.Send(uitest.Key("c"))
	uitest.WaitFor(t, tm, "to the system clipboard")
	view := final(t, tm)

	ctx := context.Background()
	ids, _ := w.Identities(ctx)
	if len(ids) != 1 || ids[0].Value != email || !ids[0].Confirmed {
		t.Errorf("identities after the claim: %+v", ids)
	}
	if pub, _ := w.ProfilePublic(ctx); !pub {
		t.Error("profile not public")
	}
	if !strings.Contains(copied, "<a href=") || !strings.Contains(copied, "http://127.0.0.1:8080/") {
		t.Errorf("copied %q, want the HTML embed linking the public page", copied)
	}
	uitest.Golden(t, view)
}

// demoWallet is a wallet in demo mode after a claim: three Contoso badges,
// two accepted and one waiting in the inbox, the address confirmed.
func demoWallet(t *testing.T) *common.Services {
	t.Helper()
	ctx := context.Background()
	// A stopped clock: the claim's verifier and writer run side by side,
	// and a ticking clock would give the reports different times each run.
	w, err := wallet.Open(ctx, filepath.Join(t.TempDir(), "wallet.db"), wallet.WithClock(func() time.Time { return uitest.Clock }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	svc := uitest.Services(t, w, nil)
	const email = "learner@example.com"
	res := uitest.Demo(t, svc, email)
	link := res.Awarded[0].ClaimURL
	if err := w.ClaimSendCode(ctx, link, email, svc.Transport()); err != nil {
		t.Fatal(err)
	}
	sum, err := w.ClaimConfirm(ctx, link, email, demoCode(t, svc.IssuerDir, email), wallet.ImportOptions{Verify: svc.VerifyOptions()}, nil)
	if err != nil || sum.Added != 3 {
		t.Fatalf("claim: %+v %v", sum, err)
	}
	p, err := w.List(ctx, wallet.ListOptions{Sort: "name"})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range p.Items[:2] {
		if err := w.Accept(ctx, b.ID); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.SetDemoMode(ctx, true); err != nil {
		t.Fatal(err)
	}
	svc.Issuer.Close() // the program opens its own
	svc.Issuer = nil
	return svc
}

// TestGoldenPages: every page inside the frame at 100×30, reached by the
// keys a user presses.
func TestGoldenPages(t *testing.T) {
	svc := demoWallet(t)
	tests := []struct {
		name string
		keys []string
		want []string // on the last frame
	}{
		{"wallet", nil, nil},
		{"badge", []string{"enter"}, []string{"Verification"}},
		{"share", []string{"s"}, []string{"LinkedIn certification"}},
		{"inbox", []string{"2"}, []string{"Waiting for you"}},
		{"claim", []string{"2", "c"}, []string{"Claim a badge"}},
		{"skills", []string{"3"}, []string{"jobs"}},
		{"settings", []string{"4"}, []string{"Demo mode"}},
		{"import", []string{"5"}, []string{"Import"}},
		{"issuer", []string{"6"}, []string{"Catalog"}},
		{"help", []string{"?"}, []string{"page down"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := newApp(svc)
			tm := start(t, a, uitest.Width, uitest.Height)
			uitest.WaitFor(t, tm, "Wallet 2", "1 of 2", "Inbox ●1", "learner@example.com ✔")
			// The claim stored its badges in the order their checks
			// ended: by name, the order is the same every run.
			tm.Send(uitest.Key("o"))
			tm.Send(uitest.Key("o"))
			uitest.WaitFor(t, tm, "by name A→Z · 1 of 2")
			for _, k := range tc.keys {
				tm.Send(uitest.Key(k))
			}
			if len(tc.keys) > 0 {
				uitest.WaitFor(t, tm, tc.want...)
			}
			view := final(t, tm)
			svc.Issuer = nil // closed by the cleanup
			uitest.Golden(t, view)
		})
	}
}

func TestGoldenWelcome(t *testing.T) {
	a := newApp(uitest.Services(t, uitest.Wallet(t), nil))
	tm := start(t, a, uitest.Width, uitest.Height)
	uitest.WaitFor(t, tm, "Welcome to badgewallet", "Start with an empty wallet")
	uitest.Golden(t, final(t, tm))
}

// TestWelcomeEmptyWallet: "start with an empty wallet" adds the address
// and opens the wallet; the next start is not a first run.
func TestWelcomeEmptyWallet(t *testing.T) {
	svc := uitest.Services(t, uitest.Wallet(t), nil)
	a := newApp(svc)
	tm := start(t, a, uitest.Width, uitest.Height)
	uitest.WaitFor(t, tm, "Welcome to badgewallet")
	typeText(tm, "not-an-address")
	tm.Send(uitest.Key("enter"))
	uitest.WaitFor(t, tm, "not an email address", "type an address like")
	for range len("not-an-address") {
		tm.Send(uitest.Key("backspace"))
	}
	typeText(tm, "ada@example.com")
	tm.Send(uitest.Key("down"))
	tm.Send(uitest.Key("down"))
	tm.Send(uitest.Key("enter"))
	uitest.WaitFor(t, tm, "Your wallet is empty", "ada@example.com ◌")
	final(t, tm)
	if svc.Issuer != nil {
		t.Fatal("demo issuer opened")
	}
	on, chosen, err := svc.Wallet.DemoMode(context.Background())
	if err != nil || on || !chosen {
		t.Fatalf("demo mode %v chosen %v %v", on, chosen, err)
	}
	b := newApp(svc)
	tm = start(t, b, uitest.Width, uitest.Height)
	uitest.WaitFor(t, tm, "Your wallet is empty")
	if v := final(t, tm); strings.Contains(v, "Welcome") {
		t.Fatalf("welcome shown again:\n%s", v)
	}
}

func TestGoldenTooSmall(t *testing.T) {
	a := newApp(uitest.Services(t, uitest.Wallet(t), nil))
	tm := start(t, a, 70, 20)
	uitest.WaitFor(t, tm, "Enlarge the window")
	uitest.Golden(t, final(t, tm))
}

// TestDemoIssuerBroken: demo mode on but its issuer does not open: the
// wallet opens without it and a toast says so in plain words.
func TestDemoIssuerBroken(t *testing.T) {
	svc := uitest.Services(t, uitest.Wallet(t), nil)
	if err := svc.Wallet.SetDemoMode(context.Background(), true); err != nil {
		t.Fatal(err)
	}
	// A folder that cannot exist: its parent is a file.
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	svc.IssuerDir = filepath.Join(file, "issuer")
	a := newApp(svc)
	tm := start(t, a, uitest.Width, uitest.Height)
	uitest.WaitFor(t, tm, "Your wallet is empty", "the demo issuer does not open")
	if v := final(t, tm); strings.Contains(v, "Import   Issuer") || svc.Issuer != nil {
		t.Fatalf("issuer tab shown without an issuer:\n%s", v)
	}
}

// TestFatal: a wallet that cannot be read shows an error panel in plain
// words, and q quits.
func TestFatal(t *testing.T) {
	svc := uitest.Services(t, uitest.Wallet(t), nil)
	svc.Wallet.Close()
	a := newApp(svc)
	tm := start(t, a, uitest.Width, uitest.Height)
	uitest.WaitFor(t, tm, "cannot go on")
	tm.Send(uitest.Key("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	v := tm.FinalModel(t).View()
	for _, want := range []string{"badgewallet cannot go on", "database is closed", "q quits. Nothing in the wallet was changed."} {
		if !strings.Contains(v, want) {
			t.Fatalf("no %q in the panel:\n%s", want, v)
		}
	}
}

// started returns a program over a demo wallet after its start, without a
// runtime (Update tests).
func started(t *testing.T) *App {
	t.Helper()
	svc := demoWallet(t)
	a := newApp(svc)
	a.Update(tea.WindowSizeMsg{Width: uitest.Width, Height: uitest.Height})
	a.Update(a.Init()())
	t.Cleanup(func() {
		if svc.Issuer != nil {
			svc.Issuer.Close()
		}
	})
	return a
}

func TestGlobalKeys(t *testing.T) {
	a := started(t)
	if a.c.Svc.Issuer == nil {
		t.Fatal("demo mode on but no issuer opened at start")
	}
	steps := []struct {
		key  string
		want common.Tab
	}{
		{"tab", common.TabInbox},
		{"tab", common.TabSkills},
		{"shift+tab", common.TabInbox},
		{"3", common.TabSkills},
		{"4", common.TabSettings},
		{"5", common.TabImport},
		{"enter", common.TabImport}, // the import input takes the keys
		{"6", common.TabImport},     // typed into it
		{"esc", common.TabImport},   // and lets go
		{"6", common.TabIssuer},
		{"tab", common.TabWallet}, // wraps
		{"shift+tab", common.TabIssuer},
		{"2", common.TabInbox},
		{"1", common.TabWallet},
	}
	for i, s := range steps {
		a.Update(uitest.Key(s.key))
		if a.tab != s.want {
			t.Fatalf("step %d (%s): tab %d, want %d", i, s.key, a.tab, s.want)
		}
	}
	// ? toggles the full help, and the page gets the lines it leaves.
	_, h := a.pageSize()
	a.Update(uitest.Key("?"))
	if _, h2 := a.pageSize(); !a.help.ShowAll || h2 >= h || a.c.Height != h2 {
		t.Fatalf("? : full help %v, page height %d → %d (common %d)", a.help.ShowAll, h, h2, a.c.Height)
	}
	a.Update(uitest.Key("?"))
	if a.help.ShowAll {
		t.Fatal("? again does not fold the help")
	}
	// Sub pages go back where they came from.
	a.Update(common.OpenBadgeMsg{ID: 1})
	a.Update(common.OpenShareMsg{ID: 1})
	if a.tab != common.TabShare || a.headerTab() != common.TabWallet {
		t.Fatalf("share: tab %d under %d", a.tab, a.headerTab())
	}
	a.Update(common.BackMsg{})
	if a.tab != common.TabBadge {
		t.Fatalf("back from share: %d", a.tab)
	}
	a.Update(common.BackMsg{})
	if a.tab != common.TabWallet {
		t.Fatalf("back from badge: %d", a.tab)
	}
	// q quits, unless a text input has the keys.
	if _, cmd := a.Update(uitest.Key("q")); cmd == nil || cmd() != tea.Quit() {
		t.Fatal("q does not quit")
	}
	a.Update(uitest.Key("/"))
	if _, cmd := a.Update(uitest.Key("q")); cmd != nil && cmd() == tea.Quit() {
		t.Fatal("q quit while typing in the filter")
	}
	if _, cmd := a.Update(uitest.Key("ctrl+c")); cmd == nil || cmd() != tea.Quit() {
		t.Fatal("ctrl+c does not quit")
	}
}

func TestToastAndResize(t *testing.T) {
	a := started(t)
	a.toastFor = time.Millisecond
	_, cmd := a.Update(common.ToastMsg{Text: "hello\x1b[31m\a"})
	if v := a.View(); !strings.Contains(v, "✔ hello") || strings.ContainsAny(v, "\x1b\a") {
		t.Fatalf("toast not shown sanitized:\n%q", v)
	}
	a.Update(cmd()) // the toast's time is up
	if strings.Contains(a.View(), "hello") {
		t.Fatal("toast stays")
	}
	a.Update(common.ToastMsg{Text: "disk full", Err: true})
	a.Update(common.ToastMsg{Text: "newer"})
	a.Update(toastDoneMsg{id: a.toastID - 1}) // the older toast's timer
	if !strings.Contains(a.View(), "newer") {
		t.Fatal("an old timer cleared a newer toast")
	}
	for _, size := range [][2]int{{80, 24}, {200, 60}, {79, 24}, {120, 23}} {
		a.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		v := a.View()
		lines := strings.Split(v, "\n")
		small := size[0] < minWidth || size[1] < minHeight
		if small != strings.Contains(v, "Enlarge the window") {
			t.Fatalf("%v: too-small view %v:\n%s", size, !small, v)
		}
		if len(lines) != size[1] {
			t.Fatalf("%v: %d lines", size, len(lines))
		}
		for i, l := range lines {
			if w := lipgloss.Width(l); w > size[0] {
				t.Fatalf("%v: line %d is %d cells: %q", size, i, w, l)
			}
		}
	}
}

// TestEveryPageFits: at the smallest size and a large one, every page —
// reached by keys, its data loaded — fills the terminal exactly, no line
// wider than it.
func TestEveryPageFits(t *testing.T) {
	svc := demoWallet(t)
	pages := []struct {
		name string
		keys []string
		want string
	}{
		{"wallet", nil, "1 of 2"},
		{"badge", []string{"enter"}, "Verification"},
		{"share", []string{"s"}, "LinkedIn certification"},
		{"inbox", []string{"2"}, "Waiting for you"},
		{"claim", []string{"2", "c"}, "Claim a badge"},
		{"skills", []string{"3"}, "Shown by"},
		{"settings", []string{"4"}, "Demo mode"},
		{"import", []string{"5"}, "Import badges"},
		{"issuer", []string{"6"}, "Catalog"},
	}
	for _, size := range [][2]int{{80, 24}, {200, 60}} {
		for _, p := range pages {
			t.Run(fmt.Sprintf("%s-%dx%d", p.name, size[0], size[1]), func(t *testing.T) {
				a := newApp(svc)
				tm := start(t, a, size[0], size[1])
				uitest.WaitFor(t, tm, "1 of 2", "Inbox ●1")
				for _, k := range p.keys {
					tm.Send(uitest.Key(k))
				}
				if len(p.keys) > 0 {
					uitest.WaitFor(t, tm, p.want)
				}
				v := final(t, tm)
				svc.Issuer = nil // closed by the cleanup
				uitest.CheckSize(t, v, size[0], size[1])
			})
		}
	}
}

// TestQuitCancelsPageContext: quitting ends the context the pages' Cmds
// run under, so that an import or a bulk award under way stops with the
// program instead of going on against a wallet about to close.
func TestQuitCancelsPageContext(t *testing.T) {
	svc := uitest.Services(t, uitest.Wallet(t), nil)
	a, err := run(context.Background(), svc, tea.WithInput(strings.NewReader("\x03")), tea.WithOutput(io.Discard),
		tea.WithoutSignalHandler())
	if err != nil {
		t.Fatal(err)
	}
	if a.c.Ctx.Err() == nil {
		t.Fatal("the pages' context is still live after the program quit")
	}
}
