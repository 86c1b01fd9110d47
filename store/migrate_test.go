package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// mapSchema is a test schema made of the given files at the root of a MapFS.
func mapSchema(files map[string]string) Schema {
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return Schema{Name: "test", FS: fsys, Dir: "."}
}

func TestWalletSchemaLoads(t *testing.T) {
	ms, err := WalletSchema().load()
	if err != nil {
		t.Fatal(err)
	}
	if ms[0].name != "0001_init" {
		t.Errorf("first migration %q", ms[0].name)
	}
}

func TestMigrationsApplyOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "wallet.db")
	ms, _ := WalletSchema().load()

	type row struct {
		version         int
		name, appliedAt string
	}
	read := func() []row {
		db, err := OpenWallet(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		v, err := db.SchemaVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v != len(ms) {
			t.Errorf("SchemaVersion = %d, want %d", v, len(ms))
		}
		rows, err := db.SQL().QueryContext(ctx, `SELECT version, name, applied_at FROM schema_version ORDER BY version`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.version, &r.name, &r.appliedAt); err != nil {
				t.Fatal(err)
			}
			out = append(out, r)
		}
		return out
	}
	first := read()
	if len(first) != len(ms) || first[0].name != "0001_init" || first[0].appliedAt == "" {
		t.Fatalf("schema_version after first open: %+v", first)
	}
	second := read() // re-open: a no-op
	if len(second) != len(first) || second[0] != first[0] {
		t.Fatalf("re-open changed schema_version: %+v then %+v", first, second)
	}
}

func TestMigrationUpgrade(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	v1 := map[string]string{"0001_init.sql": "CREATE TABLE a (x INTEGER);"}
	db, err := Open(ctx, path, mapSchema(v1))
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	v2 := map[string]string{
		"0001_init.sql":  v1["0001_init.sql"],
		"0002_b.sql":     "CREATE TABLE b (y INTEGER); INSERT INTO b VALUES (1);",
		"0003_a_col.sql": "ALTER TABLE a ADD COLUMN z TEXT;",
	}
	db, err = Open(ctx, path, mapSchema(v2))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.SchemaVersion(ctx); v != 3 {
		t.Fatalf("version %d, want 3", v)
	}
	if _, err := db.SQL().ExecContext(ctx, `INSERT INTO a (x, z) VALUES (1, 'z')`); err != nil {
		t.Fatal(err)
	}
}

func TestBadMigrationSets(t *testing.T) {
	const ok = "CREATE TABLE t (x INTEGER);"
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string // part of the error
	}{
		{"empty set", map[string]string{}, "no migrations"},
		{"short number", map[string]string{"1_init.sql": ok}, "NNNN_name.sql"},
		{"dash", map[string]string{"0001-init.sql": ok}, "NNNN_name.sql"},
		{"no name", map[string]string{"0001_.sql": ok}, "NNNN_name.sql"},
		{"upper case", map[string]string{"0001_Init.sql": ok}, "NNNN_name.sql"},
		{"other extension", map[string]string{"0001_init.sql": ok, "0002_more.txt": ok}, "NNNN_name.sql"},
		{"stray file", map[string]string{"0001_init.sql": ok, "README.md": "x"}, "NNNN_name.sql"},
		{"subdirectory", map[string]string{"0001_init.sql": ok, "0002_dir/x.sql": ok}, "NNNN_name.sql"},
		{"starts at 0", map[string]string{"0000_init.sql": ok}, "expected number 0001"},
		{"starts at 2", map[string]string{"0002_init.sql": ok}, "expected number 0001"},
		{"gap", map[string]string{"0001_init.sql": ok, "0003_more.sql": ok}, "expected number 0002"},
		{"duplicate", map[string]string{"0001_init.sql": ok, "0001_again.sql": ok}, "same number"},
		{"empty file", map[string]string{"0001_init.sql": " \n\t\n"}, "is empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.db")
			db, err := Open(context.Background(), path, mapSchema(tc.files))
			if err == nil {
				db.Close()
				t.Fatal("Open accepted a bad migration set")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
		})
	}
}

func TestMigrationFailureRollsBack(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	_, err := Open(ctx, path, mapSchema(map[string]string{
		"0001_init.sql":   "CREATE TABLE a (x INTEGER);",
		"0002_broken.sql": "CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (1);",
	}))
	if err == nil {
		t.Fatal("a failing migration was accepted")
	}
	for _, want := range []string{"0002_broken", path, "nowhere"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	db, err := Open(ctx, path, mapSchema(map[string]string{"0001_init.sql": "CREATE TABLE a (x INTEGER);"}))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.SchemaVersion(ctx); v != 1 {
		t.Errorf("version %d after a failed 0002, want 1", v)
	}
	var n int
	db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE name = 'b'`).Scan(&n)
	if n != 0 {
		t.Error("table b of the failed migration exists")
	}
}

// TestMigrationRebuildsTable checks the SQLite table-rebuild recipe works in
// a migration: dropping a parent table must not cascade to its children.
func TestMigrationRebuildsTable(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	files := map[string]string{
		"0001_init.sql": `CREATE TABLE p (id INTEGER PRIMARY KEY, v TEXT);
			CREATE TABLE c (pid INTEGER PRIMARY KEY REFERENCES p (id) ON DELETE CASCADE);
			INSERT INTO p VALUES (1, 'a'); INSERT INTO c VALUES (1);`,
		"0002_rebuild_p.sql": `CREATE TABLE p_new (id INTEGER PRIMARY KEY, v TEXT NOT NULL DEFAULT '');
			INSERT INTO p_new SELECT id, v FROM p;
			DROP TABLE p;
			ALTER TABLE p_new RENAME TO p;`,
	}
	db, err := Open(ctx, path, mapSchema(files))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM c`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("child rows after rebuilding the parent: %d, %v", n, err)
	}
	var fk int
	db.SQL().QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk)
	if fk != 1 {
		t.Error("foreign keys still off after migrating")
	}
}

func TestMigrationForeignKeyCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	_, err := Open(context.Background(), path, mapSchema(map[string]string{
		"0001_init.sql": `CREATE TABLE p (id INTEGER PRIMARY KEY);
			CREATE TABLE c (pid INTEGER REFERENCES p (id));
			INSERT INTO c VALUES (7);`,
	}))
	if err == nil || !strings.Contains(err.Error(), "foreign key") {
		t.Fatalf("dangling reference accepted: %v", err)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "wallet.db")
	db := func() *DB {
		db, err := OpenWallet(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		return db
	}()
	if _, err := db.SQL().ExecContext(ctx,
		`INSERT INTO schema_version (version, name, applied_at) VALUES (7, '0007_future', '2030-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	ms, _ := WalletSchema().load()
	_, err = OpenWallet(ctx, path)
	if !errors.Is(err, ErrSchemaTooNew) {
		t.Fatalf("err = %v, want ErrSchemaTooNew", err)
	}
	want := path + " has schema version 7, this badgewallet knows up to " +
		strconv.Itoa(len(ms)) + ": upgrade badgewallet"
	if err.Error() != want {
		t.Errorf("error %q\nwant      %q", err, want)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("refusing a newer database changed the file")
	}
}

// TestConcurrentOpen opens one new file from several goroutines (separate
// pools, as separate processes would): every migration runs exactly once.
func TestConcurrentOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "wallet.db")
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			db, err := OpenWallet(context.Background(), path)
			if err != nil {
				errs <- err
				return
			}
			errs <- db.Close()
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	db := openTestPath(t, path)
	var n int
	db.SQL().QueryRow(`SELECT count(*) FROM schema_version`).Scan(&n)
	ms, _ := WalletSchema().load()
	if n != len(ms) {
		t.Errorf("%d schema_version rows, want %d", n, len(ms))
	}
}

func openTestPath(t *testing.T, path string) *DB {
	t.Helper()
	db, err := OpenWallet(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
