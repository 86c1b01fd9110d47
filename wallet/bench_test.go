package wallet_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"badgewallet/issuer"
	"badgewallet/wallet"
)

// issuedFolder awards n badges (one per learner) and writes their OB 3.0
// credentials as JSON files.
func issuedFolder(tb testing.TB, n int) (string, *issuer.Issuer) {
	tb.Helper()
	ctx := context.Background()
	is, err := issuer.Open(ctx, tb.TempDir(), issuer.Options{Now: func() time.Time { return demoDay }})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { is.Close() })
	dir := tb.TempDir()
	for i := range n {
		res, err := is.Award(ctx, fmt.Sprintf("learner%d@example.org", i), "cl-104", demoDay)
		if err != nil {
			tb.Fatal(err)
		}
		cred, err := is.CredentialJSON(ctx, res.Awarded[0].CredentialID)
		if err != nil {
			tb.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%05d.json", i)), cred, 0o600)
	}
	return dir, is
}

// BenchmarkImport: import + verify (status list through the issuer's
// in-process transport) of 200 OB 3.0 badges per op into a fresh wallet,
// workers = GOMAXPROCS. Reports badges/s.
func BenchmarkImport(b *testing.B) {
	const n = 1000
	dir, is := issuedFolder(b, n)
	ctx := context.Background()
	var total time.Duration
	for b.Loop() {
		b.StopTimer()
		w, err := wallet.Open(ctx, filepath.Join(b.TempDir(), "w.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		sum, err := w.Import(ctx, []string{dir}, wallet.ImportOptions{Verify: wallet.VerifyOptions{Transport: is.Transport(nil)}}, nil)
		total += time.Since(start)
		if err != nil || sum.Added != n {
			b.Fatalf("%+v %v", sum, err)
		}
		b.StopTimer()
		w.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/total.Seconds(), "badges/s")
}
