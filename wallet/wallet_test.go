package wallet_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"badgewallet/internal/fixtures"
	"badgewallet/wallet"
	"badgewallet/wallet/openbadges/bakery"
)

func openWallet(t *testing.T) *wallet.Wallet {
	t.Helper()
	// A clock that ticks a second per reading; import reads it from
	// several goroutines.
	start := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	var ticks atomic.Int64
	w, err := wallet.Open(context.Background(), filepath.Join(t.TempDir(), "wallet.db"),
		wallet.WithClock(func() time.Time { return start.Add(time.Duration(ticks.Add(1)) * time.Second) }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

func TestAddAndList(t *testing.T) {
	ctx := context.Background()
	w := openWallet(t)
	files := []struct {
		path, name, issuer, spec, container string
	}{
		{"fixtures/1edtech-validator/ob30/simple-json.png", "Teamwork", "Example Corp", "3.0", "png"},
		{"fixtures/1edtech-validator/ob30/simple-jwt.svg", "Teamwork", "Example Corp", "3.0", "svg"},
		{"fixtures/1edtech-validator/ob20/basic-assertion.json", "https://example.org/robotics-badge.json", "", "2.0", "json"},
		{"fixtures/bakery/concentricsky/baked_heart.png", "http://example.org/badge1", "", "1.x", "png"},
	}
	for _, f := range files {
		s, added, err := w.Add(ctx, fixtures.Read(t, f.path))
		if err != nil || !added {
			t.Fatalf("%s: added=%v err=%v", f.path, added, err)
		}
		if s.Name != f.name || s.IssuerName != f.issuer || s.Spec != f.spec || s.Container != f.container {
			t.Fatalf("%s: got %+v", f.path, s)
		}
		if s.Acceptance != "pending" || s.Privacy != "private" || s.Verification != "unchecked" {
			t.Fatalf("%s: wrong initial state %+v", f.path, s)
		}
	}
	// Same bytes again: not stored twice.
	if _, added, err := w.Add(ctx, fixtures.Read(t, files[0].path)); err != nil || added {
		t.Fatalf("duplicate: added=%v err=%v", added, err)
	}
	page, err := w.List(ctx, wallet.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 4 || len(page.Items) != 4 || page.Items[0].Container != "png" || page.Items[0].Spec != "1.x" {
		t.Fatalf("list (newest first): %+v", page)
	}
	page, err = w.List(ctx, wallet.ListOptions{Search: "teamw", Sort: "name"})
	if err != nil || page.Total != 2 {
		t.Fatalf("search: %+v %v", page, err)
	}
}

func TestAddRefusesAndKeepsWallet(t *testing.T) {
	ctx := context.Background()
	w := openWallet(t)
	if _, _, err := w.Add(ctx, fixtures.Read(t, "fixtures/1edtech-validator/ob30/simple.json")); err != nil {
		t.Fatal(err)
	}
	bad := [][]byte{
		nil,
		[]byte("random bytes"),
		fixtures.Read(t, "fixtures/bakery/mozilla/unbaked.png"),
		fixtures.Read(t, "fixtures/1edtech-validator/ob20/assets/badgeclass1.json"),
		fixtures.Read(t, "fixtures/1edtech-validator/ob30/simple-json.png")[:5000],
	}
	for i, b := range bad {
		if _, _, err := w.Add(ctx, b); err == nil {
			t.Fatalf("bad input %d accepted", i)
		}
	}
	if _, _, err := w.Add(ctx, fixtures.Read(t, "fixtures/bakery/mozilla/unbaked.png")); !errors.Is(err, bakery.ErrNotBaked) {
		t.Fatalf("want ErrNotBaked, got %v", err)
	}
	if _, _, err := w.Add(ctx, fixtures.Read(t, "fixtures/1edtech-validator/ob20/assets/badgeclass1.json")); !errors.Is(err, wallet.ErrNotABadge) {
		t.Fatalf("want ErrNotABadge, got %v", err)
	}
	page, err := w.List(ctx, wallet.ListOptions{})
	if err != nil || page.Total != 1 || page.Items[0].Name != "Teamwork" {
		t.Fatalf("wallet changed: %+v %v", page, err)
	}
}
