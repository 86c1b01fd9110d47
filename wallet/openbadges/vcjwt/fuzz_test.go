package vcjwt_test

import (
	"context"
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"

	jose "github.com/go-jose/go-jose/v4"

	"badgewallet/wallet/openbadges/vcjwt"
)

// FuzzVerifyVCJWT: arbitrary strings never panic; every error wraps
// exactly one sentinel (the resolver never fails here), and whatever
// verifies used an accepted algorithm and returns a payload.
func FuzzVerifyVCJWT(f *testing.F) {
	keys(f)
	for _, s := range []string{
		"", ".", "..", "...", "a.b.c", "eyJ.eyJ.eyJ", "e30.e30.e30", "eyJhbGciOiJub25lIn0.e30.",
		unbaked(f, ob30+"simple-jwt.png"),
		unbaked(f, ob30+"simple-jwt_v1.svg"),
		compactJWT(f, ob30+"simple.jwt"),
		compactJWT(f, ob30+"velocity.jwt"),
		compactJWT(f, ob20+"simple.jwt"),
		joseSign(f, jose.EdDSA, edKey, "", true),
		joseSign(f, jose.EdDSA, edKey, "did:key:z6Mk#z6Mk", false),
		joseSign(f, jose.ES256, ecKey, "", true),
		joseSign(f, jose.ES256, ecKey, "kid", false),
		handMade(f, map[string]any{"alg": "HS256", "kid": "k"}, payload, hmacSigner([]byte("secret"))),
		handMade(f, map[string]any{"alg": "RS256", "jwk": jwkJSON(f, rsaKey)}, payload, rsaSigner(rsaKey)),
		handMade(f, `{"alg":"EdDSA","jwk":{"kty":"OKP","crv":"Ed25519","x":"AA"}}`, payload, edSigner(edKey)),
		handMade(f, `{"alg":"ES256","jwk":{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}}`, payload, ecSigner(ecKey)),
		handMade(f, `{"alg":"RS256","jwk":{"kty":"RSA","n":"AQAB","e":"AQAB"}}`, payload, rsaSigner(rsaKey)),
	} {
		f.Add(s)
	}
	resolve := fixedResolver(edPub)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, s string) {
		res, err := vcjwt.VerifyVCJWT(ctx, s, resolve)
		if err != nil {
			if n := sentinelCount(err); n != 1 {
				t.Fatalf("error %q wraps %d sentinels, want 1", err, n)
			}
			if msg := err.Error(); msg == "" || strings.HasPrefix(msg, "go-jose") {
				t.Fatalf("error message %q", msg)
			}
			if res.Payload != nil || res.Key != nil {
				t.Fatalf("error %v with a result", err)
			}
			return
		}
		switch res.Header.Alg {
		case vcjwt.RS256, vcjwt.ES256, vcjwt.EdDSA:
		default:
			t.Fatalf("verified with alg %q", res.Header.Alg)
		}
		if res.Payload == nil || res.Key == nil {
			t.Fatalf("verified without payload or key: %+v", res)
		}
		if res.Header.KeySource == vcjwt.KeyFromKid {
			if k, ok := res.Key.(ed25519.PublicKey); !ok || !k.Equal(edPub) {
				t.Fatalf("kid key is not the resolver's")
			}
		}
		// What verifies through the generic path also verifies as OB 2.0
		// only with the right PEM; at least it never panics.
		_, err = vcjwt.VerifyOB2JWS(s, "")
		if !errors.Is(err, vcjwt.ErrMalformed) && !errors.Is(err, vcjwt.ErrUnsupported) && !errors.Is(err, vcjwt.ErrPrivateKey) {
			t.Fatalf("VerifyOB2JWS with no PEM: %v", err)
		}
	})
}
