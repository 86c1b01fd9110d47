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
	if base, _ := w.BaseURL(ctx); base != DemoBaseURL {
		t.Errorf("base URL %q, want %q", base, DemoBaseURL)
	}
	ids, _ := w.Identities(ctx)
	if len(ids) != 1 || ids[0].Value != "demo@example.com" || ids[0].Confirmed {
		t.Fatalf("identities: %+v", ids)
	}
	is, err := issuer.Open(ctx, dir, issuer.Options{Now: func() time.Time { return day.Add(time.Hour) }})
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
	// A second address with a later award: notifications to both, newest first.
	w.AddIdentity(ctx, "other@example.org", false)
	if _, err := is.Award(ctx, "other@example.org", "cl-104", day.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	notes, err := Notifications(ctx, dir, w, is.Transport(nil))
	if err != nil || len(notes) != 4 || notes[0].To != "other@example.org" || notes[0].Achievement == "" || notes[0].Err != "" {
		t.Fatalf("notifications: %+v %v", notes, err)
	}
	if link, err := LatestClaimLink(ctx, dir, "other@example.org"); err != nil || link != notes[0].Claim {
		t.Fatalf("latest link: %q %v", link, err)
	}
	if _, err := LatestClaimLink(ctx, dir, "nobody@example.org"); err == nil {
		t.Fatal("a link for an address with no mail")
	}
	if err := w.SetBaseURL(ctx, "https://me.example/badges"); err != nil {
		t.Fatal(err)
	}
	again, err := Start(ctx, dir, w, "demo@example.com", day)
	if err != nil || len(again.Awarded) != 0 {
		t.Fatalf("again: %+v %v", again, err)
	}
	if base, _ := w.BaseURL(ctx); base != "https://me.example/badges" {
		t.Errorf("a base URL the holder set was replaced: %q", base)
	}
	if _, err := Start(ctx, dir, w, "not an email", day); err == nil {
		t.Fatal("bad email accepted")
	}
}
