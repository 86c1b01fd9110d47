package demo

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"badgewallet/issuer"
	"badgewallet/wallet"
)

// TestStart: demo mode awards three badges with notifications to the
// address, adds it as an identity, and the claim links work through the
// in-process issuer; starting again awards nothing new.
func TestStart(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	w, err := wallet.Open(ctx, filepath.Join(dir, "wallet.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	day := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	res, err := Start(ctx, dir, w, " Demo@Example.com ", day)
	if err != nil {
		t.Fatal(err)
	}
	if res.Email != "demo@example.com" || len(res.Awarded) != 3 {
		t.Fatalf("start: %+v", res)
	}
	names := map[string]bool{}
	for _, a := range res.Awarded {
		names[a.AchievementID] = true
	}
	if !names["cloud-fundamentals"] || names["cl-900"] {
		t.Fatalf("CL-900 must give the certification badge, not the exam's: %v", names)
	}
	ids, _ := w.Identities(ctx)
	if len(ids) != 1 || ids[0].Value != "demo@example.com" || ids[0].Confirmed {
		t.Fatalf("identities: %+v", ids)
	}
	is, err := issuer.Open(ctx, dir, issuer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer is.Close()
	msgs, err := is.Outbox(ctx, "demo@example.com", 10)
	if err != nil || len(msgs) != 3 {
		t.Fatalf("outbox: %d %v", len(msgs), err)
	}
	o, err := w.ClaimOffer(ctx, res.Awarded[0].ClaimURL, is.Transport(nil))
	if err != nil || o.Achievement == "" {
		t.Fatalf("offer: %+v %v", o, err)
	}
	again, err := Start(ctx, dir, w, "demo@example.com", day)
	if err != nil || len(again.Awarded) != 0 {
		t.Fatalf("again: %+v %v", again, err)
	}
	if _, err := Start(ctx, dir, w, "not an email", day); err == nil {
		t.Fatal("bad email accepted")
	}
}
