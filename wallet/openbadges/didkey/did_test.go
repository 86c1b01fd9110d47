package didkey_test

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"

	"badgewallet/wallet/openbadges/didkey"
)

const (
	mk1 = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi" // 1EdTech vector
	mk2 = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2" // W3C vector
)

func TestResolve(t *testing.T) {
	tests := []struct {
		in, controller, id, key string
	}{
		{"did:key:" + mk2, "did:key:" + mk2, "did:key:" + mk2 + "#" + mk2, mk2},
		{"did:key:" + mk2 + "#" + mk2, "did:key:" + mk2, "did:key:" + mk2 + "#" + mk2, mk2},
		{"https://example.edu/issuers/565049#" + mk1, "https://example.edu/issuers/565049", "https://example.edu/issuers/565049#" + mk1, mk1},
		{"http://localhost:8080/issuer?x=1#" + mk1, "http://localhost:8080/issuer?x=1", "http://localhost:8080/issuer?x=1#" + mk1, mk1},
		{"HTTPS://Example.EDU/i#" + mk2, "HTTPS://Example.EDU/i", "HTTPS://Example.EDU/i#" + mk2, mk2},
		{"https://example.edu#" + mk2, "https://example.edu", "https://example.edu#" + mk2, mk2},
	}
	for _, tt := range tests {
		k, err := didkey.Resolve(tt.in)
		if err != nil {
			t.Errorf("Resolve(%q): %v", tt.in, err)
			continue
		}
		if k.Controller != tt.controller || k.ID != tt.id || didkey.EncodePublicKey(k.Public) != tt.key {
			t.Errorf("Resolve(%q) = {%q, %q, %s}, want {%q, %q, %s}", tt.in,
				k.Controller, k.ID, didkey.EncodePublicKey(k.Public), tt.controller, tt.id, tt.key)
		}
	}
}

func TestResolveErrors(t *testing.T) {
	inv, uns := didkey.ErrInvalid, didkey.ErrUnsupported
	p256 := "zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169"
	tests := []struct {
		in       string
		sentinel error
		want     string
	}{
		// Needs the network, or something else we do not do.
		{"did:web:example.com", uns, "did:web needs its DID document fetched"},
		{"did:web:example.com#" + mk1, uns, "did:web"},
		{"did:web:digitalcredentials.github.io:vc-test-fixtures:dids:oidf#key-1", uns, "did:web"},
		{"did:example:123456789abcdefghi#keys-1", uns, `DID method "example" is not supported`},
		{"did:ion:EiClkZMDxPKqC9c-umQfTkR8vvZ9JPhl_xLDI9Nfk38w5w", uns, `DID method "ion"`},
		{"did:key:" + p256, uns, "p256-pub"},
		{"https://example.edu/issuers/565049", uns, "no key in the URL's fragment"},
		{"https://example.edu/issuers/565049#", uns, "no key in the URL's fragment"},
		{"https://example.edu/issuers/565049#key-1", uns, `fragment "key-1" is not an Ed25519 Multikey`},
		{"https://example.edu/issuers/565049#zkey", uns, "not an Ed25519 Multikey"},
		{"https://example.edu/issuers/565049#" + p256, uns, "not an Ed25519 Multikey"},
		{"https://example.edu/i#u7QE" + strings.Repeat("A", 43), uns, "not an Ed25519 Multikey"},
		{"urn:uuid:2d6c7e2a-5f3e-4c3a-9a51-8a1bd6d1c3b0", uns, `a "urn" URI does not name a key`},
		{"mailto:issuer@example.edu", uns, `"mailto"`},

		// Malformed.
		{"", inv, "empty"},
		{mk1, inv, "no scheme"},
		{"example.edu/issuers/565049#" + mk1, inv, "no scheme"},
		{"#" + mk1, inv, "no scheme"},
		{":" + mk1, inv, "no scheme"},
		{"1did:key:" + mk1, inv, "no scheme"},
		{"did:", inv, "not a DID"},
		{"did:key", inv, "not a DID"},
		{"did::" + mk1, inv, "not a DID"},
		{"did:Key:" + mk1, inv, "lower-case method name"},
		{"did:k-y:" + mk1, inv, "not a DID"},
		{"DID:key:" + mk1, inv, `lower-case "did:"`},
		{"did:key:", inv, "empty method-specific id"},
		{"did:web:", inv, "empty method-specific id"},
		{"did:key:#" + mk1, inv, "empty method-specific id"},
		{"did:key:" + mk1 + "#" + mk2, inv, "is not the did:key's own id"},
		{"did:key:" + mk1 + "#", inv, `fragment "" is not the did:key's own id`},
		{"did:key:" + mk1 + "#key-1", inv, "is not the did:key's own id"},
		{"did:key:" + mk1 + "/path", inv, `'/' at position 56`},
		{"did:key:" + mk1 + "?service=x", inv, `'?'`},
		{"did:key:1:" + mk1, inv, `':'`},
		{"did:key:u7QE" + strings.Repeat("A", 43), inv, "starting with 'z'"},
		{"did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwI", inv, "invalid base58 character 'I' at position 55"},
		{"did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hw", inv, "multicodec prefix 0x04 (code 0x4, not a known key type)"},
		{"did:key:z" + didkey.Encode(append([]byte{0xed, 1}, make([]byte, 31)...)), inv, "key is 31 bytes"},
		{"did:key:z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq", inv, "ed25519-priv"},
		{"did:key:" + mk1 + " ", inv, "white space or control character ' ' at position 56"},
		{" did:key:" + mk1, inv, "position 0"},
		{"did:key:" + mk1 + "\n", inv, `'\n'`},
		{"https://example.edu/a b#" + mk1, inv, "white space"},
		{"https:///issuers#" + mk1, inv, "no host"},
		{"https:example.edu#" + mk1, inv, "no host"},
		{"https://exa%mple.edu/#" + mk1, inv, "bad URL"},
		{"https://example.edu/issuers/565049#" + mk1[:len(mk1)-1] + "0", inv, "'0' at position 82"},
		{"https://example.edu/issuers/565049#z" + didkey.Encode(append([]byte{0xed, 1}, make([]byte, 33)...)), inv, "key is 33 bytes after the 0xed 0x01 prefix"},
		{"did:key:" + strings.Repeat("z", didkey.MaxDecodeLen), inv, "over the limit"},
	}
	for _, tt := range tests {
		k, err := didkey.Resolve(tt.in)
		if err == nil {
			t.Errorf("Resolve(%q) = %+v, want an error", clipped(tt.in), k)
			continue
		}
		other := inv
		if tt.sentinel == inv {
			other = uns
		}
		if !errors.Is(err, tt.sentinel) || errors.Is(err, other) {
			t.Errorf("Resolve(%q): %v, want it to wrap only %v", clipped(tt.in), err, tt.sentinel)
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Resolve(%q): %q, want it to say %q", clipped(tt.in), err, tt.want)
		}
		if !strings.HasPrefix(err.Error(), "verificationMethod ") {
			t.Errorf("Resolve(%q): %q does not start with the verificationMethod", clipped(tt.in), err)
		}
		if len(err.Error()) > 400 {
			t.Errorf("Resolve(%q): error message is %d bytes long", clipped(tt.in), len(err.Error()))
		}
		if k.Public != nil || k.Controller != "" || k.ID != "" {
			t.Errorf("Resolve(%q) returned %+v with its error", clipped(tt.in), k)
		}
	}
}

// Resolve(VerificationMethod(pub)) and Resolve(DID(pub)) give pub back.
func TestResolveRoundTrip(t *testing.T) {
	for i := range 20 {
		pub := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{byte(i * 7)}, 32)).Public().(ed25519.PublicKey)
		for _, in := range []string{didkey.DID(pub), didkey.VerificationMethod(pub)} {
			k, err := didkey.Resolve(in)
			if err != nil {
				t.Fatalf("Resolve(%q): %v", in, err)
			}
			if !k.Public.Equal(pub) || k.Controller != didkey.DID(pub) || k.ID != didkey.VerificationMethod(pub) {
				t.Fatalf("Resolve(%q) = %+v", in, k)
			}
		}
	}
}
