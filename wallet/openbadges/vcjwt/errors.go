package vcjwt

import "errors"

// Sentinel errors. Every error of this package wraps exactly one of them
// (errors from a KeyResolver are passed through instead), and its message
// is one sentence saying what was wrong.
var (
	// ErrTooLarge: the compact JWS (or the PEM) is over the size cap; it
	// was not parsed.
	ErrTooLarge = errors.New("the input is over the size limit")
	// ErrMalformed: not a well-formed compact JWS: wrong number of
	// parts, bad base64url, a header that is not a JSON object, a header
	// member of the wrong type, an unreadable jwk or PEM.
	ErrMalformed = errors.New("the compact JWS is malformed")
	// ErrUnsupported: well formed, but signed in a way this package
	// refuses: an algorithm other than RS256, ES256 and EdDSA ("none" and
	// HMAC included), a key that does not fit the algorithm, an RSA key
	// under 2048 bits, critical header extensions.
	ErrUnsupported = errors.New("the algorithm or key is not supported")
	// ErrNoKey: there is no key to check the signature with (the header
	// has neither jwk nor kid, or the resolver returned none).
	ErrNoKey = errors.New("there is no key to check the signature with")
	// ErrPrivateKey: a private or secret key turned up where only a
	// public key belongs (a jwk with "d", "p", "q"…, a PEM private key, a
	// resolver returning a private key). It is refused, never used.
	ErrPrivateKey = errors.New("a private key was given where a public key belongs")
	// ErrSignature: the signature does not match the payload under the
	// key: the token was altered or signed with another key.
	ErrSignature = errors.New("the signature does not match")
)

// vError is an error whose message is one complete sentence and which
// unwraps to its sentinel (kind) and, if any, its cause.
type vError struct {
	msg   string
	kind  error
	cause error
}

func (e *vError) Error() string { return e.msg }

func (e *vError) Unwrap() []error {
	if e.cause != nil {
		if e.kind != nil {
			return []error{e.kind, e.cause}
		}
		return []error{e.cause}
	}
	return []error{e.kind}
}

func newErr(kind error, msg string) error { return &vError{msg: msg, kind: kind} }
