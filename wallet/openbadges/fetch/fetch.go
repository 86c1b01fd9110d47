package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Limits of every read.
const (
	Timeout      = 10 * time.Second
	MaxBytes     = 2 << 20
	MaxRedirects = 5
)

// Sentinel errors.
var (
	// ErrOffline: the fetcher is offline (the --offline flag, or no
	// network configured); the check that needed it cannot be made.
	ErrOffline = errors.New("offline: this check needs the network")
	// ErrScheme: only http and https URLs are read.
	ErrScheme = errors.New("only http and https URLs are fetched")
	// ErrTooLarge: the response is over MaxBytes.
	ErrTooLarge = errors.New("the response is over the 2 MiB limit")
	// ErrRedirects: more than MaxRedirects redirects.
	ErrRedirects = errors.New("too many redirects")
)

// Response is what a URL answered.
type Response struct {
	URL         string    // the URL asked for
	FinalURL    string    // after redirects
	Status      int       // HTTP status code
	ContentType string    // media type without parameters
	Body        []byte    // at most MaxBytes
	FetchedAt   time.Time // when it was read (from the network or the cache)
	Cached      bool      // served from the cache
}

// Fetcher reads a URL. Implementations must be safe for concurrent use.
type Fetcher interface {
	Fetch(ctx context.Context, url string) (*Response, error)
}

// Offline is a Fetcher that refuses everything.
type Offline struct{}

// Fetch always fails with ErrOffline.
func (Offline) Fetch(_ context.Context, u string) (*Response, error) {
	return nil, fmt.Errorf("%s: %w", u, ErrOffline)
}

// HTTP fetches over the network with the limits above.
type HTTP struct {
	client *http.Client
	now    func() time.Time
	accept string
}

// Option configures NewHTTP.
type Option func(*HTTP)

// WithTransport sets the RoundTripper (tests serve local files through it;
// the embedded issuer answers in-process through it).
func WithTransport(rt http.RoundTripper) Option {
	return func(h *HTTP) { h.client.Transport = rt }
}

// WithClock sets the clock that stamps FetchedAt.
func WithClock(now func() time.Time) Option { return func(h *HTTP) { h.now = now } }

// NewHTTP returns a network fetcher.
func NewHTTP(opts ...Option) *HTTP {
	h := &HTTP{
		client: &http.Client{Timeout: Timeout},
		now:    time.Now,
		accept: "application/ld+json, application/json;q=0.9, application/jwt;q=0.8, */*;q=0.1",
	}
	h.client.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) > MaxRedirects {
			return fmt.Errorf("%s: %w (more than %d)", via[0].URL, ErrRedirects, MaxRedirects)
		}
		if err := checkURL(req.URL); err != nil {
			return fmt.Errorf("redirect to %s: %w", req.URL, err)
		}
		return nil
	}
	for _, o := range opts {
		o(h)
	}
	return h
}

func checkURL(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%q: %w", u.Scheme, ErrScheme)
	}
	if u.Host == "" {
		return fmt.Errorf("URL has no host: %w", ErrScheme)
	}
	return nil
}

// Fetch reads one URL. Any HTTP status is returned as a Response (callers
// decide what 404 or 410 means); transport failures are errors.
func (h *HTTP) Fetch(ctx context.Context, raw string) (*Response, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("fetch %.200q: %w", raw, err)
	}
	if err := checkURL(u); err != nil {
		return nil, fmt.Errorf("fetch %.200s: %w", raw, err)
	}
	u.Fragment = ""
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", raw, err)
	}
	req.Header.Set("Accept", h.accept)
	resp, err := h.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", raw, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: read body: %w", raw, err)
	}
	if len(body) > MaxBytes {
		return nil, fmt.Errorf("fetch %s: %w", raw, ErrTooLarge)
	}
	ct := resp.Header.Get("Content-Type")
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	return &Response{
		URL: raw, FinalURL: resp.Request.URL.String(), Status: resp.StatusCode,
		ContentType: strings.TrimSpace(strings.ToLower(ct)), Body: body, FetchedAt: h.now().UTC(),
	}, nil
}

// Cache stores responses.
type Cache interface {
	Get(ctx context.Context, url string) (*Response, bool, error)
	Put(ctx context.Context, r *Response) error
}

// Cached reads through a cache: a fresh-enough cached response is served
// without the network; otherwise Next is asked and a 2xx answer stored.
// When Next fails (offline, or the network is down), a cached response of
// any age is served, marked Cached with its original FetchedAt.
type Cached struct {
	Next   Fetcher
	Cache  Cache
	MaxAge time.Duration
	Now    func() time.Time
}

// Fetch implements Fetcher.
func (c Cached) Fetch(ctx context.Context, u string) (*Response, error) {
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	hit, ok, err := c.Cache.Get(ctx, u)
	if err != nil {
		return nil, fmt.Errorf("fetch cache: %w", err)
	}
	if ok && now().Sub(hit.FetchedAt) <= c.MaxAge {
		hit.Cached = true
		return hit, nil
	}
	r, ferr := c.Next.Fetch(ctx, u)
	if ferr != nil {
		if ok {
			hit.Cached = true
			return hit, nil
		}
		return nil, ferr
	}
	if r.Status >= 200 && r.Status < 300 {
		if err := c.Cache.Put(ctx, r); err != nil {
			return nil, fmt.Errorf("fetch cache: %w", err)
		}
	}
	return r, nil
}
