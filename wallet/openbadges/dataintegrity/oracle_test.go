package dataintegrity

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/piprate/json-gold/ld"

	"badgewallet/internal/fixtures"
)

// jsonGoldCanonical is json-gold's own, unoptimized pipeline: the
// processor's Normalize with the bundled contexts.
func jsonGoldCanonical(l *Loader, doc map[string]any) (string, error) {
	opts := ld.NewJsonLdOptions("")
	opts.Algorithm = ld.AlgorithmURDNA2015
	opts.Format = "application/n-quads"
	opts.DocumentLoader = l
	out, err := ld.NewJsonLdProcessor().Normalize(ld.CloneDocument(doc), opts)
	if err != nil {
		return "", err
	}
	return out.(string), nil
}

// TestCanonicalizeMatchesJSONGold: for every JSON credential of the corpus
// (documents and proof configurations) that canonicalizes, the optimized
// pipeline (cached active contexts, remembered IRI checks) gives exactly
// json-gold's canonical N-Quads.
func TestCanonicalizeMatchesJSONGold(t *testing.T) {
	l, err := NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	compared := 0
	for _, row := range fixtures.Rows(t) {
		if !strings.HasSuffix(row.Format, "-json") || row.Verdict == "support" && row.Format != "status-list-json" {
			continue
		}
		var doc map[string]any
		if json.Unmarshal(fixtures.Read(t, row.Path), &doc) != nil || doc["@context"] == nil {
			continue
		}
		inputs := []map[string]any{Unsecured(doc)}
		switch p := doc["proof"].(type) {
		case map[string]any:
			inputs = append(inputs, ProofConfig(doc, p))
		case []any:
			for _, x := range p {
				if m, ok := x.(map[string]any); ok {
					inputs = append(inputs, ProofConfig(doc, m))
				}
			}
		}
		for i, in := range inputs {
			ours, err := l.Canonicalize(in)
			if err != nil {
				continue // refused in safe mode; json-gold would drop silently
			}
			// Twice: the second run is served from the caches.
			again, _ := l.Canonicalize(in)
			// Numbers as json.Number (as the wallet decodes) give the same.
			var numDoc map[string]any
			d := json.NewDecoder(strings.NewReader(mustJSON(t, in)))
			d.UseNumber()
			if err := d.Decode(&numDoc); err != nil {
				t.Fatal(err)
			}
			if withNumbers, err := l.Canonicalize(numDoc); err != nil || withNumbers != ours {
				t.Errorf("%s #%d: json.Number decoding canonicalizes differently (%v)", row.Path, i, err)
			}
			want, err := jsonGoldCanonical(l, in)
			if err != nil {
				t.Errorf("%s #%d: json-gold failed where we did not: %v", row.Path, i, err)
				continue
			}
			if ours != want || again != want {
				t.Errorf("%s #%d: canonical N-Quads differ from json-gold's\nours:\n%s\njson-gold:\n%s", row.Path, i, ours, want)
			}
			compared++
		}
	}
	if compared < 100 {
		t.Fatalf("only %d documents compared", compared)
	}
	t.Logf("%d documents and proof configurations match json-gold byte for byte", compared)
}

// TestProofConfigShortcut: ProofConfigHash (VC 2.0 context alone for a
// DataIntegrityProof) equals the hash of the full configuration for every
// proof of the corpus and both vectors.
func TestProofConfigShortcut(t *testing.T) {
	l, err := NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{"vectors/ob3-1edtech-eddsa-rdfc-2022/signed-credential.json", "vectors/w3c-vc-di-eddsa-rdfc-2022/signedDataInt.json"}
	for _, row := range fixtures.Rows(t) {
		if strings.HasSuffix(row.Format, "-json") {
			paths = append(paths, row.Path)
		}
	}
	short := 0
	for _, p := range paths {
		var doc map[string]any
		if json.Unmarshal(fixtures.Read(t, p), &doc) != nil {
			continue
		}
		var proofs []map[string]any
		switch v := doc["proof"].(type) {
		case map[string]any:
			proofs = append(proofs, v)
		case []any:
			for _, x := range v {
				if m, ok := x.(map[string]any); ok {
					proofs = append(proofs, m)
				}
			}
		}
		for _, pr := range proofs {
			full, ferr := l.Hash(ProofConfig(doc, pr))
			got, gerr := l.ProofConfigHash(doc, pr)
			if (ferr == nil) != (gerr == nil) || string(full) != string(got) {
				t.Errorf("%s: shortcut %x (%v), full %x (%v)", p, got, gerr, full, ferr)
			}
			if shortcut(doc, pr) != "" && ferr == nil {
				short++
			}
		}
	}
	if short < 20 {
		t.Fatalf("the shortcut applied to only %d proofs", short)
	}
	t.Logf("shortcut equal to the full configuration for %d proofs", short)
}

func mustJSON(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestProofTemplate: configurations written from a learned template equal
// json-gold's canonical N-Quads, odd values fall back, and the template
// path does apply to ordinary proofs.
func TestProofTemplate(t *testing.T) {
	l, err := NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	base := func(home, typ string) map[string]any {
		m := map[string]any{"@context": []any{home}, "type": typ, "created": "2024-05-01T10:00:00Z",
			"verificationMethod": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
			"proofPurpose":       "assertionMethod"}
		if typ == TypeDataIntegrity {
			m["cryptosuite"] = "eddsa-rdfc-2022"
		}
		return m
	}
	type tc struct {
		name     string
		cfg      map[string]any
		template bool
	}
	var cases []tc
	for _, hc := range []struct{ home, typ string }{
		{vc2Context, TypeDataIntegrity},
		{"https://w3id.org/security/data-integrity/v2", TypeDataIntegrity},
		{"https://w3id.org/security/suites/ed25519-2020/v1", "Ed25519Signature2020"},
	} {
		with := func(k string, v any) map[string]any {
			m := base(hc.home, hc.typ)
			m[k] = v
			return m
		}
		cases = append(cases,
			tc{hc.typ + " ordinary", base(hc.home, hc.typ), true},
			tc{hc.typ + " https key", with("verificationMethod", "https://example.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"), true},
			tc{hc.typ + " other purpose", with("proofPurpose", "authentication"), true},
			tc{hc.typ + " domain and challenge", with("domain", "example.org"), true},
			tc{hc.typ + " expires", with("expires", "2030-01-01T00:00:00Z"), true},
			tc{hc.typ + " quote in a value", with("domain", `ex"ample`), false},
			tc{hc.typ + " unicode value", with("domain", "exämple.org"), false},
			tc{hc.typ + " list value", with("domain", []any{"a", "b"}), false},
			tc{hc.typ + " relative key", with("verificationMethod", "key-1"), false},
			tc{hc.typ + " unknown purpose", with("proofPurpose", "madeUp"), false},
			tc{hc.typ + " with id", with("id", "urn:uuid:1"), false},
		)
	}
	applied := 0
	for _, c := range cases {
		typ := c.cfg["type"].(string)
		home := c.cfg["@context"].([]any)[0].(string)
		text, ok := l.fromTemplate(l.template(home, typ), typ, c.cfg)
		if ok != c.template {
			t.Errorf("%s: template used = %v, want %v", c.name, ok, c.template)
		}
		if !ok {
			continue
		}
		applied++
		want, err := jsonGoldCanonical(l, c.cfg)
		if err != nil || text != want {
			t.Errorf("%s: template\n%s\njson-gold (%v)\n%s", c.name, text, err, want)
		}
	}
	if applied < 12 {
		t.Fatalf("template applied to %d cases only", applied)
	}
}
