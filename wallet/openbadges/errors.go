package openbadges

import "errors"

// Sentinel errors; every parse error wraps one of them (use errors.Is) and
// its message says where the problem is and what it means.
var (
	// ErrEmpty: the input has no bytes (or only white space).
	ErrEmpty = errors.New("the file is empty")
	// ErrTooLarge: the input is over a size limit.
	ErrTooLarge = errors.New("over the size limit")
	// ErrUnknownFormat: not PNG, SVG, JSON, a JWS or a URL.
	ErrUnknownFormat = errors.New("not a badge: the data is not a PNG, an SVG, JSON, a compact JWS or a URL")
	// ErrJSON: the JSON is not well formed, or too deeply nested.
	ErrJSON = errors.New("invalid JSON")
	// ErrStructure: well-formed, but not a valid Open Badge (a required
	// member is missing, a member has the wrong type, an unknown type...).
	ErrStructure = errors.New("not a valid Open Badge")
	// ErrJWS: a compact JWS that cannot be decoded.
	ErrJWS = errors.New("invalid compact JWS")
	// ErrNotBadge: a valid Open Badges document that is not a badge itself
	// (a BadgeClass, an Issuer profile, a key, a revocation list...).
	ErrNotBadge = errors.New("an Open Badges document, but not a badge assertion or credential")
)
