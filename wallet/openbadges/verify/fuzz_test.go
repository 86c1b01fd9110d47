package verify_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"badgewallet/internal/fixtures"
	"badgewallet/wallet/openbadges/verify"
)

// FuzzVerify: verifying any bytes offline never panics, always yields a
// verdict with at least one check, and never says verified when a check
// needed the network or failed.
func FuzzVerify(f *testing.F) {
	for _, row := range fixtures.Rows(f) {
		if strings.HasSuffix(row.Path, ".json") || strings.HasSuffix(row.Path, ".jwt") {
			f.Add(fixtures.Read(f, row.Path))
		}
	}
	v, err := verify.New(verify.Options{Now: func() time.Time { return clock }})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := v.Verify(context.Background(), data)
		if r.Verdict == "" || len(r.Checks) == 0 {
			t.Fatalf("no verdict or no checks: %+v", r)
		}
		if r.Verdict == verify.Verified {
			for _, c := range r.Checks {
				if c.NeedsNetwork || c.Outcome == verify.Fail {
					t.Fatalf("verified with %s %s", c.Name, c.Outcome)
				}
			}
		}
	})
}
