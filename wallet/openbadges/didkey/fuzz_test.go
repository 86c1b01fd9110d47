package didkey_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"testing"

	"badgewallet/wallet/openbadges/didkey"
)

// FuzzDecode: Decode, DecodeMultibase, DecodePublicKey and Resolve never
// panic, every error wraps exactly one sentinel, and what decodes
// re-encodes to the same string (base58btc and canonical base64url have
// one spelling per byte string).
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		"", "1", "111", "z", "u", "2NEpo7TZRRrLZSi2U", "z2NEpo7TZRRrLZSi2U", "uSGVsbG8gV29ybGQh", "uSGl",
		mk1, mk2, "did:key:" + mk2, "did:key:" + mk2 + "#" + mk2,
		"https://example.edu/issuers/565049#" + mk1,
		"did:web:example.com#" + mk1, "did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169",
		"z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq",
		"z5x9aCBYovW3CQCbKdNyhEm7ffYSw1YpEdPywQJoNbzDD2gkzQDKJ1sYKJaWvqZtkMtSbz35HcbgXVEDYHxCzgkCr",
		"0OIl", "ab\xffc",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if b, err := didkey.Decode(s); err == nil {
			if got := didkey.Encode(b); got != s {
				t.Fatalf("Encode(Decode(%q)) = %q", s, got)
			}
		} else {
			checkSentinel(t, "Decode", s, err)
		}
		// And the other way round (Encode is quadratic too: bound it).
		if len(s) <= 2000 {
			if got, err := didkey.Decode(didkey.Encode([]byte(s))); err != nil || !bytes.Equal(got, []byte(s)) {
				t.Fatalf("Decode(Encode(%x)) = %x, %v", s, got, err)
			}
		}

		if b, err := didkey.DecodeMultibase(s); err == nil {
			var again string
			switch s[0] {
			case 'z':
				again = "z" + didkey.Encode(b)
			case 'u':
				again = "u" + base64.RawURLEncoding.EncodeToString(b)
			default:
				t.Fatalf("DecodeMultibase(%q) accepted prefix %q", s, s[0])
			}
			if again != s {
				t.Fatalf("DecodeMultibase(%q) = %x, which encodes as %q", s, b, again)
			}
		} else {
			checkSentinel(t, "DecodeMultibase", s, err)
		}

		if pub, err := didkey.DecodePublicKey(s); err == nil {
			if len(pub) != 32 {
				t.Fatalf("DecodePublicKey(%q) = %d bytes", s, len(pub))
			}
			if s[0] == 'z' && didkey.EncodePublicKey(pub) != s {
				t.Fatalf("EncodePublicKey(DecodePublicKey(%q)) = %q", s, didkey.EncodePublicKey(pub))
			}
		} else {
			checkSentinel(t, "DecodePublicKey", s, err)
		}

		if k, err := didkey.Resolve(s); err == nil {
			if len(k.Public) != 32 || k.Controller == "" || k.ID == "" {
				t.Fatalf("Resolve(%q) = %+v", s, k)
			}
			if k2, err := didkey.Resolve(k.ID); err != nil || !k2.Public.Equal(k.Public) || k2.Controller != k.Controller || k2.ID != k.ID {
				t.Fatalf("Resolve(%q) = %+v, but Resolve of its ID = %+v, %v", s, k, k2, err)
			}
		} else {
			checkSentinel(t, "Resolve", s, err)
		}
	})
}

func checkSentinel(t *testing.T, fn, s string, err error) {
	t.Helper()
	inv, uns := errors.Is(err, didkey.ErrInvalid), errors.Is(err, didkey.ErrUnsupported)
	if inv == uns {
		t.Fatalf("%s(%q): %v wraps ErrInvalid %v, ErrUnsupported %v; want exactly one", fn, s, err, inv, uns)
	}
}
