package verify_test

import (
	"context"
	"testing"
	"time"

	"badgewallet/internal/fixtures"
	"badgewallet/wallet/openbadges"
	"badgewallet/wallet/openbadges/verify"
)

// validOB3 returns the corpus OB 3.0 JSON-LD credentials whose offline
// verdict is valid (and that badgewallet verifies: the ecdsa-sd-2023 one
// is a documented disagreement).
func validOB3(b *testing.B) [][]byte {
	v, err := verify.New(verify.Options{Now: func() time.Time { return clock }})
	if err != nil {
		b.Fatal(err)
	}
	var out [][]byte
	for _, row := range fixtures.Rows(b) {
		if row.Format == "ob3-json" && row.Verdict == "valid" {
			data := fixtures.Read(b, row.Path)
			if x, err := openbadges.Read(data); err == nil && x.Badge.Form == openbadges.FormJSON &&
				v.Verify(context.Background(), data).Verdict == verify.Verified {
				out = append(out, data)
			}
		}
	}
	if len(out) == 0 {
		b.Fatal("no valid OB 3.0 fixtures")
	}
	return out
}

// BenchmarkVerifyOB3: one op = one full offline verification of one of
// the valid OB 3.0 corpus credentials (round robin). Run with -cpu 1.
func BenchmarkVerifyOB3(b *testing.B) {
	docs := validOB3(b)
	v, err := verify.New(verify.Options{Now: func() time.Time { return clock }})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		r := v.Verify(ctx, docs[i%len(docs)])
		if r.Verdict != verify.Verified {
			b.Fatalf("verdict %s", r.Verdict)
		}
		i++
	}
	b.ReportMetric(float64(len(docs)), "fixtures")
}

// BenchmarkVerifyParallel: the same, from GOMAXPROCS goroutines sharing
// one Verifier.
func BenchmarkVerifyParallel(b *testing.B) {
	docs := validOB3(b)
	v, err := verify.New(verify.Options{Now: func() time.Time { return clock }})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if r := v.Verify(ctx, docs[i%len(docs)]); r.Verdict != verify.Verified {
				b.Errorf("verdict %s", r.Verdict)
				return
			}
			i++
		}
	})
}
