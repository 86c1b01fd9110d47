package vcjwt

import (
	"context"
	"crypto"
	"fmt"
	"strings"

	jose "github.com/go-jose/go-jose/v4"
)

// KeyResolver returns the public key a VC-JWT's "kid" names. The caller
// supplies it: resolve did:key locally (package didkey), and fetch did:web
// documents or https JWKS when online. An error meaning "this needs the
// network" (for instance one wrapping didkey.ErrUnsupported) comes back
// from VerifyVCJWT wrapped with %w, so callers can still errors.Is it.
//
// The key may be an *rsa.PublicKey, *ecdsa.PublicKey, ed25519.PublicKey
// or a public jose.JSONWebKey; a private key is refused.
type KeyResolver func(ctx context.Context, kid string) (crypto.PublicKey, error)

// KeySource says where the key that checked the signature came from.
type KeySource string

const (
	// KeyFromJWK: the public key embedded in the protected header. It
	// proves the token was not altered, not who signed it; bind it to the
	// issuer separately.
	KeyFromJWK KeySource = "jwk"
	// KeyFromKid: the key the KeyResolver returned for the header's kid.
	KeyFromKid KeySource = "kid"
)

// Header is what the protected JOSE header said.
type Header struct {
	// Alg is RS256, ES256 or EdDSA.
	Alg string `json:"alg"`
	// Typ is the typ member ("JWT", "vc+jwt"…), empty if absent.
	Typ string `json:"typ,omitempty"`
	// Kid is the kid member, empty if absent (it is reported even when
	// the key came from jwk).
	Kid string `json:"kid,omitempty"`
	// KeySource tells whether the key came from jwk or kid.
	KeySource KeySource `json:"keySource"`
}

// Result is a VC-JWT whose signature verified.
type Result struct {
	// Payload is the verified payload: the credential (VC 2.0 form) or
	// the JWT claims with a "vc" member (VC 1.1 form).
	Payload []byte
	// Header is what the protected header said.
	Header Header
	// Key is the public key the signature verified with.
	Key crypto.PublicKey
}

// vcjwtAlgs are the algorithms VerifyVCJWT accepts (unexported: nobody
// may widen the list at run time).
var vcjwtAlgs = []string{RS256, ES256, EdDSA}

const vcWhat = "VC-JWT"

// VerifyVCJWT checks the signature of an OB 3.0 VC-JWT (compact JWS) and
// returns its payload. Surrounding white space is ignored; over
// MaxCompactBytes is refused unparsed.
//
// The algorithm must be RS256, ES256 or EdDSA. The key is the protected
// header's jwk when it has one (it must be public and fit the algorithm),
// otherwise the key resolve returns for its kid; with neither, the token
// is refused with ErrNoKey. It checks the signature only: not the claims
// (exp, nbf, iss), the credential, nor whether the key belongs to the
// issuer.
func VerifyVCJWT(ctx context.Context, compact string, resolve KeyResolver) (Result, error) {
	compact, h, err := readCompact(compact, vcWhat, vcjwtAlgs)
	if err != nil {
		return Result{}, err
	}
	jws, err := parse(compact, vcWhat, h.alg, vcjwtAlgs)
	if err != nil {
		return Result{}, err
	}
	res := Result{Header: Header{Alg: h.alg, Typ: h.typ, Kid: h.kid}}
	prot := jws.Signatures[0].Protected
	var from string
	switch {
	case h.jwk != nil:
		if prot.JSONWebKey == nil {
			return Result{}, newErr(ErrMalformed, "the VC-JWT's JOSE header jwk is not a usable JSON Web Key")
		}
		from = "the VC-JWT's JOSE header jwk"
		if res.Key, err = fitKey(h.alg, prot.JSONWebKey, from); err != nil {
			return Result{}, err
		}
		res.Header.KeySource = KeyFromJWK
	case h.hasKid:
		from = fmt.Sprintf("the key the resolver returned for kid %q", clip(h.kid))
		if resolve == nil {
			return Result{}, newErr(ErrNoKey, fmt.Sprintf("the VC-JWT's JOSE header names its key by kid %q, but no key resolver was given to look it up", clip(h.kid)))
		}
		if ctx == nil {
			ctx = context.Background()
		}
		if err := ctx.Err(); err != nil {
			return Result{}, &vError{msg: fmt.Sprintf("the key named by kid %q was not looked up: %v", clip(h.kid), err), cause: err}
		}
		k, err := resolve(ctx, h.kid)
		if err != nil {
			return Result{}, &vError{msg: fmt.Sprintf("the key named by kid %q could not be resolved: %v", clip(h.kid), err), cause: err}
		}
		if res.Key, err = fitKey(h.alg, k, from); err != nil {
			return Result{}, err
		}
		res.Header.KeySource = KeyFromKid
	default:
		return Result{}, newErr(ErrNoKey, "the JOSE header has neither jwk nor kid, so there is no key to check the signature with")
	}
	if res.Payload, err = jws.Verify(res.Key); err != nil {
		return Result{}, &vError{msg: fmt.Sprintf("the VC-JWT's %s signature does not match its payload under %s: the token was altered or signed with another key", h.alg, keyName(res.Header)), kind: ErrSignature}
	}
	return res, nil
}

func keyName(h Header) string {
	if h.KeySource == KeyFromJWK {
		return "the key in its JOSE header jwk"
	}
	return fmt.Sprintf("the key kid %q names", clip(h.Kid))
}

// parse hands the token, already checked by readCompact, to go-jose and
// makes sure both read the same algorithm.
func parse(compact, what, alg string, allowed []string) (*jose.JSONWebSignature, error) {
	algs := make([]jose.SignatureAlgorithm, len(allowed))
	for i, a := range allowed {
		algs[i] = jose.SignatureAlgorithm(a)
	}
	jws, err := jose.ParseSignedCompact(compact, algs)
	if err != nil {
		return nil, &vError{msg: fmt.Sprintf("the %s could not be parsed as a compact JWS: %s", what, strings.ReplaceAll(err.Error(), "go-jose/go-jose: ", "")), kind: ErrMalformed}
	}
	if len(jws.Signatures) != 1 || jws.Signatures[0].Protected.Algorithm != alg {
		return nil, newErr(ErrMalformed, fmt.Sprintf("the %s's JOSE header could not be read consistently", what))
	}
	return jws, nil
}
