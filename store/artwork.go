package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"time"
)

// Artwork is one picture fetched from a badge's issuer.
type Artwork struct {
	ID          int64     `json:"id"`
	BadgeID     int64     `json:"badgeId"`
	SourceURL   string    `json:"sourceUrl"`
	ContentType string    `json:"contentType"`
	SHA256      string    `json:"sha256"`
	Data        []byte    `json:"-"`
	Fetched     time.Time `json:"fetched"`
}

// AddArtwork keeps a picture for badge a.BadgeID unless the same bytes are
// already kept for it; added tells which. SHA256 is computed here.
func (db *DB) AddArtwork(ctx context.Context, a Artwork) (added bool, err error) {
	sum := sha256.Sum256(a.Data)
	res, err := db.sql.ExecContext(ctx, `INSERT INTO badge_artwork
		(badge_id, source_url, content_type, sha256, data, fetched) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (badge_id, sha256) DO NOTHING`,
		a.BadgeID, a.SourceURL, a.ContentType, hex.EncodeToString(sum[:]), a.Data, formatTime(a.Fetched))
	if err == nil {
		var n int64
		n, err = res.RowsAffected()
		added = n == 1
	}
	if err != nil {
		return false, fmt.Errorf("keep artwork of badge %d in %s: %w", a.BadgeID, db.path, err)
	}
	return added, nil
}

// ArtworkOf lists the pictures kept for a badge, oldest first, with their
// bytes.
func (db *DB) ArtworkOf(ctx context.Context, badgeID int64) ([]Artwork, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT id, badge_id, source_url, content_type, sha256, data, fetched
		FROM badge_artwork WHERE badge_id = ? ORDER BY id`, badgeID)
	if err != nil {
		return nil, fmt.Errorf("artwork of badge %d in %s: %w", badgeID, db.path, err)
	}
	defer rows.Close()
	var out []Artwork
	for rows.Next() {
		var a Artwork
		var fetched sql.NullString
		if err := rows.Scan(&a.ID, &a.BadgeID, &a.SourceURL, &a.ContentType, &a.SHA256, &a.Data, &fetched); err != nil {
			return nil, fmt.Errorf("artwork of badge %d in %s: %w", badgeID, db.path, err)
		}
		if a.Fetched, err = parseTime("fetched", fetched); err != nil {
			return nil, fmt.Errorf("artwork of badge %d in %s: %w", badgeID, db.path, err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("artwork of badge %d in %s: %w", badgeID, db.path, err)
	}
	return out, nil
}
