package share

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"badgewallet/internal/fixtures"
	"badgewallet/ui/common"
	"badgewallet/ui/uitest"
	"badgewallet/wallet"
	"badgewallet/wallet/clipboard"
	wshare "badgewallet/wallet/share"
)

const (
	bakedPNG  = "fixtures/1edtech-validator/ob30/simple-json.png"
	plainJSON = "fixtures/dcc/verifiableCredentials/v1/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-OBSpecExample.json"
	baseURL   = "https://me.example"
)

func TestMain(m *testing.M) {
	uitest.ASCII()
	os.Exit(m.Run())
}

// setup opens a wallet holding file as badge 1, published (base URL,
// public profile, public badge) when public, and the page over it. The
// copied text lands in *copied.
func setup(t *testing.T, file string, public bool) (*Model, *common.Services, *string) {
	t.Helper()
	ctx := context.Background()
	w := uitest.Wallet(t, file)
	if public {
		if err := w.SetBaseURL(ctx, baseURL); err != nil {
			t.Fatal(err)
		}
		if err := w.SetProfilePublic(ctx, true); err != nil {
			t.Fatal(err)
		}
		if err := w.SetPrivacy(ctx, 1, true); err != nil {
			t.Fatal(err)
		}
	}
	copied := new(string)
	svc := uitest.Services(t, w, copied)
	return New(uitest.Common(svc)), svc, copied
}

// opened is setup with the page opened on badge 1 and loaded.
func opened(t *testing.T, file string, public bool) (*Model, *common.Services, *string) {
	t.Helper()
	m, svc, copied := setup(t, file, public)
	uitest.Run(m, m.Open(1), 5)
	if !m.loaded || !m.hasPrev {
		t.Fatalf("not loaded: %v", m.err)
	}
	return m, svc, copied
}

// press sends a key and runs what it leads to; it returns the messages.
func press(m *Model, k string) []tea.Msg {
	_, cmd := m.Update(uitest.Key(k))
	_, msgs := uitest.Run(m, cmd, 6)
	return msgs
}

// selectFormat moves the cursor to f with the down key.
func selectFormat(t *testing.T, m *Model, f wshare.Format) {
	t.Helper()
	press(m, "home")
	for m.Format().Format != f {
		c := m.cursor
		press(m, "down")
		if m.cursor == c {
			t.Fatalf("format %s not in the list", f)
		}
	}
}

func toasts(msgs []tea.Msg) (out []common.ToastMsg) {
	for _, msg := range msgs {
		if t, ok := msg.(common.ToastMsg); ok {
			out = append(out, t)
		}
	}
	return out
}

func TestGoldenWebsiteHTML(t *testing.T) {
	m, _, _ := setup(t, bakedPNG, true)
	m.Open(1)
	tm := uitest.Start(t, uitest.NewHarness(m))
	uitest.WaitFor(t, tm, "linkedin.com")
	for range 5 {
		tm.Send(uitest.Key("down"))
	}
	uitest.WaitFor(t, tm, "saves as .html")
	uitest.Golden(t, uitest.Final(t, tm))
}

func TestGoldenQR(t *testing.T) {
	m, _, _ := setup(t, bakedPNG, true)
	m.Open(1)
	tm := uitest.Start(t, uitest.NewHarness(m))
	uitest.WaitFor(t, tm, "linkedin.com")
	tm.Send(uitest.Key("end"))
	uitest.WaitFor(t, tm, "saves the PNG")
	uitest.Golden(t, uitest.Final(t, tm))
}

// TestGoldenPrivate: a private badge with no public base URL warns on
// one line and the preview says what to do.
func TestGoldenPrivate(t *testing.T) {
	m, _, _ := setup(t, bakedPNG, false)
	m.Open(1)
	tm := uitest.Start(t, uitest.NewHarness(m))
	uitest.WaitFor(t, tm, "p makes it public.")
	uitest.Golden(t, uitest.Final(t, tm))
}

// TestGoldenHostileName: a badge whose name and issuer carry ANSI
// escapes, CR and BEL shows them as harmless text, in the title and in
// the snippet.
func TestGoldenHostileName(t *testing.T) {
	w := uitest.Wallet(t)
	cred := `{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],` +
		`"id":"urn:uuid:1","type":["VerifiableCredential","OpenBadgeCredential"],"issuer":{"id":"did:key:z6Mk","name":"Evil\u001b]0;pwned\u0007 Corp"},` +
		`"validFrom":"2026-01-01T00:00:00Z","name":"x","credentialSubject":{"type":["AchievementSubject"],"achievement":{"id":"urn:a","name":"\u001b[2J\u001b[31mRed\rBell\u0007\u202eName"}}}`
	if _, _, err := w.Add(context.Background(), []byte(cred)); err != nil {
		t.Fatal(err)
	}
	m := New(uitest.Common(uitest.Services(t, w, nil)))
	m.Open(1)
	tm := uitest.Start(t, uitest.NewHarness(m))
	uitest.WaitFor(t, tm, "p makes it public.")
	tm.Send(uitest.Key("pgdown"))
	tm.Send(uitest.Key("up"))
	tm.Send(uitest.Key("up"))
	uitest.WaitFor(t, tm, "Resume line ·")
	view := uitest.Final(t, tm)
	if strings.ContainsAny(view, "\x1b\a\r\u202e") {
		t.Fatalf("control characters in the view: %q", view)
	}
	if strings.Count(view, "Red BellName") < 2 || !strings.Contains(view, "Evil Corp") {
		t.Fatalf("name not shown as text:\n%s", view)
	}
	uitest.Golden(t, view)
}

func TestMoveKeys(t *testing.T) {
	m, _, _ := opened(t, bakedPNG, true)
	n := len(wshare.Formats())
	steps := []struct {
		key  string
		want int
	}{
		{"down", 1}, {"j", 2}, {"up", 1}, {"k", 0}, {"up", 0},
		{"end", n - 1}, {"down", n - 1}, {"home", 0}, {"G", n - 1}, {"g", 0},
		{"pgdown", n - 1}, {"pgup", 0},
	}
	for _, s := range steps {
		press(m, s.key)
		if m.cursor != s.want {
			t.Fatalf("after %s: cursor %d, want %d", s.key, m.cursor, s.want)
		}
		if !m.hasPrev || m.prev.format != m.Format().Format {
			t.Fatalf("after %s: no preview of %s", s.key, m.Format().Label)
		}
	}
	_, cmd := m.Update(tea.MouseMsg{Button: tea.MouseButtonWheelDown})
	uitest.Run(m, cmd, 2)
	if m.cursor != 1 || !strings.Contains(m.View(), "▌ LinkedIn post") {
		t.Fatalf("wheel down: cursor %d\n%s", m.cursor, m.View())
	}
	_, cmd = m.Update(tea.MouseMsg{Button: tea.MouseButtonWheelUp})
	uitest.Run(m, cmd, 2)
	if m.cursor != 0 {
		t.Fatalf("wheel up: cursor %d", m.cursor)
	}
}

// TestStalePreviewDropped: moving fast, only the last preview counts.
func TestStalePreviewDropped(t *testing.T) {
	m, _, _ := opened(t, bakedPNG, true)
	_, first := m.Update(uitest.Key("down"))
	_, second := m.Update(uitest.Key("down"))
	m.Update(second())
	m.Update(first())
	if m.prev.format != wshare.FormatX || m.Format().Format != wshare.FormatX {
		t.Fatalf("preview of %s shown for %s", m.prev.format, m.Format().Format)
	}
}

func TestCopyKey(t *testing.T) {
	m, svc, copied := opened(t, bakedPNG, true)
	selectFormat(t, m, wshare.FormatHTML)
	want, err := svc.Wallet.Share(context.Background(), 1, wshare.FormatHTML)
	if err != nil {
		t.Fatal(err)
	}
	ts := toasts(press(m, "c"))
	if *copied != want {
		t.Fatalf("copied %q, want %q", *copied, want)
	}
	wantToast := "Copied Website HTML (" + strconv.Itoa(len(want)) + " bytes) to the system clipboard."
	if len(ts) != 1 || ts[0].Err || ts[0].Text != wantToast {
		t.Fatalf("toasts %+v, want %q", ts, wantToast)
	}
	// y copies too; the QR code copies its link.
	selectFormat(t, m, wshare.FormatQR)
	ts = toasts(press(m, "y"))
	if *copied != baseURL+"/badges/1/" || len(ts) != 1 || !strings.Contains(ts[0].Text, "the QR code's link") {
		t.Fatalf("copied %q, toasts %+v", *copied, ts)
	}
}

func TestCopyThroughOSC52(t *testing.T) {
	m, svc, _ := opened(t, bakedPNG, true)
	var out bytes.Buffer
	svc.Copier = clipboard.Copier{Out: &out, System: func(string) error { return clipboard.ErrSystemUnavailable }, Env: func(string) string { return "" }}
	ts := toasts(press(m, "c"))
	if len(ts) != 1 || !strings.Contains(ts[0].Text, "through OSC 52") || !strings.Contains(out.String(), "\x1b]52;") {
		t.Fatalf("toasts %+v, terminal got %q", ts, out.String())
	}
}

func TestCopyPrivateFails(t *testing.T) {
	m, _, copied := opened(t, bakedPNG, false)
	ts := toasts(press(m, "c"))
	if *copied != "" || len(ts) != 1 || !ts[0].Err || !strings.Contains(ts[0].Text, "private") {
		t.Fatalf("copied %q, toasts %+v", *copied, ts)
	}
	// The resume line works for a private badge.
	selectFormat(t, m, wshare.FormatText)
	ts = toasts(press(m, "c"))
	if !strings.Contains(*copied, "Example Corp") || len(ts) != 1 || ts[0].Err {
		t.Fatalf("copied %q, toasts %+v", *copied, ts)
	}
}

func TestSaveKey(t *testing.T) {
	m, svc, _ := opened(t, bakedPNG, true)
	selectFormat(t, m, wshare.FormatMarkdown)
	ts := toasts(press(m, "o"))
	if len(ts) != 1 || ts[0].Err || !strings.HasPrefix(ts[0].Text, "Saved Markdown to "+svc.SaveDir) || !strings.HasSuffix(ts[0].Text, "-markdown.md") {
		t.Fatalf("toasts %+v", ts)
	}
	got, err := os.ReadFile(strings.TrimPrefix(ts[0].Text, "Saved Markdown to "))
	want, _ := svc.Wallet.Share(context.Background(), 1, wshare.FormatMarkdown)
	if err != nil || strings.TrimSpace(string(got)) != strings.TrimSpace(want) {
		t.Fatalf("saved %q (%v), want %q", got, err, want)
	}

	// The QR code saves the PNG.
	selectFormat(t, m, wshare.FormatQR)
	ts = toasts(press(m, "o"))
	if len(ts) != 1 || !strings.HasSuffix(ts[0].Text, "-qr.png") {
		t.Fatalf("toasts %+v", ts)
	}
	png, err := os.ReadFile(strings.TrimPrefix(ts[0].Text, "Saved QR code to "))
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Fatalf("not a PNG (%v)", err)
	}
}

func TestSaveWithoutBaseURL(t *testing.T) {
	m, svc, _ := setup(t, bakedPNG, false)
	if err := svc.Wallet.SetPrivacy(context.Background(), 1, true); err != nil {
		t.Fatal(err)
	}
	if err := svc.Wallet.SetProfilePublic(context.Background(), true); err != nil {
		t.Fatal(err)
	}
	uitest.Run(m, m.Open(1), 5)
	if v := m.View(); !strings.Contains(v, "Settings → public base URL") || strings.Contains(v, "This badge is private") {
		t.Fatalf("no advice about the base URL:\n%s", v)
	}
	ts := toasts(press(m, "o"))
	if len(ts) != 1 || !ts[0].Err || !strings.Contains(ts[0].Text, "No public base URL is set") {
		t.Fatalf("toasts %+v", ts)
	}
	if entries, _ := os.ReadDir(svc.SaveDir); len(entries) != 0 {
		t.Fatalf("files saved: %v", entries)
	}
}

func TestProfilePrivate(t *testing.T) {
	m, svc, _ := setup(t, bakedPNG, true)
	if err := svc.Wallet.SetProfilePublic(context.Background(), false); err != nil {
		t.Fatal(err)
	}
	uitest.Run(m, m.Open(1), 5)
	if v := m.View(); !strings.Contains(v, "Settings → public profile") {
		t.Fatalf("no advice about the profile:\n%s", v)
	}
}

func TestSaveImageKey(t *testing.T) {
	m, svc, _ := opened(t, bakedPNG, true)
	ts := toasts(press(m, "i"))
	if len(ts) != 1 || ts[0].Err || !strings.HasSuffix(ts[0].Text, ".png") {
		t.Fatalf("toasts %+v", ts)
	}
	got, err := os.ReadFile(strings.TrimPrefix(ts[0].Text, "Saved the baked image to "))
	if err != nil || !bytes.Equal(got, fixtures.Read(t, bakedPNG)) {
		t.Fatalf("saved image differs (%v)", err)
	}

	m, svc, _ = opened(t, plainJSON, true)
	ts = toasts(press(m, "i"))
	if len(ts) != 1 || !strings.Contains(ts[0].Text, "did not come as an image") {
		t.Fatalf("toasts %+v", ts)
	}
	if entries, _ := os.ReadDir(svc.SaveDir); len(entries) != 0 {
		t.Fatalf("files saved: %v", entries)
	}
}

func TestPrivacyKey(t *testing.T) {
	m, svc, _ := setup(t, bakedPNG, true)
	ctx := context.Background()
	if err := svc.Wallet.SetPrivacy(ctx, 1, false); err != nil {
		t.Fatal(err)
	}
	uitest.Run(m, m.Open(1), 5)
	if !strings.Contains(m.View(), "This badge is private: links will not work for others — p makes it public") {
		t.Fatalf("no warning:\n%s", m.View())
	}
	msgs := press(m, "p")
	d, _ := svc.Wallet.Badge(ctx, 1)
	if d.Privacy != "public" {
		t.Fatalf("privacy %q", d.Privacy)
	}
	ts := toasts(msgs)
	changed := false
	for _, msg := range msgs {
		_, ok := msg.(common.WalletChangedMsg)
		changed = changed || ok
	}
	if len(ts) != 1 || !strings.Contains(ts[0].Text, "is now public") || !changed {
		t.Fatalf("messages %+v", msgs)
	}
	if v := m.View(); strings.Contains(v, "This badge is private") || !strings.Contains(v, "linkedin.com") {
		t.Fatalf("not reloaded:\n%s", v)
	}
	// Already public: p says so and changes nothing.
	ts = toasts(press(m, "p"))
	if len(ts) != 1 || !strings.Contains(ts[0].Text, "already public") {
		t.Fatalf("toasts %+v", ts)
	}
}

func TestBackKey(t *testing.T) {
	m, _, _ := opened(t, bakedPNG, true)
	_, cmd := m.Update(uitest.Key("esc"))
	if cmd == nil || cmd() != (common.BackMsg{}) {
		t.Fatal("esc does not go back")
	}
}

func TestWalletChangedReloads(t *testing.T) {
	m, svc, _ := opened(t, bakedPNG, false)
	ctx := context.Background()
	for _, err := range []error{svc.Wallet.SetBaseURL(ctx, baseURL), svc.Wallet.SetProfilePublic(ctx, true), svc.Wallet.SetPrivacy(ctx, 1, true)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	_, cmd := m.Update(common.WalletChangedMsg{})
	uitest.Run(m, cmd, 3)
	if v := m.View(); !strings.Contains(v, "linkedin.com") {
		t.Fatalf("not reloaded:\n%s", v)
	}
}

func TestMissingBadge(t *testing.T) {
	m, _, _ := setup(t, bakedPNG, true)
	uitest.Run(m, m.Open(9), 3)
	if v := m.View(); !strings.Contains(v, "no longer in the wallet") {
		t.Fatalf("view:\n%s", v)
	}
	if cmd := m.key(uitest.Key("c")); cmd != nil {
		t.Fatal("c acts on a badge that is not there")
	}
}

func TestProblemWords(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{wshare.ErrNoBaseURL, "Settings → public base URL"},
		{wshare.ErrBadBaseURL, "Fix it in Settings"},
		{wshare.ErrProfilePrivate, "Settings → public profile"},
		{wshare.ErrPrivate, "p makes it public"},
		{wallet.ErrNotFound, "no longer in the wallet"},
		{errors.New("boom"), "boom"},
	} {
		if got := problem(tc.err); !strings.Contains(got, tc.want) {
			t.Errorf("problem(%v) = %q", tc.err, got)
		}
	}
}

func TestFits(t *testing.T) {
	m, _, _ := opened(t, bakedPNG, true)
	for _, f := range wshare.Formats() {
		selectFormat(t, m, f.Format)
		for _, size := range [][2]int{{100, 25}, {80, 19}} {
			m.SetSize(size[0], size[1])
			v := m.View()
			if n := strings.Count(v, "\n") + 1; n != size[1] {
				t.Fatalf("%s at %v: %d lines", f.Label, size, n)
			}
			for i, l := range strings.Split(v, "\n") {
				if lw := lipgloss.Width(l); lw > size[0] {
					t.Fatalf("%s at %v: line %d is %d cells: %q", f.Label, size, i, lw, l)
				}
			}
		}
	}
}

func TestHelp(t *testing.T) {
	m, _, _ := opened(t, bakedPNG, false)
	var keys []string
	for _, b := range m.ShortHelp() {
		keys = append(keys, b.Help().Key)
	}
	if got := strings.Join(keys, " "); got != "↑/k ↓/j c o i p esc" {
		t.Fatalf("short help %q", got)
	}
}

// TestPrivacyKeyProfile: with the profile private too, the warning says p
// makes both public, and p does.
func TestPrivacyKeyProfile(t *testing.T) {
	m, svc, _ := setup(t, bakedPNG, true)
	ctx := context.Background()
	if err := svc.Wallet.SetPrivacy(ctx, 1, false); err != nil {
		t.Fatal(err)
	}
	if err := svc.Wallet.SetProfilePublic(ctx, false); err != nil {
		t.Fatal(err)
	}
	uitest.Run(m, m.Open(1), 5)
	if !strings.Contains(m.View(), "This badge and your profile are private") {
		t.Fatalf("no warning:\n%s", m.View())
	}
	ts := toasts(press(m, "p"))
	d, _ := svc.Wallet.Badge(ctx, 1)
	pub, _ := svc.Wallet.ProfilePublic(ctx)
	if d.Privacy != "public" || !pub || len(ts) != 1 || !strings.Contains(ts[0].Text, "and your profile are now public") {
		t.Fatalf("badge %q, profile %v, toasts %+v", d.Privacy, pub, ts)
	}
	// Only the profile private: p makes it public.
	if err := svc.Wallet.SetProfilePublic(ctx, false); err != nil {
		t.Fatal(err)
	}
	uitest.Run(m, m.Open(1), 5)
	if !strings.Contains(m.View(), "Your profile is private") {
		t.Fatalf("no profile warning:\n%s", m.View())
	}
	ts = toasts(press(m, "p"))
	if pub, _ := svc.Wallet.ProfilePublic(ctx); !pub || len(ts) != 1 || !strings.Contains(ts[0].Text, "Your profile is now public") {
		t.Fatalf("profile %v, toasts %+v", pub, ts)
	}
	if v := m.View(); strings.Contains(v, "⚠") || !strings.Contains(v, "linkedin.com") {
		t.Fatalf("warning still shown or no snippet:\n%s", v)
	}
}

// TestActionLoadsOnce: after p the page reloads once, on the
// WalletChangedMsg it sends, not also on its own.
func TestActionLoadsOnce(t *testing.T) {
	m, svc, _ := setup(t, bakedPNG, true)
	if err := svc.Wallet.SetPrivacy(context.Background(), 1, false); err != nil {
		t.Fatal(err)
	}
	uitest.Run(m, m.Open(1), 5)
	loads, previews := 0, 0
	for _, msg := range press(m, "p") {
		switch msg.(type) {
		case loadedMsg:
			loads++
		case previewMsg:
			previews++
		}
	}
	if loads != 1 || previews != 1 {
		t.Fatalf("%d loads and %d previews after p, want 1 and 1", loads, previews)
	}
}
