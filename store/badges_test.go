package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestInsertBadgeRoundTrip(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	original := []byte("\x89PNG\r\n\x1a\n...baked...")
	in := Badge{
		ID:           999, // ignored
		CredentialID: "urn:uuid:1",
		Container:    "png",
		SpecVersion:  "3.0",
		Name:         "Go Programming",
		Description:  "Wrote Go.",
		IssuerName:   "Example U",
		IssuerID:     "did:key:z6Mk",
		Issued:       time.Date(2024, 5, 1, 12, 0, 0, 0, time.FixedZone("CEST", 2*3600)),
		Expires:      time.Date(2027, 5, 1, 0, 0, 0, 0, time.UTC),
		Recipient:    "sha256$abc",
		Verification: "valid",
		VerifiedAt:   time.Date(2024, 5, 2, 8, 30, 15, 999, time.UTC),
		Privacy:      "public",
		Acceptance:   "accepted",
		Added:        time.Date(2024, 5, 3, 0, 0, 0, 0, time.UTC),
		ImageType:    "image/png",
	}
	id, inserted, err := db.InsertBadge(ctx, in, original)
	if err != nil || !inserted {
		t.Fatalf("InsertBadge = %d, %v, %v", id, inserted, err)
	}
	got, err := db.GetBadge(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(original)
	want := in
	want.ID = id
	want.ContentHash = hex.EncodeToString(sum[:])
	want.Issued = in.Issued.UTC()
	want.VerifiedAt = in.VerifiedAt.Truncate(time.Second)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("GetBadge:\n got %+v\nwant %+v", got, want)
	}
	orig, err := db.BadgeOriginal(ctx, id)
	if err != nil || string(orig) != string(original) {
		t.Errorf("BadgeOriginal = %q, %v", orig, err)
	}
}

func TestInsertBadgeDefaults(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	before := time.Now().Add(-time.Second)
	id, _, err := db.InsertBadge(ctx, Badge{Container: "json", SpecVersion: "2.0", Name: "N"}, []byte("{}"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := db.GetBadge(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if b.Privacy != "private" || b.Acceptance != "pending" || b.Verification != "unchecked" {
		t.Errorf("defaults: privacy %q acceptance %q verification %q", b.Privacy, b.Acceptance, b.Verification)
	}
	if b.Added.Before(before) || b.Added.After(time.Now()) || b.Added.Location() != time.UTC {
		t.Errorf("Added = %v, want now in UTC", b.Added)
	}
	if !b.Issued.IsZero() || !b.Expires.IsZero() || !b.VerifiedAt.IsZero() || b.Description != "" {
		t.Errorf("empty fields did not come back empty: %+v", b)
	}
	var isNull bool
	db.SQL().QueryRowContext(ctx, `SELECT issued IS NULL AND description IS NULL FROM badges WHERE id = ?`, id).Scan(&isNull)
	if !isNull {
		t.Error("zero time / empty string not stored as NULL")
	}
}

func TestInsertBadgeDedupe(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	b := Badge{Container: "svg", SpecVersion: "2.0", Name: "First"}
	id1, ins1, err := db.InsertBadge(ctx, b, []byte("<svg/>"))
	if err != nil || !ins1 {
		t.Fatalf("first insert: %d %v %v", id1, ins1, err)
	}
	b.Name = "Second"
	b.Acceptance = "accepted"
	id2, ins2, err := db.InsertBadge(ctx, b, []byte("<svg/>"))
	if err != nil || ins2 || id2 != id1 {
		t.Fatalf("second insert of the same bytes = %d, %v, %v; want %d, false, nil", id2, ins2, err, id1)
	}
	got, _ := db.GetBadge(ctx, id1)
	if got.Name != "First" || got.Acceptance != "pending" {
		t.Errorf("duplicate insert changed the row: %+v", got)
	}
	if n, _ := db.CountBadges(ctx, ListQuery{}); n != 1 {
		t.Errorf("%d badges, want 1", n)
	}
	id3, ins3, err := db.InsertBadge(ctx, b, []byte("<svg />"))
	if err != nil || !ins3 || id3 == id1 {
		t.Errorf("different bytes: %d, %v, %v", id3, ins3, err)
	}
}

func TestInsertBadgeRejects(t *testing.T) {
	ok := Badge{Container: "json", SpecVersion: "3.0", Name: "N"}
	with := func(f func(*Badge)) Badge { b := ok; f(&b); return b }
	for _, tc := range []struct {
		name     string
		b        Badge
		original []byte
	}{
		{"no bytes", ok, nil},
		{"wrong hash", with(func(b *Badge) { b.ContentHash = strings.Repeat("0", 64) }), []byte("x")},
		{"no container", with(func(b *Badge) { b.Container = "" }), []byte("x")},
		{"no spec version", with(func(b *Badge) { b.SpecVersion = "" }), []byte("x")},
		{"bad privacy", with(func(b *Badge) { b.Privacy = "friends" }), []byte("x")},
		{"bad acceptance", with(func(b *Badge) { b.Acceptance = "maybe" }), []byte("x")},
		{"year 10000", with(func(b *Badge) { b.Expires = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }), []byte("x")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := openTest(t)
			if _, _, err := db.InsertBadge(context.Background(), tc.b, tc.original); err == nil {
				t.Error("accepted")
			}
		})
	}
	t.Run("given hash matching, any case", func(t *testing.T) {
		db := openTest(t)
		sum := sha256.Sum256([]byte("x"))
		b := with(func(b *Badge) { b.ContentHash = strings.ToUpper(hex.EncodeToString(sum[:])) })
		if _, _, err := db.InsertBadge(context.Background(), b, []byte("x")); err != nil {
			t.Error(err)
		}
	})
}

func TestNotFound(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	for name, err := range map[string]error{
		"GetBadge":             func() error { _, err := db.GetBadge(ctx, 42); return err }(),
		"BadgeOriginal":        func() error { _, err := db.BadgeOriginal(ctx, 42); return err }(),
		"SetBadgeAcceptance":   db.SetBadgeAcceptance(ctx, 42, "accepted"),
		"SetBadgePrivacy":      db.SetBadgePrivacy(ctx, 42, "public"),
		"SetBadgeVerification": db.SetBadgeVerification(ctx, 42, "valid", time.Now()),
	} {
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("%s: err = %v, want ErrNotFound", name, err)
		} else if !strings.Contains(err.Error(), "42") {
			t.Errorf("%s: error %q does not name the id", name, err)
		}
	}
}

func TestSetBadgeState(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	id, _, err := db.InsertBadge(ctx, Badge{Container: "json", SpecVersion: "3.0", Name: "N"}, []byte("{}"))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, err := range []error{
		db.SetBadgeAcceptance(ctx, id, "rejected"),
		db.SetBadgePrivacy(ctx, id, "public"),
		db.SetBadgeVerification(ctx, id, "invalid: revoked", at),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	b, _ := db.GetBadge(ctx, id)
	if b.Acceptance != "rejected" || b.Privacy != "public" || b.Verification != "invalid: revoked" || !b.VerifiedAt.Equal(at) {
		t.Errorf("after setters: %+v", b)
	}
	if err := db.SetBadgeVerification(ctx, id, "unchecked", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if b, _ := db.GetBadge(ctx, id); !b.VerifiedAt.IsZero() {
		t.Errorf("zero time did not clear verified_at: %v", b.VerifiedAt)
	}
	for name, err := range map[string]error{
		"acceptance":   db.SetBadgeAcceptance(ctx, id, "maybe"),
		"privacy":      db.SetBadgePrivacy(ctx, id, "friends"),
		"verification": db.SetBadgeVerification(ctx, id, "", at),
	} {
		if err == nil || errors.Is(err, ErrNotFound) {
			t.Errorf("bad %s: err = %v", name, err)
		}
	}
}

// listFixture stores badges with names, issuers and dates chosen for the
// list tests, and returns their ids by name.
func listFixture(t *testing.T, db *DB) map[string]int64 {
	t.Helper()
	day := func(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }
	ids := map[string]int64{}
	for i, b := range []Badge{
		{Name: "alpha", IssuerName: "Zeta Org", Issued: day(5), Expires: day(20), Added: day(1), Acceptance: "accepted"},
		{Name: "Bravo", IssuerName: "yankee inc", Issued: day(3), Added: day(2), Description: "100% effort"},
		{Name: "charlie_x", IssuerName: "", Issued: time.Time{}, Expires: day(10), Added: day(3), Acceptance: "rejected"},
		{Name: `O'Brien "Quoted" badge`, IssuerName: "Xray", Issued: day(4), Added: day(4)},
		{Name: "delta", IssuerName: "Whiskey", Issued: day(1), Added: day(5), Description: `path C:\temp\x`},
		{Name: "charlieAx", IssuerName: "Victor", Issued: day(2), Added: day(6), Acceptance: "accepted"},
	} {
		b.Container, b.SpecVersion = "json", "3.0"
		id, _, err := db.InsertBadge(context.Background(), b, fmt.Appendf(nil, "badge %d", i))
		if err != nil {
			t.Fatal(err)
		}
		ids[b.Name] = id
	}
	return ids
}

func TestListBadges(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	listFixture(t, db)
	const quoted = `O'Brien "Quoted" badge`
	for _, tc := range []struct {
		name string
		q    ListQuery
		want []string // names, in order
	}{
		{"default newest first", ListQuery{}, []string{"charlieAx", "delta", quoted, "charlie_x", "Bravo", "alpha"}},
		{"added ascending", ListQuery{Sort: "added"}, []string{"alpha", "Bravo", "charlie_x", quoted, "delta", "charlieAx"}},
		{"name, case-insensitive", ListQuery{Sort: "name"}, []string{"alpha", "Bravo", "charlie_x", "charlieAx", "delta", quoted}},
		{"name desc", ListQuery{Sort: "name", Desc: true}, []string{quoted, "delta", "charlieAx", "charlie_x", "Bravo", "alpha"}},
		{"issued, missing last", ListQuery{Sort: "issued"}, []string{"delta", "charlieAx", "Bravo", quoted, "alpha", "charlie_x"}},
		{"issued desc, missing last", ListQuery{Sort: "issued", Desc: true}, []string{"alpha", quoted, "Bravo", "charlieAx", "delta", "charlie_x"}},
		{"issuer", ListQuery{Sort: "issuer"}, []string{"charlieAx", "delta", quoted, "Bravo", "alpha", "charlie_x"}},
		{"expires", ListQuery{Sort: "expires"}, []string{"charlie_x", "alpha", "Bravo", quoted, "delta", "charlieAx"}},
		{"search name any case", ListQuery{Search: "ALPH"}, []string{"alpha"}},
		{"search issuer", ListQuery{Search: "yank", Sort: "name"}, []string{"Bravo"}},
		{"search trims spaces", ListQuery{Search: "  delta "}, []string{"delta"}},
		{"underscore is literal", ListQuery{Search: "charlie_", Sort: "name"}, []string{"charlie_x"}},
		{"percent is literal", ListQuery{Search: "100%", Sort: "name"}, []string{"Bravo"}},
		{"lone percent", ListQuery{Search: "%", Sort: "name"}, []string{"Bravo"}},
		{"backslash is literal", ListQuery{Search: `C:\temp`}, []string{"delta"}},
		{"quotes", ListQuery{Search: `'Brien "Quo`}, []string{quoted}},
		{"sql in search", ListQuery{Search: `' OR 1=1 --`}, nil},
		{"acceptance", ListQuery{Acceptance: "accepted", Sort: "name"}, []string{"alpha", "charlieAx"}},
		{"acceptance and search", ListQuery{Acceptance: "pending", Search: "a", Sort: "name"}, []string{"Bravo", "delta", quoted}},
		{"page 1", ListQuery{Sort: "name", Limit: 2}, []string{"alpha", "Bravo"}},
		{"page 2", ListQuery{Sort: "name", Limit: 2, Offset: 2}, []string{"charlie_x", "charlieAx"}},
		{"past the end", ListQuery{Sort: "name", Limit: 2, Offset: 6}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			badges, err := db.ListBadges(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, b := range badges {
				got = append(got, b.Name)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
			n, err := db.CountBadges(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if tc.q.Limit == 0 && n != len(tc.want) {
				t.Errorf("CountBadges = %d, want %d", n, len(tc.want))
			}
		})
	}
}

func TestListBadgesRejects(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	for _, q := range []ListQuery{
		{Sort: "name; DROP TABLE badges"},
		{Sort: "Name"},
		{Acceptance: "maybe"},
		{Limit: -1},
		{Offset: -1},
	} {
		if _, err := db.ListBadges(ctx, q); err == nil {
			t.Errorf("%+v accepted", q)
		}
	}
	if _, err := db.CountBadges(ctx, ListQuery{Acceptance: "maybe"}); err == nil {
		t.Error("CountBadges accepted a bad acceptance")
	}
}

func TestListBadgesLimit(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	err := db.WithTx(ctx, func(tx *sql.Tx) error {
		for i := range 1100 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO badges (content_hash, container, spec_version, name, added)
				VALUES (?, 'json', '3.0', ?, '2024-01-01T00:00:00Z')`, fmt.Sprint(i), fmt.Sprint(i)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ limit, want int }{{0, 50}, {7, 7}, {1000, 1000}, {5000, 1000}} {
		badges, err := db.ListBadges(ctx, ListQuery{Limit: tc.limit})
		if err != nil {
			t.Fatal(err)
		}
		if len(badges) != tc.want {
			t.Errorf("Limit %d: %d rows, want %d", tc.limit, len(badges), tc.want)
		}
	}
}
