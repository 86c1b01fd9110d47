package skills

import (
	"context"
	"os"
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

// demoSkills returns services over a wallet holding the demo issuer's
// badges for demo@example.com, accepted.
func demoSkills(t *testing.T) (*common.Services, *string) {
	t.Helper()
	ctx := context.Background()
	copied := new(string)
	svc := uitest.Services(t, uitest.Wallet(t), copied)
	res := uitest.Demo(t, svc, "demo@example.com")
	for _, a := range res.Awarded {
		data, err := svc.Issuer.CredentialJSON(ctx, a.CredentialID)
		if err != nil {
			t.Fatal(err)
		}
		s, _, err := svc.Wallet.Add(ctx, data)
		if err != nil {
			t.Fatal(err)
		}
		if err := svc.Wallet.Accept(ctx, s.ID); err != nil {
			t.Fatal(err)
		}
	}
	return svc, copied
}

func loaded(t *testing.T, svc *common.Services) *Model {
	t.Helper()
	m := New(uitest.Common(svc))
	uitest.Run(m, m.Init(), 3)
	if !m.loaded || m.err != nil {
		t.Fatalf("not loaded: %v", m.err)
	}
	return m
}

func TestKeysMoveAndCopy(t *testing.T) {
	svc, copied := demoSkills(t)
	m := loaded(t, svc)
	if len(m.skills) < 3 {
		t.Fatalf("%d skills, want a few", len(m.skills))
	}
	n := len(m.skills)
	for _, tc := range []struct {
		key  string
		want int
	}{{"down", 1}, {"j", 2}, {"up", 1}, {"k", 0}, {"end", n - 1}, {"G", n - 1}, {"home", 0}, {"pgdown", min(m.visible(), n-1)}, {"g", 0}} {
		uitest.Run(m, func() tea.Msg { return uitest.Key(tc.key) }, 2)
		if m.cursor != tc.want {
			t.Fatalf("%s: cursor %d, want %d", tc.key, m.cursor, tc.want)
		}
	}
	uitest.Run(m, func() tea.Msg { return tea.MouseMsg{Button: tea.MouseButtonWheelDown} }, 2)
	if m.cursor != 1 {
		t.Fatalf("wheel down: cursor %d", m.cursor)
	}
	uitest.Run(m, func() tea.Msg { return tea.MouseMsg{Button: tea.MouseButtonWheelUp} }, 2)
	if m.cursor != 0 {
		t.Fatalf("wheel up: cursor %d", m.cursor)
	}
	uitest.Run(m, func() tea.Msg { return uitest.Key("pgup") }, 2)
	for _, k := range []string{"c", "enter"} {
		*copied = ""
		uitest.Run(m, func() tea.Msg { return uitest.Key("down") }, 2)
		_, seen := uitest.Run(m, func() tea.Msg { return uitest.Key(k) }, 3)
		want := m.skills[m.cursor].JobSearch
		if *copied != want || !strings.HasPrefix(want, "https://www.linkedin.com/jobs/search/?keywords=") {
			t.Fatalf("%s copied %q, want %q", k, *copied, want)
		}
		if !hasToast(seen, "Copied") {
			t.Fatalf("%s: no copy toast in %v", k, seen)
		}
	}
}

func hasToast(seen []tea.Msg, s string) bool {
	for _, msg := range seen {
		if t, ok := msg.(common.ToastMsg); ok && strings.Contains(t.Text, s) && !t.Err {
			return true
		}
	}
	return false
}

func TestReloadOnChange(t *testing.T) {
	svc := uitest.Services(t, uitest.Wallet(t), nil)
	m := loaded(t, svc)
	if len(m.skills) != 0 || !strings.Contains(m.View(), "No skills yet") {
		t.Fatalf("empty wallet view:\n%s", m.View())
	}
	_, seen := uitest.Run(m, func() tea.Msg { return uitest.Key("c") }, 2)
	if !hasToast(seen, "no skill") {
		t.Fatalf("copy with no skill: %v", seen)
	}
	full, _ := demoSkills(t)
	m.c.Svc = full
	uitest.Run(m, common.Changed, 3)
	if len(m.skills) == 0 {
		t.Fatal("no reload on WalletChangedMsg")
	}
}

// TestHostileSkill: a tag holding escapes, CR and BEL is drawn as
// harmless text.
func TestHostileSkill(t *testing.T) {
	m := New(uitest.Common(uitest.Services(t, uitest.Wallet(t), nil)))
	m.Update(loadedMsg{req: m.req, skills: []wallet.Skill{{
		Name:   "evil\x1b[31mred\r\x07skill\x1b]0;title\x07",
		Badges: []string{"bad\x1b[2Jbadge\r\n"},
	}}})
	v := m.View()
	uitest.CheckHarmless(t, v, "evil", "badge")
	uitest.CheckSize(t, v, uitest.Width, uitest.Height-uitest.FrameLines)
}

func TestGoldenSkills(t *testing.T) {
	svc, _ := demoSkills(t)
	tm := uitest.Start(t, uitest.NewHarness(New(uitest.Common(svc))))
	uitest.WaitFor(t, tm, "Job search")
	tm.Send(uitest.Key("down"))
	uitest.WaitFor(t, tm, "2 of")
	uitest.Golden(t, uitest.Final(t, tm))
}

func TestGoldenEmpty(t *testing.T) {
	svc := uitest.Services(t, uitest.Wallet(t), nil)
	tm := uitest.Start(t, uitest.NewHarness(New(uitest.Common(svc))))
	uitest.WaitFor(t, tm, "No skills yet")
	uitest.Golden(t, uitest.Final(t, tm))
}
