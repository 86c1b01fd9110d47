package inbox

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"badgewallet/ui/common"
	"badgewallet/ui/uitest"
	"badgewallet/wallet"
)

func TestMain(m *testing.M) {
	uitest.ASCII()
	os.Exit(m.Run())
}

const email = "learner@example.com"

// demoInbox is a wallet in demo mode: three badges awarded to email,
// with notifications, none claimed yet. It returns the inbox, loaded,
// and the services.
func demoInbox(t *testing.T) (*Model, *common.Services) {
	t.Helper()
	w := uitest.Wallet(t)
	svc := uitest.Services(t, w, nil)
	uitest.Demo(t, svc, email)
	m := New(uitest.Common(svc))
	uitest.Run(m, m.Init(), 3)
	return m, svc
}

var codeRE = regexp.MustCompile(`\b\d{6}\b`)

// claim claims the demo badges through the wallet (as the claim wizard
// does), one worker so that their order is stable: three pending badges.
func claim(t *testing.T, svc *common.Services) {
	t.Helper()
	ctx := context.Background()
	notes := loadNotes(t, svc)
	if err := svc.Wallet.ClaimSendCode(ctx, notes[0], email, svc.Transport()); err != nil {
		t.Fatal(err)
	}
	msgs, err := svc.Issuer.Outbox(ctx, email, 1)
	if err != nil || len(msgs) != 1 || msgs[0].Kind != "code" {
		t.Fatalf("code mail: %v %v", msgs, err)
	}
	sum, err := svc.Wallet.ClaimConfirm(ctx, notes[0], email, codeRE.FindString(msgs[0].Subject),
		wallet.ImportOptions{Verify: svc.VerifyOptions(), Workers: 1}, nil)
	if err != nil || sum.Added != 3 {
		t.Fatalf("claim: %+v %v", sum, err)
	}
}

// loadNotes are the claim links of the demo notifications.
func loadNotes(t *testing.T, svc *common.Services) []string {
	t.Helper()
	out := load(context.Background(), 0, svc.Wallet, svc.IssuerDir, true, svc.Transport())
	if out.err != nil || out.notesErr != nil {
		t.Fatal(out.err, out.notesErr)
	}
	var links []string
	for _, n := range out.notes {
		links = append(links, n.Claim)
	}
	return links
}

// notAddressed adds a pending badge the demo issuer awarded to someone
// else (imported and verified: not addressed to the holder).
func notAddressed(t *testing.T, svc *common.Services) {
	t.Helper()
	ctx := context.Background()
	a, err := svc.Issuer.Award(ctx, "someone@example.net", "cl-500", uitest.Clock)
	if err != nil {
		t.Fatal(err)
	}
	data, err := svc.Issuer.CredentialJSON(ctx, a.Awarded[0].CredentialID)
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "badge.json")
	if err := os.WriteFile(f, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if sum, err := svc.Wallet.Import(ctx, []string{f}, wallet.ImportOptions{Verify: svc.VerifyOptions()}, nil); err != nil || sum.Added != 1 {
		t.Fatalf("import: %+v %v", sum, err)
	}
}

// press sends each key and runs the Cmds it leads to.
func press(t *testing.T, m *Model, keys ...string) []tea.Msg {
	t.Helper()
	var seen []tea.Msg
	for _, k := range keys {
		_, cmd := m.Update(uitest.Key(k))
		_, msgs := uitest.Run(m, cmd, 4)
		seen = append(seen, msgs...)
	}
	return seen
}

// changed tells the page the wallet changed, as the frame does.
func changed(m *Model) { uitest.Run(m, common.Changed, 3) }

func has(msgs []tea.Msg, want tea.Msg) bool {
	for _, m := range msgs {
		if m == want {
			return true
		}
	}
	return false
}

func toast(msgs []tea.Msg) string {
	for _, m := range msgs {
		if t, ok := m.(common.ToastMsg); ok {
			return t.Text
		}
	}
	return ""
}

// sel is the selected row.
func sel(t *testing.T, m *Model) row {
	t.Helper()
	r, ok := m.selected()
	if !ok {
		t.Fatal("nothing selected")
	}
	return r
}

// selectName moves the cursor to the badge named name (from the top).
func selectName(t *testing.T, m *Model, name string) row {
	t.Helper()
	press(t, m, "home")
	for range len(m.rows) {
		if r := sel(t, m); r.kind != kNote && r.badge.Name == name {
			return r
		}
		press(t, m, "down")
	}
	t.Fatalf("%q not in the inbox", name)
	return row{}
}

func acceptance(t *testing.T, w *wallet.Wallet, id int64) string {
	t.Helper()
	d, err := w.Badge(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return d.Acceptance
}

// TestNotifications: the demo issuer's award mails show, new; enter
// opens the claim on the link, c opens it empty.
func TestNotifications(t *testing.T) {
	m, svc := demoInbox(t)
	if m.Count() != 3 || len(m.data.notes) != 3 {
		t.Fatalf("count %d, notes %d", m.Count(), len(m.data.notes))
	}
	v := m.View()
	for _, s := range []string{"Messages from issuers · 3", "✉ Contoso Certified: Cloud Fundamentals", "● new", "Contoso Learning · to learner@example.com · 25 Nov 2026 · enter claims it"} {
		if !strings.Contains(v, s) {
			t.Fatalf("%q not in\n%s", s, v)
		}
	}
	r := sel(t, m)
	if r.kind != kNote || m.cursor != 1 {
		t.Fatalf("the cursor is not on the first notification: %d", m.cursor)
	}
	if msgs := press(t, m, "enter"); !has(msgs, common.OpenClaimMsg{URL: r.note.Claim}) {
		t.Fatalf("enter: %v", msgs)
	}
	if msgs := press(t, m, "c"); !has(msgs, common.OpenClaimMsg{}) {
		t.Fatalf("c: %v", msgs)
	}
	if msgs := press(t, m, "a"); toast(msgs) != "Claim this badge first: press enter" {
		t.Fatalf("a on a notification: %v", msgs)
	}
	// Claimed: the notifications say so, the badges wait below.
	claim(t, svc)
	changed(m)
	if m.Count() != 3 || m.data.pending.Total != 3 || strings.Contains(m.View(), "● new") || !strings.Contains(m.View(), "✔ claimed") {
		t.Fatalf("after the claim: count %d\n%s", m.Count(), m.View())
	}
	r = sel(t, m)
	if r.kind != kNote || !r.note.claimed || r.note.claimedID == 0 {
		t.Fatalf("selected: %+v", r)
	}
	if msgs := press(t, m, "enter"); !has(msgs, common.OpenBadgeMsg{ID: r.note.claimedID}) {
		t.Fatalf("enter on a claimed notification: %v", msgs)
	}
}

// TestPendingKeys: accept, reject, restore and open a pending badge.
func TestPendingKeys(t *testing.T) {
	m, svc := demoInbox(t)
	claim(t, svc)
	changed(m)
	w := svc.Wallet

	r := selectName(t, m, "CL-303: Designing Cloud Solutions")
	if msgs := press(t, m, "enter"); !has(msgs, common.OpenBadgeMsg{ID: r.badge.ID}) {
		t.Fatalf("enter: %v", msgs)
	}
	msgs := press(t, m, "a")
	if acceptance(t, w, r.badge.ID) != "accepted" || !has(msgs, common.WalletChangedMsg{}) || !strings.HasPrefix(toast(msgs), "Accepted “CL-303") {
		t.Fatalf("a: %v", msgs)
	}
	if m.data.pending.Total != 2 || m.Count() != 2 || strings.Contains(m.View(), "⌛ pending") && strings.Count(m.View(), "⌛ pending") != 2 {
		t.Fatalf("after accept:\n%s", m.View())
	}

	r = selectName(t, m, "Contoso Certified: Cloud Fundamentals")
	msgs = press(t, m, "x")
	if acceptance(t, w, r.badge.ID) != "rejected" || !has(msgs, common.WalletChangedMsg{}) {
		t.Fatalf("x: %v", msgs)
	}
	v := m.View()
	if !strings.Contains(v, "Rejected · 1") || !strings.Contains(v, "⊘ rejected") || m.Count() != 1 {
		t.Fatalf("after reject:\n%s", v)
	}
	// The cursor moved on to the next item at its place: the last pending
	// one was rejected, so that is the badge, now in the Rejected section.
	if got := sel(t, m); got.kind != kRejected || got.badge.ID != r.badge.ID {
		t.Fatalf("cursor after reject: %+v", got)
	}
	if msgs := press(t, m, "x"); !strings.Contains(toast(msgs), "already rejected") {
		t.Fatalf("x on a rejected badge: %v", msgs)
	}
	msgs = press(t, m, "u")
	if acceptance(t, w, r.badge.ID) != "pending" || !has(msgs, common.WalletChangedMsg{}) || strings.Contains(m.View(), "Rejected ·") {
		t.Fatalf("u: %v\n%s", msgs, m.View())
	}
	if msgs := press(t, m, "u"); toast(msgs) != "Only a rejected badge can be restored" {
		t.Fatalf("u on a pending badge: %v", msgs)
	}
	// r reloads what changed elsewhere.
	if err := w.Accept(context.Background(), r.badge.ID); err != nil {
		t.Fatal(err)
	}
	press(t, m, "r")
	if m.data.pending.Total != 1 {
		t.Fatalf("r: %d pending", m.data.pending.Total)
	}
	// A rejected badge can be accepted directly.
	last := selectName(t, m, "Contoso Certified: Cloud Administrator Associate")
	press(t, m, "x")
	press(t, m, "a")
	if acceptance(t, w, last.badge.ID) != "accepted" {
		t.Fatal("a on a rejected badge")
	}
	if !strings.Contains(m.View(), "✔ claimed") || m.Count() != 0 {
		t.Fatalf("count %d\n%s", m.Count(), m.View())
	}
}

// TestAcceptAll: A asks first; n and esc cancel; y accepts the badges
// addressed to the holder and leaves the others.
func TestAcceptAll(t *testing.T) {
	m, svc := demoInbox(t)
	claim(t, svc)
	notAddressed(t, svc)
	changed(m)
	if m.data.pending.Total != 4 || m.data.pendingAddressed != 3 {
		t.Fatalf("pending %d, addressed %d", m.data.pending.Total, m.data.pendingAddressed)
	}
	if !strings.Contains(m.View(), "⚠ sent to a hashed address — not one of your addresses") {
		t.Fatalf("not-addressed badge not flagged:\n%s", m.View())
	}
	for _, cancel := range []string{"n", "esc"} {
		press(t, m, "A")
		if m.confirm != 3 || !strings.Contains(m.View(), "Accept all 3 badges addressed to you?  y yes · n no") || len(m.ShortHelp()) != 2 {
			t.Fatalf("A:\n%s", m.View())
		}
		press(t, m, "down", "a") // ignored while asking
		press(t, m, cancel)
		if m.confirm != 0 || m.data.pending.Total != 4 || strings.Contains(m.View(), "Accept all") {
			t.Fatalf("%s does not cancel", cancel)
		}
	}
	press(t, m, "A")
	msgs := press(t, m, "y")
	if toast(msgs) != "Accepted 3 badges (1 not addressed to you was left)" || !has(msgs, common.WalletChangedMsg{}) {
		t.Fatalf("y: %v", msgs)
	}
	if m.data.pending.Total != 1 || m.Count() != 1 {
		t.Fatalf("after accept all: %d pending", m.data.pending.Total)
	}
	if msgs := press(t, m, "A"); m.confirm != 0 || !strings.Contains(toast(msgs), "None of the waiting badges is addressed to you") {
		t.Fatalf("A with none addressed: %v", msgs)
	}
}

// TestMove: the cursor skips headings; pages, ends and the wheel move it.
func TestMove(t *testing.T) {
	m, svc := demoInbox(t)
	claim(t, svc)
	notAddressed(t, svc)
	changed(m) // 3 notifications, 4 pending
	kinds := func() []kind {
		var out []kind
		for _, r := range m.rows {
			out = append(out, r.kind)
		}
		return out
	}
	if len(m.rows) != 9 || m.rows[0].kind != kHeading || m.rows[4].kind != kHeading {
		t.Fatalf("rows: %v", kinds())
	}
	for _, tc := range []struct {
		keys []string
		want int
	}{
		{[]string{"down"}, 2},
		{[]string{"down", "down", "down"}, 5}, // over the heading
		{[]string{"j", "j", "j", "k"}, 3},
		{[]string{"G"}, 8},
		{[]string{"end", "up", "up", "up", "up"}, 3},
		{[]string{"G", "g"}, 1},
		{[]string{"up"}, 1},
		{[]string{"pgdown"}, 8}, // a screen holds 8 items
		{[]string{"pgdown", "pgup"}, 1},
	} {
		press(t, m, "home")
		press(t, m, tc.keys...)
		if m.cursor != tc.want {
			t.Fatalf("%v: cursor %d, want %d", tc.keys, m.cursor, tc.want)
		}
	}
	// A short page scrolls to keep the cursor on screen.
	m.SetSize(uitest.Width, 8)
	press(t, m, "G")
	if v := m.View(); !strings.Contains(v, "▌ Contoso Certified: Cloud Fundamentals") || m.top == 0 || strings.Contains(v, "Messages") {
		t.Fatalf("the end is not on screen (top %d):\n%s", m.top, v)
	}
	press(t, m, "g")
	if v := m.View(); !strings.Contains(v, "Messages from issuers") || !strings.Contains(v, "↓ more below") || m.top != 0 {
		t.Fatalf("the top is not on screen (top %d):\n%s", m.top, v)
	}
	press(t, m, "G")
	m.Update(tea.MouseMsg{Button: tea.MouseButtonWheelUp})
	if m.cursor != 7 {
		t.Fatalf("wheel up: %d", m.cursor)
	}
	m.Update(tea.MouseMsg{Button: tea.MouseButtonWheelDown})
	if m.cursor != 8 {
		t.Fatalf("wheel down: %d", m.cursor)
	}
	if len(m.FullHelp()) != 3 || len(m.ShortHelp()) != 7 {
		t.Fatal("help")
	}
}

// TestEmpty: no demo, no badges: plain words.
func TestEmpty(t *testing.T) {
	svc := uitest.Services(t, uitest.Wallet(t), nil)
	m := New(uitest.Common(svc))
	if !strings.Contains(m.View(), "Opening the inbox") {
		t.Fatal("no loading state")
	}
	uitest.Run(m, m.Init(), 3)
	if !strings.Contains(m.View(), "Nothing waiting. Badges sent to you appear here; c claims a link.") || m.Count() != 0 {
		t.Fatalf("empty:\n%s", m.View())
	}
	for _, k := range []string{"enter", "a", "x", "u", "down", "A"} {
		if msgs := press(t, m, k); len(msgs) > 1 {
			t.Fatalf("%s on an empty inbox: %v", k, msgs)
		}
	}
}

// TestStale: an older load is dropped.
func TestStale(t *testing.T) {
	m, _ := demoInbox(t)
	m.Update(loadedMsg{req: m.req - 1})
	if len(m.data.notes) != 3 {
		t.Fatal("stale load applied")
	}
}

// hostile is an OB 3.0 credential whose names carry ANSI escapes, a CR, a
// BEL and a bidi override.
const hostile = `{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],` +
	`"id":"urn:uuid:1","type":["VerifiableCredential","OpenBadgeCredential"],"issuer":{"id":"did:key:z6Mk","name":"Evil\u001b]0;pwned\u0007 Corp"},` +
	`"validFrom":"2026-01-01T00:00:00Z","name":"x","credentialSubject":{"type":["AchievementSubject"],"achievement":{"id":"urn:a","name":"\u001b[2J\u001b[31mRed\rBell\u0007\u202eName"}}}`

// golden starts the harness on m, waits for s and compares the view.
func golden(t *testing.T, m *Model, s string) {
	t.Helper()
	tm := uitest.Start(t, uitest.NewHarness(m))
	uitest.WaitFor(t, tm, s)
	v := uitest.Final(t, tm)
	for i, l := range strings.Split(v, "\n") {
		if lipgloss.Width(l) > uitest.Width {
			t.Fatalf("line %d is %d cells wide: %q", i, lipgloss.Width(l), l)
		}
	}
	uitest.Golden(t, v)
}

// TestGoldenInbox: notifications (one new, three claimed) and pending
// badges, one not addressed to the holder; a rejected one below.
func TestGoldenInbox(t *testing.T) {
	m, svc := demoInbox(t)
	claim(t, svc)
	notAddressed(t, svc)
	if _, err := svc.Issuer.Award(context.Background(), email, "cl-204", uitest.Clock); err != nil {
		t.Fatal(err)
	}
	changed(m)
	selectName(t, m, "CL-303: Designing Cloud Solutions")
	press(t, m, "x", "home")
	if m.Count() != 4 {
		t.Fatalf("count %d", m.Count())
	}
	golden(t, m, "Waiting for you")
}

// TestGoldenAcceptAll: the accept-all question.
func TestGoldenAcceptAll(t *testing.T) {
	m, svc := demoInbox(t)
	claim(t, svc)
	notAddressed(t, svc)
	changed(m)
	press(t, m, "G", "A")
	golden(t, m, "addressed to you?")
}

// TestGoldenEmpty: nothing waiting.
func TestGoldenEmpty(t *testing.T) {
	m := New(uitest.Common(uitest.Services(t, uitest.Wallet(t), nil)))
	golden(t, m, "Nothing waiting")
}

// TestGoldenHostileName: a pending badge whose name and issuer carry
// escapes shows as harmless text.
func TestGoldenHostileName(t *testing.T) {
	w := uitest.Wallet(t)
	if _, _, err := w.Add(context.Background(), []byte(hostile)); err != nil {
		t.Fatal(err)
	}
	m := New(uitest.Common(uitest.Services(t, w, nil)))
	uitest.Run(m, m.Init(), 3)
	v := m.View()
	if strings.ContainsAny(v, "\x1b\a\r\u202e") {
		t.Fatalf("control characters in the view: %q", v)
	}
	if !strings.Contains(v, "Red BellName") || !strings.Contains(v, "Evil Corp") {
		t.Fatalf("name not shown as text:\n%s", v)
	}
	golden(t, m, "Red BellName")
}
