package vcjwt_test

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"strings"
	"testing"

	jose "github.com/go-jose/go-jose/v4"

	"badgewallet/internal/fixtures"
	"badgewallet/wallet/openbadges"
	"badgewallet/wallet/openbadges/didkey"
	"badgewallet/wallet/openbadges/vcjwt"
)

// vcFixtures: every expected.tsv row whose input is a VC-JWT, with what
// VerifyVCJWT must say about its signature.
var vcFixtures = []struct {
	path    string
	baked   bool  // a PNG or SVG carrying the JWS
	wantErr error // nil: verifies with the header jwk (RS256)
	network bool  // the kid needs a resolver that is not offline
}{
	{path: ob30 + "simple-jwt.png", baked: true},
	{path: ob30 + "simple-jwt.svg", baked: true},
	{path: ob30 + "simple-jwt_v1.png", baked: true},
	{path: ob30 + "simple-jwt_v1.svg", baked: true},
	{path: ob30 + "simple.jwt", wantErr: vcjwt.ErrNoKey},
	{path: ob30 + "velocity.jwt", wantErr: didkey.ErrUnsupported, network: true},
}

var ob2Fixtures = []struct{ path, key string }{
	{ob20 + "simple.jwt", ob20 + "assets/key1.json"},
	{ob20 + "simple-not-revoked.jwt", ob20 + "assets/key2.json"},
	{ob20 + "simple-revoked.jwt", ob20 + "assets/key3.json"},
}

// TestFixtureCoverage: every row of expected.tsv that is a JWT (ob3-jwt,
// ob2-jws) or whose reason says a compact JWS is baked in is in one of
// the tables above, so a new fixture cannot slip by untested.
func TestFixtureCoverage(t *testing.T) {
	covered := map[string]bool{}
	for _, f := range vcFixtures {
		covered[f.path] = true
	}
	for _, f := range ob2Fixtures {
		covered[f.path] = true
	}
	n := 0
	for _, r := range fixtures.Rows(t) {
		if r.Format == "ob3-jwt" || r.Format == "ob2-jws" || strings.Contains(r.Reason, "compact JWS") {
			n++
			if !covered[r.Path] {
				t.Errorf("%s (%s, %s) is not covered by the vcjwt fixture tables", r.Path, r.Format, r.Verdict)
			}
		}
	}
	if n != len(covered) {
		t.Errorf("expected.tsv has %d JWS rows, the tables cover %d files", n, len(covered))
	}
}

func TestVerifyVCJWTFixtures(t *testing.T) {
	for _, tc := range vcFixtures {
		t.Run(tc.path[strings.LastIndex(tc.path, "/")+1:], func(t *testing.T) {
			var c string
			if tc.baked {
				c = unbaked(t, tc.path)
			} else {
				c = compactJWT(t, tc.path)
			}
			_, wantPayload, err := openbadges.SplitJWS(c)
			if err != nil {
				t.Fatal(err)
			}
			resolve := noResolver(t)
			if tc.network {
				resolve = didKeyResolver
			}
			res, err := vcjwt.VerifyVCJWT(context.Background(), c, resolve)
			switch {
			case tc.wantErr == nil:
				if err != nil {
					t.Fatalf("VerifyVCJWT: %v", err)
				}
				if !bytes.Equal(res.Payload, wantPayload) {
					t.Errorf("payload differs from the token's")
				}
				if res.Header.Alg != vcjwt.RS256 || res.Header.KeySource != vcjwt.KeyFromJWK {
					t.Errorf("header = %+v, want RS256 from jwk", res.Header)
				}
				if k, ok := res.Key.(*rsa.PublicKey); !ok || k.N.BitLen() < 2048 {
					t.Errorf("key = %T, want a 2048-bit RSA public key", res.Key)
				}
			case tc.network:
				// The resolver's error comes back untouched: still
				// didkey.ErrUnsupported, and none of this package's
				// sentinels (it is not a bad token, it needs the network).
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("error %v does not wrap %v", err, tc.wantErr)
				}
				if n := sentinelCount(err); n != 0 {
					t.Errorf("error %q wraps %d vcjwt sentinels, want the resolver's error only", err, n)
				}
				if !strings.Contains(err.Error(), "did:velocity:") {
					t.Errorf("error %q does not name the kid", err)
				}
				checkMessage(t, err)
			default:
				checkErr(t, err, tc.wantErr)
			}
		})
	}
}

func TestNoKeyMessage(t *testing.T) {
	_, err := vcjwt.VerifyVCJWT(context.Background(), compactJWT(t, ob30+"simple.jwt"), didKeyResolver)
	const want = "the JOSE header has neither jwk nor kid, so there is no key to check the signature with"
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v, want %q", err, want)
	}
	checkErr(t, err, vcjwt.ErrNoKey)
}

// TestResolverErrorPassedThrough: a resolver's "needs the network" error
// is recognisable with errors.Is, and its text is kept.
func TestResolverErrorPassedThrough(t *testing.T) {
	keys(t)
	errOffline := errors.New("did:web needs the network and the wallet is offline")
	c := joseSign(t, jose.EdDSA, edKey, "did:web:example.edu#key-1", false)
	var got string
	_, err := vcjwt.VerifyVCJWT(context.Background(), c, func(_ context.Context, kid string) (crypto.PublicKey, error) {
		got = kid
		return nil, errOffline
	})
	if got != "did:web:example.edu#key-1" {
		t.Errorf("resolver got kid %q", got)
	}
	if !errors.Is(err, errOffline) || sentinelCount(err) != 0 || !strings.Contains(err.Error(), errOffline.Error()) {
		t.Fatalf("error = %v, want %v passed through", err, errOffline)
	}

	// A cancelled context stops before the resolver.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = vcjwt.VerifyVCJWT(ctx, c, noResolver(t))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want context.Canceled", err)
	}
}

func TestVerifyOB2JWSFixtures(t *testing.T) {
	for i, tc := range ob2Fixtures {
		t.Run(tc.path[strings.LastIndex(tc.path, "/")+1:], func(t *testing.T) {
			c := compactJWT(t, tc.path)
			_, wantPayload, err := openbadges.SplitJWS(c)
			if err != nil {
				t.Fatal(err)
			}
			got, err := vcjwt.VerifyOB2JWS(c, keyPEM(t, tc.key))
			if err != nil {
				t.Fatalf("with %s: %v", tc.key, err)
			}
			if !bytes.Equal(got, wantPayload) {
				t.Errorf("payload differs from the token's")
			}
			// Every other key file fails.
			for j, other := range ob2Fixtures {
				if j == i {
					continue
				}
				_, err := vcjwt.VerifyOB2JWS(c, keyPEM(t, other.key))
				checkErr(t, err, vcjwt.ErrSignature)
			}
			// The same key as PKCS #1 "RSA PUBLIC KEY" works too.
			b, _ := pem.Decode([]byte(keyPEM(t, tc.key)))
			pub, err := x509.ParsePKIXPublicKey(b.Bytes)
			if err != nil {
				t.Fatal(err)
			}
			pkcs1 := pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(pub.(*rsa.PublicKey))})
			if _, err := vcjwt.VerifyOB2JWS(c, string(pkcs1)); err != nil {
				t.Errorf("PKCS #1 PEM: %v", err)
			}
			// An OB 2.0 signed badge has no jwk or kid: as a VC-JWT there
			// is no key.
			_, err = vcjwt.VerifyVCJWT(context.Background(), c, didKeyResolver)
			checkErr(t, err, vcjwt.ErrNoKey)
		})
	}
}

func TestTampered(t *testing.T) {
	keys(t)
	good := unbaked(t, ob30+"simple-jwt.png")
	if _, err := vcjwt.VerifyVCJWT(context.Background(), good, nil); err != nil {
		t.Fatal(err)
	}
	body := decodePart(t, good, 1)
	if !bytes.Contains(body, []byte(`"name"`)) {
		t.Fatal("fixture payload has no name")
	}
	tamperedBody := bytes.Replace(body, []byte(`"name":"`), []byte(`"name":"Forged `), 1)

	sig := decodePart(t, good, 2)
	sig[len(sig)/2] ^= 0x01

	otherJWK := handMade(t, map[string]any{"alg": "RS256", "jwk": jwkJSON(t, &rsaKey2.PublicKey)}, body, rsaSigner(rsaKey))

	ob2 := compactJWT(t, ob20+"simple.jwt")
	ob2Body := decodePart(t, ob2, 1)
	ob2Sig := decodePart(t, ob2, 2)
	ob2Sig[0] ^= 0x80

	edTok := joseSign(t, jose.EdDSA, edKey, didkey.VerificationMethod(edPub), false)
	otherPub, _, _ := ed25519.GenerateKey(rand.Reader)

	for _, tc := range []struct {
		name string
		run  func(t *testing.T) error
	}{
		{"payload", func(t *testing.T) error {
			_, err := vcjwt.VerifyVCJWT(context.Background(), replacePart(good, 1, enc(tamperedBody)), nil)
			return err
		}},
		{"signature", func(t *testing.T) error {
			_, err := vcjwt.VerifyVCJWT(context.Background(), replacePart(good, 2, enc(sig)), nil)
			return err
		}},
		{"signature swapped from another token", func(t *testing.T) error {
			_, err := vcjwt.VerifyVCJWT(context.Background(), replacePart(good, 2, strings.Split(unbaked(t, ob30+"simple-jwt_v1.png"), ".")[2]), nil)
			return err
		}},
		{"jwk of another key", func(t *testing.T) error {
			_, err := vcjwt.VerifyVCJWT(context.Background(), otherJWK, nil)
			return err
		}},
		{"kid resolving to another key", func(t *testing.T) error {
			_, err := vcjwt.VerifyVCJWT(context.Background(), edTok, fixedResolver(otherPub))
			return err
		}},
		{"ob2 payload", func(t *testing.T) error {
			forged := bytes.Replace(ob2Body, []byte("beths-robot-work"), []byte("someone-elses-work"), 1)
			if bytes.Equal(forged, ob2Body) {
				t.Fatal("nothing replaced")
			}
			_, err := vcjwt.VerifyOB2JWS(replacePart(ob2, 1, enc(forged)), keyPEM(t, ob20+"assets/key1.json"))
			return err
		}},
		{"ob2 signature", func(t *testing.T) error {
			_, err := vcjwt.VerifyOB2JWS(replacePart(ob2, 2, enc(ob2Sig)), keyPEM(t, ob20+"assets/key1.json"))
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) { checkErr(t, tc.run(t), vcjwt.ErrSignature) })
	}
}

// TestRefusedAlgs: none, HMAC (including the classic confusion attack
// where the RSA public key is used as the HMAC secret) and every other
// algorithm are refused before any key is used.
func TestRefusedAlgs(t *testing.T) {
	keys(t)
	pubPEM := keyPEM(t, ob20+"assets/key1.json")
	fixture := compactJWT(t, ob20+"simple.jwt")
	ob2Body := decodePart(t, fixture, 1)
	der, _ := x509.MarshalPKIXPublicKey(&rsaKey.PublicKey)
	rsaPEM := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
	rsaJWK := jwkJSON(t, &rsaKey.PublicKey)
	unsigned := func([]byte) []byte { return nil }

	// A resolver that, like a careless library, returns the raw PEM
	// bytes for HMAC: it must not even be consulted.
	pemResolver := fixedResolver(rsaPEM)

	for _, tc := range []struct {
		name, tok string
		ob2       bool
		pem       string
		want      error
		say       string
	}{
		{name: "none empty sig", tok: handMade(t, map[string]any{"alg": "none", "jwk": rsaJWK}, payload, unsigned), want: vcjwt.ErrUnsupported, say: "not signed"},
		{name: "none with sig", tok: handMade(t, map[string]any{"alg": "none", "kid": "did:key:x"}, payload, rsaSigner(rsaKey)), want: vcjwt.ErrUnsupported, say: "not signed"},
		{name: "None", tok: handMade(t, map[string]any{"alg": "None", "jwk": rsaJWK}, payload, unsigned), want: vcjwt.ErrUnsupported, say: "not signed"},
		{name: "HS256 confusion jwk", tok: handMade(t, map[string]any{"alg": "HS256", "jwk": rsaJWK}, payload, hmacSigner(rsaPEM)), want: vcjwt.ErrUnsupported, say: "HMAC"},
		{name: "HS256 confusion kid", tok: handMade(t, map[string]any{"alg": "HS256", "kid": "https://example.org/key"}, payload, hmacSigner(rsaPEM)), want: vcjwt.ErrUnsupported, say: "HMAC"},
		{name: "HS256 confusion kid der", tok: handMade(t, map[string]any{"alg": "HS256", "kid": "https://example.org/key"}, payload, hmacSigner(der)), want: vcjwt.ErrUnsupported, say: "HMAC"},
		{name: "HS512", tok: handMade(t, map[string]any{"alg": "HS512", "kid": "k"}, payload, hmacSigner(rsaPEM)), want: vcjwt.ErrUnsupported, say: "HMAC"},
		{name: "ob2 none", ob2: true, pem: pubPEM, tok: handMade(t, map[string]any{"alg": "none"}, ob2Body, unsigned), want: vcjwt.ErrUnsupported, say: "not signed"},
		{name: "ob2 HS256 confusion", ob2: true, pem: pubPEM, tok: handMade(t, map[string]any{"alg": "HS256"}, ob2Body, hmacSigner([]byte(pubPEM))), want: vcjwt.ErrUnsupported, say: "HMAC"},
		{name: "ob2 EdDSA", ob2: true, pem: pubPEM, tok: handMade(t, map[string]any{"alg": "EdDSA"}, ob2Body, edSigner(edKey)), want: vcjwt.ErrUnsupported, say: "RS256, ES256"},
		{name: "RS384", tok: handMade(t, map[string]any{"alg": "RS384", "jwk": rsaJWK}, payload, rsaSigner(rsaKey)), want: vcjwt.ErrUnsupported, say: "not accepted"},
		{name: "PS256", tok: handMade(t, map[string]any{"alg": "PS256", "jwk": rsaJWK}, payload, rsaSigner(rsaKey)), want: vcjwt.ErrUnsupported, say: "not accepted"},
		{name: "ES384", tok: handMade(t, map[string]any{"alg": "ES384", "jwk": jwkJSON(t, &ec384Key.PublicKey)}, payload, ecSigner(ecKey)), want: vcjwt.ErrUnsupported, say: "not accepted"},
		{name: "Ed25519", tok: handMade(t, map[string]any{"alg": "Ed25519", "jwk": jwkJSON(t, edPub)}, payload, edSigner(edKey)), want: vcjwt.ErrUnsupported, say: "not accepted"},
		{name: "rs256 lower case", tok: handMade(t, map[string]any{"alg": "rs256", "jwk": rsaJWK}, payload, rsaSigner(rsaKey)), want: vcjwt.ErrUnsupported, say: "not accepted"},
		{name: "empty alg", tok: handMade(t, map[string]any{"alg": "", "jwk": rsaJWK}, payload, rsaSigner(rsaKey)), want: vcjwt.ErrMalformed, say: "alg is empty"},
		{name: "no alg", tok: handMade(t, map[string]any{"jwk": rsaJWK}, payload, rsaSigner(rsaKey)), want: vcjwt.ErrMalformed, say: "no alg"},
		{name: "alg not a string", tok: handMade(t, map[string]any{"alg": 256, "jwk": rsaJWK}, payload, rsaSigner(rsaKey)), want: vcjwt.ErrMalformed, say: "not a string"},
		{name: "ALG shadow", tok: handMade(t, `{"ALG":"RS256","alg":"none"}`, payload, unsigned), want: vcjwt.ErrUnsupported, say: "not signed"},
		{name: "duplicate alg", tok: handMade(t, `{"alg":"RS256","alg":"none","jwk":`+string(rsaJWK)+`}`, payload, rsaSigner(rsaKey)), want: vcjwt.ErrMalformed, say: "twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if tc.ob2 {
				_, err = vcjwt.VerifyOB2JWS(tc.tok, tc.pem)
			} else {
				_, err = vcjwt.VerifyVCJWT(context.Background(), tc.tok, pemResolver)
			}
			checkErr(t, err, tc.want)
			if !strings.Contains(err.Error(), tc.say) {
				t.Errorf("error %q does not say %q", err, tc.say)
			}
		})
	}
}

// TestPrivateKeyRefused: a jwk with a private part, a resolver handing
// back a private key and a PEM holding a private key are all refused.
func TestPrivateKeyRefused(t *testing.T) {
	keys(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name, tok, part string
	}{
		{"rsa d", handMade(t, map[string]any{"alg": "RS256", "jwk": jwkJSON(t, rsaKey)}, payload, rsaSigner(rsaKey)), `"d"`},
		{"ec d", handMade(t, map[string]any{"alg": "ES256", "jwk": jwkJSON(t, ecKey)}, payload, ecSigner(ecKey)), `"d"`},
		{"okp d", handMade(t, map[string]any{"alg": "EdDSA", "jwk": jwkJSON(t, edKey)}, payload, edSigner(edKey)), `"d"`},
		{"rsa p only", handMade(t, map[string]any{"alg": "RS256", "jwk": map[string]any{"kty": "RSA", "n": enc(rsaKey.N.Bytes()), "e": "AQAB", "p": enc(rsaKey.Primes[0].Bytes())}}, payload, rsaSigner(rsaKey)), `"p"`},
		{"oct k", handMade(t, map[string]any{"alg": "RS256", "jwk": map[string]any{"kty": "oct", "k": enc([]byte("0123456789abcdef0123456789abcdef"))}}, payload, rsaSigner(rsaKey)), `"k"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := vcjwt.VerifyVCJWT(ctx, tc.tok, noResolver(t))
			checkErr(t, err, vcjwt.ErrPrivateKey)
			if !strings.Contains(err.Error(), tc.part) || !strings.Contains(err.Error(), "jwk") {
				t.Errorf("error %q does not name the jwk and %s", err, tc.part)
			}
		})
	}

	edTok := joseSign(t, jose.EdDSA, edKey, "did:example:1#k", false)
	for _, k := range []any{edKey, rsaKey, ecKey, jose.JSONWebKey{Key: edKey}, &jose.JSONWebKey{Key: edKey}} {
		_, err := vcjwt.VerifyVCJWT(ctx, edTok, fixedResolver(k))
		checkErr(t, err, vcjwt.ErrPrivateKey)
	}

	ob2 := compactJWT(t, ob20+"simple.jwt")
	pkcs1 := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(rsaKey)}))
	p8, _ := x509.MarshalPKCS8PrivateKey(rsaKey)
	pkcs8 := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: p8}))
	ecDER, _ := x509.MarshalECPrivateKey(ecKey)
	ecPEM := string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: ecDER}))
	for name, p := range map[string]string{
		"pkcs1": pkcs1, "pkcs8": pkcs8, "ec": ecPEM,
		"public then private": keyPEM(t, ob20+"assets/key1.json") + "\n" + pkcs8,
	} {
		t.Run("pem "+name, func(t *testing.T) {
			_, err := vcjwt.VerifyOB2JWS(ob2, p)
			checkErr(t, err, vcjwt.ErrPrivateKey)
		})
	}
}

// TestRoundTrips: tokens signed by go-jose with fresh keys verify, with the
// key from jwk or from a kid (an Ed25519 did:key resolved by didkey).
func TestRoundTrips(t *testing.T) {
	keys(t)
	vm := didkey.VerificationMethod(edPub)
	for _, tc := range []struct {
		name    string
		tok     string
		resolve vcjwt.KeyResolver
		alg     string
		src     vcjwt.KeySource
		kid     string
		key     crypto.PublicKey
	}{
		{"EdDSA jwk", joseSign(t, jose.EdDSA, edKey, "", true), noResolver(t), vcjwt.EdDSA, vcjwt.KeyFromJWK, "", edPub},
		{"EdDSA did:key kid", joseSign(t, jose.EdDSA, edKey, vm, false), didKeyResolver, vcjwt.EdDSA, vcjwt.KeyFromKid, vm, edPub},
		{"EdDSA bare did:key kid", joseSign(t, jose.EdDSA, edKey, didkey.DID(edPub), false), didKeyResolver, vcjwt.EdDSA, vcjwt.KeyFromKid, didkey.DID(edPub), edPub},
		{"EdDSA jwk and kid", joseSign(t, jose.EdDSA, edKey, "did:web:example.edu#k", true), noResolver(t), vcjwt.EdDSA, vcjwt.KeyFromJWK, "did:web:example.edu#k", edPub},
		{"ES256 jwk", joseSign(t, jose.ES256, ecKey, "", true), noResolver(t), vcjwt.ES256, vcjwt.KeyFromJWK, "", &ecKey.PublicKey},
		{"ES256 kid", joseSign(t, jose.ES256, ecKey, "https://example.edu/keys#1", false), fixedResolver(&ecKey.PublicKey), vcjwt.ES256, vcjwt.KeyFromKid, "https://example.edu/keys#1", &ecKey.PublicKey},
		{"ES256 kid public JWK", joseSign(t, jose.ES256, ecKey, "https://example.edu/jwks#1", false), fixedResolver(jose.JSONWebKey{Key: &ecKey.PublicKey, Algorithm: "ES256", Use: "sig"}), vcjwt.ES256, vcjwt.KeyFromKid, "https://example.edu/jwks#1", &ecKey.PublicKey},
		{"RS256 kid", joseSign(t, jose.RS256, rsaKey, "https://example.edu/keys#rsa", false), fixedResolver(&rsaKey.PublicKey), vcjwt.RS256, vcjwt.KeyFromKid, "https://example.edu/keys#rsa", &rsaKey.PublicKey},
		{"RS256 jwk", joseSign(t, jose.RS256, rsaKey, "", true), noResolver(t), vcjwt.RS256, vcjwt.KeyFromJWK, "", &rsaKey.PublicKey},
		{"surrounding white space", "\n " + joseSign(t, jose.EdDSA, edKey, "", true) + "\r\n", noResolver(t), vcjwt.EdDSA, vcjwt.KeyFromJWK, "", edPub},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := vcjwt.VerifyVCJWT(context.Background(), tc.tok, tc.resolve)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(res.Payload, payload) {
				t.Errorf("payload = %s", res.Payload)
			}
			if res.Header.Alg != tc.alg || res.Header.KeySource != tc.src || res.Header.Kid != tc.kid || res.Header.Typ != "JWT" {
				t.Errorf("header = %+v, want alg %s source %s kid %q typ JWT", res.Header, tc.alg, tc.src, tc.kid)
			}
			if eq, ok := res.Key.(interface{ Equal(crypto.PublicKey) bool }); !ok || !eq.Equal(tc.key) {
				t.Errorf("key = %#v, want %#v", res.Key, tc.key)
			}
		})
	}

	// OB 2.0 with an EC key: ES256 accepted.
	der, _ := x509.MarshalPKIXPublicKey(&ecKey.PublicKey)
	ecPEM := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	tok := joseSign(t, jose.ES256, ecKey, "", false)
	if got, err := vcjwt.VerifyOB2JWS(tok, ecPEM); err != nil || !bytes.Equal(got, payload) {
		t.Errorf("OB 2.0 ES256: %v", err)
	}
}

// TestKeyMismatch: a key that does not fit the algorithm, a weak key or
// no key at all is refused with a sentence saying which.
func TestKeyMismatch(t *testing.T) {
	keys(t)
	small, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ecJWK := jwkJSON(t, &ecKey.PublicKey)
	edTok := joseSign(t, jose.EdDSA, edKey, "did:example:1#k", false)
	esTok := joseSign(t, jose.ES256, ecKey, "did:example:1#k", false)
	rsTok := joseSign(t, jose.RS256, rsaKey, "did:example:1#k", false)
	der384, _ := x509.MarshalPKIXPublicKey(&ec384Key.PublicKey)
	edDER, _ := x509.MarshalPKIXPublicKey(edPub)
	rsaDER, _ := x509.MarshalPKIXPublicKey(&rsaKey.PublicKey)
	smallDER, _ := x509.MarshalPKIXPublicKey(&small.PublicKey)
	pemOf := func(der []byte) string {
		return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	}

	for _, tc := range []struct {
		name string
		run  func(t *testing.T) error
		want error
		say  string
	}{
		{"RS256 with EC jwk", func(t *testing.T) error {
			_, err := vcjwt.VerifyVCJWT(ctx, handMade(t, map[string]any{"alg": "RS256", "jwk": ecJWK}, payload, rsaSigner(rsaKey)), nil)
			return err
		}, vcjwt.ErrUnsupported, "RS256 needs an RSA"},
		{"EdDSA with RSA jwk", func(t *testing.T) error {
			_, err := vcjwt.VerifyVCJWT(ctx, handMade(t, map[string]any{"alg": "EdDSA", "jwk": jwkJSON(t, &rsaKey.PublicKey)}, payload, edSigner(edKey)), nil)
			return err
		}, vcjwt.ErrUnsupported, "EdDSA needs an Ed25519"},
		{"ES256 with P-384 jwk", func(t *testing.T) error {
			_, err := vcjwt.VerifyVCJWT(ctx, handMade(t, map[string]any{"alg": "ES256", "jwk": jwkJSON(t, &ec384Key.PublicKey)}, payload, ecSigner(ecKey)), nil)
			return err
		}, vcjwt.ErrUnsupported, "P-256"},
		{"1024-bit RSA jwk", func(t *testing.T) error {
			_, err := vcjwt.VerifyVCJWT(ctx, handMade(t, map[string]any{"alg": "RS256", "jwk": jwkJSON(t, &small.PublicKey)}, payload, rsaSigner(small)), nil)
			return err
		}, vcjwt.ErrUnsupported, "1024-bit"},
		{"jwk for another alg", func(t *testing.T) error {
			j := jwkJSON(t, jose.JSONWebKey{Key: &rsaKey.PublicKey, Algorithm: "RS512"})
			_, err := vcjwt.VerifyVCJWT(ctx, handMade(t, map[string]any{"alg": "RS256", "jwk": j}, payload, rsaSigner(rsaKey)), nil)
			return err
		}, vcjwt.ErrUnsupported, "RS512"},
		{"jwk for encryption", func(t *testing.T) error {
			j := jwkJSON(t, jose.JSONWebKey{Key: &rsaKey.PublicKey, Use: "enc"})
			_, err := vcjwt.VerifyVCJWT(ctx, handMade(t, map[string]any{"alg": "RS256", "jwk": j}, payload, rsaSigner(rsaKey)), nil)
			return err
		}, vcjwt.ErrUnsupported, "enc"},
		{"EdDSA kid resolving to RSA", func(t *testing.T) error {
			_, err := vcjwt.VerifyVCJWT(ctx, edTok, fixedResolver(&rsaKey.PublicKey))
			return err
		}, vcjwt.ErrUnsupported, "EdDSA needs an Ed25519"},
		{"ES256 kid resolving to Ed25519", func(t *testing.T) error {
			_, err := vcjwt.VerifyVCJWT(ctx, esTok, fixedResolver(edPub))
			return err
		}, vcjwt.ErrUnsupported, "ES256 needs a P-256"},
		{"RS256 kid resolving to bytes", func(t *testing.T) error {
			_, err := vcjwt.VerifyVCJWT(ctx, rsTok, fixedResolver([]byte("secret")))
			return err
		}, vcjwt.ErrUnsupported, "secret"},
		{"EdDSA kid resolving to short key", func(t *testing.T) error {
			_, err := vcjwt.VerifyVCJWT(ctx, edTok, fixedResolver(ed25519.PublicKey(edPub[:31])))
			return err
		}, vcjwt.ErrUnsupported, "31 bytes"},
		{"ES256 kid resolving to ecdsa value", func(t *testing.T) error {
			_, err := vcjwt.VerifyVCJWT(ctx, esTok, fixedResolver(ecdsa.PublicKey{}))
			return err
		}, vcjwt.ErrUnsupported, "ES256 needs"},
		{"kid resolving to nil", func(t *testing.T) error {
			_, err := vcjwt.VerifyVCJWT(ctx, edTok, fixedResolver(nil))
			return err
		}, vcjwt.ErrNoKey, "no key"},
		{"kid without resolver", func(t *testing.T) error {
			_, err := vcjwt.VerifyVCJWT(ctx, edTok, nil)
			return err
		}, vcjwt.ErrNoKey, "no key resolver"},
		{"ob2 RS256 with EC PEM", func(t *testing.T) error {
			_, err := vcjwt.VerifyOB2JWS(compactJWT(t, ob20+"simple.jwt"), pemOf(der384))
			return err
		}, vcjwt.ErrUnsupported, "RS256 needs an RSA"},
		{"ob2 ES256 with RSA PEM", func(t *testing.T) error {
			_, err := vcjwt.VerifyOB2JWS(joseSign(t, jose.ES256, ecKey, "", false), pemOf(rsaDER))
			return err
		}, vcjwt.ErrUnsupported, "ES256 needs a P-256"},
		{"ob2 Ed25519 PEM", func(t *testing.T) error {
			_, err := vcjwt.VerifyOB2JWS(compactJWT(t, ob20+"simple.jwt"), pemOf(edDER))
			return err
		}, vcjwt.ErrUnsupported, "Ed25519"},
		{"ob2 1024-bit PEM", func(t *testing.T) error {
			_, err := vcjwt.VerifyOB2JWS(compactJWT(t, ob20+"simple.jwt"), pemOf(smallDER))
			return err
		}, vcjwt.ErrUnsupported, "1024-bit"},
		{"ob2 no PEM", func(t *testing.T) error {
			_, err := vcjwt.VerifyOB2JWS(compactJWT(t, ob20+"simple.jwt"), "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAko9t")
			return err
		}, vcjwt.ErrMalformed, "no PEM block"},
		{"ob2 certificate only", func(t *testing.T) error {
			_, err := vcjwt.VerifyOB2JWS(compactJWT(t, ob20+"simple.jwt"), string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte{1}})))
			return err
		}, vcjwt.ErrUnsupported, "no PUBLIC KEY"},
		{"ob2 broken PUBLIC KEY", func(t *testing.T) error {
			_, err := vcjwt.VerifyOB2JWS(compactJWT(t, ob20+"simple.jwt"), string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: []byte{1, 2, 3}})))
			return err
		}, vcjwt.ErrMalformed, "PKIX"},
		{"ob2 huge PEM", func(t *testing.T) error {
			_, err := vcjwt.VerifyOB2JWS(compactJWT(t, ob20+"simple.jwt"), strings.Repeat("A", vcjwt.MaxPEMBytes+1))
			return err
		}, vcjwt.ErrTooLarge, "publicKeyPem"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run(t)
			checkErr(t, err, tc.want)
			if !strings.Contains(err.Error(), tc.say) {
				t.Errorf("error %q does not say %q", err, tc.say)
			}
		})
	}
}

func TestMalformed(t *testing.T) {
	keys(t)
	good := joseSign(t, jose.EdDSA, edKey, "", true)
	p := strings.Split(good, ".")
	jwk := string(jwkJSON(t, edPub))
	hdr := func(s string) string { return enc([]byte(s)) }
	for _, tc := range []struct {
		name, tok string
		want      error
		say       string
	}{
		{"empty", "", vcjwt.ErrMalformed, "empty"},
		{"blank", " \n", vcjwt.ErrMalformed, "empty"},
		{"two parts", p[0] + "." + p[1], vcjwt.ErrMalformed, "2 dot-separated parts"},
		{"four parts", good + ".x", vcjwt.ErrMalformed, "4 dot-separated parts"},
		{"JWE shaped", good + ".x.y", vcjwt.ErrMalformed, "5 dot-separated parts"},
		{"header not base64url", "eyJ+." + p[1] + "." + p[2], vcjwt.ErrMalformed, "header is not base64url"},
		{"header padded", p[0] + "=." + p[1] + "." + p[2], vcjwt.ErrMalformed, "header is not base64url"},
		{"header with line break", p[0][:4] + "\n" + p[0][4:] + "." + p[1] + "." + p[2], vcjwt.ErrMalformed, "line break"},
		{"header not JSON", hdr("alg=EdDSA") + "." + p[1] + "." + p[2], vcjwt.ErrMalformed, "not a JSON object"},
		{"header array", hdr(`["alg","EdDSA"]`) + "." + p[1] + "." + p[2], vcjwt.ErrMalformed, "not a JSON object"},
		{"header trailing data", hdr(`{"alg":"EdDSA"}{}`) + "." + p[1] + "." + p[2], vcjwt.ErrMalformed, "not a JSON object"},
		{"header not UTF-8", hdr("{\"alg\":\"EdDSA\",\"x\":\"\xff\"}") + "." + p[1] + "." + p[2], vcjwt.ErrMalformed, "UTF-8"},
		{"crit", hdr(`{"alg":"EdDSA","crit":["b64"],"b64":false,"jwk":`+jwk+`}`) + "." + p[1] + "." + p[2], vcjwt.ErrUnsupported, "crit"},
		{"b64", hdr(`{"alg":"EdDSA","b64":false,"jwk":`+jwk+`}`) + "." + p[1] + "." + p[2], vcjwt.ErrUnsupported, "b64"},
		{"kid not a string", hdr(`{"alg":"EdDSA","kid":7}`) + "." + p[1] + "." + p[2], vcjwt.ErrMalformed, "kid is not a string"},
		{"kid empty", hdr(`{"alg":"EdDSA","kid":""}`) + "." + p[1] + "." + p[2], vcjwt.ErrMalformed, "kid is empty"},
		{"typ not a string", hdr(`{"alg":"EdDSA","typ":1,"jwk":`+jwk+`}`) + "." + p[1] + "." + p[2], vcjwt.ErrMalformed, "typ is not a string"},
		{"jwk not an object", hdr(`{"alg":"EdDSA","jwk":"z6Mk"}`) + "." + p[1] + "." + p[2], vcjwt.ErrMalformed, "jwk is not a JSON object"},
		{"jwk null", hdr(`{"alg":"EdDSA","jwk":null}`) + "." + p[1] + "." + p[2], vcjwt.ErrMalformed, "jwk is not a JSON object"},
		{"jwk unknown kty", hdr(`{"alg":"EdDSA","jwk":{"kty":"XYZ"}}`) + "." + p[1] + "." + p[2], vcjwt.ErrMalformed, "could not be parsed"},
		{"jwk duplicate member", hdr(`{"alg":"EdDSA","jwk":{"kty":"OKP","crv":"Ed25519","x":"AA","x":"BB"}}`) + "." + p[1] + "." + p[2], vcjwt.ErrMalformed, "jwk is not a JSON object"},
		{"payload not base64url", p[0] + ".e30=." + p[2], vcjwt.ErrMalformed, "payload is not base64url"},
		{"empty signature", p[0] + "." + p[1] + ".", vcjwt.ErrMalformed, "empty signature"},
		{"signature not base64url", p[0] + "." + p[1] + ".abc*", vcjwt.ErrMalformed, "signature is not base64url"},
		{"signature wrong length", p[0] + "." + p[1] + "." + enc([]byte("short")), vcjwt.ErrSignature, "does not match"},
		{"too large", strings.Repeat("a", vcjwt.MaxCompactBytes+1), vcjwt.ErrTooLarge, "over the limit"},
		{"too large but valid-looking", good + strings.Repeat(" ", vcjwt.MaxCompactBytes), vcjwt.ErrTooLarge, "over the limit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := vcjwt.VerifyVCJWT(context.Background(), tc.tok, fixedResolver(edPub))
			checkErr(t, err, tc.want)
			if !strings.Contains(err.Error(), tc.say) {
				t.Errorf("error %q does not say %q", err, tc.say)
			}
			if tc.want == vcjwt.ErrTooLarge || tc.want == vcjwt.ErrMalformed {
				_, err := vcjwt.VerifyOB2JWS(tc.tok, keyPEM(t, ob20+"assets/key1.json"))
				if !errors.Is(err, tc.want) && !errors.Is(err, vcjwt.ErrUnsupported) {
					t.Errorf("VerifyOB2JWS: %v, want %v", err, tc.want)
				}
			}
		})
	}
	// At the cap exactly, the size is not what is refused.
	atCap := good + strings.Repeat(" ", vcjwt.MaxCompactBytes-len(good))
	if _, err := vcjwt.VerifyVCJWT(context.Background(), atCap, nil); err != nil {
		t.Errorf("a token of exactly MaxCompactBytes: %v", err)
	}
}

func BenchmarkVerifyVCJWT(b *testing.B) {
	tok := unbaked(b, ob30+"simple-jwt.png")
	ctx := context.Background()
	for b.Loop() {
		if _, err := vcjwt.VerifyVCJWT(ctx, tok, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyOB2JWS(b *testing.B) {
	tok := compactJWT(b, ob20+"simple.jwt")
	key := keyPEM(b, ob20+"assets/key1.json")
	for b.Loop() {
		if _, err := vcjwt.VerifyOB2JWS(tok, key); err != nil {
			b.Fatal(err)
		}
	}
}
