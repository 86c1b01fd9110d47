package wallet_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"

	"badgewallet/store"
	"badgewallet/wallet"
)

// TestCrashChild is the child process of TestCrashSafety: it imports a
// folder and prints one line per stored item until it is killed.
func TestCrashChild(t *testing.T) {
	db, dir := os.Getenv("BADGEWALLET_CRASH_DB"), os.Getenv("BADGEWALLET_CRASH_DIR")
	if db == "" {
		t.Skip("run by TestCrashSafety as a child process")
	}
	w, err := wallet.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	out := bufio.NewWriter(os.Stdout)
	w.Import(context.Background(), []string{dir}, wallet.ImportOptions{Verify: wallet.VerifyOptions{Offline: true}}, func(e wallet.ImportEvent) {
		fmt.Fprintln(out, e.Done)
		out.Flush()
	})
}

// TestCrashSafety kills (SIGKILL) a child process in the middle of a
// 2,000-badge import at several points, then reopens the database: the
// integrity check passes, every badge is either fully there (summary row
// and the exact original bytes) or absent, and a re-run completes.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	const n = 2000
	dir, _ := issuedFolder(t, n)
	db := filepath.Join(t.TempDir(), "wallet.db")
	for _, killAt := range []int{5, 700, 1400} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "BADGEWALLET_CRASH_DB="+db, "BADGEWALLET_CRASH_DIR="+dir)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stdout)
		killed := false
		for sc.Scan() {
			if done, err := strconv.Atoi(sc.Text()); err == nil && done >= killAt {
				cmd.Process.Signal(syscall.SIGKILL)
				killed = true
				break
			}
		}
		cmd.Wait()
		if !killed {
			t.Logf("kill at %d: the child finished first", killAt)
		}
		checkConsistent(t, db)
	}
	// A re-run completes the import.
	w, err := wallet.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := w.Import(context.Background(), []string{dir}, wallet.ImportOptions{Verify: wallet.VerifyOptions{Offline: true}}, nil); err != nil {
		t.Fatal(err)
	}
	if p, _ := w.List(context.Background(), wallet.ListOptions{Limit: 1, Acceptance: ""}); p.Total != n {
		t.Fatalf("%d badges after the re-run, want %d", p.Total, n)
	}
	checkConsistent(t, db)
}

// checkConsistent opens the database and checks its integrity and that
// every badge row has its file, whose hash is the row's content hash.
func checkConsistent(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	db, err := store.OpenWallet(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var res string
	if err := db.SQL().QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity_check: %q %v", res, err)
	}
	rows, err := db.SQL().QueryContext(ctx, `SELECT b.id, b.content_hash, f.original FROM badges b LEFT JOIN badge_files f ON f.badge_id = b.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	count := 0
	for rows.Next() {
		var id int64
		var hash string
		var orig sql.RawBytes
		if err := rows.Scan(&id, &hash, &orig); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(orig)
		if orig == nil || hex.EncodeToString(sum[:]) != hash {
			t.Fatalf("badge %d is half there: file missing or not its bytes", id)
		}
		count++
	}
	var files int
	db.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM badge_files`).Scan(&files)
	if files != count {
		t.Fatalf("%d files for %d badges", files, count)
	}
	t.Logf("%d badges, all whole", count)
}
