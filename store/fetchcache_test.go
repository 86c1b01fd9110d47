package store

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"
)

func TestFetchCache(t *testing.T) {
	ctx := context.Background()
	db, err := OpenWallet(ctx, filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, ok, err := db.GetFetched(ctx, "https://e.org/a"); ok || err != nil {
		t.Fatalf("empty cache: %v %v", ok, err)
	}
	at := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	for i, body := range [][]byte{[]byte("one"), []byte("two")} {
		if err := db.PutFetched(ctx, Fetched{URL: "https://e.org/a", FinalURL: "https://e.org/b", Status: 200, ContentType: "application/json", Body: body, FetchedAt: at.Add(time.Duration(i) * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	f, ok, err := db.GetFetched(ctx, "https://e.org/a")
	if err != nil || !ok || !bytes.Equal(f.Body, []byte("two")) || f.FinalURL != "https://e.org/b" || f.Status != 200 || !f.FetchedAt.Equal(at.Add(time.Hour)) {
		t.Fatalf("got %+v %v %v", f, ok, err)
	}
	if v, _ := db.SchemaVersion(ctx); v < 2 {
		t.Fatalf("schema version %d, want at least 2 (fetch_cache)", v)
	}
}
