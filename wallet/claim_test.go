package wallet_test

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"badgewallet/issuer"
	"badgewallet/wallet"
)

// TestClaimFromIssuer: the earner's side of the claim, against the
// embedded issuer through its in-process transport.
func TestClaimFromIssuer(t *testing.T) {
	ctx := context.Background()
	is, err := issuer.Open(ctx, t.TempDir(), issuer.Options{Now: func() time.Time { return demoDay }})
	if err != nil {
		t.Fatal(err)
	}
	defer is.Close()
	var claimURL string
	for _, id := range []string{"cl-900", "cl-303", "cl-304"} {
		res, err := is.Award(ctx, "demo@example.com", id, demoDay)
		if err != nil {
			t.Fatal(err)
		}
		if claimURL == "" {
			claimURL = res.Awarded[0].ClaimURL
		}
	}
	w := openWallet(t)
	if err := w.SetAutoAccept(ctx, true, ""); err != nil {
		t.Fatal(err)
	}
	rt := is.Transport(nil)
	offer, err := w.ClaimOffer(ctx, claimURL, rt)
	if err != nil || offer.Achievement != "Contoso Certified: Cloud Fundamentals" || offer.EmailHint != "d***@example.com" {
		t.Fatalf("offer: %+v %v", offer, err)
	}
	if err := w.ClaimSendCode(ctx, claimURL, "someone@else.org", rt); !errors.Is(err, wallet.ErrClaim) || !strings.Contains(err.Error(), "another email") {
		t.Fatalf("wrong email: %v", err)
	}
	if err := w.ClaimSendCode(ctx, claimURL, "demo@example.com", rt); err != nil {
		t.Fatal(err)
	}
	msgs, _ := is.Outbox(ctx, "demo@example.com", 1)
	code := regexp.MustCompile(`\d{6}`).FindString(msgs[0].Subject)
	if _, err := w.ClaimConfirm(ctx, claimURL, "demo@example.com", "999999x", wallet.ImportOptions{Verify: wallet.VerifyOptions{Transport: rt}}, nil); !errors.Is(err, wallet.ErrClaim) {
		t.Fatalf("wrong code: %v", err)
	}
	sum, err := w.ClaimConfirm(ctx, claimURL, "demo@example.com", code, wallet.ImportOptions{Verify: wallet.VerifyOptions{Transport: rt}}, nil)
	if err != nil || sum.Added != 4 || sum.Failed != 0 {
		t.Fatalf("confirm: %+v %v", sum, err)
	}
	ids, _ := w.Identities(ctx)
	if len(ids) != 1 || !ids[0].Confirmed || ids[0].Value != "demo@example.com" {
		t.Fatalf("identity: %+v", ids)
	}
	page, _ := w.List(ctx, wallet.ListOptions{Acceptance: "accepted"})
	if page.Total != 4 {
		t.Fatalf("%d accepted, want 4 (auto-accept)", page.Total)
	}
	for _, b := range page.Items {
		if b.Verification != "verified" || b.NotAddressed {
			t.Errorf("%s: %s notAddressed=%v", b.Name, b.Verification, b.NotAddressed)
		}
	}
	if _, err := w.ClaimOffer(ctx, "https://example.org/not-a-claim", rt); err == nil {
		t.Fatal("a non-claim URL was accepted")
	}
}
