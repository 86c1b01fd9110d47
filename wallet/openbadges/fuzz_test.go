package openbadges_test

import (
	"encoding/json"
	"testing"

	"badgewallet/internal/fixtures"
	"badgewallet/wallet/openbadges"
)

// FuzzRead: sniff + unbake + parse never panics, and a parsed badge
// always serializes.
func FuzzRead(f *testing.F) {
	for _, row := range fixtures.Rows(f) {
		if row.Verdict != "support" || row.Format == "ob2-badgeclass-json" {
			f.Add(fixtures.Read(f, row.Path))
		}
	}
	f.Add([]byte(`eyJhbGciOiJub25lIn0.eyJ2YyI6e319.c2ln`))
	f.Add([]byte(`https://example.org/a.json`))
	f.Add([]byte(`{"@context":"https://w3id.org/openbadges/v2","type":"Assertion"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		x, err := openbadges.Read(data)
		if err != nil {
			return
		}
		if x.Badge == nil {
			t.Fatal("no error and no badge")
		}
		if _, err := json.Marshal(x); err != nil {
			t.Fatalf("marshal: %v", err)
		}
	})
}
