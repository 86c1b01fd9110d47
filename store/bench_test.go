package store

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"
)

// benchWords are mixed into badge names; "python" is in one name in five.
var benchWords = []string{"Go", "Python", "Rust", "SQL", "Kubernetes"}

// benchDB fills a wallet with n badges in one transaction through prepared
// statements.
func benchDB(b *testing.B, n int) *DB {
	b.Helper()
	db := openTest(b)
	ctx := context.Background()
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	err := db.WithTx(ctx, func(tx *sql.Tx) error {
		badge, err := tx.PrepareContext(ctx, `INSERT INTO badges
			(content_hash, credential_id, container, spec_version, name, description,
			 issuer_name, issuer_id, issued, recipient, acceptance, added, image_type)
			VALUES (?, ?, 'png', '3.0', ?, ?, ?, ?, ?, ?, ?, ?, 'image/png')`)
		if err != nil {
			return err
		}
		defer badge.Close()
		file, err := tx.PrepareContext(ctx, `INSERT INTO badge_files (badge_id, original) VALUES (?, ?)`)
		if err != nil {
			return err
		}
		defer file.Close()
		blob := make([]byte, 256)
		for i := range n {
			word := benchWords[i%len(benchWords)]
			// Spread names over the alphabet so that sorting by name is real work.
			name := fmt.Sprintf("%c%05d %s Practitioner", 'A'+rune((i*7919)%26), (i*104729)%n, word)
			res, err := badge.ExecContext(ctx,
				fmt.Sprintf("%064x", i), fmt.Sprintf("urn:uuid:%d", i), name,
				"Awarded for demonstrating skills in "+word+".",
				fmt.Sprintf("Issuer %d", i%97), fmt.Sprintf("did:key:z%d", i%97),
				formatTime(start.Add(time.Duration(i)*time.Hour)), "sha256$00",
				acceptanceValues[i%3], formatTime(start.Add(time.Duration(i)*time.Minute)))
			if err != nil {
				return err
			}
			id, err := res.LastInsertId()
			if err != nil {
				return err
			}
			if _, err := file.ExecContext(ctx, id, blob); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.SQL().ExecContext(ctx, `ANALYZE`); err != nil {
		b.Fatal(err)
	}
	return db
}

// BenchmarkListBadges measures one page of 50 rows out of 100,000 badges.
// The headline case is "name/search": sorted by name, filtered by a word.
func BenchmarkListBadges(b *testing.B) {
	db := benchDB(b, 100_000)
	ctx := context.Background()
	for _, bc := range []struct {
		name string
		q    ListQuery
	}{
		{"name/search", ListQuery{Sort: "name", Search: "python"}},
		{"name/search/page100", ListQuery{Sort: "name", Search: "python", Offset: 100 * 50}},
		{"name/search-rare", ListQuery{Sort: "name", Search: "00042"}},
		{"name/search-medium", ListQuery{Sort: "name", Search: "issuer 42"}},
		{"added/search", ListQuery{Search: "python"}},
		{"issued/pending/search", ListQuery{Sort: "issued", Desc: true, Acceptance: "pending", Search: "rust"}},
		{"added/all", ListQuery{}},
		{"added/accepted/search", ListQuery{Sort: "added", Desc: true, Acceptance: "accepted", Search: "python"}},
		{"added/accepted/two-words", ListQuery{Sort: "added", Desc: true, Acceptance: "accepted", Search: "practitioner python"}},
		{"issued/pending", ListQuery{Sort: "issued", Desc: true, Acceptance: "pending"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				badges, err := db.ListBadges(ctx, bc.q)
				if err != nil {
					b.Fatal(err)
				}
				if len(badges) == 0 {
					b.Fatal("no rows")
				}
			}
		})
	}
	for _, word := range []string{"python", "00042"} {
		b.Run("count/search-"+word, func(b *testing.B) {
			for b.Loop() {
				if _, err := db.CountBadges(ctx, ListQuery{Search: word}); err != nil {
					b.Fatal(err)
				}
			}
		})
		// What the Wallet page counts on each new filter: accepted badges.
		b.Run("count/accepted/search-"+word, func(b *testing.B) {
			for b.Loop() {
				if _, err := db.CountBadges(ctx, ListQuery{Search: word, Acceptance: "accepted"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
