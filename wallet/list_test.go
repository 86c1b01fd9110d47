package wallet_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"badgewallet/wallet"
)

// fillWallet adds n listing rows straight through SQL (what the list reads;
// no badge files), the way a wallet of n badges looks to List.
func fillWallet(tb testing.TB, path string, n int) {
	tb.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		tb.Fatal(err)
	}
	ins, err := tx.Prepare(`INSERT INTO badges (content_hash, container, spec_version, name, description, issuer_name, issued, acceptance, added)
		VALUES (?, 'json', '3.0', ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		tb.Fatal(err)
	}
	words := []string{"Go", "Python", "Rust", "SQL", "Kubernetes"}
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		word := words[i%len(words)]
		name := fmt.Sprintf("%c%05d %s Practitioner", 'A'+rune((i*7919)%26), (i*104729)%n, word)
		if _, err := ins.Exec(fmt.Sprintf("%064x", i), name, "Awarded for demonstrating skills in "+word+".",
			fmt.Sprintf("Issuer %d", i%97), start.Add(time.Duration(i)*time.Hour).Format(time.RFC3339),
			[]string{"pending", "accepted", "rejected"}[i%3], start.Add(time.Duration(i)*time.Minute).Format(time.RFC3339)); err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	if _, err := db.Exec(`ANALYZE`); err != nil {
		tb.Fatal(err)
	}
}

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
	fillWallet(t, path, 300)
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
	fillWallet(b, path, 100_000)
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
