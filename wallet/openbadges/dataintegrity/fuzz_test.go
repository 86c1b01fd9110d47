package dataintegrity

import "testing"

// FuzzProofTemplate: whenever a proof configuration is written from a
// learned template, it equals json-gold's canonical N-Quads (a
// differential test of the fast path).
func FuzzProofTemplate(f *testing.F) {
	f.Add("2024-05-01T10:00:00Z", "did:key:z6Mk#z6Mk", "assertionMethod", "eddsa-rdfc-2022", "example.org", 0)
	f.Add("x", "https://e.org/k#1", "authentication", "c", "d", 1)
	f.Add("", "urn:a", "keyAgreement", "", "", 2)
	l, err := NewLoader()
	if err != nil {
		f.Fatal(err)
	}
	homes := []struct{ home, typ string }{
		{vc2Context, TypeDataIntegrity},
		{"https://w3id.org/security/data-integrity/v2", TypeDataIntegrity},
		{"https://w3id.org/security/suites/ed25519-2020/v1", "Ed25519Signature2020"},
	}
	f.Fuzz(func(t *testing.T, created, vm, purpose, suite, domain string, which int) {
		h := homes[(which%len(homes)+len(homes))%len(homes)]
		cfg := map[string]any{"@context": []any{h.home}, "type": h.typ, "created": created, "verificationMethod": vm, "proofPurpose": purpose}
		if suite != "" {
			cfg["cryptosuite"] = suite
		}
		if domain != "" {
			cfg["domain"] = domain
		}
		text, ok := l.fromTemplate(l.template(h.home, h.typ), h.typ, cfg)
		if !ok {
			return
		}
		want, err := jsonGoldCanonical(l, cfg)
		if err != nil {
			t.Fatalf("template wrote a configuration json-gold refuses (%v):\n%s", err, text)
		}
		if text != want {
			t.Fatalf("template\n%s\njson-gold\n%s", text, want)
		}
	})
}
