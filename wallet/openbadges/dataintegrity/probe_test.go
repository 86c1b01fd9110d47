package dataintegrity

import (
	"encoding/json"
	"testing"

	"badgewallet/internal/fixtures"
)

// BenchmarkHashData is the cost of canonicalizing a credential and its
// proof configuration: the bulk of an OB 3.0 verification.
func BenchmarkHashData(b *testing.B) {
	l, err := NewLoader()
	if err != nil {
		b.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(fixtures.Read(b, "vectors/ob3-1edtech-eddsa-rdfc-2022/signed-credential.json"), &doc); err != nil {
		b.Fatal(err)
	}
	proof := doc["proof"].(map[string]any)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, _, err := l.HashData(doc, proof); err != nil {
			b.Fatal(err)
		}
	}
}

// canonAll canonicalizes a credential without its proofs and the proof
// configuration of each proof, returning the first error.
func canonAll(l *Loader, doc map[string]any) error {
	var proofs []any
	switch p := doc["proof"].(type) {
	case map[string]any:
		proofs = []any{p}
	case []any:
		proofs = p
	}
	for _, p := range proofs {
		pm, ok := p.(map[string]any)
		if !ok {
			continue
		}
		if _, _, _, err := l.HashData(doc, pm); err != nil {
			return err
		}
	}
	d := map[string]any{}
	for k, v := range doc {
		if k != "proof" {
			d[k] = v
		}
	}
	_, err := l.Canonicalize(d)
	return err
}

// TestSafeModeCorpus: every JSON credential of the corpus whose verdict is
// valid canonicalizes in safe mode; every row whose structure fault only
// JSON-LD can see fails.
func TestSafeModeCorpus(t *testing.T) {
	l, err := NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	mustFail := map[string]bool{
		"fixtures/1edtech-validator/ob30/complete_v1.json":                                                       true,
		"fixtures/1edtech-validator/ob30/simple-err-credential-subject-achievement-result-description-type.json": true,
		"fixtures/1edtech-validator/ob30/simple-err-credential-subject-identifier-type.json":                     true,
		"fixtures/1edtech-validator/ob30/simple-err-credential-subject-profile-type.json":                        true,
		"fixtures/1edtech-validator/ob30/simple-err-credential-subject-result-type.json":                         true,
		"fixtures/1edtech-validator/ob30/simple-err-credential-subject-type.json":                                true,
		"fixtures/1edtech-validator/ob30/simple-err-evidence-type.json":                                          true,
		"fixtures/1edtech-validator/ob30/simple-err-issuer-otheridentifier-type.json":                            true,
		"fixtures/1edtech-validator/ob30/simple-err-issuer-parentorg-type.json":                                  true,
		"fixtures/1edtech-validator/ob30/simple-err-issuer-type.json":                                            true,
		"fixtures/1edtech-validator/ob30/simple-multiple-proofs.json":                                            true,
	}
	checked := 0
	for _, row := range fixtures.Rows(t) {
		isJSON := row.Format == "ob3-json" || row.Format == "vc-json" || row.Format == "ob3-endorsement-json" || row.Format == "status-list-json"
		if !isJSON || !(row.Verdict == "valid" || mustFail[row.Path]) {
			continue
		}
		var doc map[string]any
		if err := json.Unmarshal(fixtures.Read(t, row.Path), &doc); err != nil {
			t.Fatalf("%s: %v", row.Path, err)
		}
		err := canonAll(l, doc)
		switch {
		case mustFail[row.Path] && err == nil:
			t.Errorf("%s: canonicalized, want a safe-mode error", row.Path)
		case !mustFail[row.Path] && err != nil:
			t.Errorf("%s (valid): %v", row.Path, err)
		}
		checked++
	}
	t.Logf("%d corpus credentials checked", checked)
}
