package dataintegrity

import (
	"encoding/json"
	"testing"

	"badgewallet/internal/fixtures"
)

// BenchmarkCanonicalizeParts splits an OB 3.0 verification's canonicalization
// cost between the document and one proof configuration.
func BenchmarkCanonicalizeParts(b *testing.B) {
	l, _ := NewLoader()
	var doc map[string]any
	json.Unmarshal(fixtures.Read(b, "fixtures/1edtech-validator/ob30/simple.json"), &doc)
	proof := doc["proof"].([]any)[0].(map[string]any)
	b.Run("document", func(b *testing.B) {
		d := Unsecured(doc)
		for b.Loop() {
			if _, err := l.Canonicalize(d); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("proofconfig", func(b *testing.B) {
		c := ProofConfig(doc, proof)
		for b.Loop() {
			if _, err := l.Canonicalize(c); err != nil {
				b.Fatal(err)
			}
		}
	})
}
