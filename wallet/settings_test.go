package wallet

import (
	"context"
	"path/filepath"
	"testing"
)

func TestDemoMode(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "wallet.db")
	w, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if on, chosen, err := w.DemoMode(ctx); err != nil || on || chosen {
		t.Fatalf("new wallet: DemoMode = %v, %v, %v; want off and never chosen", on, chosen, err)
	}
	for _, want := range []bool{true, false, true} {
		if err := w.SetDemoMode(ctx, want); err != nil {
			t.Fatal(err)
		}
		if on, chosen, err := w.DemoMode(ctx); err != nil || on != want || !chosen {
			t.Errorf("after SetDemoMode(%v): %v, %v, %v", want, on, chosen, err)
		}
	}
	w.Close()
	w, err = Open(ctx, path) // kept in the file
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if on, chosen, err := w.DemoMode(ctx); err != nil || !on || !chosen {
		t.Errorf("reopened: DemoMode = %v, %v, %v; want on", on, chosen, err)
	}
}
