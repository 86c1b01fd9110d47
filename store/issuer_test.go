package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"
)

// openIssuerTest opens a fresh issuer database in a temporary directory.
func openIssuerTest(t testing.TB) *DB {
	t.Helper()
	db, err := OpenIssuer(context.Background(), filepath.Join(t.TempDir(), "issuer.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	return db
}

func TestAwardsNewestFirst(t *testing.T) {
	ctx := context.Background()
	db := openIssuerTest(t)
	day := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	seed := []Award{
		{CredentialID: "urn:uuid:1", Email: "ann@example.org", AchievementID: "cl-900", AwardedOn: day},
		{CredentialID: "urn:uuid:2", Email: "bob@example.org", AchievementID: "cl-303", AwardedOn: day.Add(24 * time.Hour)},
		{CredentialID: "urn:uuid:3", Email: "cy@example.org", AchievementID: "cl-304", AwardedOn: day.Add(48 * time.Hour)},
	}
	for _, a := range seed {
		err := db.WithTx(ctx, func(tx *sql.Tx) error {
			id, err := db.NextAwardID(ctx, tx)
			if err != nil {
				return err
			}
			a.ID = id
			a.Credential, a.BakedPNG, a.BakedSVG = []byte(`{"id":"x"}`), []byte("png"), []byte("<svg/>")
			return db.InsertAward(ctx, tx, a)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := db.RevokeAward(ctx, "urn:uuid:2", "issued by mistake"); err != nil {
		t.Fatal(err)
	}
	claimed := day.Add(72 * time.Hour)
	if err := db.MarkClaimed(ctx, 1, claimed); err != nil {
		t.Fatal(err)
	}
	// The rows every listing is checked against, newest first.
	want := []Award{
		{ID: 3, CredentialID: "urn:uuid:3", Email: "cy@example.org", AchievementID: "cl-304", AwardedOn: day.Add(48 * time.Hour)},
		{ID: 2, CredentialID: "urn:uuid:2", Email: "bob@example.org", AchievementID: "cl-303", AwardedOn: day.Add(24 * time.Hour), Revoked: true, RevokedReason: "issued by mistake"},
		{ID: 1, CredentialID: "urn:uuid:1", Email: "ann@example.org", AchievementID: "cl-900", AwardedOn: day, ClaimedAt: claimed},
	}
	for _, tc := range []struct {
		name  string
		limit int
		want  []Award
	}{
		{"all", 10, want},
		{"exact", 3, want},
		{"limited", 2, want[:2]},
		{"one", 1, want[:1]},
		{"zero lists the default", 0, want},
		{"negative lists the default", -1, want},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := db.Awards(ctx, tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("%d awards, want %d: %+v", len(got), len(tc.want), got)
			}
			for i, g := range got {
				w := tc.want[i]
				if g.ID != w.ID || g.CredentialID != w.CredentialID || g.Email != w.Email || g.AchievementID != w.AchievementID ||
					!g.AwardedOn.Equal(w.AwardedOn) || g.Revoked != w.Revoked || g.RevokedReason != w.RevokedReason || !g.ClaimedAt.Equal(w.ClaimedAt) {
					t.Errorf("row %d:\n got %+v\nwant %+v", i, g, w)
				}
				if g.Credential != nil || g.BakedPNG != nil || g.BakedSVG != nil {
					t.Errorf("row %d carries the blobs", i)
				}
			}
		})
	}
}

func TestAwardsEmpty(t *testing.T) {
	got, err := openIssuerTest(t).Awards(context.Background(), 10)
	if err != nil || got == nil || len(got) != 0 {
		t.Fatalf("empty issuer: %#v %v", got, err)
	}
}
