package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// OpenIssuer opens (creating if needed) the embedded issuer's database.
func OpenIssuer(ctx context.Context, path string) (*DB, error) {
	return Open(ctx, path, IssuerSchema())
}

// Award is one issued credential (issuer database).
type Award struct {
	ID            int64 // also the status list index
	CredentialID  string
	Email         string
	AchievementID string
	AwardedOn     time.Time
	Credential    []byte
	BakedPNG      []byte
	BakedSVG      []byte
	Revoked       bool
	RevokedReason string
	ClaimedAt     time.Time
}

// ErrExists is wrapped when a unique row already exists.
var ErrExists = errors.New("already exists")

// NextAwardID returns the id the next award will get (its status index).
func (db *DB) NextAwardID(ctx context.Context, tx *sql.Tx) (int64, error) {
	var n int64
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM awards`).Scan(&n)
	return n, err
}

// InsertAward stores an award inside tx with the given id. An award of the
// same achievement to the same email already stored gives ErrExists.
func (db *DB) InsertAward(ctx context.Context, tx *sql.Tx, a Award) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO awards (id, credential_id, email, achievement_id, awarded_on, credential, baked_png, baked_svg)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, a.ID, a.CredentialID, a.Email, a.AchievementID, a.AwardedOn.UTC().Format(time.RFC3339), a.Credential, a.BakedPNG, a.BakedSVG)
	if err != nil {
		if isUnique(err) {
			return fmt.Errorf("award %s to %s: %w", a.AchievementID, a.Email, ErrExists)
		}
		return fmt.Errorf("insert award: %w", err)
	}
	return nil
}

func isUnique(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

const awardColumns = `id, credential_id, email, achievement_id, awarded_on, credential, baked_png, baked_svg, revoked, COALESCE(revoked_reason, ''), COALESCE(claimed_at, '')`

func scanAward(row interface{ Scan(...any) error }) (Award, error) {
	var a Award
	var on, claimed string
	var revoked int
	if err := row.Scan(&a.ID, &a.CredentialID, &a.Email, &a.AchievementID, &on, &a.Credential, &a.BakedPNG, &a.BakedSVG, &revoked, &a.RevokedReason, &claimed); err != nil {
		return Award{}, err
	}
	a.Revoked = revoked != 0
	a.AwardedOn, _ = time.Parse(time.RFC3339, on)
	if claimed != "" {
		a.ClaimedAt, _ = time.Parse(time.RFC3339, claimed)
	}
	return a, nil
}

// AwardsFor lists the awards to an email, oldest first.
func (db *DB) AwardsFor(ctx context.Context, email string) ([]Award, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT `+awardColumns+` FROM awards WHERE email = ? ORDER BY id`, email)
	if err != nil {
		return nil, fmt.Errorf("awards for %s: %w", email, err)
	}
	defer rows.Close()
	var out []Award
	for rows.Next() {
		a, err := scanAward(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Awards lists the awards newest first (highest id first), at most limit
// of them (limit <= 0 lists 100). The rows carry the summary fields only:
// ID, CredentialID, Email, AchievementID, AwardedOn, Revoked,
// RevokedReason and ClaimedAt (zero until claimed); Credential, BakedPNG
// and BakedSVG stay nil.
func (db *DB) Awards(ctx context.Context, limit int) ([]Award, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT id, credential_id, email, achievement_id, awarded_on, revoked,
		COALESCE(revoked_reason, ''), COALESCE(claimed_at, '') FROM awards ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("list awards: %w", err)
	}
	defer rows.Close()
	out := []Award{}
	for rows.Next() {
		var a Award
		var on, claimed string
		var revoked int
		if err := rows.Scan(&a.ID, &a.CredentialID, &a.Email, &a.AchievementID, &on, &revoked, &a.RevokedReason, &claimed); err != nil {
			return nil, fmt.Errorf("list awards: %w", err)
		}
		a.Revoked = revoked != 0
		a.AwardedOn, _ = time.Parse(time.RFC3339, on)
		if claimed != "" {
			a.ClaimedAt, _ = time.Parse(time.RFC3339, claimed)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list awards: %w", err)
	}
	return out, nil
}

// AwardByCredential returns the award with a credential id.
func (db *DB) AwardByCredential(ctx context.Context, credentialID string) (Award, error) {
	a, err := scanAward(db.sql.QueryRowContext(ctx, `SELECT `+awardColumns+` FROM awards WHERE credential_id = ?`, credentialID))
	if errors.Is(err, sql.ErrNoRows) {
		return Award{}, fmt.Errorf("credential %s: %w", credentialID, ErrNotFound)
	}
	return a, err
}

// RevokeAward marks an award revoked with a reason.
func (db *DB) RevokeAward(ctx context.Context, credentialID, reason string) error {
	res, err := db.sql.ExecContext(ctx, `UPDATE awards SET revoked = 1, revoked_reason = ? WHERE credential_id = ?`, reason, credentialID)
	if err != nil {
		return fmt.Errorf("revoke %s: %w", credentialID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("revoke %s: %w", credentialID, ErrNotFound)
	}
	return nil
}

// RevokedAwards returns the ids (status indices) of revoked awards.
func (db *DB) RevokedAwards(ctx context.Context) ([]int64, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT id FROM awards WHERE revoked = 1 ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("revoked awards: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// RevokedCredentials returns the revoked awards (summary fields only).
func (db *DB) RevokedCredentials(ctx context.Context) ([]Award, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT id, credential_id, COALESCE(revoked_reason, '') FROM awards WHERE revoked = 1 ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("revoked credentials: %w", err)
	}
	defer rows.Close()
	var out []Award
	for rows.Next() {
		a := Award{Revoked: true}
		if err := rows.Scan(&a.ID, &a.CredentialID, &a.RevokedReason); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// AddExamPass records an exam pass inside tx; a repeated pass is ignored
// (added=false).
func (db *DB) AddExamPass(ctx context.Context, tx *sql.Tx, email, examID string, on time.Time) (added bool, err error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO exam_passes (email, exam_id, passed_on) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
		email, examID, on.UTC().Format(time.RFC3339))
	if err != nil {
		return false, fmt.Errorf("exam pass: %w", err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// ExamPasses returns the exam ids an email passed, inside tx.
func (db *DB) ExamPasses(ctx context.Context, tx *sql.Tx, email string) (map[string]bool, error) {
	return stringSet(ctx, tx, "exam passes", `SELECT exam_id FROM exam_passes WHERE email = ?`, email)
}

// HeldAchievements returns inside tx the achievement ids email holds.
func (db *DB) HeldAchievements(ctx context.Context, tx *sql.Tx, email string) (map[string]bool, error) {
	return stringSet(ctx, tx, "held achievements", `SELECT achievement_id FROM awards WHERE email = ?`, email)
}

// stringSet runs a one-column query and returns its values as a set.
func stringSet(ctx context.Context, tx *sql.Tx, what, query string, args ...any) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out[v] = true
	}
	return out, rows.Err()
}

// OutboxMessage is one message the issuer sent.
type OutboxMessage struct {
	ID          int64
	Kind        string
	To          string
	Subject     string
	Body        string
	Created     time.Time
	DeliveredAt time.Time
	Error       string
}

// AddOutbox stores a message inside tx and returns its id.
func (db *DB) AddOutbox(ctx context.Context, tx *sql.Tx, m OutboxMessage) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO outbox (kind, to_addr, subject, body, created) VALUES (?, ?, ?, ?, ?)`,
		m.Kind, m.To, m.Subject, m.Body, m.Created.UTC().Format(time.RFC3339))
	if err != nil {
		return 0, fmt.Errorf("outbox: %w", err)
	}
	return res.LastInsertId()
}

// Outbox lists messages, newest first; to "" lists all.
func (db *DB) Outbox(ctx context.Context, to string, limit int) ([]OutboxMessage, error) {
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	q := `SELECT id, kind, to_addr, subject, body, created, COALESCE(delivered_at, ''), COALESCE(error, '') FROM outbox`
	args := []any{}
	if to != "" {
		q += ` WHERE to_addr = ?`
		args = append(args, to)
	}
	q += ` ORDER BY id DESC LIMIT ?`
	args = append(args, limit)
	rows, err := db.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	defer rows.Close()
	var out []OutboxMessage
	for rows.Next() {
		var m OutboxMessage
		var created, delivered string
		if err := rows.Scan(&m.ID, &m.Kind, &m.To, &m.Subject, &m.Body, &created, &delivered, &m.Error); err != nil {
			return nil, err
		}
		m.Created, _ = time.Parse(time.RFC3339, created)
		if delivered != "" {
			m.DeliveredAt, _ = time.Parse(time.RFC3339, delivered)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// MarkDelivered records the delivery outcome of an outbox message.
func (db *DB) MarkDelivered(ctx context.Context, id int64, at time.Time, deliveryErr error) error {
	var e any
	var d any = at.UTC().Format(time.RFC3339)
	if deliveryErr != nil {
		e, d = deliveryErr.Error(), nil
	}
	_, err := db.sql.ExecContext(ctx, `UPDATE outbox SET delivered_at = ?, error = ? WHERE id = ?`, d, e, id)
	return err
}

// AddClaimLink stores a claim token for an award inside tx.
func (db *DB) AddClaimLink(ctx context.Context, tx *sql.Tx, token string, awardID int64, at time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO claim_links (token, award_id, created) VALUES (?, ?, ?)`, token, awardID, at.UTC().Format(time.RFC3339))
	if err != nil {
		return fmt.Errorf("claim link: %w", err)
	}
	return nil
}

// AwardByClaimToken returns the award a claim token names.
func (db *DB) AwardByClaimToken(ctx context.Context, token string) (Award, error) {
	a, err := scanAward(db.sql.QueryRowContext(ctx, `SELECT `+awardColumns+` FROM awards WHERE id = (SELECT award_id FROM claim_links WHERE token = ?)`, token))
	if errors.Is(err, sql.ErrNoRows) {
		return Award{}, fmt.Errorf("claim link: %w", ErrNotFound)
	}
	return a, err
}

// Confirmation is a confirmation code sent while claiming.
type Confirmation struct {
	ID       int64
	Token    string
	Email    string
	CodeHash string
	Created  time.Time
	Expires  time.Time
	Attempts int
	Used     bool
}

// AddConfirmation stores a confirmation code's hash.
func (db *DB) AddConfirmation(ctx context.Context, c Confirmation) (int64, error) {
	res, err := db.sql.ExecContext(ctx, `INSERT INTO confirmations (token, email, code_hash, created, expires) VALUES (?, ?, ?, ?, ?)`,
		c.Token, c.Email, c.CodeHash, c.Created.UTC().Format(time.RFC3339), c.Expires.UTC().Format(time.RFC3339))
	if err != nil {
		return 0, fmt.Errorf("confirmation: %w", err)
	}
	return res.LastInsertId()
}

// LatestConfirmation returns the newest confirmation for a claim token.
func (db *DB) LatestConfirmation(ctx context.Context, token string) (Confirmation, error) {
	var c Confirmation
	var created, expires string
	var used sql.NullString
	err := db.sql.QueryRowContext(ctx, `SELECT id, token, email, code_hash, created, expires, attempts, used_at FROM confirmations WHERE token = ? ORDER BY id DESC LIMIT 1`, token).
		Scan(&c.ID, &c.Token, &c.Email, &c.CodeHash, &created, &expires, &c.Attempts, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return Confirmation{}, fmt.Errorf("confirmation: %w", ErrNotFound)
	}
	if err != nil {
		return Confirmation{}, err
	}
	c.Created, _ = time.Parse(time.RFC3339, created)
	c.Expires, _ = time.Parse(time.RFC3339, expires)
	c.Used = used.Valid
	return c, nil
}

// CountConfirmationAttempt adds one failed attempt.
func (db *DB) CountConfirmationAttempt(ctx context.Context, id int64) error {
	_, err := db.sql.ExecContext(ctx, `UPDATE confirmations SET attempts = attempts + 1 WHERE id = ?`, id)
	return err
}

// UseConfirmation marks a code used, once: a second use returns false.
func (db *DB) UseConfirmation(ctx context.Context, id int64, at time.Time) (bool, error) {
	res, err := db.sql.ExecContext(ctx, `UPDATE confirmations SET used_at = ? WHERE id = ? AND used_at IS NULL`, at.UTC().Format(time.RFC3339), id)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// MarkClaimed records when an award was first claimed.
func (db *DB) MarkClaimed(ctx context.Context, awardID int64, at time.Time) error {
	_, err := db.sql.ExecContext(ctx, `UPDATE awards SET claimed_at = COALESCE(claimed_at, ?) WHERE id = ?`, at.UTC().Format(time.RFC3339), awardID)
	return err
}

// AddSession stores a session token for a confirmed email.
func (db *DB) AddSession(ctx context.Context, token, email string, created, expires time.Time) error {
	_, err := db.sql.ExecContext(ctx, `INSERT INTO sessions (token, email, created, expires) VALUES (?, ?, ?, ?)`,
		token, email, created.UTC().Format(time.RFC3339), expires.UTC().Format(time.RFC3339))
	return err
}

// SessionEmail returns the email of a live session.
func (db *DB) SessionEmail(ctx context.Context, token string, now time.Time) (string, error) {
	var email, expires string
	err := db.sql.QueryRowContext(ctx, `SELECT email, expires FROM sessions WHERE token = ?`, token).Scan(&email, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("session: %w", ErrNotFound)
	}
	if err != nil {
		return "", err
	}
	if t, _ := time.Parse(time.RFC3339, expires); now.After(t) {
		return "", fmt.Errorf("session expired: %w", ErrNotFound)
	}
	return email, nil
}
