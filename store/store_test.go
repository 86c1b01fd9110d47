package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// openTest opens a fresh wallet database in a temporary directory.
func openTest(t testing.TB) *DB {
	t.Helper()
	db, err := OpenWallet(context.Background(), filepath.Join(t.TempDir(), "wallet.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	return db
}

func TestOpenAppliesPragmas(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	// Pin several connections at once so that more than one pool connection
	// is checked: the pragmas must come with every new connection.
	var conns []*sql.Conn
	for range 3 {
		c, err := db.SQL().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		for _, tc := range []struct{ pragma, want string }{
			{"journal_mode", "wal"},
			{"foreign_keys", "1"},
			{"busy_timeout", "5000"},
			{"synchronous", "1"}, // NORMAL
		} {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+tc.pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if !strings.EqualFold(got, tc.want) {
				t.Errorf("conn %d: PRAGMA %s = %q, want %q", i, tc.pragma, got, tc.want)
			}
		}
	}
	for _, c := range conns {
		c.Close()
	}
}

// TestTxLockImmediate checks that WithTx takes the write lock at BEGIN even
// when it only reads: another writer that does not wait is refused.
func TestTxLockImmediate(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	other, err := sql.Open(driverName, "file:"+db.Path()+"?_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	err = db.WithTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM badges`).Scan(&n); err != nil {
			return err
		}
		_, err := other.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ('k', 'v')`)
		if err == nil {
			t.Error("another connection wrote while a WithTx transaction was open")
		} else if !strings.Contains(err.Error(), "locked") && !strings.Contains(err.Error(), "busy") {
			t.Errorf("unexpected error from the other writer: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestOpenCreatesPrivateFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	path := filepath.Join(dir, "wallet.db")
	db, err := OpenWallet(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Path() != path {
		t.Errorf("Path() = %q, want %q", db.Path(), path)
	}
	if runtime.GOOS == "windows" {
		return
	}
	for name, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		fi, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s: mode %v, want %v", name, got, want)
		}
	}
}

// TestOpenOddPath checks that characters with a meaning in URIs survive.
func TestOpenOddPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "my wallet?x=1#frag%20", "wal&let.db")
	db, err := OpenWallet(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database not created at the given path: %v", err)
	}
}

func TestOpenErrorNamesPath(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(blocker, "wallet.db") // parent is a file
	_, err := OpenWallet(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("error %v does not name %s", err, path)
	}
}

func TestWithTx(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	errBoom := errors.New("boom")
	insert := func(key string) func(tx *sql.Tx) error {
		return func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, 'v')`, key)
			return err
		}
	}

	if err := db.WithTx(ctx, insert("committed")); err != nil {
		t.Fatal(err)
	}
	err := db.WithTx(ctx, func(tx *sql.Tx) error {
		if err := insert("failed")(tx); err != nil {
			return err
		}
		return errBoom
	})
	if !errors.Is(err, errBoom) {
		t.Fatalf("WithTx error = %v, want %v", err, errBoom)
	}
	func() {
		defer func() {
			if r := recover(); r != "panic in tx" {
				t.Errorf("recovered %v, want the original panic", r)
			}
		}()
		_ = db.WithTx(ctx, func(tx *sql.Tx) error {
			if err := insert("panicked")(tx); err != nil {
				return err
			}
			panic("panic in tx")
		})
	}()

	for key, want := range map[string]bool{"committed": true, "failed": false, "panicked": false} {
		_, ok, err := db.Setting(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		if ok != want {
			t.Errorf("setting %q present = %v, want %v", key, ok, want)
		}
	}
	// The pool must still work: no connection was left inside a transaction.
	if err := db.WithTx(ctx, insert("after")); err != nil {
		t.Fatal(err)
	}
}

func TestForeignKeysCascade(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	id, _, err := db.InsertBadge(ctx, Badge{Container: "json", SpecVersion: "3.0", Name: "A"}, []byte("{}"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().ExecContext(ctx, `DELETE FROM badges WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	if _, err := db.BadgeOriginal(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("original after deleting its badge: err = %v, want ErrNotFound", err)
	}
	_, err = db.SQL().ExecContext(ctx, `INSERT INTO badge_files (badge_id, original) VALUES (999, x'00')`)
	if err == nil {
		t.Fatal("inserted a file for a missing badge: foreign keys are off")
	}
}
