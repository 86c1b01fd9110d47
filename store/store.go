package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite" // also registers the "sqlite" database/sql driver
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrNotFound is wrapped by every error that reports a missing row.
var ErrNotFound = errors.New("not found")

// driverName is the database/sql name modernc.org/sqlite registers.
const driverName = "sqlite"

// busyTimeoutMS is how long a connection waits for a lock before SQLITE_BUSY.
const busyTimeoutMS = 5000

// DB is an open badgewallet database file with its schema applied.
// It is safe for concurrent use, like the *sql.DB it wraps.
type DB struct {
	sql    *sql.DB
	path   string
	schema Schema
}

// OpenWallet opens (creating if needed) the wallet database at path and
// brings it up to the wallet schema embedded in this binary.
func OpenWallet(ctx context.Context, path string) (*DB, error) {
	return Open(ctx, path, WalletSchema())
}

// Open opens (creating if needed) the SQLite file at path and applies the
// migrations of schema that it has not seen yet.
//
// The parent directory is created with mode 0700 and a new database file with
// mode 0600 (SQLite gives its -wal and -shm files the same mode). Every
// connection of the pool gets the pragmas busy_timeout(5000),
// journal_mode(WAL), foreign_keys(1) and synchronous(NORMAL), and its
// read-write transactions start with BEGIN IMMEDIATE.
//
// If the file's schema version is newer than the newest migration of schema,
// Open changes nothing and returns an error wrapping [ErrSchemaTooNew].
func Open(ctx context.Context, path string, schema Schema) (*DB, error) {
	if path == "" {
		return nil, errors.New("open database: empty path")
	}
	migrations, err := schema.load()
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, fmt.Errorf("open %s: create directory: %w", path, err)
	}
	// Create the file ourselves so that it is private to the user; SQLite
	// would create it 0644 (minus umask). An empty file is an empty database.
	f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}

	sqldb, err := sql.Open(driverName, dsn(abs))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db := &DB{sql: sqldb, path: path, schema: schema}
	if err := ping(ctx, sqldb); err != nil {
		sqldb.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := db.migrate(ctx, migrations); err != nil {
		sqldb.Close()
		return nil, err
	}
	return db, nil
}

// ping opens the first connection. The first connection to a new file
// switches it to WAL, which needs an exclusive lock; when several processes
// do that at once SQLite may answer SQLITE_BUSY without waiting (to avoid a
// deadlock), so ping retries for up to the busy timeout.
func ping(ctx context.Context, sqldb *sql.DB) error {
	deadline := time.Now().Add(busyTimeoutMS * time.Millisecond)
	for {
		err := sqldb.PingContext(ctx)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// isBusy reports whether err is SQLITE_BUSY (or one of its extended codes).
func isBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
}

// dsn builds the modernc.org/sqlite data source name for the absolute path:
// a file: URI (so that any character of the path survives) whose query
// carries the pragmas run on every new connection and the BEGIN mode.
func dsn(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") { // Windows: C:/x → /C:/x
		p = "/" + p
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	u := url.URL{Scheme: "file", Path: p, RawQuery: q.Encode()}
	return u.String()
}

// Close closes the database.
func (db *DB) Close() error {
	if err := db.sql.Close(); err != nil {
		return fmt.Errorf("close %s: %w", db.path, err)
	}
	return nil
}

// Path returns the path the database was opened with.
func (db *DB) Path() string { return db.path }

// SQL returns the underlying connection pool, for queries this package does
// not offer. Its read-write transactions begin IMMEDIATE.
func (db *DB) SQL() *sql.DB { return db.sql }

// WithTx runs fn inside a transaction (BEGIN IMMEDIATE, so it holds the write
// lock from the start) and commits if fn returns nil. If fn returns an error
// or panics, the transaction is rolled back; the error is returned as is and
// the panic goes on after the rollback.
func (db *DB) WithTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction on %s: %w", db.path, err)
	}
	done := false
	defer func() {
		if !done { // fn panicked (or called runtime.Goexit)
			_ = tx.Rollback()
		}
	}()
	if err := fn(tx); err != nil {
		done = true
		if rbErr := tx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
			return errors.Join(err, fmt.Errorf("roll back on %s: %w", db.path, rbErr))
		}
		return err
	}
	done = true
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit on %s: %w", db.path, err)
	}
	return nil
}
