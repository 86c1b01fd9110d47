package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Identity is one of the holder's identities (an email address, a URL or a
// phone number), matched by the wallet against badge recipients. The value is
// stored exactly as given: normalizing it is the caller's business.
type Identity struct {
	ID        int64
	Kind      string // email | url | phone
	Value     string
	Confirmed bool
	Added     time.Time
}

var identityKinds = []string{"email", "url", "phone"}

// AddIdentity stores the identity (kind, value) if it is new and returns it.
// Adding an existing one changes nothing, except that confirmed == true
// marks it confirmed (an identity is never un-confirmed here).
func (db *DB) AddIdentity(ctx context.Context, kind, value string, confirmed bool) (Identity, error) {
	fail := func(err error) (Identity, error) {
		return Identity{}, fmt.Errorf("add %s identity to %s: %w", kind, db.path, err)
	}
	if err := oneOf("kind", kind, identityKinds); err != nil {
		return fail(err)
	}
	if value == "" {
		return fail(fmt.Errorf("empty value"))
	}
	row := db.sql.QueryRowContext(ctx, `INSERT INTO identities (kind, value, confirmed, added)
		VALUES (?, ?, ?, ?)
		ON CONFLICT (kind, value) DO UPDATE SET confirmed = max(confirmed, excluded.confirmed)
		RETURNING id, kind, value, confirmed, added`,
		kind, value, confirmed, formatTime(time.Now()))
	id, err := scanIdentity(row)
	if err != nil {
		return fail(err)
	}
	return id, nil
}

// ListIdentities returns every identity in the order they were added.
func (db *DB) ListIdentities(ctx context.Context) ([]Identity, error) {
	fail := func(err error) ([]Identity, error) {
		return nil, fmt.Errorf("list identities in %s: %w", db.path, err)
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT id, kind, value, confirmed, added FROM identities ORDER BY id`)
	if err != nil {
		return fail(err)
	}
	defer rows.Close()
	var ids []Identity
	for rows.Next() {
		id, err := scanIdentity(rows)
		if err != nil {
			return fail(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	return ids, nil
}

func scanIdentity(row interface{ Scan(...any) error }) (Identity, error) {
	var id Identity
	var added sql.NullString
	if err := row.Scan(&id.ID, &id.Kind, &id.Value, &id.Confirmed, &added); err != nil {
		return Identity{}, err
	}
	var err error
	if id.Added, err = parseTime("added", added); err != nil {
		return Identity{}, fmt.Errorf("identity %d: %w", id.ID, err)
	}
	return id, nil
}
