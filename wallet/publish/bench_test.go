package publish

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"badgewallet/issuer"
	"badgewallet/store"
	"badgewallet/wallet"
)

// bigPublicWallet awards n demo badges (one learner each), imports their
// baked PNGs into a wallet, accepts them all and makes them public.
func bigPublicWallet(b *testing.B, n int) *wallet.Wallet {
	b.Helper()
	ctx := context.Background()
	idir := b.TempDir()
	is, err := issuer.Open(ctx, idir, issuer.Options{Now: func() time.Time { return testDay }})
	if err != nil {
		b.Fatal(err)
	}
	defer is.Close()
	files := b.TempDir()
	var creds []string
	for i := range n {
		res, err := is.Award(ctx, fmt.Sprintf("learner%d@example.org", i), "cl-104", testDay)
		if err != nil {
			b.Fatal(err)
		}
		creds = append(creds, res.Awarded[0].CredentialID)
	}
	db, err := store.OpenIssuer(ctx, filepath.Join(idir, "issuer.db"))
	if err != nil {
		b.Fatal(err)
	}
	for i, id := range creds {
		a, err := db.AwardByCredential(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		os.WriteFile(filepath.Join(files, fmt.Sprintf("%05d.png", i)), a.BakedPNG, 0o600)
	}
	db.Close()
	w := newWallet(b)
	sum, err := w.Import(ctx, []string{files}, wallet.ImportOptions{Verify: wallet.VerifyOptions{Transport: is.Transport(nil)}}, nil)
	if err != nil || sum.Added != n {
		b.Fatalf("import: %+v %v", sum, err)
	}
	for id := int64(1); id <= int64(n); id++ {
		if err := w.Accept(ctx, id); err != nil {
			b.Fatal(err)
		}
		if err := w.SetPrivacy(ctx, id, true); err != nil {
			b.Fatal(err)
		}
	}
	return w
}

// BenchmarkPublish10k publishes a wallet of 10,000 public baked badges:
// the first time (every file written), again with nothing changed, and
// again after one badge was made private. It reports the time of each,
// the site's size and the files written.
func BenchmarkPublish10k(b *testing.B) {
	const n = 10_000
	w := bigPublicWallet(b, n)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := b.TempDir()
		w.SetPrivacy(ctx, 5000, true)
		b.StartTimer()
		site, err := Open(ctx, w, "")
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		first, err := site.Publish(ctx, dir)
		if err != nil || first.Badges != n {
			b.Fatalf("%+v %v", first, err)
		}
		t1 := time.Now()
		again, err := site.Publish(ctx, dir)
		if err != nil || again.Written != 0 {
			b.Fatalf("again %+v %v", again, err)
		}
		t2 := time.Now()
		if err := w.SetPrivacy(ctx, 5000, false); err != nil {
			b.Fatal(err)
		}
		one, err := site.Publish(ctx, dir)
		if err != nil || one.Written != 1 || one.Removed != 3 {
			b.Fatalf("one change %+v %v", one, err)
		}
		t3 := time.Now()
		// The live site's index: the first GET reads each badge's file
		// once, the next ones only the wallet's list.
		h := Handler(w, "")
		for range 2 {
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
		}
		t4 := time.Now()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		if rec.Code != 200 {
			b.Fatalf("GET /: %d", rec.Code)
		}
		b.ReportMetric(time.Since(t4).Seconds(), "serve-index-s")
		b.ReportMetric(t1.Sub(t0).Seconds(), "first-s")
		b.ReportMetric(t2.Sub(t1).Seconds(), "again-s")
		b.ReportMetric(t3.Sub(t2).Seconds(), "one-change-s")
		b.ReportMetric(float64(first.Bytes)/1e6, "site-MB")
		b.ReportMetric(float64(first.Files), "files")
		b.ReportMetric(float64(one.Written+one.Removed), "one-change-files")
	}
}
