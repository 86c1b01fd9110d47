package welcome

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"badgewallet/ui/common"
	"badgewallet/ui/uitest"
)

func init() { uitest.ASCII() }

func newPage(t *testing.T) (*Model, *common.Services) {
	t.Helper()
	svc := uitest.Services(t, uitest.Wallet(t), nil)
	m := New(uitest.Common(svc))
	return m, svc
}

// submit runs the setup Cmd of enter and feeds its answer back.
func submit(t *testing.T, m *Model) []tea.Msg {
	t.Helper()
	_, cmd := m.Update(uitest.Key("enter"))
	if !m.working {
		t.Fatalf("enter did not start the setup: %v", m.err)
	}
	var done tea.Msg
	for _, c := range cmd().(tea.BatchMsg) {
		if msg := c(); msg != nil {
			if _, ok := msg.(doneMsg); ok {
				done = msg
			}
		}
	}
	_, cmd = m.Update(done)
	var out []tea.Msg
	for _, c := range cmd().(tea.BatchMsg) {
		out = append(out, c())
	}
	return out
}

func TestFocusKeys(t *testing.T) {
	m, _ := newPage(t)
	steps := []struct {
		key           string
		focus, choice focus
	}{
		{"tab", focusDemo, focusDemo},
		{"tab", focusEmpty, focusEmpty},
		{"tab", focusEmail, focusEmpty},
		{"shift+tab", focusEmpty, focusEmpty},
		{"up", focusDemo, focusDemo},
		{"down", focusEmpty, focusEmpty},
		{"down", focusEmail, focusEmpty},
	}
	for i, s := range steps {
		m.Update(uitest.Key(s.key))
		if m.focus != s.focus || m.choice != s.choice {
			t.Fatalf("step %d %s: focus %d choice %d", i, s.key, m.focus, m.choice)
		}
	}
	if !m.Capturing() {
		t.Fatal("the welcome must own the keyboard (q, digits and tab are typed or move focus)")
	}
}

func TestDemoAddressKey(t *testing.T) {
	m, _ := newPage(t)
	m.Update(uitest.Key("x"))
	m.Update(uitest.Key("ctrl+d"))
	if m.email.Value() != DemoAddress {
		t.Fatalf("ctrl+d: %q", m.email.Value())
	}
}

func TestBadEmail(t *testing.T) {
	m, _ := newPage(t)
	for _, r := range "no at sign" {
		m.Update(uitest.Key(string(r)))
	}
	m.Update(uitest.Key("enter"))
	if m.err == nil || m.focus != focusEmail || !strings.Contains(m.View(), "not an email address") {
		t.Fatalf("bad address accepted: %v\n%s", m.err, m.View())
	}
	m.Update(uitest.Key("backspace")) // typing again clears the error
	if m.err != nil {
		t.Fatal("error stays while typing")
	}
}

func TestStartEmpty(t *testing.T) {
	m, svc := newPage(t)
	for _, r := range "Ada@Example.com" {
		m.Update(uitest.Key(string(r)))
	}
	m.Update(uitest.Key("up")) // to "start with an empty wallet"
	msgs := submit(t, m)
	var went common.GoMsg
	for _, msg := range msgs {
		if g, ok := msg.(common.GoMsg); ok {
			went = g
		}
		if _, ok := msg.(common.DemoMsg); ok {
			t.Fatal("demo mode started")
		}
	}
	if went.Tab != common.TabWallet {
		t.Fatalf("messages %v", msgs)
	}
	ctx := context.Background()
	ids, _ := svc.Wallet.Identities(ctx)
	on, chosen, _ := svc.Wallet.DemoMode(ctx)
	if len(ids) != 1 || ids[0].Value != "ada@example.com" || ids[0].Confirmed || on || !chosen {
		t.Fatalf("identities %+v, demo %v chosen %v", ids, on, chosen)
	}
}

func TestStartDemo(t *testing.T) {
	m, svc := newPage(t)
	m.Update(uitest.Key("enter")) // empty address: the demo address; to the choices
	msgs := submit(t, m)
	var demo common.DemoMsg
	var toast common.ToastMsg
	for _, msg := range msgs {
		switch v := msg.(type) {
		case common.DemoMsg:
			demo = v
		case common.ToastMsg:
			toast = v
		}
	}
	if !demo.On || demo.Issuer == nil {
		t.Fatalf("no demo issuer: %v", msgs)
	}
	defer demo.Issuer.Close()
	if !strings.Contains(toast.Text, "sent 3 badges to "+DemoAddress) {
		t.Fatalf("toast %q", toast.Text)
	}
	out, err := demo.Issuer.Outbox(context.Background(), DemoAddress, 10)
	if err != nil || len(out) != 3 {
		t.Fatalf("outbox %d %v", len(out), err)
	}
	if base, _ := svc.Wallet.BaseURL(context.Background()); base == "" {
		t.Fatal("demo mode set no base URL for share links")
	}
}

func TestGoldenWelcome(t *testing.T) {
	m, _ := newPage(t)
	tm := uitest.Start(t, uitest.NewHarness(m))
	uitest.WaitFor(t, tm, "Welcome to badgewallet")
	tm.Send(uitest.Key("tab"))
	tm.Send(uitest.Key("tab"))
	uitest.WaitFor(t, tm, "▌ ● Start with an empty wallet")
	uitest.Golden(t, uitest.Final(t, tm))
}

// TestDemoIssuerLiveClock: the issuer the setup opens reads the services'
// clock each time, not the moment of the setup (else claim codes would
// never expire and every later award would be dated that moment).
func TestDemoIssuerLiveClock(t *testing.T) {
	m, svc := newPage(t)
	now := uitest.Clock
	svc.Now = func() time.Time { return now }
	m.Update(uitest.Key("enter"))
	var demo common.DemoMsg
	for _, msg := range submit(t, m) {
		if d, ok := msg.(common.DemoMsg); ok {
			demo = d
		}
	}
	if demo.Issuer == nil {
		t.Fatal("no demo issuer")
	}
	defer demo.Issuer.Close()
	now = now.Add(48 * time.Hour)
	ctx := context.Background()
	id := demo.Issuer.Catalog().Achievements[0].ID
	if _, err := demo.Issuer.Award(ctx, "later@example.com", id, now); err != nil {
		t.Fatal(err)
	}
	out, err := demo.Issuer.Outbox(ctx, "later@example.com", 1)
	if err != nil || len(out) != 1 {
		t.Fatalf("outbox %d %v", len(out), err)
	}
	if !out[0].Created.Equal(now) {
		t.Fatalf("the award's mail is dated %v, want %v (the clock now)", out[0].Created, now)
	}
}

// TestViewFitsSmallPages: with an error under the form, a short page is
// still exactly its height.
func TestViewFitsSmallPages(t *testing.T) {
	m, _ := newPage(t)
	m.err = errors.New(strings.Repeat("a long reason ", 20))
	for _, h := range []int{1, 10, 18} {
		m.SetSize(80, h)
		uitest.CheckSize(t, m.View(), 80, h)
	}
}
