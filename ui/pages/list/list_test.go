package list

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"badgewallet/ui/common"
	"badgewallet/ui/uitest"
	"badgewallet/wallet"
)

func init() { uitest.ASCII() }

// accepted opens a wallet holding files, every badge accepted.
func accepted(t *testing.T, files ...string) *wallet.Wallet {
	t.Helper()
	w := uitest.Wallet(t, files...)
	acceptAll(t, w)
	return w
}

func acceptAll(t testing.TB, w *wallet.Wallet) {
	t.Helper()
	ctx := context.Background()
	p, err := w.List(ctx, wallet.ListOptions{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range p.Items {
		if b.Acceptance != "accepted" {
			if err := w.Accept(ctx, b.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// hostile is an OB 3.0 credential whose names carry ANSI escapes, an OSC
// title sequence, a carriage return, a BEL and a bidi override.
const hostile = `{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],` +
	`"id":"urn:uuid:1","type":["VerifiableCredential","OpenBadgeCredential"],"issuer":{"id":"did:key:z6Mk","name":"Evil\u001b]0;pwned\u0007 Corp"},` +
	`"validFrom":"2026-01-01T00:00:00Z","name":"x","credentialSubject":{"type":["AchievementSubject"],"achievement":{"id":"urn:a","name":"\u001b[2J\u001b[31mRed\rBell\u0007\u202eName","description":"\u001b[5mblink\u0007 text"}}}`

// newPage returns the page over w, loaded, at the golden page size.
func newPage(t *testing.T, w *wallet.Wallet) (*Model, []tea.Msg) {
	t.Helper()
	c := uitest.Common(uitest.Services(t, w, nil))
	m := New(c)
	m.SetSize(c.Width, c.Height)
	_, msgs := uitest.Run(m, m.Init(), 4)
	return m, msgs
}

func press(t testing.TB, m *Model, keys ...string) []tea.Msg {
	var all []tea.Msg
	for _, k := range keys {
		_, cmd := m.Update(uitest.Key(k))
		_, msgs := uitest.Run(m, cmd, 4)
		all = append(all, msgs...)
	}
	return all
}

func find[T any](msgs []tea.Msg) (T, bool) {
	for _, m := range msgs {
		if v, ok := m.(T); ok {
			return v, true
		}
	}
	var zero T
	return zero, false
}

func names(m *Model) []string {
	var out []string
	for _, b := range m.rows {
		out = append(out, b.Name)
	}
	return out
}

func TestGoldenWallet(t *testing.T) {
	w := accepted(t, uitest.SomeBadges...)
	h := uitest.NewHarness(New(uitest.Common(uitest.Services(t, w, nil))))
	tm := uitest.Start(t, h)
	uitest.WaitFor(t, tm, "of 4")
	tm.Send(uitest.Key("down"))
	uitest.WaitFor(t, tm, "2 of 4")
	uitest.Golden(t, uitest.Final(t, tm))
}

// TestGoldenNarrow: below 100 columns the preview gives way to the list.
func TestGoldenNarrow(t *testing.T) {
	w := accepted(t, uitest.SomeBadges...)
	h := uitest.NewHarness(New(uitest.Common(uitest.Services(t, w, nil))))
	tm := uitest.Start(t, h)
	tm.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	uitest.WaitFor(t, tm, "of 4")
	uitest.Golden(t, uitest.Final(t, tm))
}

func TestGoldenEmpty(t *testing.T) {
	w := uitest.Wallet(t)
	h := uitest.NewHarness(New(uitest.Common(uitest.Services(t, w, nil))))
	tm := uitest.Start(t, h)
	uitest.WaitFor(t, tm, "empty")
	uitest.Golden(t, uitest.Final(t, tm))
}

func TestGoldenFilterNoMatch(t *testing.T) {
	w := accepted(t, uitest.SomeBadges...)
	h := uitest.NewHarness(New(uitest.Common(uitest.Services(t, w, nil))))
	tm := uitest.Start(t, h)
	uitest.WaitFor(t, tm, "of 4")
	tm.Send(uitest.Key("/"))
	tm.Send(uitest.Key("zzz"))
	uitest.WaitFor(t, tm, "No badge matches")
	uitest.Golden(t, uitest.Final(t, tm))
}

// TestGoldenHostileName: a badge whose name carries ANSI escapes, a
// carriage return and a BEL shows as harmless text.
func TestGoldenHostileName(t *testing.T) {
	w := uitest.Wallet(t)
	if _, _, err := w.Add(context.Background(), []byte(hostile)); err != nil {
		t.Fatal(err)
	}
	acceptAll(t, w)
	h := uitest.NewHarness(New(uitest.Common(uitest.Services(t, w, nil))))
	tm := uitest.Start(t, h)
	uitest.WaitFor(t, tm, "of 1")
	view := uitest.Final(t, tm)
	if strings.ContainsAny(view, "\x1b\a\r\u202e") {
		t.Fatalf("control characters in the view: %q", view)
	}
	if !strings.Contains(view, "Red BellName") || !strings.Contains(view, "Evil Corp") || !strings.Contains(view, "blink text") {
		t.Fatalf("strings not shown as text:\n%s", view)
	}
	uitest.Golden(t, view)
}

func TestMoveKeys(t *testing.T) {
	w := uitest.Wallet(t)
	ctx := context.Background()
	for i := range 30 {
		cred := strings.Replace(hostile, `"urn:uuid:1"`, fmt.Sprintf(`"urn:uuid:%d"`, i+10), 1)
		cred = strings.Replace(cred, `\u001b[2J\u001b[31mRed\rBell\u0007\u202eName`, fmt.Sprintf("Badge %02d", i), 1)
		if _, _, err := w.Add(ctx, []byte(cred)); err != nil {
			t.Fatal(err)
		}
	}
	acceptAll(t, w)
	tests := []struct {
		keys []string
		want int
	}{
		{[]string{"down"}, 1},
		{[]string{"j", "j", "k"}, 1},
		{[]string{"up"}, 0},
		{[]string{"G"}, 29},
		{[]string{"end", "home"}, 0},
		{[]string{"end", "g"}, 0},
		{[]string{"pgdown"}, 7}, // 7 three-line rows fit in 23 lines
		{[]string{"pgdown", "pgup"}, 0},
		{[]string{"G", "down"}, 29},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.keys, ","), func(t *testing.T) {
			m, _ := newPage(t, w)
			press(t, m, tc.keys...)
			if m.cursor != tc.want {
				t.Fatalf("cursor %d, want %d", m.cursor, tc.want)
			}
			b, ok := m.Selected()
			if !ok || !strings.Contains(m.View(), b.Name) {
				t.Fatalf("selected badge %q not on screen:\n%s", b.Name, m.View())
			}
		})
	}
	t.Run("wheel", func(t *testing.T) {
		m, _ := newPage(t, w)
		m.Update(tea.MouseMsg{Button: tea.MouseButtonWheelDown})
		m.Update(tea.MouseMsg{Button: tea.MouseButtonWheelDown})
		m.Update(tea.MouseMsg{Button: tea.MouseButtonWheelUp})
		if m.cursor != 1 {
			t.Fatalf("cursor %d after wheel down, down, up; want 1", m.cursor)
		}
	})
}

func TestFilter(t *testing.T) {
	w := accepted(t, uitest.SomeBadges...)
	m, _ := newPage(t, w)
	if m.total != 4 || m.All() != 4 {
		t.Fatalf("total %d, all %d; want 4", m.total, m.All())
	}
	press(t, m, "/")
	if !m.Capturing() {
		t.Fatal("/ does not focus the filter")
	}
	press(t, m, "u", "n", "i", "v")
	if m.total != 1 || !strings.Contains(strings.ToLower(names(m)[0]), "univ") {
		t.Fatalf("filter univ: %d badges %v", m.total, names(m))
	}
	if m.All() != 4 {
		t.Errorf("the tab count follows the filter: %d", m.All())
	}
	press(t, m, "enter")
	if m.Capturing() || m.filter.Value() != "univ" {
		t.Fatalf("enter should keep the filter and give the keys back (capturing %v, %q)", m.Capturing(), m.filter.Value())
	}
	press(t, m, "esc")
	if m.filter.Value() != "" || m.total != 4 {
		t.Fatalf("esc should clear the filter: %q, %d", m.filter.Value(), m.total)
	}
	press(t, m, "/", "x", "esc")
	if m.Capturing() || m.filter.Value() != "" || m.total != 4 {
		t.Fatalf("esc in the input clears and leaves it: %v %q %d", m.Capturing(), m.filter.Value(), m.total)
	}
}

func TestSortKeys(t *testing.T) {
	w := accepted(t, uitest.SomeBadges...)
	m, _ := newPage(t, w)
	newest := names(m)
	press(t, m, "o", "o") // added → issued → name
	if sorts[m.sortIdx].key != "name" || m.desc {
		t.Fatalf("sort %s desc %v", sorts[m.sortIdx].key, m.desc)
	}
	byName := names(m)
	for i := 1; i < len(byName); i++ {
		if strings.ToLower(byName[i-1]) > strings.ToLower(byName[i]) {
			t.Fatalf("not sorted by name: %v", byName)
		}
	}
	if !strings.Contains(m.View(), "by name A→Z") {
		t.Errorf("status line does not say the order:\n%s", m.View())
	}
	press(t, m, "O")
	rev := names(m)
	if rev[0] != byName[len(byName)-1] {
		t.Fatalf("O does not reverse: %v then %v", byName, rev)
	}
	press(t, m, "o", "o", "o") // issuer, expires, back to added (newest first)
	if sorts[m.sortIdx].key != "added" || !m.desc || strings.Join(names(m), "|") != strings.Join(newest, "|") {
		t.Fatalf("cycle back to newest first: %s %v %v", sorts[m.sortIdx].key, m.desc, names(m))
	}
}

func TestOpenShareKeys(t *testing.T) {
	w := accepted(t, uitest.SomeBadges...)
	m, _ := newPage(t, w)
	b, _ := m.Selected()
	if msg, ok := find[common.OpenBadgeMsg](press(t, m, "enter")); !ok || msg.ID != b.ID {
		t.Fatalf("enter: %v %v", msg, ok)
	}
	if msg, ok := find[common.OpenShareMsg](press(t, m, "s")); !ok || msg.ID != b.ID {
		t.Fatalf("s: %v %v", msg, ok)
	}
}

func TestPrivacyKey(t *testing.T) {
	w := accepted(t, uitest.SomeBadges...)
	m, _ := newPage(t, w)
	b, _ := m.Selected()
	msgs := press(t, m, "p")
	if _, ok := find[common.WalletChangedMsg](msgs); !ok {
		t.Fatalf("p sent no WalletChangedMsg: %v", msgs)
	}
	toast, _ := find[common.ToastMsg](msgs)
	if !strings.Contains(toast.Text, "is now public") {
		t.Fatalf("toast %q", toast.Text)
	}
	d, err := w.Badge(context.Background(), b.ID)
	if err != nil || d.Privacy != "public" {
		t.Fatalf("badge privacy %q, %v", d.Privacy, err)
	}
	m.Update(common.WalletChangedMsg{})
	_, msgs = uitest.Run(m, m.reload(), 2)
	if b, _ := m.Selected(); b.Privacy != "public" || !strings.Contains(m.View(), "public") {
		t.Fatalf("the row does not show public:\n%s", m.View())
	}
	press(t, m, "p")
	if d, _ := w.Badge(context.Background(), b.ID); d.Privacy != "private" {
		t.Fatalf("second p: %q", d.Privacy)
	}
}

func TestVerifyKey(t *testing.T) {
	w := accepted(t, "fixtures/1edtech-validator/ob30/complete.json")
	m, _ := newPage(t, w)
	_, cmd := m.Update(uitest.Key("v"))
	if !strings.Contains(m.View(), "checking") {
		t.Fatalf("no checking state while verifying:\n%s", m.View())
	}
	_, msgs := uitest.Run(m, cmd, 2)
	toast, ok := find[common.ToastMsg](msgs)
	if !ok || toast.Err {
		t.Fatalf("v: %v", msgs)
	}
	d, _ := w.Badge(context.Background(), m.rows[0].ID)
	if d.Report == nil || !strings.Contains(toast.Text, strings.TrimPrefix(common.VerificationWord(d.Verification), "")) {
		t.Fatalf("report %v, toast %q, state %q", d.Report, toast.Text, d.Verification)
	}
}

func TestReloadKeyAndStale(t *testing.T) {
	w := accepted(t, uitest.SomeBadges...)
	m, _ := newPage(t, w)
	if _, _, err := w.Add(context.Background(), []byte(hostile)); err != nil {
		t.Fatal(err)
	}
	acceptAll(t, w)
	press(t, m, "r")
	if m.total != 5 {
		t.Fatalf("r: total %d, want 5", m.total)
	}
	// An answer to an older request is ignored.
	m.Update(pageMsg{req: m.req - 1, page: wallet.Page{Total: 99}})
	if m.total != 5 {
		t.Fatal("stale page applied")
	}
	m.Update(pageMsg{req: m.req, err: errors.New("disk on fire")})
	if m.err == nil {
		t.Fatal("error dropped")
	}
}

// TestThumbnailProfiles: a baked PNG badge's artwork is drawn with half
// blocks in the terminal's colours — true colour, 256 or 16 colours —
// and as a box with initials without colour (NO_COLOR, ASCII).
func TestThumbnailProfiles(t *testing.T) {
	defer uitest.ASCII()
	w := accepted(t, "fixtures/bakery/concentricsky/baked_heart.png")
	for _, tc := range []struct {
		p    termenv.Profile
		want string
	}{
		{termenv.TrueColor, "38;2;"},
		{termenv.ANSI256, "38;5;"},
		{termenv.ANSI, "\x1b[9"},
		{termenv.Ascii, "╭"},
	} {
		lipgloss.SetColorProfile(tc.p)
		m, _ := newPage(t, w)
		b, _ := m.Selected()
		small, big := m.thumbs(b)
		if !strings.Contains(small, tc.want) || !strings.Contains(big, tc.want) {
			t.Errorf("profile %v: thumbnail %q", tc.p, small)
		}
		if tc.p != termenv.Ascii && !strings.ContainsAny(small, "▀▄") {
			t.Errorf("profile %v: no half blocks in %q", tc.p, small)
		}
		for _, l := range strings.Split(small, "\n") {
			if w := lipgloss.Width(l); w != thumbCols {
				t.Errorf("profile %v: thumbnail line %d cells wide", tc.p, w)
			}
		}
	}
}

// TestStatusLineFits: with the filter open, the status line keeps the
// order and position in view at 80 columns.
func TestStatusLineFits(t *testing.T) {
	w := accepted(t, uitest.SomeBadges...)
	m, _ := newPage(t, w)
	m.SetSize(80, 19)
	press(t, m, "/", "e")
	line := strings.Split(m.View(), "\n")[0]
	if lipgloss.Width(line) > 80 || !strings.Contains(line, "newest first · 1 of") {
		t.Fatalf("status line %d wide: %q", lipgloss.Width(line), line)
	}
}

// TestLongStateWordsFit: the longest verification words ("✖ recipient
// mismatch") widen their column instead of the row, so that no row is
// wider than the list (beside the preview, or alone).
func TestLongStateWordsFit(t *testing.T) {
	w := accepted(t, uitest.SomeBadges...)
	m, _ := newPage(t, w)
	for _, v := range []string{"recipient-mismatch", "not-yet-valid", "unverifiable-offline", "verified"} {
		m.rows[0].Verification = v
		for _, size := range [][2]int{{100, 25}, {80, 19}} {
			m.SetSize(size[0], size[1])
			for i, l := range strings.Split(m.rowsView(size[1]-2), "\n") {
				if lipgloss.Width(l) > m.listWidth() {
					t.Errorf("%s at %v: row line %d is %d cells, the list %d: %q", v, size, i, lipgloss.Width(l), m.listWidth(), l)
				}
			}
			uitest.CheckSize(t, m.View(), size[0], size[1])
		}
	}
}

// TestTinySizes: a page too small for a row draws exactly its height and
// does not panic.
func TestTinySizes(t *testing.T) {
	w := accepted(t, uitest.SomeBadges...)
	m, _ := newPage(t, w)
	for _, width := range []int{100, 80} {
		for h := 1; h <= 4; h++ {
			m.SetSize(width, h)
			if n := len(strings.Split(m.View(), "\n")); n != h {
				t.Fatalf("%dx%d: %d lines", width, h, n)
			}
		}
	}
	m.SetSize(0, 0)
	_ = m.View()
}

// TestStatusLineLongParts: a long filter, a pending order and six-digit
// counts still fit in 80 columns, the position kept.
func TestStatusLineLongParts(t *testing.T) {
	w := accepted(t, uitest.SomeBadges...)
	m, _ := newPage(t, w)
	m.SetSize(80, 19)
	m.filter.SetValue(strings.Repeat("abcdefgh", 8))
	m.total, m.cursor, m.sortIdx = 123456, 123455, 1 // "sorting…": the rows are still newest first
	for _, filtering := range []bool{false, true} {
		m.filtering = filtering
		line := m.statusLine()
		if lipgloss.Width(line) > 80 || !strings.Contains(line, "123,456 of 123,456") {
			t.Fatalf("filtering %v: status line %d wide: %q", filtering, lipgloss.Width(line), line)
		}
	}
}

// TestResizeKeepsRequest: a resize that shows rows not loaded yet does
// not hand out a request id whose Cmd nobody runs (the answer in flight
// would be dropped as stale and the rows never come); the next message
// asks for them.
func TestResizeKeepsRequest(t *testing.T) {
	w := accepted(t, uitest.SomeBadges...)
	m, _ := newPage(t, w)
	m.rows = m.rows[:1] // as if only the first row were loaded
	req := m.req
	m.SetSize(80, 40)
	if m.req != req || m.loading {
		t.Fatalf("SetSize started request %d (was %d) that no Cmd runs", m.req, req)
	}
	_, cmd := m.Update(tea.MouseMsg{}) // any message
	uitest.Run(m, cmd, 4)
	if len(m.rows) != 4 || m.loading {
		t.Fatalf("after the resize: %d rows loaded, loading %v", len(m.rows), m.loading)
	}
}

// TestActionErrorClearsBusy: a failed verify does not leave "checking"
// on the badge (no WalletChangedMsg follows a failure).
func TestActionErrorClearsBusy(t *testing.T) {
	w := accepted(t, uitest.SomeBadges...)
	m, _ := newPage(t, w)
	id := m.rows[0].ID
	m.Update(uitest.Key("v")) // the Cmd is not run: it fails instead
	if _, ok := m.busy[id]; !ok {
		t.Fatal("v did not mark the badge busy")
	}
	m.Update(actionMsg{id: id, err: errors.New("network down")})
	if _, ok := m.busy[id]; ok || strings.Contains(m.View(), "checking") {
		t.Fatalf("still checking after the failure:\n%s", m.View())
	}
}

// TestFilterFuzzy: a filter that finds nothing as typed looks for its
// letters in order, and says so; typing on starts over as typed.
func TestFilterFuzzy(t *testing.T) {
	w := accepted(t, uitest.SomeBadges...)
	m, _ := newPage(t, w)
	press(t, m, "/", "1", "e", "u", "d") // 1EdTech University Degree
	if !m.fuzzy || m.total != 1 || names(m)[0] != "1EdTech University Degree" {
		t.Fatalf("fuzzy %v, %d badges %v", m.fuzzy, m.total, names(m))
	}
	if line := strings.Split(m.View(), "\n")[0]; !strings.Contains(line, "letters in order") {
		t.Fatalf("the status line does not say the match is by letters in order: %q", line)
	}
	press(t, m, "backspace", "backspace", "backspace", "backspace", "u", "n", "i", "v")
	if m.fuzzy || m.total != 1 {
		t.Fatalf("a plain match should not be fuzzy: %v %d", m.fuzzy, m.total)
	}
	press(t, m, "esc", "/", "q", "q", "q")
	if !m.fuzzy || m.total != 0 || !strings.Contains(m.View(), "No badge matches") {
		t.Fatalf("nothing either way: fuzzy %v total %d\n%s", m.fuzzy, m.total, m.View())
	}
}
