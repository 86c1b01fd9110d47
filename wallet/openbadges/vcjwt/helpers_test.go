package vcjwt_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"

	jose "github.com/go-jose/go-jose/v4"

	"badgewallet/internal/fixtures"
	"badgewallet/wallet/openbadges"
	"badgewallet/wallet/openbadges/didkey"
	"badgewallet/wallet/openbadges/vcjwt"
)

const (
	ob30 = "fixtures/1edtech-validator/ob30/"
	ob20 = "fixtures/1edtech-validator/ob20/"
)

var sentinels = []error{
	vcjwt.ErrTooLarge, vcjwt.ErrMalformed, vcjwt.ErrUnsupported,
	vcjwt.ErrNoKey, vcjwt.ErrPrivateKey, vcjwt.ErrSignature,
}

// sentinelCount counts the package sentinels err wraps.
func sentinelCount(err error) int {
	n := 0
	for _, s := range sentinels {
		if errors.Is(err, s) {
			n++
		}
	}
	return n
}

// checkErr fails unless err wraps want (and no other sentinel of this
// package) and its message is one sentence on one line.
func checkErr(t *testing.T, err, want error) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %v", want)
	}
	if !errors.Is(err, want) {
		t.Fatalf("error %q does not wrap %q", err, want)
	}
	if n := sentinelCount(err); n != 1 {
		t.Fatalf("error %q wraps %d sentinels, want 1", err, n)
	}
	checkMessage(t, err)
}

func checkMessage(t testing.TB, err error) {
	t.Helper()
	msg := err.Error()
	if msg == "" || strings.ContainsAny(msg, "\n\r") || strings.HasSuffix(msg, ".") || strings.HasPrefix(msg, "go-jose") {
		t.Fatalf("error message %q is not one readable sentence", msg)
	}
}

// compactJWT reads a .jwt fixture.
func compactJWT(t testing.TB, rel string) string {
	t.Helper()
	return strings.TrimSpace(string(fixtures.Read(t, rel)))
}

// unbaked returns the compact JWS baked into a PNG or SVG fixture.
func unbaked(t testing.TB, rel string) string {
	t.Helper()
	x, err := openbadges.Read(fixtures.Read(t, rel))
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	if x.Badge == nil || x.Badge.JWS == "" {
		t.Fatalf("%s: no compact JWS baked in", rel)
	}
	return x.Badge.JWS
}

// keyPEM returns the publicKeyPem of an OB 2.0 CryptographicKey fixture.
func keyPEM(t testing.TB, rel string) string {
	t.Helper()
	var k struct {
		Type         string `json:"type"`
		PublicKeyPem string `json:"publicKeyPem"`
	}
	if err := json.Unmarshal(fixtures.Read(t, rel), &k); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	if k.Type != "CryptographicKey" || k.PublicKeyPem == "" {
		t.Fatalf("%s: not a CryptographicKey with a publicKeyPem", rel)
	}
	return k.PublicKeyPem
}

// resolvers

// didKeyResolver resolves kids the way the wallet does offline: did:key
// through package didkey; anything else fails with didkey's error
// (ErrUnsupported for did:web, did:velocity…).
func didKeyResolver(ctx context.Context, kid string) (crypto.PublicKey, error) {
	k, err := didkey.Resolve(kid)
	if err != nil {
		return nil, err
	}
	return k.Public, nil
}

func fixedResolver(key crypto.PublicKey) vcjwt.KeyResolver {
	return func(context.Context, string) (crypto.PublicKey, error) { return key, nil }
}

// noResolver fails the test if it is called.
func noResolver(t *testing.T) vcjwt.KeyResolver {
	return func(_ context.Context, kid string) (crypto.PublicKey, error) {
		t.Errorf("resolver called with %q, but the key should come from the header jwk", kid)
		return nil, errors.New("unexpected")
	}
}

// keys, generated once per test binary

var (
	keysOnce sync.Once
	rsaKey   *rsa.PrivateKey
	rsaKey2  *rsa.PrivateKey
	ecKey    *ecdsa.PrivateKey
	ec384Key *ecdsa.PrivateKey
	edPub    ed25519.PublicKey
	edKey    ed25519.PrivateKey
)

func keys(t testing.TB) {
	t.Helper()
	keysOnce.Do(func() {
		var err error
		must := func(e error) {
			if e != nil && err == nil {
				err = e
			}
		}
		rsaKey, err = rsa.GenerateKey(rand.Reader, 2048)
		k2, e := rsa.GenerateKey(rand.Reader, 2048)
		must(e)
		rsaKey2 = k2
		ecKey, e = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		must(e)
		ec384Key, e = ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
		must(e)
		edPub, edKey, e = ed25519.GenerateKey(rand.Reader)
		must(e)
		if err != nil {
			panic(err)
		}
	})
}

var payload = []byte(`{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],"type":["VerifiableCredential","OpenBadgeCredential"],"issuer":{"id":"did:example:issuer","type":["Profile"]},"validFrom":"2026-01-01T00:00:00Z","credentialSubject":{"type":["AchievementSubject"],"achievement":{"id":"urn:uuid:1","type":["Achievement"],"name":"Test","criteria":{"narrative":"n"},"description":"d"}}}`)

// joseSign signs payload with go-jose; kid (if not empty) goes in the
// header, and embed puts the public key in jwk.
func joseSign(t testing.TB, alg jose.SignatureAlgorithm, key any, kid string, embed bool) string {
	t.Helper()
	opts := (&jose.SignerOptions{EmbedJWK: embed}).WithType("JWT")
	if kid != "" {
		opts = opts.WithHeader("kid", kid)
	}
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: alg, Key: key}, opts)
	if err != nil {
		t.Fatal(err)
	}
	obj, err := s.Sign(payload)
	if err != nil {
		t.Fatal(err)
	}
	c, err := obj.CompactSerialize()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// hand-made tokens, for headers go-jose would refuse to produce

func enc(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func handMade(t testing.TB, hdr any, body []byte, sign func([]byte) []byte) string {
	t.Helper()
	var hb []byte
	switch h := hdr.(type) {
	case string:
		hb = []byte(h)
	default:
		var err error
		if hb, err = json.Marshal(h); err != nil {
			t.Fatal(err)
		}
	}
	in := enc(hb) + "." + enc(body)
	return in + "." + enc(sign([]byte(in)))
}

func rsaSigner(k *rsa.PrivateKey) func([]byte) []byte {
	return func(in []byte) []byte {
		h := sha256.Sum256(in)
		s, err := rsa.SignPKCS1v15(nil, k, crypto.SHA256, h[:])
		if err != nil {
			panic(err)
		}
		return s
	}
}

func ecSigner(k *ecdsa.PrivateKey) func([]byte) []byte {
	return func(in []byte) []byte {
		h := sha256.Sum256(in)
		r, s, err := ecdsa.Sign(rand.Reader, k, h[:])
		if err != nil {
			panic(err)
		}
		out := make([]byte, 64)
		r.FillBytes(out[:32])
		s.FillBytes(out[32:])
		return out
	}
}

func edSigner(k ed25519.PrivateKey) func([]byte) []byte {
	return func(in []byte) []byte { return ed25519.Sign(k, in) }
}

func hmacSigner(secret []byte) func([]byte) []byte {
	return func(in []byte) []byte {
		m := hmac.New(sha256.New, secret)
		m.Write(in)
		return m.Sum(nil)
	}
}

func jwkJSON(t testing.TB, key any) json.RawMessage {
	t.Helper()
	j, ok := key.(jose.JSONWebKey)
	if !ok {
		j = jose.JSONWebKey{Key: key}
	}
	b, err := json.Marshal(j)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// replacePart swaps one dot-separated part of a compact JWS.
func replacePart(c string, i int, part string) string {
	p := strings.Split(c, ".")
	p[i] = part
	return strings.Join(p, ".")
}

func decodePart(t testing.TB, c string, i int) []byte {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(strings.Split(c, ".")[i])
	if err != nil {
		t.Fatal(err)
	}
	return b
}
