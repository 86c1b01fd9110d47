package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Fetched is one cached network response.
type Fetched struct {
	URL         string
	FinalURL    string
	Status      int
	ContentType string
	Body        []byte
	FetchedAt   time.Time
}

// PutFetched stores (or replaces) a cached response.
func (db *DB) PutFetched(ctx context.Context, f Fetched) error {
	if f.URL == "" {
		return errors.New("put fetched: empty URL")
	}
	_, err := db.sql.ExecContext(ctx, `INSERT INTO fetch_cache (url, final_url, status, content_type, body, fetched_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET final_url = excluded.final_url, status = excluded.status,
		content_type = excluded.content_type, body = excluded.body, fetched_at = excluded.fetched_at`,
		f.URL, f.FinalURL, f.Status, f.ContentType, f.Body, f.FetchedAt.UTC().Format(time.RFC3339))
	if err != nil {
		return fmt.Errorf("put fetched %s: %w", f.URL, err)
	}
	return nil
}

// GetFetched returns the cached response for url; ok is false if none.
func (db *DB) GetFetched(ctx context.Context, url string) (f Fetched, ok bool, err error) {
	var at string
	err = db.sql.QueryRowContext(ctx, `SELECT url, final_url, status, content_type, body, fetched_at FROM fetch_cache WHERE url = ?`, url).
		Scan(&f.URL, &f.FinalURL, &f.Status, &f.ContentType, &f.Body, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return Fetched{}, false, nil
	}
	if err != nil {
		return Fetched{}, false, fmt.Errorf("get fetched %s: %w", url, err)
	}
	if f.FetchedAt, err = time.Parse(time.RFC3339, at); err != nil {
		return Fetched{}, false, fmt.Errorf("get fetched %s: bad time %q: %w", url, at, err)
	}
	return f, true, nil
}
