package wallet

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"badgewallet/store"
	"badgewallet/wallet/openbadges/fetch"
	"badgewallet/wallet/openbadges/verify"
)

// fetchCache keeps what verification fetched in the wallet database.
type fetchCache struct{ db *store.DB }

func (c fetchCache) Get(ctx context.Context, url string) (*fetch.Response, bool, error) {
	f, ok, err := c.db.GetFetched(ctx, url)
	if err != nil || !ok {
		return nil, ok, err
	}
	return &fetch.Response{URL: f.URL, FinalURL: f.FinalURL, Status: f.Status, ContentType: f.ContentType, Body: f.Body, FetchedAt: f.FetchedAt}, true, nil
}

func (c fetchCache) Put(ctx context.Context, r *fetch.Response) error {
	return c.db.PutFetched(ctx, store.Fetched{URL: r.URL, FinalURL: r.FinalURL, Status: r.Status, ContentType: r.ContentType, Body: r.Body, FetchedAt: r.FetchedAt})
}

// memoCache keeps, for one Verifier's life (one import or refresh), the
// answers read from or written to the wallet's fetch cache, so that a
// status list shared by a thousand badges is read from the database once.
type memoCache struct {
	next fetchCache
	m    *sync.Map // url → *fetch.Response (never modified once stored)
}

func (c memoCache) Get(ctx context.Context, url string) (*fetch.Response, bool, error) {
	if r, ok := c.m.Load(url); ok {
		cp := *r.(*fetch.Response)
		return &cp, true, nil
	}
	r, ok, err := c.next.Get(ctx, url)
	if err == nil && ok {
		cp := *r
		c.m.Store(url, &cp)
	}
	return r, ok, err
}

func (c memoCache) Put(ctx context.Context, r *fetch.Response) error {
	cp := *r
	c.m.Store(r.URL, &cp)
	return c.next.Put(ctx, r)
}

// VerifyOptions configure Verifier.
type VerifyOptions struct {
	// Offline refuses every network read.
	Offline bool
	// Recipients are identities to match (emails, URLs, phone numbers);
	// none means the wallet's own identities.
	Recipients []string
	// Transport replaces the network (tests, the embedded issuer).
	Transport http.RoundTripper
	// CacheFor is how long a fetched answer is reused (default 1 hour).
	CacheFor time.Duration
}

// network is the wallet's door to the network for o, without a cache:
// offline when o says so, else HTTP (through o.Transport when set) on the
// wallet's clock.
func (w *Wallet) network(o VerifyOptions) fetch.Fetcher {
	if o.Offline {
		return fetch.Offline{}
	}
	opts := []fetch.Option{fetch.WithClock(w.now)}
	if o.Transport != nil {
		opts = append(opts, fetch.WithTransport(o.Transport))
	}
	return fetch.NewHTTP(opts...)
}

// Verifier returns a verifier wired to the wallet: its fetch cache, its
// clock and the holder's identities.
func (w *Wallet) Verifier(ctx context.Context, o VerifyOptions) (*verify.Verifier, error) {
	f := w.network(o)
	if !o.Offline {
		maxAge := o.CacheFor
		if maxAge == 0 {
			maxAge = time.Hour
		}
		f = fetch.Cached{Next: f, Cache: memoCache{fetchCache{w.db}, &sync.Map{}}, MaxAge: maxAge, Now: w.now}
	}
	ids, err := w.identities(ctx, o.Recipients)
	if err != nil {
		return nil, err
	}
	return verify.New(verify.Options{Fetcher: f, Now: w.now, Identities: ids, Limits: &w.limits})
}

// identities returns the given recipients as identities, or the wallet's.
func (w *Wallet) identities(ctx context.Context, given []string) ([]verify.Identity, error) {
	var out []verify.Identity
	for _, g := range given {
		out = append(out, verify.Identity{Kind: IdentityKind(g), Value: strings.TrimSpace(g)})
	}
	if len(given) > 0 {
		return out, nil
	}
	ids, err := w.db.ListIdentities(ctx)
	if err != nil {
		return nil, fmt.Errorf("read identities: %w", err)
	}
	for _, id := range ids {
		out = append(out, verify.Identity{Kind: id.Kind, Value: id.Value})
	}
	return out, nil
}

// IdentityKind guesses the kind of an identity typed by the user.
func IdentityKind(s string) string {
	s = strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://"):
		return "url"
	case strings.HasPrefix(s, "+") || strings.HasPrefix(s, "tel:"):
		return "phone"
	}
	return "email"
}
