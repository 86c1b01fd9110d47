package wallet

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"badgewallet/store"
	"badgewallet/wallet/openbadges"
)

// Wallet is an open wallet database. It is safe for concurrent use.
type Wallet struct {
	db     *store.DB
	limits openbadges.Limits
	now    func() time.Time
	counts *countCache
}

// countCache remembers how many badges recent searches matched, for as
// long as the database's generation does not move.
type countCache struct {
	mu  sync.Mutex
	gen int64
	m   map[countKey]int
}

type countKey struct {
	search, acceptance string
	fuzzy              bool
}

// maxCachedCounts bounds countCache.m.
const maxCachedCounts = 64

// count returns CountBadges for q, from the cache while the database is
// at generation gen.
func (w *Wallet) count(ctx context.Context, gen int64, q store.ListQuery) (int, error) {
	key := countKey{strings.TrimSpace(q.Search), q.Acceptance, q.Fuzzy}
	c := w.counts
	c.mu.Lock()
	if c.m == nil || c.gen != gen || len(c.m) >= maxCachedCounts {
		c.gen, c.m = gen, map[countKey]int{}
	}
	n, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return n, nil
	}
	n, err := w.db.CountBadges(ctx, q)
	if err != nil {
		return 0, err
	}
	c.mu.Lock()
	if c.gen == gen {
		c.m[key] = n
	}
	c.mu.Unlock()
	return n, nil
}

// Option configures Open.
type Option func(*Wallet)

// WithClock sets the clock used for timestamps (tests).
func WithClock(now func() time.Time) Option { return func(w *Wallet) { w.now = now } }

// WithLimits sets the reading limits.
func WithLimits(l openbadges.Limits) Option { return func(w *Wallet) { w.limits = l } }

// Open opens (creating if needed) the wallet database at path.
func Open(ctx context.Context, path string, opts ...Option) (*Wallet, error) {
	db, err := store.OpenWallet(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("open wallet: %w", err)
	}
	w := &Wallet{db: db, limits: openbadges.DefaultLimits(), now: time.Now, counts: &countCache{}}
	for _, o := range opts {
		o(w)
	}
	return w, nil
}

// Close closes the database.
func (w *Wallet) Close() error { return w.db.Close() }

// Path is the database file.
func (w *Wallet) Path() string { return w.db.Path() }

// Summary is one badge as listed: what the wallet knows without opening
// the file. Strings are untrusted badge text.
type Summary struct {
	ID           int64
	Name         string
	Description  string
	IssuerName   string
	IssuerID     string
	Spec         string // "1.x", "2.0", "3.0"
	Container    string // png, svg, json, jws, url
	CredentialID string
	Issued       time.Time
	Expires      time.Time
	Recipient    string
	Verification string // unchecked, verified, invalid, ...
	VerifiedAt   time.Time
	Privacy      string // private | public
	Acceptance   string // pending | accepted | rejected
	Added        time.Time
	NotAddressed bool   // names none of the holder's identities
	Named        string // the identity it names, when not addressed
}

func summaryOf(b store.Badge) Summary {
	return Summary{
		ID: b.ID, Name: b.Name, Description: b.Description, IssuerName: b.IssuerName, IssuerID: b.IssuerID,
		Spec: b.SpecVersion, Container: b.Container, CredentialID: b.CredentialID, Issued: b.Issued,
		Expires: b.Expires, Recipient: b.Recipient, Verification: b.Verification, VerifiedAt: b.VerifiedAt,
		Privacy: b.Privacy, Acceptance: b.Acceptance, Added: b.Added,
		NotAddressed: b.NotAddressed, Named: b.NamedIdentity,
	}
}

// ListOptions selects a page of badges.
type ListOptions struct {
	Search     string // words, each a substring of the name, issuer or description (any case, any order)
	Fuzzy      bool   // match each word as a subsequence ("ccf" finds "Contoso Certified: Cloud Fundamentals")
	Acceptance string // "" for all, or pending | accepted | rejected
	Sort       string // added (default), issued, name, issuer, expires
	Desc       bool
	Offset     int
	Limit      int // default 50
}

// Page is one page of a listing.
type Page struct {
	Items  []Summary
	Total  int // matching badges in all pages
	Offset int
}

// List returns one page of badges and the total that match.
func (w *Wallet) List(ctx context.Context, o ListOptions) (Page, error) {
	q := store.ListQuery{Search: o.Search, Fuzzy: o.Fuzzy, Acceptance: o.Acceptance, Sort: o.Sort, Desc: o.Desc, Limit: o.Limit, Offset: o.Offset}
	if q.Sort == "" {
		q.Sort, q.Desc = "added", true
	}
	gen, err := w.db.Generation(ctx)
	if err != nil {
		return Page{}, fmt.Errorf("list badges: %w", err)
	}
	total, err := w.count(ctx, gen, q)
	if err != nil {
		return Page{}, fmt.Errorf("count badges: %w", err)
	}
	if strings.TrimSpace(q.Search) != "" {
		// The counts help the store choose how to find the page.
		all := q
		all.Search, all.Fuzzy = "", false
		if q.Of, err = w.count(ctx, gen, all); err != nil {
			return Page{}, fmt.Errorf("count badges: %w", err)
		}
		q.Matches = total
		if total == 0 {
			return Page{Total: 0, Offset: o.Offset, Items: []Summary{}}, nil
		}
	}
	rows, err := w.db.ListBadges(ctx, q)
	if err != nil {
		return Page{}, fmt.Errorf("list badges: %w", err)
	}
	p := Page{Total: total, Offset: o.Offset, Items: make([]Summary, len(rows))}
	for i, r := range rows {
		p.Items[i] = summaryOf(r)
	}
	return p, nil
}

// ErrNotABadge: the file holds an Open Badges document that is not a badge.
var ErrNotABadge = errors.New("not a badge")

// Add stores a badge file's original bytes with its summary, as pending and
// not yet verified. A file already in the wallet (same bytes) is not stored
// twice: added is false and the existing badge is returned.
func (w *Wallet) Add(ctx context.Context, data []byte) (s Summary, added bool, err error) {
	x, err := w.limits.Read(data)
	if err != nil {
		return Summary{}, false, err
	}
	b := x.Badge
	if !b.IsBadge() {
		return Summary{}, false, fmt.Errorf("%w: the file holds an Open Badges %s", ErrNotABadge, b.Kind)
	}
	row := summaryRow(x, b, w)
	id, added, err := w.db.InsertBadge(ctx, row, data)
	if err != nil {
		return Summary{}, false, fmt.Errorf("store badge: %w", err)
	}
	got, err := w.db.GetBadge(ctx, id)
	if err != nil {
		return Summary{}, false, fmt.Errorf("read back badge %d: %w", id, err)
	}
	return summaryOf(got), added, nil
}

func imageType(c openbadges.Container) string {
	switch c {
	case openbadges.ContainerPNG:
		return pngType
	case openbadges.ContainerSVG:
		return svgType
	}
	return ""
}
