package uitest

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"badgewallet/internal/fixtures"
	"badgewallet/issuer"
	"badgewallet/ui/common"
	"badgewallet/ui/demo"
	"badgewallet/wallet"
	"badgewallet/wallet/clipboard"
)

// Clock is the fixed day of every UI test.
var Clock = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

// Width and Height are the golden size.
const (
	Width  = 100
	Height = 30
)

// ASCII makes lipgloss draw without colour, whatever terminal runs the
// tests (goldens are plain text). Call it from TestMain or init.
func ASCII() { lipgloss.SetColorProfile(termenv.Ascii) }

// Wallet opens a wallet in a temp dir holding the given fixture files
// (paths relative to ../shared/openbadges). Each added badge is one minute
// newer than the one before.
func Wallet(t testing.TB, files ...string) *wallet.Wallet {
	t.Helper()
	var mu sync.Mutex // the wallet's importers read the clock from several goroutines
	clock := Clock
	w, err := wallet.Open(context.Background(), filepath.Join(t.TempDir(), "wallet.db"),
		wallet.WithClock(func() time.Time {
			mu.Lock()
			defer mu.Unlock()
			clock = clock.Add(time.Minute)
			return clock
		}))
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

// SomeBadges are four fixture badges of different kinds.
var SomeBadges = []string{
	"fixtures/1edtech-validator/ob30/simple-json.png",
	"fixtures/1edtech-validator/ob30/complete.json",
	"fixtures/1edtech-validator/ob20/basic-assertion.json",
	"fixtures/bakery/concentricsky/baked_heart.png",
}

// Services returns services over w with the fixed clock, saving into a
// temp dir and copying through a fake system clipboard that records into
// *copied (when copied is not nil).
func Services(t testing.TB, w *wallet.Wallet, copied *string) *common.Services {
	t.Helper()
	return &common.Services{
		Wallet:    w,
		IssuerDir: filepath.Dir(w.Path()),
		SaveDir:   t.TempDir(),
		Now:       func() time.Time { return Clock },
		Copier: clipboard.Copier{
			System: func(s string) error {
				if copied != nil {
					*copied = s
				}
				return nil
			},
			Env: func(string) string { return "" },
		},
	}
}

// Demo turns demo mode on for the wallet in svc, as the welcome does: the
// issuer's catalog and keys are written beside the wallet, the demo
// badges awarded to email (with notifications) and the issuer opened and
// set in svc.Issuer.
func Demo(t testing.TB, svc *common.Services, email string) demo.Result {
	t.Helper()
	ctx := context.Background()
	res, err := demo.Start(ctx, svc.IssuerDir, svc.Wallet, email, Clock)
	if err != nil {
		t.Fatal(err)
	}
	is, err := issuer.Open(ctx, svc.IssuerDir, issuer.Options{Now: func() time.Time { return Clock }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { is.Close() })
	svc.Issuer = is
	return res
}

// Common returns a Common over svc at the golden page size.
func Common(svc *common.Services) common.Common {
	return common.Common{Ctx: context.Background(), Svc: svc, Styles: common.DefaultStyles(), Keys: common.DefaultKeys(),
		Width: Width, Height: Height - FrameLines}
}

// FrameLines is what the frame takes around a page: header, rule, rule,
// toast, help.
const FrameLines = 5

// Key returns the key message a user sends by pressing name: "enter",
// "esc", "tab", "shift+tab", "up", "down", "pgdown", "ctrl+c", "space",
// "backspace", or text typed as runes.
func Key(name string) tea.KeyMsg {
	switch name {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	case "pgup":
		return tea.KeyMsg{Type: tea.KeyPgUp}
	case "home":
		return tea.KeyMsg{Type: tea.KeyHome}
	case "end":
		return tea.KeyMsg{Type: tea.KeyEnd}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	case "ctrl+d":
		return tea.KeyMsg{Type: tea.KeyCtrlD}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "space":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}

// Run runs cmd and the Cmds it leads to (batches and sequences included)
// synchronously, feeding every message to p, up to depth rounds; it
// returns the messages seen. It is for Update tests: real I/O, no program.
func Run(p tea.Model, cmd tea.Cmd, depth int) (tea.Model, []tea.Msg) {
	var seen []tea.Msg
	queue := []tea.Cmd{cmd}
	for round := 0; round < depth && len(queue) > 0; round++ {
		var next []tea.Cmd
		for _, c := range queue {
			for _, msg := range expand(c) {
				seen = append(seen, msg)
				var nc tea.Cmd
				p, nc = p.Update(msg)
				if nc != nil {
					next = append(next, nc)
				}
			}
		}
		queue = next
	}
	return p, seen
}

// expand runs c and flattens batch and sequence messages. Tick-like
// Cmds (toasts fading, spinners) are run too, so callers bound depth.
func expand(c tea.Cmd) []tea.Msg {
	if c == nil {
		return nil
	}
	msg := c()
	switch m := msg.(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range m {
			out = append(out, expand(c)...)
		}
		return out
	case tea.QuitMsg:
		return nil
	}
	if fmt.Sprintf("%T", msg) == "tea.sequenceMsg" {
		return nil // not used by pages
	}
	return []tea.Msg{msg}
}

// Harness runs one page as a program: it sizes the page to the golden
// page size, draws the last toast under it and quits on ctrl+c.
type Harness struct {
	Page  common.Page
	Toast string
	W, H  int
}

// NewHarness wraps p.
func NewHarness(p common.Page) *Harness { return &Harness{Page: p, W: Width, H: Height - FrameLines} }

// Init starts the page.
func (h *Harness) Init() tea.Cmd { return h.Page.Init() }

// Update passes msg to the page, records toasts, and quits on ctrl+c.
func (h *Harness) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		h.W, h.H = msg.Width, msg.Height-FrameLines
		h.Page.SetSize(h.W, h.H)
		return h, nil
	case common.ToastMsg:
		h.Toast = msg.Text
		if msg.Err {
			h.Toast = "✖ " + h.Toast
		}
		return h, nil
	case tea.KeyMsg:
		if msg.Type == tea.KeyCtrlC {
			return h, tea.Quit
		}
	}
	_, cmd := h.Page.Update(msg)
	return h, cmd
}

// View is the page, a rule and the toast line.
func (h *Harness) View() string {
	return common.Fit(h.Page.View(), h.H) + "\n" + strings.Repeat("-", h.W) + "\n" + common.Clean(h.Toast, h.W)
}

// Start runs h under teatest at the golden size.
func Start(t *testing.T, h *Harness) *teatest.TestModel {
	t.Helper()
	return teatest.NewTestModel(t, h, teatest.WithInitialTermSize(Width, Height))
}

// WaitFor waits until the program's output since the last WaitFor
// contains every one of want (what one WaitFor reads, the next does not
// see: wait for everything one frame shows in one call).
func WaitFor(t *testing.T, tm *teatest.TestModel, want ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, s := range want {
			if !strings.Contains(string(b), s) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// Final quits the program and returns the page's last view (through the
// harness).
func Final(t *testing.T, tm *teatest.TestModel) string {
	t.Helper()
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	return tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).View()
}

// Golden compares view to testdata/<test name>.golden (go test -update
// rewrites it).
func Golden(t *testing.T, view string) {
	t.Helper()
	teatest.RequireEqualOutput(t, []byte(view))
}

// CheckSize fails unless view is exactly h lines of at most w cells.
func CheckSize(t testing.TB, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Fatalf("%d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if n := lipgloss.Width(l); n > w {
			t.Fatalf("line %d is %d cells: %q", i, n, l)
		}
	}
}

// CheckHarmless fails when view holds an escape, a carriage return or a
// BEL, or misses one of the texts want (the hostile strings shown as
// text).
func CheckHarmless(t testing.TB, view string, want ...string) {
	t.Helper()
	for _, bad := range []string{"\x1b", "\r", "\x07"} {
		if strings.Contains(view, bad) {
			t.Fatalf("view holds %q:\n%q", bad, view)
		}
	}
	for _, s := range want {
		if !strings.Contains(view, s) {
			t.Fatalf("%q missing:\n%s", s, view)
		}
	}
}
