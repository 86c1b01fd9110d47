package claim

import (
	"context"
	"errors"
	"fmt"
	"os"
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

// setup is a wallet in demo mode (three badges awarded to email, with
// notifications) and the wizard over it; it returns a claim link.
func setup(t *testing.T) (*Model, *common.Services, string) {
	t.Helper()
	w := uitest.Wallet(t)
	svc := uitest.Services(t, w, nil)
	res := uitest.Demo(t, svc, email)
	return New(uitest.Common(svc)), svc, res.Awarded[0].ClaimURL
}

// press sends each key and runs the Cmds it leads to.
func press(t *testing.T, m *Model, keys ...string) []tea.Msg {
	t.Helper()
	var seen []tea.Msg
	for _, k := range keys {
		_, cmd := m.Update(uitest.Key(k))
		_, msgs := uitest.Run(m, cmd, 6)
		seen = append(seen, msgs...)
	}
	return seen
}

// open opens the wizard on url and runs what it leads to.
func open(t *testing.T, m *Model, url string) {
	t.Helper()
	uitest.Run(m, m.Open(url), 6)
}

var codeRE = regexp.MustCompile(`\b\d{6}\b`)

// mailedCode reads the newest code the demo issuer mailed to email.
func mailedCode(t *testing.T, svc *common.Services) string {
	t.Helper()
	msgs, err := svc.Issuer.Outbox(context.Background(), email, 5)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.Kind == "code" {
			return codeRE.FindString(m.Subject)
		}
	}
	t.Fatal("no code mail")
	return ""
}

// wrong is a code that is not c.
func wrong(c string) string {
	if c[0] == '9' {
		return "1" + c[1:]
	}
	return string(c[0]+1) + c[1:]
}

func has(msgs []tea.Msg, want tea.Msg) bool {
	for _, m := range msgs {
		if m == want {
			return true
		}
	}
	return false
}

func count(t *testing.T, w *wallet.Wallet, acceptance string) int {
	t.Helper()
	p, err := w.List(context.Background(), wallet.ListOptions{Acceptance: acceptance})
	if err != nil {
		t.Fatal(err)
	}
	return p.Total
}

// toCode walks from the link step to the code step.
func toCode(t *testing.T, m *Model, link string) {
	t.Helper()
	press(t, m, link, "enter", "enter", "enter")
	if m.step != stepCode {
		t.Fatalf("step %d, err %q", m.step, m.err)
	}
}

// TestClaimJourney: paste a link, see the offer, confirm the address, a
// wrong code then the right one, and accept the badges.
func TestClaimJourney(t *testing.T) {
	m, svc, link := setup(t)
	if m.Open("") != nil || m.step != stepLink || !m.Capturing() {
		t.Fatalf("open: step %d capturing %v", m.step, m.Capturing())
	}
	press(t, m, link, "enter")
	if m.step != stepOffer || m.Capturing() || m.offer.Issuer != "Contoso Learning" || m.offer.Achievement == "" {
		t.Fatalf("offer step: %d %+v %q", m.step, m.offer, m.err)
	}
	if v := m.View(); !strings.Contains(v, "It was sent to l***@example.com. Is that you?") || !strings.Contains(v, "▸ [ Yes, send me a code ]") {
		t.Fatalf("offer view:\n%s", v)
	}
	press(t, m, "right")
	if m.choice != 1 || !strings.Contains(m.View(), "▸ [ Back ]") {
		t.Fatalf("right: choice %d", m.choice)
	}
	press(t, m, "h")
	if m.choice != 0 {
		t.Fatalf("h: choice %d", m.choice)
	}
	press(t, m, "l", "left", "enter")
	if m.step != stepEmail || !m.Capturing() || m.addr.Value() != email {
		t.Fatalf("email step: %d %q", m.step, m.addr.Value())
	}
	press(t, m, "enter")
	if m.step != stepCode || m.mail == nil || m.email != email {
		t.Fatalf("code step: %d %q %+v", m.step, m.err, m.mail)
	}
	code := mailedCode(t, svc)
	if !strings.Contains(m.View(), "Your confirmation code is "+code) {
		t.Fatalf("the demo mail is not on the code screen:\n%s", m.View())
	}
	press(t, m, "12", "enter")
	if m.step != stepCode || !strings.Contains(m.View(), "The code is the 6 digits") {
		t.Fatalf("short code: %d %q", m.step, m.err)
	}
	press(t, m, "backspace", "backspace", wrong(code), "enter")
	if m.step != stepCode || !strings.Contains(m.View(), "Wrong confirmation code: 4 attempts left") || m.code.Value() != "" {
		t.Fatalf("wrong code: %d %q\n%s", m.step, m.err, m.View())
	}
	msgs := press(t, m, code, "enter")
	if m.step != stepDone || !has(msgs, common.WalletChangedMsg{}) || m.sum.Added != 3 || m.Capturing() {
		t.Fatalf("done: %d %q %+v %v", m.step, m.err, m.sum, msgs)
	}
	if v := m.View(); !strings.Contains(v, "Added 3 badges to your wallet") || !strings.Contains(v, "✔ verified") || !strings.Contains(v, "[ Accept all 3 ]") {
		t.Fatalf("done view:\n%s", v)
	}
	if count(t, svc.Wallet, "pending") != 3 {
		t.Fatal("claimed badges are not pending")
	}
	msgs = press(t, m, "enter")
	if !has(msgs, common.GoMsg{Tab: common.TabWallet}) || !has(msgs, common.WalletChangedMsg{}) || !has(msgs, common.ToastMsg{Text: "Accepted 3 badges: they are in your wallet"}) {
		t.Fatalf("accept: %v", msgs)
	}
	if count(t, svc.Wallet, "accepted") != 3 || count(t, svc.Wallet, "pending") != 0 {
		t.Fatal("badges not accepted")
	}
	ids, _ := svc.Wallet.Identities(context.Background())
	if len(ids) != 1 || !ids[0].Confirmed {
		t.Fatalf("the address is not confirmed: %+v", ids)
	}
}

// TestDoneOpenInbox: the second button of Done opens the inbox, leaving
// the badges pending; a second claim adds nothing new and offers the
// wallet.
func TestDoneOpenInbox(t *testing.T) {
	m, svc, link := setup(t)
	open(t, m, link)
	press(t, m, "enter", "enter")
	press(t, m, mailedCode(t, svc), "enter")
	msgs := press(t, m, "l", "enter")
	if !has(msgs, common.GoMsg{Tab: common.TabInbox}) || count(t, svc.Wallet, "pending") != 3 {
		t.Fatalf("open inbox: %v", msgs)
	}
	if msgs := press(t, m, "esc"); !has(msgs, common.BackMsg{}) {
		t.Fatalf("esc on done: %v", msgs)
	}
	// Claim again: every badge is already there.
	open(t, m, link)
	press(t, m, "enter", "enter")
	press(t, m, mailedCode(t, svc), "enter")
	if m.step != stepDone || m.sum.Duplicates != 3 || !strings.Contains(m.View(), "already in your wallet") || !strings.Contains(m.View(), "[ Open wallet ]") {
		t.Fatalf("second claim: %+v\n%s", m.sum, m.View())
	}
	if msgs := press(t, m, "enter"); !has(msgs, common.GoMsg{Tab: common.TabWallet}) {
		t.Fatalf("open wallet: %v", msgs)
	}
}

// TestEscGoesBack: esc goes back one step on every step, and leaves the
// wizard from the first.
func TestEscGoesBack(t *testing.T) {
	m, _, link := setup(t)
	m.Open("")
	toCode(t, m, link)
	for _, want := range []step{stepEmail, stepOffer, stepLink} {
		if msgs := press(t, m, "esc"); m.step != want || len(msgs) != 0 {
			t.Fatalf("esc: step %d, want %d (%v)", m.step, want, msgs)
		}
	}
	if m.link.Value() != link {
		t.Fatalf("link lost going back: %q", m.link.Value())
	}
	if msgs := press(t, m, "esc"); !has(msgs, common.BackMsg{}) {
		t.Fatalf("esc on the first step: %v", msgs)
	}
	// Opened on a link, the offer is the first step.
	open(t, m, link)
	if m.step != stepOffer || m.withLink {
		t.Fatalf("open on a link: %d", m.step)
	}
	if !strings.Contains(m.View(), "● Offer ─ ○ Email ─ ○ Code ─ ○ Done") || strings.Contains(m.View(), "Link") {
		t.Fatalf("progress:\n%s", m.View())
	}
	if msgs := press(t, m, "esc"); !has(msgs, common.BackMsg{}) {
		t.Fatalf("esc on the offer opened on a link: %v", msgs)
	}
	// The Back button is esc.
	open(t, m, link)
	if msgs := press(t, m, "right", "enter"); !has(msgs, common.BackMsg{}) {
		t.Fatalf("back button: %v", msgs)
	}
}

// TestBadLink: a link that is not one, or that the issuer does not know,
// shows on the link step with the way forward; an empty one asks for it.
func TestBadLink(t *testing.T) {
	m, _, link := setup(t)
	m.Open("")
	press(t, m, "enter")
	if m.step != stepLink || !strings.Contains(m.View(), "Paste the claim link from the issuer's email first.") {
		t.Fatalf("empty link:\n%s", m.View())
	}
	press(t, m, "not a link", "enter")
	if m.step != stepLink || !strings.Contains(m.View(), `"not a link" is not a claim link`) || !strings.Contains(m.View(), "press enter to try again") {
		t.Fatalf("bad link:\n%s", m.View())
	}
	press(t, m, "x")
	if m.err != "" {
		t.Fatal("editing does not clear the error")
	}
	// Opened on an unknown link: the link step, prefilled, says so.
	unknown := link[:strings.LastIndex(link, "/")+1] + "nope"
	open(t, m, unknown)
	if m.step != stepLink || m.link.Value() != unknown || !strings.Contains(m.View(), "Unknown claim link") || !m.Capturing() {
		t.Fatalf("unknown link: %d %q\n%s", m.step, m.err, m.View())
	}
}

// TestWrongEmail: an address that is not the one the badge was sent to is
// refused by the issuer, on the email step.
func TestWrongEmail(t *testing.T) {
	m, _, link := setup(t)
	open(t, m, link)
	press(t, m, "enter")
	m.addr.SetValue("")
	press(t, m, "enter")
	if !strings.Contains(m.View(), "Type the address the badge was sent to.") {
		t.Fatalf("empty address:\n%s", m.View())
	}
	press(t, m, "someone@example.org", "enter")
	if m.step != stepEmail || !strings.Contains(m.View(), "This badge was sent to another email address (l***@example.com)") {
		t.Fatalf("wrong address: %d\n%s", m.step, m.View())
	}
}

// TestBusyEsc: esc while a request is in flight drops its answer.
func TestBusyEsc(t *testing.T) {
	m, _, link := setup(t)
	m.Open("")
	press(t, m, link)
	_, cmd := m.Update(uitest.Key("enter"))
	if !m.busy || !strings.Contains(m.View(), "Opening the link…") {
		t.Fatal("not busy")
	}
	press(t, m, "esc")
	uitest.Run(m, cmd, 3)
	if m.step != stepLink || m.busy {
		t.Fatalf("stale offer applied: %d", m.step)
	}
}

// TestVerifying: while the code is checked a spinner shows, keys (esc
// too) wait, and the page does not capture the keyboard.
func TestVerifying(t *testing.T) {
	m, svc, link := setup(t)
	open(t, m, link)
	press(t, m, "enter", "enter")
	press(t, m, mailedCode(t, svc))
	_, cmd := m.Update(uitest.Key("enter"))
	if m.step != stepVerify || m.Capturing() || !strings.Contains(m.View(), "Checking the code and adding your badges…") || m.ShortHelp() != nil {
		t.Fatalf("verifying: %d\n%s", m.step, m.View())
	}
	if msgs := press(t, m, "esc"); len(msgs) != 0 || m.step != stepVerify {
		t.Fatal("esc while verifying")
	}
	uitest.Run(m, cmd, 6)
	if m.step != stepDone {
		t.Fatalf("step %d %q", m.step, m.err)
	}
}

func TestHelp(t *testing.T) {
	m, _, link := setup(t)
	m.Open("")
	if h := m.ShortHelp(); len(h) != 2 || len(m.FullHelp()[0]) != 2 {
		t.Fatalf("link help: %v", h)
	}
	press(t, m, link, "enter")
	if h := m.ShortHelp(); len(h) != 4 {
		t.Fatalf("offer help: %v", h)
	}
}

// TestHostileOffer: issuer strings with ANSI escapes, CR, BEL and bidi
// overrides show as harmless text.
func TestHostileOffer(t *testing.T) {
	m, _, _ := setup(t)
	m.Open("https://evil.example/claim/x")
	uitest.Run(m, func() tea.Msg {
		return offerMsg{req: m.req, offer: wallet.ClaimOffer{Issuer: "Evil\x1b]0;pwned\x07 Corp",
			Achievement: "\x1b[2J\x1b[31mRed\rBell\x07\u202eName", Description: "line\x1b[1A one\r\nline two", EmailHint: "x\x1b[5m***@example.com"}}
	}, 2)
	m.mail = &codeMail{Subject: "Code\x1b[31m 123\a", Body: "Body\x1b]8;;http://x\x07link\r\n"}
	for _, s := range []step{stepOffer, stepCode} {
		m.step = s
		v := m.View()
		if strings.ContainsAny(v, "\x1b\a\r\u202e") {
			t.Fatalf("control characters in the view: %q", v)
		}
		if s == stepOffer && (!strings.Contains(v, "Red BellName") || !strings.Contains(v, "Evil Corp offers you")) {
			t.Fatalf("not shown as text:\n%s", v)
		}
	}
}

// golden starts the harness on m (already at a settled step), waits for
// s and compares the view, with the random claim code masked.
func golden(t *testing.T, m *Model, s string, mask ...string) {
	t.Helper()
	tm := uitest.Start(t, uitest.NewHarness(m))
	uitest.WaitFor(t, tm, s)
	v := uitest.Final(t, tm)
	for _, x := range mask {
		v = strings.ReplaceAll(v, x, "123456")
	}
	for i, l := range strings.Split(v, "\n") {
		if lipgloss.Width(l) > uitest.Width {
			t.Fatalf("line %d is %d cells wide: %q", i, lipgloss.Width(l), l)
		}
	}
	if strings.Contains(v, "https://learn.contoso.example/claim/") {
		t.Fatal("the random claim link is in the golden")
	}
	uitest.Golden(t, v)
}

func TestGoldenLink(t *testing.T) {
	m, _, _ := setup(t)
	golden(t, m, "Paste the claim link")
}

func TestGoldenOffer(t *testing.T) {
	m, _, link := setup(t)
	open(t, m, link)
	golden(t, m, "Is that you?")
}

func TestGoldenEmail(t *testing.T) {
	m, _, link := setup(t)
	open(t, m, link)
	press(t, m, "enter")
	golden(t, m, "Which address")
}

func TestGoldenCode(t *testing.T) {
	m, svc, link := setup(t)
	open(t, m, link)
	press(t, m, "enter", "enter")
	golden(t, m, "Type the code", mailedCode(t, svc))
}

func TestGoldenWrongCode(t *testing.T) {
	m, svc, link := setup(t)
	open(t, m, link)
	press(t, m, "enter", "enter")
	code := mailedCode(t, svc)
	press(t, m, wrong(code), "enter")
	golden(t, m, "attempts left", code)
}

func TestGoldenDone(t *testing.T) {
	m, svc, link := setup(t)
	open(t, m, link)
	press(t, m, "enter", "enter")
	press(t, m, mailedCode(t, svc), "enter")
	golden(t, m, "Added 3 badges")
}

// TestMailBoxFits: at 80×24 (and with an error line) the demo mail box
// keeps its bottom border on the page and its subject, which holds the
// code, in view.
func TestMailBoxFits(t *testing.T) {
	m, svc, link := setup(t)
	open(t, m, link)
	press(t, m, "enter", "enter")
	code := mailedCode(t, svc)
	for _, size := range [][2]int{{80, 19}, {100, 25}} {
		m.SetSize(size[0], size[1])
		for _, typed := range []string{"", wrong(code)} {
			if typed != "" {
				press(t, m, typed, "enter")
			}
			v := m.View()
			uitest.CheckSize(t, v, size[0], size[1])
			if !strings.Contains(v, "╰") || !strings.Contains(v, code) {
				t.Fatalf("%v: the mail box is cut or hides the code:\n%s", size, v)
			}
		}
	}
}

// doneWith puts m on the Done step with events, as a claim would.
func doneWith(m *Model, events []wallet.ImportEvent) {
	m.step, m.events, m.email = stepDone, events, email
	m.sum = wallet.ImportSummary{Added: len(events)}
}

// TestDoneEventsFit: long names with a reason (an error, not addressed)
// keep within the width, the reason in view; the names line up after
// states of any width ("⌛" takes two cells).
func TestDoneEventsFit(t *testing.T) {
	m, _, _ := setup(t)
	long := strings.Repeat("Very Long Achievement Name ", 6)
	doneWith(m, []wallet.ImportEvent{
		{Status: wallet.ImportAdded, ID: 1, Name: "Short", Verdict: "verified"},
		{Status: wallet.ImportAdded, ID: 2, Name: "Expired one", Verdict: "expired"},
		{Status: wallet.ImportAdded, ID: 3, Name: long, Verdict: "verified", NotAddressed: true},
		{Status: "failed", Source: long, Err: errors.New(strings.Repeat("the issuer said no ", 8))},
		{Status: wallet.ImportDuplicate, ID: 4, Name: long},
	})
	for _, size := range [][2]int{{80, 19}, {100, 25}, {200, 60}} {
		m.SetSize(size[0], size[1])
		v := m.View()
		uitest.CheckSize(t, v, size[0], size[1])
		if !strings.Contains(v, "⚠ not addressed to you") || !strings.Contains(v, "— the issuer said no") {
			t.Fatalf("%v: a reason is cut off:\n%s", size, v)
		}
		col := -1
		for _, l := range strings.Split(v, "\n") {
			for _, name := range []string{"Short", "Expired one", "Very Long"} {
				if i := strings.Index(l, name); i >= 0 && strings.HasPrefix(l, "     ") {
					if c := lipgloss.Width(l[:i]); col < 0 {
						col = c
					} else if c != col {
						t.Fatalf("%v: %q starts at cell %d, not %d:\n%s", size, name, c, col, v)
					}
				}
			}
		}
	}
}

// TestDoneSpinnerFits: with more badges than the page holds, accepting
// still shows its spinner line and the buttons.
func TestDoneSpinnerFits(t *testing.T) {
	m, _, _ := setup(t)
	var events []wallet.ImportEvent
	for i := range 40 {
		events = append(events, wallet.ImportEvent{Status: wallet.ImportAdded, ID: int64(i + 1), Name: fmt.Sprintf("Badge %d", i), Verdict: "verified"})
	}
	doneWith(m, events)
	m.SetSize(80, 19)
	m.busy = true
	v := m.View()
	uitest.CheckSize(t, v, 80, 19)
	for _, s := range []string{"Added 40 badges", "more", "[ Accept all 40 ]", "Accepting…"} {
		if !strings.Contains(v, s) {
			t.Fatalf("%q not on the page:\n%s", s, v)
		}
	}
}

// TestStaleChangeAnnounced: an answer dropped as stale still tells the
// other pages when the wallet changed (esc while accepting; the wizard
// opened on another link while the claim ran).
func TestStaleChangeAnnounced(t *testing.T) {
	m, svc, link := setup(t)
	open(t, m, link)
	press(t, m, "enter", "enter")
	press(t, m, mailedCode(t, svc))
	_, claimCmd := m.Update(uitest.Key("enter"))
	m.Open("") // another claim begins; the first one's answer is stale
	if _, msgs := uitest.Run(m, claimCmd, 3); !has(msgs, common.WalletChangedMsg{}) || m.step != stepLink {
		t.Fatalf("stale claim: step %d, %v", m.step, msgs)
	}

	doneWith(m, nil)
	m.events = []wallet.ImportEvent{{Status: wallet.ImportAdded, ID: 1, Name: "x"}}
	_, acceptCmd := m.Update(uitest.Key("enter"))
	press(t, m, "esc")
	if _, msgs := uitest.Run(m, acceptCmd, 3); !has(msgs, common.WalletChangedMsg{}) {
		t.Fatalf("stale accept: %v", msgs)
	}
	if count(t, svc.Wallet, "accepted") != 1 {
		t.Fatal("not accepted")
	}
}

func TestCapitalize(t *testing.T) {
	for in, want := range map[string]string{"": "", "wrong code": "Wrong code", "élan": "Élan", "123": "123", "\xffx": "\xffx"} {
		if got := common.Capitalize(in); got != want {
			t.Errorf("capitalize(%q) = %q, want %q", in, got, want)
		}
	}
}
