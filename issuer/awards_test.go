package issuer

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestAwardsList(t *testing.T) {
	ctx := context.Background()
	is := openIssuer(t)
	type award struct{ email, id string }
	var creds []string // credential ids in award order
	var claimURL string
	for i, a := range []award{{"ann@example.org", "cl-900"}, {"bob@example.org", "cl-900"}, {"cy@example.org", "cl-303"}} {
		res, err := is.Award(ctx, a.email, a.id, day.Add(time.Duration(i)*24*time.Hour))
		if err != nil || len(res.Awarded) != 1 {
			t.Fatalf("award %v: %+v %v", a, res, err)
		}
		creds = append(creds, res.Awarded[0].CredentialID)
		if i == 0 {
			claimURL = res.Awarded[0].ClaimURL
		}
	}
	if err := is.Revoke(ctx, creds[1], "issued by mistake"); err != nil {
		t.Fatal(err)
	}
	// Ann claims hers: a code by mail (the outbox), then Confirm.
	token := claimURL[strings.LastIndex(claimURL, "/")+1:]
	if err := is.SendCode(ctx, token, "ann@example.org"); err != nil {
		t.Fatal(err)
	}
	msgs, err := is.Outbox(ctx, "ann@example.org", 1)
	if err != nil || len(msgs) != 1 {
		t.Fatalf("code message: %+v %v", msgs, err)
	}
	code := regexp.MustCompile(`\b\d{6}\b`).FindString(msgs[0].Body)
	if _, err := is.Confirm(ctx, token, "ann@example.org", code); err != nil {
		t.Fatal(err)
	}

	type row struct {
		cred, email, achievement string
		on                       time.Time
		revoked                  bool
		reason                   string
		claimed                  bool
	}
	all := []row{
		{creds[2], "cy@example.org", "cl-303", day.Add(48 * time.Hour), false, "", false},
		{creds[1], "bob@example.org", "cloud-fundamentals", day.Add(24 * time.Hour), true, "issued by mistake", false},
		{creds[0], "ann@example.org", "cloud-fundamentals", day, false, "", true},
	}
	for _, tc := range []struct {
		name  string
		limit int
		want  []row
	}{
		{"all newest first", 100, all},
		{"limit two", 2, all[:2]},
		{"limit one", 1, all[:1]},
		{"zero lists the default", 0, all},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := is.Awards(ctx, tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("%d awards, want %d", len(got), len(tc.want))
			}
			for i, g := range got {
				w := tc.want[i]
				if g.CredentialID != w.cred || g.Email != w.email || g.AchievementID != w.achievement || !g.AwardedOn.Equal(w.on) ||
					g.Revoked != w.revoked || g.RevokedReason != w.reason || g.ClaimedAt.IsZero() == w.claimed {
					t.Errorf("row %d: got %+v, want %+v", i, g, w)
				}
				if w.claimed && !g.ClaimedAt.Equal(day) { // the issuer's clock
					t.Errorf("row %d claimed at %v, want %v", i, g.ClaimedAt, day)
				}
				if len(g.Credential) != 0 || len(g.BakedPNG) != 0 || len(g.BakedSVG) != 0 {
					t.Errorf("row %d carries the credential or images", i)
				}
			}
		})
	}
}
