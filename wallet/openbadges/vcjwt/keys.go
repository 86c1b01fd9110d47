package vcjwt

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"fmt"

	jose "github.com/go-jose/go-jose/v4"
)

// MinRSABits is the smallest RSA modulus accepted.
const MinRSABits = 2048

// fitKey turns what a jwk, a resolver or a PEM produced into the public
// key go-jose verifies with, and checks that it fits alg. from says where
// the key came from, as the subject of a sentence ("the VC-JWT's JOSE
// header jwk", "the key the resolver returned for kid …").
func fitKey(alg string, key any, from string) (crypto.PublicKey, error) {
	switch k := key.(type) {
	case nil:
		return nil, newErr(ErrNoKey, fmt.Sprintf("%s is empty, so there is no key to check the signature with", from))
	case jose.JSONWebKey:
		return fitJWK(alg, &k, from)
	case *jose.JSONWebKey:
		return fitJWK(alg, k, from)
	case rsa.PublicKey:
		key = &k
	case ecdsa.PublicKey:
		key = &k
	case ed25519.PrivateKey, *rsa.PrivateKey, *ecdsa.PrivateKey, rsa.PrivateKey, ecdsa.PrivateKey, crypto.Signer:
		return nil, newErr(ErrPrivateKey, fmt.Sprintf("%s is a private key (%T); only a public key may be used to check a signature", from, key))
	case []byte:
		return nil, newErr(ErrUnsupported, fmt.Sprintf("%s is a secret byte string, not a public key; shared-secret keys are never used to check a badge", from))
	}
	switch alg {
	case RS256:
		k, ok := key.(*rsa.PublicKey)
		if !ok || k == nil || k.N == nil || k.E == 0 {
			return nil, mismatch(alg, key, from)
		}
		if n := k.N.BitLen(); n < MinRSABits {
			return nil, newErr(ErrUnsupported, fmt.Sprintf("%s is a %d-bit RSA key, shorter than the %d bits required", from, n, MinRSABits))
		}
		return k, nil
	case ES256:
		k, ok := key.(*ecdsa.PublicKey)
		if !ok || k == nil || k.Curve == nil || k.X == nil || k.Y == nil {
			return nil, mismatch(alg, key, from)
		}
		if k.Curve != elliptic.P256() {
			return nil, newErr(ErrUnsupported, fmt.Sprintf("%s is an EC key on curve %s, but ES256 needs P-256", from, k.Curve.Params().Name))
		}
		return k, nil
	case EdDSA:
		k, ok := key.(ed25519.PublicKey)
		if !ok {
			return nil, mismatch(alg, key, from)
		}
		if len(k) != ed25519.PublicKeySize {
			return nil, newErr(ErrUnsupported, fmt.Sprintf("%s is an Ed25519 key of %d bytes, but Ed25519 public keys are %d bytes", from, len(k), ed25519.PublicKeySize))
		}
		return k, nil
	}
	return nil, newErr(ErrUnsupported, fmt.Sprintf("the algorithm %q is not accepted", clip(alg)))
}

// fitJWK checks a JSON Web Key: public, meant for signing with alg, and
// of the right type.
func fitJWK(alg string, j *jose.JSONWebKey, from string) (crypto.PublicKey, error) {
	if j == nil || j.Key == nil {
		return nil, newErr(ErrNoKey, fmt.Sprintf("%s is an empty JSON Web Key", from))
	}
	if !j.IsPublic() {
		return nil, newErr(ErrPrivateKey, fmt.Sprintf("%s is a private JSON Web Key; only a public key may be used to check a signature", from))
	}
	if j.Algorithm != "" && j.Algorithm != alg {
		return nil, newErr(ErrUnsupported, fmt.Sprintf("%s is a key for %q, but the token is signed with %s", from, clip(j.Algorithm), alg))
	}
	if j.Use != "" && j.Use != "sig" {
		return nil, newErr(ErrUnsupported, fmt.Sprintf("%s is a key for use %q, not for signatures (\"sig\")", from, clip(j.Use)))
	}
	return fitKey(alg, j.Key, from)
}

func mismatch(alg string, key any, from string) error {
	want := map[string]string{RS256: "an RSA", ES256: "a P-256 EC", EdDSA: "an Ed25519"}[alg]
	return newErr(ErrUnsupported, fmt.Sprintf("%s is %s, but %s needs %s public key", from, describe(key), alg, want))
}

// describe names a key's type for messages.
func describe(key any) string {
	switch k := key.(type) {
	case *rsa.PublicKey:
		return "an RSA key"
	case *ecdsa.PublicKey:
		if k != nil && k.Curve != nil {
			return "an EC key on " + k.Curve.Params().Name
		}
		return "an EC key"
	case ed25519.PublicKey:
		return "an Ed25519 key"
	default:
		return fmt.Sprintf("a key of type %T", key)
	}
}
