package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// ErrSchemaTooNew is wrapped by the error Open returns when the database was
// written by a newer badgewallet than this one.
var ErrSchemaTooNew = errors.New("upgrade badgewallet")

//go:embed migrations
var embedded embed.FS

// Schema is a named, ordered set of SQL migrations: the files NNNN_name.sql
// in directory Dir of FS, numbered from 0001 without gaps. Each one runs once,
// in its own transaction, together with the row it adds to schema_version.
//
// Migrations run with foreign key enforcement off (so that a table can be
// rebuilt, as SQLite's ALTER TABLE documentation describes, without cascading
// deletes); PRAGMA foreign_key_check must come back clean before each commits.
type Schema struct {
	Name string // short name for messages: "wallet", "issuer"
	FS   fs.FS  // holds the migration files
	Dir  string // directory inside FS ("." for its root)
}

// WalletSchema is the wallet database's schema, embedded from
// migrations/wallet.
func WalletSchema() Schema {
	return Schema{Name: "wallet", FS: embedded, Dir: "migrations/wallet"}
}

// IssuerSchema is the embedded issuer's database schema, embedded from
// migrations/issuer.
func IssuerSchema() Schema {
	return Schema{Name: "issuer", FS: embedded, Dir: "migrations/issuer"}
}

// migration is one parsed migration file.
type migration struct {
	version int
	name    string // file name without ".sql", e.g. "0001_init"
	sql     string
}

var migrationFile = regexp.MustCompile(`^([0-9]{4})_[a-z0-9][a-z0-9_]*\.sql$`)

// load reads and checks the schema's migrations: every entry of Dir must be a
// file named NNNN_name.sql (lower-case name), numbered 1, 2, 3... with no gap
// or duplicate, and not empty.
func (s Schema) load() ([]migration, error) {
	if s.FS == nil {
		return nil, fmt.Errorf("schema %q: no migrations file system", s.Name)
	}
	entries, err := fs.ReadDir(s.FS, s.Dir)
	if err != nil {
		return nil, fmt.Errorf("schema %q: read migrations: %w", s.Name, err)
	}
	// fs.ReadDir sorts by name, and the number is a fixed-width prefix, so
	// the entries come in version order.
	var ms []migration
	for _, e := range entries {
		name := e.Name()
		m := migrationFile.FindStringSubmatch(name)
		if m == nil || !e.Type().IsRegular() {
			return nil, fmt.Errorf("schema %q: migration %q: want a file named NNNN_name.sql (lower-case letters, digits, _)", s.Name, name)
		}
		version, _ := strconv.Atoi(m[1]) // four digits: cannot fail
		stem := strings.TrimSuffix(name, ".sql")
		want := len(ms) + 1
		switch {
		case len(ms) > 0 && version == ms[len(ms)-1].version:
			return nil, fmt.Errorf("schema %q: migrations %s and %s have the same number", s.Name, ms[len(ms)-1].name, stem)
		case version != want:
			return nil, fmt.Errorf("schema %q: migration %s: expected number %04d (migrations are numbered from 0001 without gaps)", s.Name, stem, want)
		}
		body, err := fs.ReadFile(s.FS, path.Join(s.Dir, name))
		if err != nil {
			return nil, fmt.Errorf("schema %q: migration %s: %w", s.Name, stem, err)
		}
		if strings.TrimSpace(string(body)) == "" {
			return nil, fmt.Errorf("schema %q: migration %s is empty", s.Name, stem)
		}
		ms = append(ms, migration{version: version, name: stem, sql: string(body)})
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("schema %q: no migrations in %q", s.Name, s.Dir)
	}
	return ms, nil
}

const createSchemaVersion = `CREATE TABLE IF NOT EXISTS schema_version (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at TEXT NOT NULL
)`

// querier is what *sql.DB, *sql.Conn and *sql.Tx have in common for reads.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// schemaVersion reads the highest applied migration, 0 for a new database.
// It does not create anything.
func schemaVersion(ctx context.Context, q querier) (int, error) {
	var n int
	err := q.QueryRowContext(ctx,
		`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'`).Scan(&n)
	if err != nil || n == 0 {
		return 0, err
	}
	var v int
	err = q.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v)
	return v, err
}

// SchemaVersion returns the number of the last migration applied to the
// database.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	v, err := schemaVersion(ctx, db.sql)
	if err != nil {
		return 0, fmt.Errorf("read schema version of %s: %w", db.path, err)
	}
	return v, nil
}

// migrate applies the migrations the database has not seen, one transaction
// each, on a single connection with foreign keys off. A database newer than
// ms is refused before anything is written.
func (db *DB) migrate(ctx context.Context, ms []migration) (err error) {
	latest := ms[len(ms)-1].version
	current, err := schemaVersion(ctx, db.sql)
	if err != nil {
		return fmt.Errorf("read schema version of %s: %w", db.path, err)
	}
	if current > latest {
		return fmt.Errorf("%s has schema version %d, this badgewallet knows up to %d: %w",
			db.path, current, latest, ErrSchemaTooNew)
	}
	if current == latest {
		return nil
	}

	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return fmt.Errorf("migrate %s: %w", db.path, err)
	}
	defer conn.Close()
	// PRAGMA foreign_keys is a no-op inside a transaction: set it around them.
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return fmt.Errorf("migrate %s: %w", db.path, err)
	}
	defer func() {
		// Use a fresh context: the connection goes back to the pool and
		// must not keep foreign keys off even if ctx was cancelled.
		if _, fkErr := conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA foreign_keys = ON`); fkErr != nil {
			// The caller closes the pool when migrate fails.
			err = errors.Join(err, fmt.Errorf("migrate %s: restore foreign_keys: %w", db.path, fkErr))
		}
	}()

	for _, m := range ms[current:] {
		if err := applyMigration(ctx, conn, m); err != nil {
			return fmt.Errorf("migrate %s (schema %s) with %s: %w", db.path, db.schema.Name, m.name, err)
		}
	}
	return nil
}

// applyMigration runs m and records it in one transaction, unless another
// process applied it meanwhile.
func applyMigration(ctx context.Context, conn *sql.Conn, m migration) (err error) {
	tx, err := conn.BeginTx(ctx, nil) // BEGIN IMMEDIATE through the DSN
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if _, err := tx.ExecContext(ctx, createSchemaVersion); err != nil {
		return err
	}
	v, err := schemaVersion(ctx, tx)
	if err != nil {
		return err
	}
	if v >= m.version {
		return tx.Commit() // applied by someone else in the meantime
	}
	if v != m.version-1 {
		return fmt.Errorf("database is at schema version %d", v)
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	if err := foreignKeyCheck(ctx, tx); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)`,
		m.version, m.name, formatTime(time.Now())); err != nil {
		return err
	}
	return tx.Commit()
}

// foreignKeyCheck fails if any row breaks a foreign key constraint.
func foreignKeyCheck(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return fmt.Errorf("foreign key check: %w", err)
		}
		return fmt.Errorf("foreign key check: row %d of %s refers to a missing row of %s", rowid.Int64, table, parent)
	}
	return rows.Err()
}
