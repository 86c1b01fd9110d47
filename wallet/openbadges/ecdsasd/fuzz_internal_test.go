package ecdsasd

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"testing"

	"badgewallet/internal/fixtures"
)

// FuzzParseProofValue: parseDerivedProofValue never panics, every error
// wraps ErrMalformed, and what it accepts has the sizes the spec fixes.
// The corpus seeds are the two real derived proofs, their bytes cut and
// changed, and a base proof header.
func FuzzParseProofValue(f *testing.F) {
	w3c, err := os.ReadFile("testdata/w3c-derived-reveal-document.json")
	if err != nil {
		f.Fatal(err)
	}
	for _, b := range [][]byte{w3c, fixtures.Read(f, "fixtures/1edtech-validator/ob30/sd/derivedcredential.json")} {
		var doc map[string]any
		if err := json.Unmarshal(b, &doc); err != nil {
			f.Fatal(err)
		}
		p, err := findProof(doc)
		if err != nil {
			f.Fatal(err)
		}
		pv := p["proofValue"].(string)
		f.Add(pv)
		raw, _ := base64.RawURLEncoding.DecodeString(pv[1:])
		for _, n := range []int{3, 4, 6, 70, 108, len(raw) / 2, len(raw) - 1} {
			f.Add("u" + base64.RawURLEncoding.EncodeToString(raw[:n]))
		}
		base := append([]byte{0xd9, 0x5d, 0x00}, raw[3:]...)
		f.Add("u" + base64.RawURLEncoding.EncodeToString(base))
	}
	for _, s := range []string{"", "u", "z", "u2V0B", "u2V0BgA", "u2V0BhUBAgKA", "u2V0BhUBYI4Aj"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := parseDerivedProofValue(s)
		if err != nil {
			if !errors.Is(err, ErrMalformed) || errors.Is(err, ErrSignature) {
				t.Fatalf("error %v does not wrap ErrMalformed alone", err)
			}
			if p != nil {
				t.Fatal("a proof with an error")
			}
			return
		}
		if len(p.baseSignature) != signatureLen || len(p.publicKey) != p256MultikeyLen || p.ephemeral == nil {
			t.Fatalf("accepted bad sizes: %d-byte base signature, %d-byte key", len(p.baseSignature), len(p.publicKey))
		}
		for _, sig := range p.signatures {
			if len(sig) != signatureLen {
				t.Fatalf("accepted a %d-byte signature", len(sig))
			}
		}
		seen := map[string]bool{}
		for k, v := range p.labelMap {
			if len(v) != 1+43 || seen[v] {
				t.Fatalf("label map entry %s → %s", k, v)
			}
			seen[v] = true
		}
	})
}
