package ecdsasd_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/fxamacker/cbor/v2"

	"badgewallet/internal/fixtures"
	"badgewallet/wallet/openbadges/dataintegrity"
	"badgewallet/wallet/openbadges/didkey"
	"badgewallet/wallet/openbadges/ecdsasd"
)

const (
	// fixturePath: the 1EdTech validator's derived credential, which its
	// OB30Tests asserts valid.
	fixturePath = "fixtures/1edtech-validator/ob30/sd/derivedcredential.json"
	// w3cPath: the W3C vc-di-ecdsa ecdsa-sd-2023 derived test vector, signed
	// by w3cIssuerKey (see testdata/README.md).
	w3cPath      = "testdata/w3c-derived-reveal-document.json"
	w3cIssuerKey = "zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP"
)

var (
	loaderOnce sync.Once
	loader     *dataintegrity.Loader
	loaderErr  error
)

// canon is the real canonicalization: RDFC-1.0 with the bundled contexts.
func canon(tb testing.TB) func(map[string]any) (string, error) {
	tb.Helper()
	loaderOnce.Do(func() { loader, loaderErr = dataintegrity.NewLoader() })
	if loaderErr != nil {
		tb.Fatal(loaderErr)
	}
	return loader.Canonicalize
}

func decodeJSON(tb testing.TB, b []byte) map[string]any {
	tb.Helper()
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		tb.Fatal(err)
	}
	return doc
}

// fixture returns a fresh copy of the 1EdTech derived credential.
func fixture(tb testing.TB) map[string]any {
	tb.Helper()
	return decodeJSON(tb, fixtures.Read(tb, fixturePath))
}

// w3cVector returns a fresh copy of the W3C derived credential.
func w3cVector(tb testing.TB) map[string]any {
	tb.Helper()
	b, err := os.ReadFile(w3cPath)
	if err != nil {
		tb.Fatal(err)
	}
	return decodeJSON(tb, b)
}

// fixtureProof returns the fixture's proof (the only element of its proof
// array).
func fixtureProof(doc map[string]any) map[string]any {
	return doc["proof"].([]any)[0].(map[string]any)
}

// fixtureKey is the Multikey in the fragment of the fixture's
// verificationMethod, as the 1EdTech validator resolves it.
func fixtureKey(tb testing.TB) string {
	tb.Helper()
	vm := fixtureProof(fixture(tb))["verificationMethod"].(string)
	_, frag, ok := strings.Cut(vm, "#")
	if !ok {
		tb.Fatalf("verificationMethod %q has no fragment", vm)
	}
	return frag
}

func mustKey(tb testing.TB, s string) *ecdsa.PublicKey {
	tb.Helper()
	pub, err := ecdsasd.DecodeP256Multikey(s)
	if err != nil {
		tb.Fatalf("DecodeP256Multikey(%q): %v", s, err)
	}
	return pub
}

// TestFixtureVerifies is the acceptance test: the 1EdTech derived
// credential verifies with the real canonicalization, and Verify leaves
// the document as it was.
func TestFixtureVerifies(t *testing.T) {
	doc := fixture(t)
	before, _ := json.Marshal(doc)
	if err := ecdsasd.Verify(doc, canon(t), mustKey(t, fixtureKey(t))); err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if after, _ := json.Marshal(doc); string(after) != string(before) {
		t.Errorf("Verify modified the document")
	}
	// The proof as a single object, not an array, is the same proof.
	doc["proof"] = fixtureProof(doc)
	if err := ecdsasd.Verify(doc, canon(t), mustKey(t, fixtureKey(t))); err != nil {
		t.Fatalf("Verify with the proof as an object: %v", err)
	}
}

// TestSameStatements: changes that leave the RDF statements as they were
// still verify: AchievementCredential is an alias of OpenBadgeCredential
// in the OB 3.0 context, and a repeated type is one statement.
func TestSameStatements(t *testing.T) {
	for name, types := range map[string][]any{
		"alias type":    {"VerifiableCredential", "OpenBadgeCredential", "AchievementCredential"},
		"repeated type": {"OpenBadgeCredential", "VerifiableCredential", "VerifiableCredential"},
	} {
		doc := fixture(t)
		doc["type"] = types
		if err := ecdsasd.Verify(doc, canon(t), mustKey(t, fixtureKey(t))); err != nil {
			t.Errorf("%s: Verify: %v", name, err)
		}
	}
}

// TestW3CVectorVerifies: the spec's own derived test vector, which has
// mandatory statements, several blank nodes, and statements whose order
// changes when they are relabelled.
func TestW3CVectorVerifies(t *testing.T) {
	if err := ecdsasd.Verify(w3cVector(t), canon(t), mustKey(t, w3cIssuerKey)); err != nil {
		t.Fatalf("Verify: %v", err)
	}
}

// TestWrongKey: another issuer key fails the base signature.
func TestWrongKey(t *testing.T) {
	other := mustKey(t, w3cIssuerKey)
	err := ecdsasd.Verify(fixture(t), canon(t), other)
	if !errors.Is(err, ecdsasd.ErrSignature) {
		t.Fatalf("Verify with another key: %v, want ErrSignature", err)
	}
	if err := ecdsasd.Verify(fixture(t), canon(t), nil); err == nil {
		t.Fatal("Verify with a nil key succeeded")
	}
	p384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if err := ecdsasd.Verify(fixture(t), canon(t), &p384.PublicKey); err == nil {
		t.Fatal("Verify with a P-384 key succeeded")
	}
}

func get(doc map[string]any, path ...string) map[string]any {
	for _, k := range path {
		doc = doc[k].(map[string]any)
	}
	return doc
}

// TestTampered: changing, adding or removing any disclosed statement, or
// changing the proof options, fails with ErrSignature.
func TestTampered(t *testing.T) {
	cases := []struct {
		name   string
		w3c    bool
		mutate func(doc map[string]any)
	}{
		{"issuer name", false, func(d map[string]any) { get(d, "issuer")["name"] = "Evil Corp" }},
		{"achievement name", false, func(d map[string]any) { get(d, "credentialSubject", "achievement")["name"] = "Leadership" }},
		{"achievement description", false, func(d map[string]any) {
			get(d, "credentialSubject", "achievement")["description"] = "This badge recognizes nothing."
		}},
		{"criteria narrative", false, func(d map[string]any) {
			get(d, "credentialSubject", "achievement", "criteria")["narrative"] = "Anyone."
		}},
		{"subject id", false, func(d map[string]any) { get(d, "credentialSubject")["id"] = "did:example:mallory" }},
		{"credential id", false, func(d map[string]any) { d["id"] = "http://example.com/credentials/1" }},
		{"validFrom", false, func(d map[string]any) { d["validFrom"] = "2009-01-01T00:00:00Z" }},
		{"issuer id", false, func(d map[string]any) { get(d, "issuer")["id"] = "https://evil.example/issuer" }},
		{"extra type", false, func(d map[string]any) {
			d["type"] = []any{"VerifiableCredential", "OpenBadgeCredential", "EndorsementCredential"}
		}},
		{"added statement", false, func(d map[string]any) {
			get(d, "credentialSubject", "achievement")["image"] = "https://example.com/badge.png"
		}},
		{"removed statement", false, func(d map[string]any) { delete(get(d, "issuer"), "url") }},
		{"criteria given an id", false, func(d map[string]any) {
			get(d, "credentialSubject", "achievement", "criteria")["id"] = "https://example.com/criteria"
		}},
		{"proof created", false, func(d map[string]any) { fixtureProof(d)["created"] = "2011-01-01T19:23:24Z" }},
		{"proof verificationMethod", false, func(d map[string]any) {
			fixtureProof(d)["verificationMethod"] = "https://evil.example/issuers/1#zDnaekGZTbQBerwcehBSXLqAg6s55hVEBms1zFy89VHXtJSa9"
		}},
		{"proof purpose", false, func(d map[string]any) { fixtureProof(d)["proofPurpose"] = "authentication" }},
		// The W3C vector has mandatory statements.
		{"w3c mandatory issuer", true, func(d map[string]any) { d["issuer"] = "https://vc.example/someone-else" }},
		{"w3c mandatory sailNumber", true, func(d map[string]any) { get(d, "credentialSubject")["sailNumber"] = "Mars101" }},
		{"w3c selective sail year", true, func(d map[string]any) {
			get(d, "credentialSubject")["sails"].([]any)[0].(map[string]any)["year"] = 2024.0
		}},
		{"w3c selective board brand", true, func(d map[string]any) {
			get(d, "credentialSubject")["boards"].([]any)[1].(map[string]any)["brand"] = "Naish"
		}},
		{"w3c swapped sail sizes", true, func(d map[string]any) {
			sails := get(d, "credentialSubject")["sails"].([]any)
			a, b := sails[0].(map[string]any), sails[1].(map[string]any)
			a["size"], b["size"] = b["size"], a["size"]
		}},
		{"w3c dropped board", true, func(d map[string]any) {
			c := get(d, "credentialSubject")
			c["boards"] = c["boards"].([]any)[:1]
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, key := fixture(t), fixtureKey(t)
			if tc.w3c {
				doc, key = w3cVector(t), w3cIssuerKey
			}
			tc.mutate(doc)
			err := ecdsasd.Verify(doc, canon(t), mustKey(t, key))
			if !errors.Is(err, ecdsasd.ErrSignature) {
				t.Fatalf("Verify: %v, want ErrSignature", err)
			}
			if errors.Is(err, ecdsasd.ErrMalformed) {
				t.Fatalf("Verify: %v wraps both sentinels", err)
			}
			t.Log(err)
		})
	}
}

// parts are the components of a derived proofValue, for tests that
// re-encode the fixture's proof with changes.
type parts struct {
	_             struct{} `cbor:",toarray"`
	BaseSignature []byte
	PublicKey     []byte
	Signatures    [][]byte
	LabelMap      map[uint64][]byte
	Mandatory     []uint64
}

func decodeParts(t *testing.T, proofValue string) *parts {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(proofValue[1:])
	if err != nil {
		t.Fatal(err)
	}
	var p parts
	if err := cbor.Unmarshal(b[3:], &p); err != nil {
		t.Fatal(err)
	}
	return &p
}

// encode returns a proofValue: 'u', base64url(header ‖ CBOR(v)).
func encode(t *testing.T, header []byte, v any) string {
	t.Helper()
	b, err := cbor.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return "u" + base64.RawURLEncoding.EncodeToString(append(append([]byte{}, header...), b...))
}

var derivedHeader = []byte{0xd9, 0x5d, 0x01}

// TestReencodedProof: the fixture's proof components, re-encoded with one
// change each. The unchanged re-encoding verifies.
func TestReencodedProof(t *testing.T) {
	orig := fixtureProof(fixture(t))["proofValue"].(string)
	other, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	otherBytes := append([]byte{0x80, 0x24}, elliptic.MarshalCompressed(elliptic.P256(), other.X, other.Y)...)

	cases := []struct {
		name   string
		change func(p *parts) any // the value to encode
		want   error              // nil: verifies
	}{
		{"unchanged", func(p *parts) any { return p }, nil},
		{"one signature dropped", func(p *parts) any { p.Signatures = p.Signatures[:len(p.Signatures)-1]; return p }, ecdsasd.ErrSignature},
		{"one signature added", func(p *parts) any { p.Signatures = append(p.Signatures, p.Signatures[0]); return p }, ecdsasd.ErrSignature},
		{"two signatures swapped", func(p *parts) any {
			p.Signatures[0], p.Signatures[1] = p.Signatures[1], p.Signatures[0]
			return p
		}, ecdsasd.ErrSignature},
		{"statement signature flipped", func(p *parts) any { p.Signatures[3][10] ^= 1; return p }, ecdsasd.ErrSignature},
		{"base signature flipped", func(p *parts) any { p.BaseSignature[40] ^= 1; return p }, ecdsasd.ErrSignature},
		{"another proof-scoped key", func(p *parts) any { p.PublicKey = otherBytes; return p }, ecdsasd.ErrSignature},
		{"statement made mandatory", func(p *parts) any { p.Mandatory = []uint64{0}; p.Signatures = p.Signatures[1:]; return p }, ecdsasd.ErrSignature},
		{"mandatory index past the end", func(p *parts) any { p.Mandatory = []uint64{99}; return p }, ecdsasd.ErrSignature},
		{"label map empty", func(p *parts) any { p.LabelMap = map[uint64][]byte{}; return p }, ecdsasd.ErrSignature},
		{"label changed", func(p *parts) any { p.LabelMap[0][0] ^= 1; return p }, ecdsasd.ErrSignature},
		{"label map with an unused entry", func(p *parts) any { p.LabelMap[7] = make([]byte, 32); return p }, nil},
		{"two blank nodes one label", func(p *parts) any { p.LabelMap[1] = p.LabelMap[0]; return p }, ecdsasd.ErrMalformed},
		{"duplicate mandatory index", func(p *parts) any { p.Mandatory = []uint64{2, 2}; return p }, ecdsasd.ErrMalformed},
		{"short base signature", func(p *parts) any { p.BaseSignature = p.BaseSignature[:63]; return p }, ecdsasd.ErrMalformed},
		{"long statement signature", func(p *parts) any { p.Signatures[0] = append(p.Signatures[0], 0); return p }, ecdsasd.ErrMalformed},
		{"short label", func(p *parts) any { p.LabelMap[0] = p.LabelMap[0][:31]; return p }, ecdsasd.ErrMalformed},
		{"uncompressed proof-scoped key", func(p *parts) any {
			p.PublicKey = append([]byte{0x80, 0x24}, elliptic.Marshal(elliptic.P256(), other.X, other.Y)...) //nolint:staticcheck // building a bad input
			return p
		}, ecdsasd.ErrMalformed},
		{"Ed25519 proof-scoped key", func(p *parts) any { p.PublicKey = append([]byte{0xed, 0x01}, make([]byte, 32)...); return p }, ecdsasd.ErrMalformed},
		{"four components", func(p *parts) any {
			return []any{p.BaseSignature, p.PublicKey, p.Signatures, p.LabelMap}
		}, ecdsasd.ErrMalformed},
		{"six components", func(p *parts) any {
			return []any{p.BaseSignature, p.PublicKey, p.Signatures, p.LabelMap, p.Mandatory, []byte{}}
		}, ecdsasd.ErrMalformed},
		{"text string signature", func(p *parts) any {
			return []any{string(p.BaseSignature), p.PublicKey, p.Signatures, p.LabelMap, p.Mandatory}
		}, ecdsasd.ErrMalformed},
		{"null signatures", func(p *parts) any {
			return []any{p.BaseSignature, p.PublicKey, nil, p.LabelMap, p.Mandatory}
		}, ecdsasd.ErrMalformed},
		{"tagged component", func(p *parts) any {
			return []any{cbor.Tag{Number: 64, Content: p.BaseSignature}, p.PublicKey, p.Signatures, p.LabelMap, p.Mandatory}
		}, ecdsasd.ErrMalformed},
		{"negative label key", func(p *parts) any {
			return []any{p.BaseSignature, p.PublicKey, p.Signatures, map[int64][]byte{-1: p.LabelMap[0]}, p.Mandatory}
		}, ecdsasd.ErrMalformed},
		{"text label key", func(p *parts) any {
			return []any{p.BaseSignature, p.PublicKey, p.Signatures, map[string][]byte{"c14n0": p.LabelMap[0]}, p.Mandatory}
		}, ecdsasd.ErrMalformed},
		{"negative mandatory index", func(p *parts) any {
			return []any{p.BaseSignature, p.PublicKey, p.Signatures, p.LabelMap, []int64{-1}}
		}, ecdsasd.ErrMalformed},
		{"not an array", func(p *parts) any { return map[string]any{"a": 1} }, ecdsasd.ErrMalformed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := fixture(t)
			fixtureProof(doc)["proofValue"] = encode(t, derivedHeader, tc.change(decodeParts(t, orig)))
			err := ecdsasd.Verify(doc, canon(t), mustKey(t, fixtureKey(t)))
			switch {
			case tc.want == nil && err != nil:
				t.Fatalf("Verify: %v, want success", err)
			case tc.want != nil && !errors.Is(err, tc.want):
				t.Fatalf("Verify: %v, want %v", err, tc.want)
			}
			if err != nil {
				t.Log(err)
			}
		})
	}
}

// TestMalformedProofValue: proofValues that cannot be read fail with
// ErrMalformed, whatever the document says.
func TestMalformedProofValue(t *testing.T) {
	orig := fixtureProof(fixture(t))["proofValue"].(string)
	raw, _ := base64.RawURLEncoding.DecodeString(orig[1:])
	base := append([]byte{0xd9, 0x5d, 0x00}, raw[3:]...)
	cases := map[string]string{
		"empty":                "",
		"base58btc":            "z" + orig[1:],
		"no multibase prefix":  orig[1:],
		"only the prefix":      "u",
		"truncated":            orig[:len(orig)/2],
		"truncated by one":     orig[:len(orig)-1],
		"header only":          "u" + base64.RawURLEncoding.EncodeToString(raw[:3]),
		"padded":               orig + "==",
		"standard base64":      "u" + base64.StdEncoding.EncodeToString(raw),
		"line break":           orig[:50] + "\n" + orig[50:],
		"not base64":           "u!!!!",
		"trailing garbage":     "u" + base64.RawURLEncoding.EncodeToString(append(append([]byte{}, raw...), 0x00)),
		"wrong header":         "u" + base64.RawURLEncoding.EncodeToString(append([]byte{0xd9, 0x5d, 0x02}, raw[3:]...)),
		"no header":            "u" + base64.RawURLEncoding.EncodeToString(raw[3:]),
		"ecdsa-rdfc signature": "z" + strings.Repeat("2", 88),
	}
	for name, pv := range cases {
		t.Run(name, func(t *testing.T) {
			doc := fixture(t)
			fixtureProof(doc)["proofValue"] = pv
			err := ecdsasd.Verify(doc, canon(t), mustKey(t, fixtureKey(t)))
			if !errors.Is(err, ecdsasd.ErrMalformed) || errors.Is(err, ecdsasd.ErrSignature) {
				t.Fatalf("Verify: %v, want ErrMalformed only", err)
			}
			t.Log(err)
		})
	}

	t.Run("base proof", func(t *testing.T) {
		doc := fixture(t)
		fixtureProof(doc)["proofValue"] = "u" + base64.RawURLEncoding.EncodeToString(base)
		err := ecdsasd.Verify(doc, canon(t), mustKey(t, fixtureKey(t)))
		if !errors.Is(err, ecdsasd.ErrMalformed) || !strings.Contains(err.Error(), "this is a base proof; only derived proofs are verified by holders/verifiers") {
			t.Fatalf("Verify: %v, want ErrMalformed saying it is a base proof", err)
		}
	})
}

// TestProofShape: the proof itself must be there and be an ecdsa-sd-2023
// DataIntegrityProof.
func TestProofShape(t *testing.T) {
	cases := map[string]func(d map[string]any){
		"no proof":            func(d map[string]any) { delete(d, "proof") },
		"proof is a string":   func(d map[string]any) { d["proof"] = "x" },
		"empty proof array":   func(d map[string]any) { d["proof"] = []any{} },
		"other cryptosuite":   func(d map[string]any) { fixtureProof(d)["cryptosuite"] = "eddsa-rdfc-2022" },
		"other type":          func(d map[string]any) { fixtureProof(d)["type"] = "Ed25519Signature2020" },
		"proofValue missing":  func(d map[string]any) { delete(fixtureProof(d), "proofValue") },
		"proofValue a number": func(d map[string]any) { fixtureProof(d)["proofValue"] = 1.0 },
		"two sd proofs": func(d map[string]any) {
			d["proof"] = []any{fixtureProof(d), fixtureProof(d)}
		},
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			doc := fixture(t)
			mutate(doc)
			err := ecdsasd.Verify(doc, canon(t), mustKey(t, fixtureKey(t)))
			if !errors.Is(err, ecdsasd.ErrMalformed) {
				t.Fatalf("Verify: %v, want ErrMalformed", err)
			}
			t.Log(err)
		})
	}

	// Another suite's proof next to it is ignored.
	doc := fixture(t)
	doc["proof"] = []any{map[string]any{"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "proofValue": "z1"}, fixtureProof(doc)}
	if err := ecdsasd.Verify(doc, canon(t), mustKey(t, fixtureKey(t))); err != nil {
		t.Fatalf("Verify with an extra eddsa proof: %v", err)
	}
}

// TestCanonicalizationErrors are passed on, wrapped.
func TestCanonicalizationErrors(t *testing.T) {
	boom := errors.New("boom")
	err := ecdsasd.Verify(fixture(t), func(map[string]any) (string, error) { return "", boom }, mustKey(t, fixtureKey(t)))
	if !errors.Is(err, boom) {
		t.Fatalf("Verify: %v, want the canonicalization error", err)
	}
	// An undefined term fails in safe mode.
	doc := fixture(t)
	get(doc, "issuer")["notInAnyContext"] = "x"
	err = ecdsasd.Verify(doc, canon(t), mustKey(t, fixtureKey(t)))
	if !errors.Is(err, dataintegrity.ErrCanonicalize) {
		t.Fatalf("Verify: %v, want ErrCanonicalize", err)
	}
}

// TestDecodeP256Multikey: the fixture's key decodes (and is the compressed
// point it encodes); other key types and malformed strings are refused.
func TestDecodeP256Multikey(t *testing.T) {
	for _, s := range []string{fixtureKey(t), w3cIssuerKey, "zDnaeTHfhmSaQKBc7CmdL3K7oYg3D6SC7yowe2eBeVd2DH32r"} {
		pub := mustKey(t, s)
		if pub.Curve != elliptic.P256() {
			t.Fatalf("%s: curve %v", s, pub.Curve.Params().Name)
		}
		b, err := pub.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		if len(b) != 65 || b[0] != 4 {
			t.Fatalf("%s: uncompressed bytes % x", s, b)
		}
	}

	// A freshly made key round-trips through its Multikey.
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	mk := "z" + didkey.Encode(append([]byte{0x80, 0x24}, elliptic.MarshalCompressed(elliptic.P256(), priv.X, priv.Y)...))
	if got := mustKey(t, mk); !got.Equal(&priv.PublicKey) {
		t.Fatalf("DecodeP256Multikey(%s) is another key", mk)
	}

	fixed := append([]byte{0x80, 0x24}, elliptic.MarshalCompressed(elliptic.P256(), priv.X, priv.Y)...)
	with := func(f func(b []byte) []byte) string {
		return "z" + didkey.Encode(f(append([]byte{}, fixed...)))
	}
	bad := map[string]string{
		"empty":                 "",
		"no multibase prefix":   fixtureKey(t)[1:],
		"base64url":             "u" + base64.RawURLEncoding.EncodeToString(fixed),
		"bad base58":            "zDnae0OIl",
		"Ed25519":               "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
		"P-384":                 "z82LkvCwHNreneWpsgPEbV3gu1C6NFJEBg4srfJ5gdxEsMGRJUz2sG9FE42shbn2xkZJh54",
		"secp256k1 header":      with(func(b []byte) []byte { b[0], b[1] = 0xe7, 0x01; return b }),
		"P-256 private header":  with(func(b []byte) []byte { b[0], b[1] = 0x86, 0x26; return b }),
		"unknown header":        with(func(b []byte) []byte { b[0], b[1] = 0x12, 0x34; return b }),
		"one byte":              "z" + didkey.Encode([]byte{0x80}),
		"header only":           "z" + didkey.Encode([]byte{0x80, 0x24}),
		"short":                 with(func(b []byte) []byte { return b[:34] }),
		"long":                  with(func(b []byte) []byte { return append(b, 0) }),
		"uncompressed point":    "z" + didkey.Encode(append([]byte{0x80, 0x24}, elliptic.Marshal(elliptic.P256(), priv.X, priv.Y)...)), //nolint:staticcheck // a bad input
		"bad point prefix":      with(func(b []byte) []byte { b[2] = 5; return b }),
		"x not on the curve":    "z" + didkey.Encode(append([]byte{0x80, 0x24, 0x02}, notOnCurveX(t)...)),
		"x past the field size": "z" + didkey.Encode(append([]byte{0x80, 0x24, 0x02}, bytesOf(0xff, 32)...)),
		"very long":             "z" + strings.Repeat("2", 200),
	}
	for name, s := range bad {
		t.Run(name, func(t *testing.T) {
			pub, err := ecdsasd.DecodeP256Multikey(s)
			if err == nil || !errors.Is(err, ecdsasd.ErrMalformed) || pub != nil {
				t.Fatalf("DecodeP256Multikey(%q) = %v, %v; want ErrMalformed", s, pub, err)
			}
			t.Log(err)
		})
	}
}

func bytesOf(b byte, n int) []byte {
	out := make([]byte, n)
	for i := range out {
		out[i] = b
	}
	return out
}

// notOnCurveX returns an x coordinate with no point on P-256.
func notOnCurveX(t *testing.T) []byte {
	for i := 1; i < 256; i++ {
		x := make([]byte, 32)
		x[31] = byte(i)
		if px, _ := elliptic.UnmarshalCompressed(elliptic.P256(), append([]byte{2}, x...)); px == nil {
			return x
		}
	}
	t.Fatal("no x off the curve found")
	return nil
}
