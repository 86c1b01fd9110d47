package didkey_test

import (
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"badgewallet/internal/fixtures"
	"badgewallet/wallet/openbadges/didkey"
)

// vector is what the tests use of the two key files in
// ../shared/openbadges/vectors (see its README, "The two vectors").
type vector struct {
	Seed               string `json:"ed25519_seed_hex"`
	PublicHex          string `json:"ed25519_public_key_hex"`
	PublicKeyMultibase string `json:"publicKeyMultibase"`
	SecretKeyMultibase string `json:"secretKeyMultibase"`
	VerificationMethod string `json:"verificationMethod"`
	Controller         string `json:"controller"`
	Expected           map[string]string
}

var vectors = []struct {
	file string
	// From the README table, so that a changed file is noticed.
	seed, multikey string
	// The controller Resolve must find.
	controller string
}{
	{
		"vectors/ob3-1edtech-eddsa-rdfc-2022/keys.json",
		"6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4",
		"z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi",
		"https://example.edu/issuers/565049",
	},
	{
		"vectors/w3c-vc-di-eddsa-rdfc-2022/keys-and-expected.json",
		"c96ef9ea10c5e414c471723aff9de72c35fa5b70fae97e8832ecac7d2e2b8ed6",
		"z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
		"did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
	},
}

func readVector(t *testing.T, file string) vector {
	t.Helper()
	var v vector
	if err := json.Unmarshal(fixtures.Read(t, file), &v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return v
}

func TestVectorKeys(t *testing.T) {
	for _, tt := range vectors {
		t.Run(tt.file, func(t *testing.T) {
			v := readVector(t, tt.file)
			if v.Seed != tt.seed || v.PublicKeyMultibase != tt.multikey {
				t.Fatalf("%s no longer matches the README: seed %s, key %s", tt.file, v.Seed, v.PublicKeyMultibase)
			}
			pub := ed25519.NewKeyFromSeed(unhex(t, tt.seed)).Public().(ed25519.PublicKey)
			if !pub.Equal(ed25519.PublicKey(unhex(t, v.PublicHex))) {
				t.Fatalf("public key from the seed is %x, the file says %s", pub, v.PublicHex)
			}
			if got := didkey.EncodePublicKey(pub); got != tt.multikey {
				t.Errorf("EncodePublicKey = %q, want %q", got, tt.multikey)
			}
			got, err := didkey.DecodePublicKey(tt.multikey)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(pub) {
				t.Errorf("DecodePublicKey(%q) = %x, want %x", tt.multikey, got, pub)
			}
			if got, want := didkey.DID(pub), "did:key:"+tt.multikey; got != want {
				t.Errorf("DID = %q, want %q", got, want)
			}
			if got, want := didkey.VerificationMethod(pub), "did:key:"+tt.multikey+"#"+tt.multikey; got != want {
				t.Errorf("VerificationMethod = %q, want %q", got, want)
			}

			// The secret key is a multikey too, but not a public one.
			if _, err := didkey.DecodePublicKey(v.SecretKeyMultibase); err == nil || !strings.Contains(err.Error(), "ed25519-priv") {
				t.Errorf("DecodePublicKey(secretKeyMultibase): %v, want an ed25519-priv error", err)
			}

			// proofValue is "z" + base58btc(signature), and Ed25519 is
			// deterministic: sign hashData with the seed and compare.
			var proofValue, sigHex, hashData string
			for k, val := range v.Expected {
				switch {
				case strings.HasPrefix(k, "proofValue"):
					proofValue = val
				case strings.HasPrefix(k, "signature_hex"):
					sigHex = val
				case strings.HasPrefix(k, "hashData_hex"):
					hashData = val
				}
			}
			if proofValue == "" || sigHex == "" || hashData == "" {
				t.Fatalf("%s: expected proofValue, signature_hex, hashData_hex", tt.file)
			}
			sig, err := didkey.DecodeMultibase(proofValue)
			if err != nil {
				t.Fatal(err)
			}
			if want := unhex(t, sigHex); string(sig) != string(want) {
				t.Errorf("DecodeMultibase(proofValue) = %x, want %x", sig, want)
			}
			if got := "z" + didkey.Encode(sig); got != proofValue {
				t.Errorf("\"z\" + Encode(signature) = %q, want %q", got, proofValue)
			}
			if !ed25519.Verify(got, unhex(t, hashData), sig) {
				t.Error("the proofValue does not verify with the decoded key")
			}
		})
	}
}

func TestResolveVectors(t *testing.T) {
	for _, tt := range vectors {
		t.Run(tt.file, func(t *testing.T) {
			v := readVector(t, tt.file)
			k, err := didkey.Resolve(v.VerificationMethod)
			if err != nil {
				t.Fatalf("Resolve(%q): %v", v.VerificationMethod, err)
			}
			if k.Controller != tt.controller {
				t.Errorf("Controller = %q, want %q", k.Controller, tt.controller)
			}
			if v.Controller != "" && k.Controller != v.Controller {
				t.Errorf("Controller = %q, the file says %q", k.Controller, v.Controller)
			}
			if k.ID != v.VerificationMethod {
				t.Errorf("ID = %q, want %q", k.ID, v.VerificationMethod)
			}
			if got := didkey.EncodePublicKey(k.Public); got != tt.multikey {
				t.Errorf("Public = %q, want %q", got, tt.multikey)
			}
		})
	}
	// The signed documents name the same verification methods. The
	// 1EdTech credential's issuer is the key's controller, as Open Badges
	// requires; the W3C vector's issuer is unrelated (it tests only the
	// cryptosuite).
	for _, d := range []struct {
		file        string
		issuerCheck bool
	}{
		{"vectors/ob3-1edtech-eddsa-rdfc-2022/signed-credential.json", true},
		{"vectors/w3c-vc-di-eddsa-rdfc-2022/signedDataInt.json", false},
		{"vectors/w3c-vc-di-eddsa-rdfc-2022/proofConfigDataInt.json", false},
	} {
		file := d.file
		var doc struct {
			Issuer any
			Proof  json.RawMessage
			VM     string `json:"verificationMethod"`
		}
		if err := json.Unmarshal(fixtures.Read(t, file), &doc); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		vm := doc.VM
		if doc.Proof != nil {
			var p struct {
				VM string `json:"verificationMethod"`
			}
			if err := json.Unmarshal(doc.Proof, &p); err != nil {
				t.Fatalf("%s: proof: %v", file, err)
			}
			vm = p.VM
		}
		k, err := didkey.Resolve(vm)
		if err != nil {
			t.Errorf("%s: Resolve(%q): %v", file, vm, err)
			continue
		}
		// The controller must be the issuer (Standards, DESIGN.md).
		issuer, _ := doc.Issuer.(string)
		if m, ok := doc.Issuer.(map[string]any); ok {
			issuer, _ = m["id"].(string)
		}
		if d.issuerCheck && k.Controller != issuer {
			t.Errorf("%s: controller %q, issuer %q", file, k.Controller, issuer)
		}
	}
}

// The DCC fixture DID documents are did:web: their keys decode, but
// resolving their verification methods needs the network.
func TestDIDDocuments(t *testing.T) {
	for _, file := range []string{
		"fixtures/dcc/dids/oidf/did.json",
		"fixtures/dcc/dids/legacy/did.json",
	} {
		var doc struct {
			ID                 string
			AssertionMethod    []struct{ ID, Controller, PublicKeyMultibase string }
			VerificationMethod []struct{ ID, Controller, PublicKeyMultibase string }
		}
		if err := json.Unmarshal(fixtures.Read(t, file), &doc); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		methods := append(doc.AssertionMethod, doc.VerificationMethod...)
		if len(methods) == 0 {
			t.Fatalf("%s: no keys", file)
		}
		for _, m := range methods {
			pub, err := didkey.DecodePublicKey(m.PublicKeyMultibase)
			if err != nil {
				t.Errorf("%s: DecodePublicKey(%q): %v", file, m.PublicKeyMultibase, err)
			} else if got := didkey.EncodePublicKey(pub); got != m.PublicKeyMultibase {
				t.Errorf("%s: round trip %q → %q", file, m.PublicKeyMultibase, got)
			}
			for _, id := range []string{m.ID, doc.ID, m.Controller} {
				_, err := didkey.Resolve(id)
				if !errors.Is(err, didkey.ErrUnsupported) || errors.Is(err, didkey.ErrInvalid) {
					t.Errorf("%s: Resolve(%q) = %v, want ErrUnsupported", file, id, err)
				} else if !strings.Contains(err.Error(), "did:web") {
					t.Errorf("%s: Resolve(%q): %q does not name did:web", file, id, err)
				}
			}
		}
	}
}
