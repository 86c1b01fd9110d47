package benchdata

import (
	"bytes"
	"database/sql"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the database driver
)

// FillWallet adds n synthetic badge rows to the wallet database at path
// (already created by wallet.Open or store.Open) in one transaction, a
// third each pending, accepted and rejected, with names made of five
// skill words so that searches hit 1 in 5 (common) or one badge (rare:
// the five-digit number), then runs ANALYZE. The rows have no original
// file: a badge opened from them has no picture.
func FillWallet(tb testing.TB, path string, n int) {
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

// FillPictures gives the k newest badges of the wallet at path (the
// first pages in the default order) pic as their original file, so that
// their thumbnails are decoded as in a wallet of baked badges.
func FillPictures(tb testing.TB, path string, pic []byte, k int) {
	tb.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`INSERT OR REPLACE INTO badge_files (badge_id, original)
		SELECT id, ? FROM badges ORDER BY added DESC, id DESC LIMIT ?`, pic, k); err != nil {
		tb.Fatal(err)
	}
}

// Picture is a 256×256 PNG with a gradient and a disc, about the size and
// decoding cost of a badge's artwork.
func Picture(tb testing.TB) []byte {
	tb.Helper()
	const n = 256
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	for y := range n {
		for x := range n {
			dx, dy := x-n/2, y-n/2
			a := uint8(0)
			if dx*dx+dy*dy < (n/2-4)*(n/2-4) {
				a = 255
			}
			img.SetNRGBA(x, y, color.NRGBA{R: uint8(x), G: uint8(y), B: uint8((x * y) >> 8), A: a})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}
