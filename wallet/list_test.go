package wallet_test

import (
	"context"
	"path/filepath"
	"testing"

	_ "modernc.org/sqlite"

	"badgewallet/internal/benchdata"
	"badgewallet/wallet"
)

// TestListCountFollowsChanges: the total of a search is remembered, and
// forgotten as soon as the wallet changes, also from another process (a
// second connection here).
func TestListCountFollowsChanges(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	w, err := wallet.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if p, err := w.List(ctx, wallet.ListOptions{Search: "python"}); err != nil || p.Total != 0 {
		t.Fatalf("empty wallet: %+v %v", p, err) // generation 0: the first count
	}
	benchdata.FillWallet(t, path, 300)
	total := func(o wallet.ListOptions) int {
		t.Helper()
		p, err := w.List(ctx, o)
		if err != nil {
			t.Fatal(err)
		}
		return p.Total
	}
	if n := total(wallet.ListOptions{Search: "python"}); n != 60 {
		t.Fatalf("python: %d, want 60", n)
	}
	if n := total(wallet.ListOptions{Search: "python", Acceptance: "accepted"}); n != 20 {
		t.Fatalf("python accepted: %d, want 20", n)
	}
	other, err := wallet.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	p, _ := other.List(ctx, wallet.ListOptions{Search: "python", Acceptance: "pending", Limit: 1})
	if err := other.Accept(ctx, p.Items[0].ID); err != nil {
		t.Fatal(err)
	}
	if n := total(wallet.ListOptions{Search: "python", Acceptance: "accepted"}); n != 21 {
		t.Fatalf("after an accept elsewhere: %d, want 21", n)
	}
}

// BenchmarkList: one page (50 rows, sorted by name, filtered by a search
// word) with its total, from a 100,000-badge wallet: the first page again
// and again ("first"), and paging through the first four pages of one
// search ("paging"), as the list screen does. The total is counted once
// per search while the wallet does not change; store's BenchmarkListBadges
// has the rows and the count apart, as for a new search.
func BenchmarkList(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "w.db")
	w, err := wallet.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	benchdata.FillWallet(b, path, 100_000)
	for _, word := range []string{"python", "00042"} {
		b.Run("first/"+word, func(b *testing.B) {
			for b.Loop() {
				p, err := w.List(ctx, wallet.ListOptions{Search: word, Sort: "name"})
				if err != nil || len(p.Items) == 0 {
					b.Fatal(err)
				}
			}
		})
		b.Run("paging/"+word, func(b *testing.B) {
			i := 0
			for b.Loop() {
				p, err := w.List(ctx, wallet.ListOptions{Search: word, Sort: "name", Offset: (i % 4) * 50})
				if err != nil || p.Total == 0 {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
