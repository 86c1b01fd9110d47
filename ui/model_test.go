package ui

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"badgewallet/internal/fixtures"
	"badgewallet/wallet"
)

func init() {
	// Goldens are plain text: no colour, whatever terminal runs the tests.
	lipgloss.SetColorProfile(termenv.Ascii)
}

// testWallet opens a wallet in a temp dir holding the given fixture files.
func testWallet(t *testing.T, files ...string) *wallet.Wallet {
	t.Helper()
	clock := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	w, err := wallet.Open(context.Background(), filepath.Join(t.TempDir(), "wallet.db"),
		wallet.WithClock(func() time.Time { clock = clock.Add(time.Minute); return clock }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	for _, f := range files {
		if _, _, err := w.Add(context.Background(), fixtures.Read(t, f)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	return w
}

var someBadges = []string{
	"fixtures/1edtech-validator/ob30/simple-json.png",
	"fixtures/1edtech-validator/ob30/complete.json",
	"fixtures/1edtech-validator/ob20/basic-assertion.json",
	"fixtures/bakery/concentricsky/baked_heart.png",
}

func finalView(t *testing.T, tm *teatest.TestModel) string {
	t.Helper()
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
	return m.View()
}

// waitFor waits until the output contains s.
func waitFor(t *testing.T, tm *teatest.TestModel, s string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

func TestGoldenWallet(t *testing.T) {
	w := testWallet(t, someBadges...)
	tm := teatest.NewTestModel(t, New(context.Background(), w), teatest.WithInitialTermSize(100, 30))
	waitFor(t, tm, "of 4")
	tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	waitFor(t, tm, "2 of 4")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

func TestGoldenEmpty(t *testing.T) {
	w := testWallet(t)
	tm := teatest.NewTestModel(t, New(context.Background(), w), teatest.WithInitialTermSize(100, 30))
	waitFor(t, tm, "empty")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

func TestGoldenTooSmall(t *testing.T) {
	w := testWallet(t)
	tm := teatest.NewTestModel(t, New(context.Background(), w), teatest.WithInitialTermSize(60, 20))
	waitFor(t, tm, "Enlarge")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

// TestGoldenHostileName: a badge whose name carries ANSI escapes, a
// carriage return and a BEL shows as harmless text.
func TestGoldenHostileName(t *testing.T) {
	w := testWallet(t)
	cred := `{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],` +
		`"id":"urn:uuid:1","type":["VerifiableCredential","OpenBadgeCredential"],"issuer":{"id":"did:key:z6Mk","name":"Evil\u001b]0;pwned\u0007 Corp"},` +
		`"validFrom":"2026-01-01T00:00:00Z","name":"x","credentialSubject":{"type":["AchievementSubject"],"achievement":{"id":"urn:a","name":"\u001b[2J\u001b[31mRed\rBell\u0007\u202eName"}}}`
	if _, _, err := w.Add(context.Background(), []byte(cred)); err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, New(context.Background(), w), teatest.WithInitialTermSize(100, 30))
	waitFor(t, tm, "of 1")
	view := finalView(t, tm)
	if strings.ContainsAny(view, "\x1b\a\r\u202e") {
		t.Fatalf("control characters in the view: %q", view)
	}
	if !strings.Contains(view, "Red BellName") || !strings.Contains(view, "Evil Corp") {
		t.Fatalf("name not shown as text:\n%s", view)
	}
	teatest.RequireEqualOutput(t, []byte(view))
}

// fakeLister serves n synthetic badges and counts calls.
type fakeLister struct {
	n     int
	calls int
}

func (f *fakeLister) List(_ context.Context, o wallet.ListOptions) (wallet.Page, error) {
	f.calls++
	p := wallet.Page{Total: f.n, Offset: o.Offset}
	for i := o.Offset; i < min(o.Offset+o.Limit, f.n); i++ {
		p.Items = append(p.Items, wallet.Summary{ID: int64(i + 1), Name: fmt.Sprintf("Badge %d", i), Spec: "3.0", Privacy: "private", Acceptance: "pending"})
	}
	return p, nil
}

// drive runs a Cmd synchronously and feeds its Msg back (Update tests).
func drive(t *testing.T, m tea.Model, cmd tea.Cmd) tea.Model {
	t.Helper()
	for cmd != nil {
		msg := cmd()
		if _, ok := msg.(tea.QuitMsg); ok {
			return m
		}
		m, cmd = m.Update(msg)
	}
	return m
}

func keyPress(s string) tea.KeyMsg {
	switch s {
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	case "pgup":
		return tea.KeyMsg{Type: tea.KeyPgUp}
	case "end":
		return tea.KeyMsg{Type: tea.KeyEnd}
	case "home":
		return tea.KeyMsg{Type: tea.KeyHome}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

func TestKeys(t *testing.T) {
	tests := []struct {
		keys       []string
		wantCursor int
	}{
		{[]string{"down"}, 1},
		{[]string{"j", "j", "k"}, 1},
		{[]string{"up"}, 0},
		{[]string{"G"}, 999},
		{[]string{"end", "home"}, 0},
		{[]string{"pgdown"}, 8}, // 8 two-line rows fit in 30 lines
		{[]string{"pgdown", "pgup"}, 0},
		{[]string{"G", "down"}, 999},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.keys, ","), func(t *testing.T) {
			f := &fakeLister{n: 1000}
			var m tea.Model = New(context.Background(), f)
			m = drive(t, m, m.Init())
			m = drive(t, m, func() tea.Msg { return tea.WindowSizeMsg{Width: 100, Height: 30} })
			for _, k := range tc.keys {
				var cmd tea.Cmd
				m, cmd = m.Update(keyPress(k))
				m = drive(t, m, cmd)
			}
			got := m.(Model)
			if got.cursor != tc.wantCursor {
				t.Fatalf("cursor %d, want %d", got.cursor, tc.wantCursor)
			}
			if !strings.Contains(got.View(), fmt.Sprintf("Badge %d", tc.wantCursor)) {
				t.Fatalf("selected badge not on screen:\n%s", got.View())
			}
			if f.calls > 4 {
				t.Fatalf("%d list calls: should page, not reload on every key", f.calls)
			}
		})
	}
}

func TestHelpAndQuit(t *testing.T) {
	var m tea.Model = New(context.Background(), &fakeLister{n: 3})
	m = drive(t, m, m.Init())
	m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	short := m.View()
	m, _ = m.Update(keyPress("?"))
	if full := m.View(); !strings.Contains(full, "page down") || strings.Contains(short, "page down") {
		t.Fatalf("? does not expand the help:\n%s", full)
	}
	if _, cmd := m.Update(keyPress("q")); cmd == nil || cmd() != tea.Quit() {
		t.Fatal("q does not quit")
	}
}

// TestStalePageDropped: an answer to an older request is ignored.
func TestStalePageDropped(t *testing.T) {
	m := New(context.Background(), &fakeLister{n: 3})
	m.req = 5
	nm, _ := m.Update(pageMsg{req: 4, page: wallet.Page{Total: 99}})
	if nm.(Model).total != 0 {
		t.Fatal("stale page applied")
	}
}

func TestListErrorShown(t *testing.T) {
	m := New(context.Background(), &fakeLister{})
	nm, _ := m.Update(pageMsg{req: m.req, err: io.ErrUnexpectedEOF})
	nm, _ = nm.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if !strings.Contains(nm.View(), "unexpected EOF") {
		t.Fatalf("error not shown:\n%s", nm.View())
	}
}
