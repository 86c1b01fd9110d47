package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestHTTP(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/ld+json; charset=utf-8")
		fmt.Fprint(w, `{"a":1}`)
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusGone) })
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) { w.Write(make([]byte, MaxBytes+10)) })
	mux.HandleFunc("/loop/", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, r.URL.Path+"x", http.StatusFound) })
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/three", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/ok", http.StatusMovedPermanently) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	h := NewHTTP()
	ctx := context.Background()

	r, err := h.Fetch(ctx, srv.URL+"/ok#frag")
	if err != nil || r.Status != 200 || string(r.Body) != `{"a":1}` || r.ContentType != "application/ld+json" || r.FetchedAt.IsZero() {
		t.Fatalf("ok: %+v %v", r, err)
	}
	if r, err := h.Fetch(ctx, srv.URL+"/three"); err != nil || !strings.HasSuffix(r.FinalURL, "/ok") {
		t.Fatalf("redirect: %+v %v", r, err)
	}
	if r, err := h.Fetch(ctx, srv.URL+"/gone"); err != nil || r.Status != 410 {
		t.Fatalf("gone: %+v %v", r, err)
	}
	for path, want := range map[string]error{"/big": ErrTooLarge, "/loop/": ErrRedirects, "/to-file": ErrScheme} {
		if _, err := h.Fetch(ctx, srv.URL+path); !errors.Is(err, want) {
			t.Errorf("%s: got %v, want %v", path, err, want)
		}
	}
	for _, u := range []string{"file:///etc/passwd", "ftp://x/y", "javascript:alert(1)", "http:///nohost", "::"} {
		if _, err := h.Fetch(ctx, u); err == nil {
			t.Errorf("%s fetched", u)
		}
	}
	if _, err := (Offline{}).Fetch(ctx, srv.URL+"/ok"); !errors.Is(err, ErrOffline) {
		t.Fatalf("offline: %v", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := h.Fetch(cctx, srv.URL+"/ok"); err == nil {
		t.Fatal("cancelled context fetched")
	}
}

type memCache struct {
	mu sync.Mutex
	m  map[string]Response
}

func (c *memCache) Get(_ context.Context, u string) (*Response, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.m[u]
	return &r, ok, nil
}

func (c *memCache) Put(_ context.Context, r *Response) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[r.URL] = *r
	return nil
}

type countFetcher struct {
	n    int
	fail bool
	now  time.Time
}

func (f *countFetcher) Fetch(_ context.Context, u string) (*Response, error) {
	f.n++
	if f.fail {
		return nil, ErrOffline
	}
	return &Response{URL: u, Status: 200, Body: []byte("x"), FetchedAt: f.now}, nil
}

func TestCached(t *testing.T) {
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	next := &countFetcher{now: now}
	c := Cached{Next: next, Cache: &memCache{m: map[string]Response{}}, MaxAge: time.Hour, Now: func() time.Time { return now }}
	ctx := context.Background()
	for range 3 {
		if _, err := c.Fetch(ctx, "https://e.org/a"); err != nil {
			t.Fatal(err)
		}
	}
	if next.n != 1 {
		t.Fatalf("%d network reads, want 1", next.n)
	}
	now = now.Add(2 * time.Hour)
	next.fail = true
	r, err := c.Fetch(ctx, "https://e.org/a")
	if err != nil || !r.Cached || !r.FetchedAt.Equal(now.Add(-2*time.Hour)) {
		t.Fatalf("stale fallback: %+v %v", r, err)
	}
	if _, err := c.Fetch(ctx, "https://e.org/b"); !errors.Is(err, ErrOffline) {
		t.Fatalf("uncached offline: %v", err)
	}
}
