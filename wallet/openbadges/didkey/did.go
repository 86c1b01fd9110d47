package didkey

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Key is a verification method resolved to its public key.
type Key struct {
	// Controller is who the key belongs to, to compare with the issuer
	// id: the DID ("did:key:z6Mk…"), or the URL without its fragment
	// ("https://example.edu/issuers/565049").
	Controller string
	// ID is the verification method's id: the input when it has a
	// fragment, "did:key:z6Mk…#z6Mk…" for a bare did:key.
	ID string
	// Public is the Ed25519 public key (32 bytes).
	Public ed25519.PublicKey
}

const didKeyPrefix = "did:key:"

// DID returns the did:key of an Ed25519 public key: "did:key:z6Mk…". It
// panics if pub is not 32 bytes long.
func DID(pub ed25519.PublicKey) string {
	return didKeyPrefix + EncodePublicKey(pub)
}

// VerificationMethod returns the id of the verification method of a
// did:key: "did:key:z6Mk…#z6Mk…", the form eddsa proofs name in
// verificationMethod. It panics if pub is not 32 bytes long.
func VerificationMethod(pub ed25519.PublicKey) string {
	mk := EncodePublicKey(pub)
	return didKeyPrefix + mk + "#" + mk
}

// Resolve finds the controller and Ed25519 public key a proof's
// verificationMethod names, offline. It accepts:
//
//   - a did:key, "did:key:z6Mk…";
//   - a did:key verification method, "did:key:z6Mk…#z6Mk…", whose
//     fragment must be the DID's own method-specific id;
//   - as the 1EdTech validator does, an http(s) URL whose fragment is an
//     Ed25519 Multikey, "https://example.edu/issuers/565049#z6Mk…"; the
//     controller is the URL without the fragment.
//
// Anything that needs a document fetched or a method this package lacks
// (did:web, other DID methods, an http(s) URL with another fragment or
// none, a did:key of another key type, other URI schemes) fails with an
// error wrapping [ErrUnsupported]; malformed input (no scheme, a did:key
// whose fragment is not its key, bad base58...) with one wrapping
// [ErrInvalid]. Resolve never touches the network.
func Resolve(vm string) (Key, error) {
	k, err := resolve(vm)
	if err != nil {
		return Key{}, fmt.Errorf("verificationMethod %q: %w", clip(vm), err)
	}
	return k, nil
}

func resolve(vm string) (Key, error) {
	if vm == "" {
		return Key{}, fmt.Errorf("%w: empty", ErrInvalid)
	}
	if len(vm) > MaxDecodeLen {
		return Key{}, fmt.Errorf("%w: %d bytes long, over the limit of %d", ErrInvalid, len(vm), MaxDecodeLen)
	}
	for i := 0; i < len(vm); i++ {
		if c := vm[i]; c <= ' ' || c == 0x7f {
			return Key{}, fmt.Errorf("%w: white space or control character %q at position %d", ErrInvalid, c, i)
		}
	}
	colon := strings.IndexByte(vm, ':')
	if colon <= 0 || !isScheme(vm[:colon]) {
		return Key{}, fmt.Errorf("%w: not a DID or URL (no scheme)", ErrInvalid)
	}
	switch scheme := vm[:colon]; {
	case scheme == "did":
		return resolveDID(vm)
	case strings.EqualFold(scheme, "did"):
		return Key{}, fmt.Errorf("%w: a DID must start with lower-case \"did:\"", ErrInvalid)
	case strings.EqualFold(scheme, "https"), strings.EqualFold(scheme, "http"):
		return resolveURL(vm)
	default:
		return Key{}, fmt.Errorf("%w: a %q URI does not name a key", ErrUnsupported, scheme)
	}
}

// resolveDID resolves a DID or DID URL (vm starts with "did:").
func resolveDID(vm string) (Key, error) {
	did, frag, hasFrag := strings.Cut(vm, "#")
	method, id, ok := strings.Cut(did[len("did:"):], ":")
	if !ok || !isMethodName(method) {
		return Key{}, fmt.Errorf("%w: not a DID: want did:<method>:<id> with a lower-case method name", ErrInvalid)
	}
	if id == "" || strings.IndexByte("/?:", id[0]) >= 0 {
		return Key{}, fmt.Errorf("%w: did:%s has an empty method-specific id", ErrInvalid, method)
	}
	switch method {
	case "key":
	case "web":
		return Key{}, fmt.Errorf("%w: did:web needs its DID document fetched from the web", ErrUnsupported)
	default:
		return Key{}, fmt.Errorf("%w: DID method %q is not supported", ErrUnsupported, method)
	}
	if i := strings.IndexAny(id, "/?:"); i >= 0 {
		return Key{}, fmt.Errorf("%w: did:key has %q at position %d: want did:key:z6Mk… or did:key:z6Mk…#z6Mk…", ErrInvalid, id[i], len(didKeyPrefix)+i)
	}
	if id[0] != 'z' {
		return Key{}, fmt.Errorf("%w: a did:key id is base58btc, starting with 'z' (did:key:z6Mk…)", ErrInvalid)
	}
	pub, err := decodePublicKey(id, len(didKeyPrefix))
	if err != nil {
		return Key{}, err
	}
	if hasFrag && frag != id {
		return Key{}, fmt.Errorf("%w: fragment %q is not the did:key's own id (want #%s)", ErrInvalid, clip(frag), id)
	}
	return Key{Controller: did, ID: did + "#" + id, Public: pub}, nil
}

// resolveURL resolves an http(s) URL whose fragment is the key.
func resolveURL(vm string) (Key, error) {
	base, frag, hasFrag := strings.Cut(vm, "#")
	u, err := url.Parse(base)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return Key{}, fmt.Errorf("%w: bad URL: %v", ErrInvalid, err)
	}
	if u.Opaque != "" || u.Host == "" {
		return Key{}, fmt.Errorf("%w: bad URL: no host", ErrInvalid)
	}
	if !hasFrag || frag == "" {
		return Key{}, fmt.Errorf("%w: no key in the URL's fragment: the key must be fetched from the controller document", ErrUnsupported)
	}
	// Multikeys in identifiers are base58btc, as in did:key.
	if frag[0] == 'z' {
		pub, err := decodePublicKey(frag, len(base)+1)
		if err == nil {
			return Key{Controller: base, ID: vm, Public: pub}, nil
		}
		if looksEd25519(frag) {
			return Key{}, err // meant as an Ed25519 Multikey, but broken
		}
	}
	// Some other fragment ("#key-1"), or another type of key: the
	// controller document says what it is.
	return Key{}, fmt.Errorf("%w: fragment %q is not an Ed25519 Multikey: the key must be fetched from the controller document", ErrUnsupported, clip(frag))
}

// looksEd25519 reports whether s, which did not decode as an Ed25519
// Multikey, was meant as one: it starts "z6Mk" as they all do, or its bytes
// start with the ed25519-pub prefix.
func looksEd25519(s string) bool {
	if strings.HasPrefix(s, "z6Mk") {
		return true
	}
	b, err := DecodeMultibase(s)
	return err == nil && len(b) >= 2 && b[0] == ed25519Codec[0] && b[1] == ed25519Codec[1]
}

// isScheme reports whether s is a URI scheme: ALPHA *( ALPHA / DIGIT /
// "+" / "-" / "." ).
func isScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return s != ""
}

// isMethodName reports whether s is a DID method name: 1*( %x61-7A /
// DIGIT ).
func isMethodName(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return s != ""
}

// clip shortens s for an error message.
func clip(s string) string {
	const limit = 120
	if len(s) <= limit {
		return s
	}
	i := limit
	for i > 0 && s[i]&0xc0 == 0x80 { // do not cut a UTF-8 sequence
		i--
	}
	return s[:i] + "…"
}
