package wallet_test

import (
	"bytes"
	"context"
	"errors"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"badgewallet/issuer"
	"badgewallet/wallet"
	"badgewallet/wallet/clipboard"
	"badgewallet/wallet/share"
)

// TestDemoJourney: the issuer awards three badges to demo@example.com (the
// third after auto-accept is on), the earner confirms the email and
// claims, accepts one, rejects one, makes one public, and copies its
// LinkedIn URL and HTML embed.
func TestDemoJourney(t *testing.T) {
	ctx := context.Background()
	is, err := issuer.Open(ctx, t.TempDir(), issuer.Options{Now: func() time.Time { return demoDay }})
	if err != nil {
		t.Fatal(err)
	}
	defer is.Close()
	rt := is.Transport(nil)
	w := openWallet(t)
	opts := wallet.ImportOptions{Verify: wallet.VerifyOptions{Transport: rt}}

	// Two awards, claimed with the code.
	a1, _ := is.Award(ctx, "demo@example.com", "cl-104", time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC))
	if _, err := is.Award(ctx, "demo@example.com", "cl-204", time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	claim := a1.Awarded[0].ClaimURL
	if err := w.ClaimSendCode(ctx, claim, "demo@example.com", rt); err != nil {
		t.Fatal(err)
	}
	msgs, _ := is.Outbox(ctx, "demo@example.com", 1)
	code := regexp.MustCompile(`\d{6}`).FindString(msgs[0].Subject)
	sum, err := w.ClaimConfirm(ctx, claim, "demo@example.com", code, opts, nil)
	if err != nil || sum.Added != 2 {
		t.Fatalf("claim: %+v %v", sum, err)
	}
	// Auto-accept on, then a third award arrives (claimed later with a
	// new code through its own link).
	if err := w.SetAutoAccept(ctx, true, ""); err != nil {
		t.Fatal(err)
	}
	a3, _ := is.Award(ctx, "demo@example.com", "cl-900", demoDay)
	claim3 := a3.Awarded[0].ClaimURL
	w.ClaimSendCode(ctx, claim3, "demo@example.com", rt)
	msgs, _ = is.Outbox(ctx, "demo@example.com", 1)
	code = regexp.MustCompile(`\d{6}`).FindString(msgs[0].Subject)
	var auto int
	if _, err := w.ClaimConfirm(ctx, claim3, "demo@example.com", code, opts, func(e wallet.ImportEvent) {
		if e.AutoAccepted {
			auto++
		}
	}); err != nil {
		t.Fatal(err)
	}
	if auto != 1 {
		t.Fatalf("%d auto-accepted, want 1", auto)
	}
	inbox, _ := w.List(ctx, wallet.ListOptions{Acceptance: "pending", Sort: "name"})
	if inbox.Total != 2 {
		t.Fatalf("inbox %d, want 2", inbox.Total)
	}
	admin, dev := inbox.Items[0], inbox.Items[1] // sorted by name: Administrator, Developer
	if err := w.Accept(ctx, admin.ID); err != nil {
		t.Fatal(err)
	}
	if err := w.Reject(ctx, dev.ID); err != nil {
		t.Fatal(err)
	}
	// Sharing: nothing links before the badge, the profile and the base URL
	// are public.
	if _, err := w.Share(ctx, admin.ID, share.FormatLinkedIn); !errors.Is(err, share.ErrPrivate) {
		t.Fatalf("private badge shared: %v", err)
	}
	w.SetPrivacy(ctx, admin.ID, true)
	if _, err := w.Share(ctx, admin.ID, share.FormatLinkedIn); !errors.Is(err, share.ErrPrivate) {
		t.Fatalf("private profile shared: %v", err)
	}
	w.SetProfilePublic(ctx, true)
	if _, err := w.Share(ctx, admin.ID, share.FormatLinkedIn); !errors.Is(err, share.ErrNoBaseURL) {
		t.Fatalf("no base URL: %v", err)
	}
	w.SetBaseURL(ctx, "https://demo.example/wallet")
	li, err := w.Share(ctx, admin.ID, share.FormatLinkedIn)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(li)
	q := u.Query()
	if q.Get("name") != "Contoso Certified: Cloud Administrator Associate" || q.Get("organizationName") != "Contoso Learning" ||
		q.Get("issueYear") != "2026" || q.Get("issueMonth") != "1" || q.Get("expirationYear") != "2028" || q.Get("expirationMonth") != "1" ||
		q.Get("certUrl") != "https://demo.example/wallet/badges/"+itoa(admin.ID)+"/" {
		t.Fatalf("LinkedIn URL: %s", li)
	}
	html, err := w.Share(ctx, admin.ID, share.FormatHTML)
	if err != nil || !strings.Contains(html, `href="https://demo.example/wallet/badges/`+itoa(admin.ID)+`/"`) {
		t.Fatalf("HTML: %v %s", err, html)
	}
	// The rejected (private) badge never links.
	if _, err := w.Share(ctx, dev.ID, share.FormatHTML); !errors.Is(err, share.ErrPrivate) {
		t.Fatalf("private badge HTML: %v", err)
	}
	// Copy (through an injected system clipboard, and OSC 52 without one).
	var got string
	res, err := clipboard.Copier{System: func(s string) error { got = s; return nil }, Env: func(string) string { return "" }}.Copy(ctx, li)
	if err != nil || got != li || res.Method != clipboard.System {
		t.Fatalf("copy: %+v %v", res, err)
	}
	var term bytes.Buffer
	res, err = clipboard.Copier{Out: &term, System: func(string) error { return clipboard.ErrSystemUnavailable }, Env: func(string) string { return "" }}.Copy(ctx, html)
	if err != nil || res.Method != clipboard.OSC52 || !strings.HasPrefix(term.String(), "\x1b]52;c;") {
		t.Fatalf("OSC 52: %+v %v %q", res, err, term.String())
	}
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }
