package didkey

import "errors"

// Sentinel errors; every error from this package wraps exactly one of them
// (use errors.Is) and its message says what is wrong.
var (
	// ErrInvalid: the input is malformed (bad base58 or base64url, an
	// unknown multibase prefix, a key of the wrong length, a did:key whose
	// fragment is not its own key...). It will never resolve.
	ErrInvalid = errors.New("invalid key or identifier")
	// ErrUnsupported: the input is well formed, but turning it into a key
	// needs something this package does not do offline: fetching a did:web
	// document or an issuer profile, another DID method, or a key type
	// other than Ed25519. Callers may fetch and resolve it themselves
	// (did:web, http(s)) when online.
	ErrUnsupported = errors.New("cannot be resolved offline")
)
