package list

import (
	"context"
	"path/filepath"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"badgewallet/internal/benchdata"
	"badgewallet/ui/uitest"
	"badgewallet/wallet"
)

// bigPage opens a wallet of n synthetic badges (a third accepted) and the
// Wallet page over it, first page loaded.
func bigPage(b *testing.B, n int) *Model {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "wallet.db")
	w, err := wallet.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	w.Close()
	benchdata.FillWallet(b, path, n)
	w, err = wallet.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { w.Close() })
	c := uitest.Common(uitest.Services(b, w, nil))
	m := New(c)
	m.SetSize(c.Width, c.Height)
	uitest.Run(m, m.Init(), 3)
	if m.total == 0 {
		b.Fatal("nothing listed")
	}
	return m
}

// typeKeys alternates typing a letter and deleting it, so every
// keystroke changes the filter ("Pyth" ↔ "Pyt").
func typeKey(i int) tea.KeyMsg {
	if i%2 == 0 {
		return uitest.Key("h")
	}
	return uitest.Key("backspace")
}

// BenchmarkFilterKeystroke is one keystroke in the filter: Update (which
// starts the query in a Cmd, not run here) and View, on a 100,000-badge
// wallet. This is what the UI does between a key and the next frame.
func BenchmarkFilterKeystroke(b *testing.B) {
	m := bigPage(b, 100_000)
	press(nil, m, "/", "P", "y", "t")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Update(typeKey(i))
		_ = m.View()
	}
}

// BenchmarkFilterKeystrokeToResult is a keystroke until its rows are on
// screen: Update, the query Cmd (SQL: count and first page), the answer's
// Update and View.
func BenchmarkFilterKeystrokeToResult(b *testing.B) {
	m := bigPage(b, 100_000)
	press(nil, m, "/", "P", "y", "t")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Update(typeKey(i)) // its Cmd also blinks the cursor: run the query alone
		m.Update(m.load(m.req, 0, m.window())())
		_ = m.View()
	}
}

// BenchmarkScroll is one key down (Update and View), paging through SQL
// as the cursor leaves the loaded window.
func BenchmarkScroll(b *testing.B) {
	m := bigPage(b, 100_000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, cmd := m.Update(uitest.Key("down")); cmd != nil && m.loading {
			m.Update(m.load(m.req, max(m.top-m.visible(), 0), m.window())()) // the page the move asked for
		}
		_ = m.View()
	}
}
