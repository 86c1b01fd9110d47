package issuer

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"badgewallet/store"
	"badgewallet/wallet/openbadges"
	"badgewallet/wallet/openbadges/fetch"
	"badgewallet/wallet/openbadges/verify"
)

var day = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

func openIssuer(t testing.TB) *Issuer {
	t.Helper()
	is, err := Open(context.Background(), t.TempDir(), Options{Now: func() time.Time { return day }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { is.Close() })
	return is
}

// verifier checks badges with the issuer reachable in-process (status list).
func verifier(t testing.TB, is *Issuer, email string) *verify.Verifier {
	t.Helper()
	v, err := verify.New(verify.Options{
		Fetcher:    fetch.NewHTTP(fetch.WithTransport(is.Transport(nil))),
		Now:        func() time.Time { return day.Add(time.Hour) },
		Identities: []verify.Identity{{Kind: "email", Value: email}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestAwardVerifies(t *testing.T) {
	ctx := context.Background()
	is := openIssuer(t)
	res, err := is.Award(ctx, " Demo@Example.com ", "cl-900", day)
	if err != nil {
		t.Fatal(err)
	}
	if res.Email != "demo@example.com" || len(res.Awarded) != 1 || res.Awarded[0].AchievementID != "cloud-fundamentals" {
		t.Fatalf("award: %+v", res)
	}
	awards, err := is.db.AwardsFor(ctx, "demo@example.com")
	if err != nil || len(awards) != 1 {
		t.Fatalf("stored: %v %v", len(awards), err)
	}
	v := verifier(t, is, "demo@example.com")
	for name, data := range map[string][]byte{"json": awards[0].Credential, "png": awards[0].BakedPNG, "svg": awards[0].BakedSVG} {
		r := v.Verify(ctx, data)
		if r.Verdict != verify.Verified {
			t.Fatalf("%s: verdict %s: %+v", name, r.Verdict, r.Checks)
		}
		if c, _ := r.Check(verify.CheckRecipient); c.Outcome != verify.Pass {
			t.Fatalf("%s: recipient %+v", name, c)
		}
		x, err := openbadges.Read(data)
		if err != nil || x.Badge.Name != "Contoso Certified: Cloud Fundamentals" || x.Badge.Issuer.Name != "Contoso Learning" {
			t.Fatalf("%s: read back %v %+v", name, err, x)
		}
	}
	// The outbox holds the notification with the claim link.
	msgs, err := is.db.Outbox(ctx, "demo@example.com", 10)
	if err != nil || len(msgs) != 1 || !strings.Contains(msgs[0].Body, res.Awarded[0].ClaimURL) {
		t.Fatalf("outbox: %+v %v", msgs, err)
	}
	// Nothing is issued twice.
	again, err := is.Award(ctx, "demo@example.com", "cl-900", day)
	if err != nil || len(again.Awarded) != 0 {
		t.Fatalf("second award: %+v %v", again, err)
	}
}

func TestMultiExamAndRules(t *testing.T) {
	ctx := context.Background()
	is := openIssuer(t)
	r1, err := is.Award(ctx, "ann@example.org", "cl-303", day)
	if err != nil || len(r1.Awarded) != 1 || r1.Awarded[0].AchievementID != "cl-303" {
		t.Fatalf("first exam: %+v %v", r1, err)
	}
	r2, err := is.Award(ctx, "ann@example.org", "cl-304", day)
	if err != nil || len(r2.Awarded) != 2 || r2.Awarded[1].AchievementID != "solutions-architect-expert" {
		t.Fatalf("second exam: %+v %v", r2, err)
	}
	if _, err := is.Award(ctx, "ann@example.org", "cl-010", day); !errors.Is(err, ErrLegacy) {
		t.Fatalf("legacy: %v", err)
	}
	if _, err := is.Award(ctx, "ann@example.org", "cl-020", day); !errors.Is(err, ErrRetired) {
		t.Fatalf("retired: %v", err)
	}
	old := time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)
	r3, err := is.Award(ctx, "ann@example.org", "cl-020", old)
	if err != nil || len(r3.Awarded) != 1 || r3.Awarded[0].AchievementID != "legacy-stack-specialist" {
		t.Fatalf("retired, passed before retirement: %+v %v", r3, err)
	}
	if _, err := is.Award(ctx, "not an email", "cl-900", day); err == nil {
		t.Fatal("bad email accepted")
	}
	awards, _ := is.db.AwardsFor(ctx, "ann@example.org")
	if len(awards) != 4 {
		t.Fatalf("%d awards, want 4", len(awards))
	}
}

// TestRevocation: award, verify (verified), revoke, verify (revoked).
func TestRevocation(t *testing.T) {
	ctx := context.Background()
	is := openIssuer(t)
	res, err := is.Award(ctx, "bob@example.net", "cl-104", day)
	if err != nil {
		t.Fatal(err)
	}
	a, err := is.db.AwardByCredential(ctx, res.Awarded[0].CredentialID)
	if err != nil {
		t.Fatal(err)
	}
	v := verifier(t, is, "bob@example.net")
	if r := v.Verify(ctx, a.BakedPNG); r.Verdict != verify.Verified {
		t.Fatalf("before: %s %+v", r.Verdict, r.Checks)
	}
	if err := is.Revoke(ctx, res.Awarded[0].CredentialID, "issued in error"); err != nil {
		t.Fatal(err)
	}
	if r := v.Verify(ctx, a.BakedPNG); r.Verdict != verify.Revoked {
		t.Fatalf("after: %s %+v", r.Verdict, r.Checks)
	}
	if err := is.Revoke(ctx, "urn:uuid:nope", ""); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown credential: %v", err)
	}
}

func TestHandler(t *testing.T) {
	ctx := context.Background()
	is := openIssuer(t)
	res, err := is.Award(ctx, "demo@example.com", "cl-900", day)
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{Transport: is.Transport(nil)}
	id := strings.TrimPrefix(res.Awarded[0].CredentialID, "urn:uuid:")
	for path, ctype := range map[string]string{
		"/status/1":                                             "application/vc+ld+json",
		"/achievements/cloud-fundamentals":                      "application/json",
		"/achievements/cloud-fundamentals/image.png":            "image/png",
		"/achievements/cloud-fundamentals/image.svg":            "image/svg+xml",
		"/achievements/cloud-fundamentals/image-badge.png":      "image/png",
		"/achievements/cloud-fundamentals/image-badge-2024.svg": "image/svg+xml",
		"/credentials/" + id + ".png":                           "image/png",
		"/credentials/" + id:                                    "application/vc+ld+json",
	} {
		resp, err := c.Get(is.BaseURL() + path)
		if err != nil || resp.StatusCode != 200 || resp.Header.Get("Content-Type") != ctype {
			t.Errorf("%s: %v %v %q", path, err, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
	for _, path := range []string{"/achievements/nope", "/credentials/nope", "/achievements/cloud-fundamentals/image-1999.png"} {
		resp, err := c.Get(is.BaseURL() + path)
		if err != nil || resp.StatusCode != 404 {
			t.Errorf("%s: want 404, got %v %v", path, err, resp.StatusCode)
		}
	}
	if _, err := c.Get("https://elsewhere.example/x"); err == nil {
		t.Error("a foreign host was reached")
	}
}

// BenchmarkAward: one op = one award (rules, sign, bake PNG and SVG, store).
func BenchmarkAward(b *testing.B) {
	ctx := context.Background()
	is := openIssuer(b)
	if _, err := is.Award(ctx, "warm@example.com", "cl-900", day); err != nil { // draws the artwork once
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := is.Award(ctx, "user"+strconv.Itoa(i)+"@example.com", "cl-104", day); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// TestClaimPageInBrowser: a claim link opened by a browser (Accept:
// text/html) is a page that says what is offered and how to claim it,
// with every field escaped; the wallet's JSON exchange is unchanged.
func TestClaimPageInBrowser(t *testing.T) {
	ctx := context.Background()
	is := openIssuer(t)
	res, err := is.Award(ctx, "demo@example.com", "cl-900", day)
	if err != nil {
		t.Fatal(err)
	}
	link := res.Awarded[0].ClaimURL
	c := &http.Client{Transport: is.Transport(nil)}
	req, _ := http.NewRequest("GET", link, nil)
	req.Header.Set("Accept", "text/html,application/xhtml+xml")
	resp, err := c.Do(req)
	if err != nil || resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("page: %v %v", err, resp)
	}
	body, _ := io.ReadAll(resp.Body)
	for _, want := range []string{"Contoso Certified: Cloud Fundamentals", "d***@example.com", "badgewallet claim " + link} {
		if !strings.Contains(string(body), want) {
			t.Errorf("claim page lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(string(body), "<script") {
		t.Error("a script on the claim page")
	}
	// The page holds the claim link: not cached, not framed, not sent on.
	for k, want := range map[string]string{"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"} {
		if got := resp.Header.Get(k); got != want {
			t.Errorf("claim page %s: %q, want %q", k, got, want)
		}
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("claim page CSP %q can be framed", csp)
	}
	resp, err = c.Get(link)
	if err != nil || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("JSON offer: %v %v", err, resp.Header)
	}
}
