package didkey_test

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"badgewallet/wallet/openbadges/didkey"
)

func TestDecodeMultibase(t *testing.T) {
	tests := []struct {
		in   string
		want []byte
	}{
		{"z", []byte{}},
		{"z2NEpo7TZRRrLZSi2U", []byte("Hello World!")},
		{"z112", []byte{0, 0, 1}},
		{"u", []byte{}},
		{"uSGVsbG8gV29ybGQh", []byte("Hello World!")},
		{"u_-8", []byte{0xff, 0xef}},
		{"uSGk", []byte("Hi")},
		{"uAAAB", []byte{0, 0, 1}},
	}
	for _, tt := range tests {
		got, err := didkey.DecodeMultibase(tt.in)
		if err != nil {
			t.Errorf("DecodeMultibase(%q): %v", tt.in, err)
			continue
		}
		if !bytes.Equal(got, tt.want) {
			t.Errorf("DecodeMultibase(%q) = %x, want %x", tt.in, got, tt.want)
		}
	}
}

func TestDecodeMultibaseErrors(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", "empty multibase"},
		{"f68656c6c6f", `unsupported multibase prefix 'f'`},
		{"m aGVsbG8", `unsupported multibase prefix 'm'`},
		{"Z2NEpo7", `unsupported multibase prefix 'Z'`},
		{"é", `unsupported multibase prefix 'é'`},
		{"2NEpo7TZRRrLZSi2U", `unsupported multibase prefix '2'`},
		{"z2NEpo0", `invalid base58 character '0' at position 6`},
		{"uSGVsbG8gV29ybGQh=", "position 17"}, // padding
		{"uSGVsbG8+V29ybGQh", "position 8"},   // standard, not url, alphabet
		{"uSGVsbG8\nV29ybGQh", "line break at position 8"},
		{"uSGl", "position 3"},  // non-zero trailing bits: not canonical ("uSGk" is "Hi")
		{"uS", "multibase 'u'"}, // a lone sextet
	}
	for _, tt := range tests {
		got, err := didkey.DecodeMultibase(tt.in)
		if err == nil {
			t.Errorf("DecodeMultibase(%q) = %x, want an error", tt.in, got)
			continue
		}
		if !errors.Is(err, didkey.ErrInvalid) {
			t.Errorf("DecodeMultibase(%q): %v does not wrap ErrInvalid", tt.in, err)
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("DecodeMultibase(%q): %q, want it to say %q", tt.in, err, tt.want)
		}
	}
}

func TestPublicKeyRoundTrip(t *testing.T) {
	for i := range 50 {
		seed := bytes.Repeat([]byte{byte(i)}, ed25519.SeedSize)
		pub := ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey)
		mk := didkey.EncodePublicKey(pub)
		if !strings.HasPrefix(mk, "z6Mk") {
			t.Errorf("EncodePublicKey(%x) = %q, want z6Mk…", pub, mk)
		}
		got, err := didkey.DecodePublicKey(mk)
		if err != nil {
			t.Fatalf("DecodePublicKey(%q): %v", mk, err)
		}
		if !got.Equal(pub) {
			t.Fatalf("DecodePublicKey(%q) = %x, want %x", mk, got, pub)
		}
	}
}

func TestEncodePublicKeyPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("EncodePublicKey of a 31-byte key did not panic")
		}
	}()
	didkey.EncodePublicKey(make(ed25519.PublicKey, 31))
}

func TestDecodePublicKeyErrors(t *testing.T) {
	key := bytes.Repeat([]byte{7}, 32)
	z := func(b ...[]byte) string { return "z" + didkey.Encode(bytes.Join(b, nil)) }
	tests := []struct {
		name, in string
		sentinel error
		want     string
	}{
		{"empty", "", didkey.ErrInvalid, "empty multibase"},
		{"no multibase prefix", didkey.Encode(append([]byte{0xed, 1}, key...)), didkey.ErrInvalid, "unsupported multibase prefix '6'"},
		{"bad base58", "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hw0", didkey.ErrInvalid, "'0' at position 47"},
		{"nothing", "z", didkey.ErrInvalid, "no multicodec prefix"},
		{"truncated varint", z([]byte{0xed}), didkey.ErrInvalid, "no multicodec prefix"},
		{"short", z([]byte{0xed, 1}, key[:31]), didkey.ErrInvalid, "key is 31 bytes after the 0xed 0x01 prefix, want 32"},
		{"long", z([]byte{0xed, 1}, key, []byte{0}), didkey.ErrInvalid, "key is 33 bytes"},
		{"prefix only", z([]byte{0xed, 1}), didkey.ErrInvalid, "key is 0 bytes"},
		{"raw key, no codec", z(key), didkey.ErrInvalid, "multicodec prefix 0x07 (code 0x7, not a known key type)"},
		{"non-minimal varint", z([]byte{0xed, 0x81, 0x00}, key), didkey.ErrInvalid, "no multicodec prefix"},
		{"x25519", z([]byte{0xec, 1}, key), didkey.ErrUnsupported, "multicodec prefix 0xec 0x01 is x25519-pub (code 0xec)"},
		{"secp256k1", z([]byte{0xe7, 1}, key, []byte{1}), didkey.ErrUnsupported, "0xe7 0x01 is secp256k1-pub"},
		{"p256 did:key", "zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169", didkey.ErrUnsupported, "0x80 0x24 is p256-pub (code 0x1200)"},
		{"ed25519 private key", "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq", didkey.ErrInvalid, "0x80 0x26 is ed25519-priv (code 0x1300)"},
		{"base64url prefix", "u" + "7QE" + strings.Repeat("A", 40), didkey.ErrInvalid, "key is 30 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := didkey.DecodePublicKey(tt.in)
			if err == nil {
				t.Fatalf("DecodePublicKey(%q) = %x, want an error", tt.in, got)
			}
			if !errors.Is(err, tt.sentinel) {
				t.Errorf("DecodePublicKey(%q): %v does not wrap %v", tt.in, err, tt.sentinel)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("DecodePublicKey(%q): %q, want it to say %q", tt.in, err, tt.want)
			}
		})
	}
}

// A 'u' (base64url) Multikey decodes too: the bytes are what count.
func TestDecodePublicKeyBase64url(t *testing.T) {
	pub := ed25519.NewKeyFromSeed(make([]byte, 32)).Public().(ed25519.PublicKey)
	mk := didkey.EncodePublicKey(pub)
	raw, err := didkey.DecodeMultibase(mk)
	if err != nil {
		t.Fatal(err)
	}
	got, err := didkey.DecodePublicKey("u" + base64.RawURLEncoding.EncodeToString(raw))
	if err != nil || !got.Equal(pub) {
		t.Fatalf("DecodePublicKey(u…) = %x, %v; want %x", got, err, pub)
	}
}
