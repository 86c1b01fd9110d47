package verify_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"

	"badgewallet/wallet/openbadges/dataintegrity"
	"badgewallet/wallet/openbadges/didkey"
	"badgewallet/wallet/openbadges/fetch"
	"badgewallet/wallet/openbadges/status"
	"badgewallet/wallet/openbadges/verify"
)

type issuerKey struct {
	priv ed25519.PrivateKey
	did  string
	vm   string
}

func newIssuer(t *testing.T) issuerKey {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return issuerKey{priv: priv, did: didkey.DID(pub), vm: didkey.VerificationMethod(pub)}
}

// credential returns an unsigned OB 3.0 credential issued by iss to the
// email (salted sha256 identity hash).
func credential(iss, email string, from, until time.Time) map[string]any {
	salt := "pepper"
	h := sha256.Sum256([]byte(strings.ToLower(email) + salt))
	c := map[string]any{
		"@context":  []any{"https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"},
		"id":        "urn:uuid:2a1b7c3e-0d4f-4e5a-9b6c-7d8e9f0a1b2c",
		"type":      []any{"VerifiableCredential", "OpenBadgeCredential"},
		"name":      "Cloud Fundamentals",
		"issuer":    map[string]any{"id": iss, "type": []any{"Profile"}, "name": "Contoso Learning"},
		"validFrom": from.UTC().Format(time.RFC3339),
		"credentialSubject": map[string]any{
			"type": []any{"AchievementSubject"},
			"identifier": []any{map[string]any{
				"type": "IdentityObject", "identityHash": "sha256$" + hex.EncodeToString(h[:]),
				"identityType": "emailAddress", "hashed": true, "salt": salt,
			}},
			"achievement": map[string]any{
				"id": "urn:contoso:cf", "type": []any{"Achievement"}, "name": "Cloud Fundamentals",
				"criteria": map[string]any{"narrative": "Pass CL-900."},
			},
		},
	}
	if !until.IsZero() {
		c["validUntil"] = until.UTC().Format(time.RFC3339)
	}
	return c
}

func sign(t *testing.T, doc map[string]any, k issuerKey) []byte {
	t.Helper()
	l, err := dataintegrity.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	signed, err := l.AddProof(doc, k.priv, k.vm, clock.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(signed)
	return b
}

func newVerifier(t *testing.T, f fetch.Fetcher, ids ...verify.Identity) *verify.Verifier {
	t.Helper()
	v, err := verify.New(verify.Options{Fetcher: f, Now: func() time.Time { return clock }, Identities: ids})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestVerifyCases(t *testing.T) {
	ctx := context.Background()
	k, other := newIssuer(t), newIssuer(t)
	from := clock.AddDate(-1, 0, 0)
	me := verify.Identity{Kind: "email", Value: "Demo@Example.com"}
	tampered := func() []byte {
		var m map[string]any
		json.Unmarshal(sign(t, credential(k.did, "demo@example.com", from, time.Time{}), k), &m)
		m["name"] = "Cloud Expert"
		b, _ := json.Marshal(m)
		return b
	}()
	wrongSuite := func() []byte {
		var m map[string]any
		json.Unmarshal(sign(t, credential(k.did, "demo@example.com", from, time.Time{}), k), &m)
		m["proof"].(map[string]any)["cryptosuite"] = "ecdsa-rdfc-2019"
		b, _ := json.Marshal(m)
		return b
	}()
	tests := []struct {
		name    string
		data    []byte
		ids     []verify.Identity
		verdict verify.Verdict
		check   verify.CheckName
		msg     string
	}{
		{"verified, recipient matches (case-insensitive email)", sign(t, credential(k.did, "demo@example.com", from, time.Time{}), k), []verify.Identity{me}, verify.Verified, "", ""},
		{"recipient mismatch", sign(t, credential(k.did, "someone@else.org", from, time.Time{}), k), []verify.Identity{me}, verify.RecipientMismatch, verify.CheckRecipient, "issued to someone else"},
		{"signed by a key that is not the issuer's", sign(t, credential(k.did, "demo@example.com", from, time.Time{}), other), nil, verify.Invalid, verify.CheckProof, "not the issuer"},
		{"tampered after signing", tampered, nil, verify.Invalid, verify.CheckProof, "does not match"},
		{"wrong suite", wrongSuite, nil, verify.Invalid, verify.CheckProof, "ecdsa-rdfc-2019"},
		{"expired", sign(t, credential(k.did, "demo@example.com", from, clock.AddDate(0, -1, 0)), k), nil, verify.Expired, verify.CheckValidity, "expired on"},
		{"not yet valid", sign(t, credential(k.did, "demo@example.com", clock.AddDate(0, 1, 0), time.Time{}), k), nil, verify.NotYetValid, verify.CheckValidity, "not valid yet"},
		{"within clock skew", sign(t, credential(k.did, "demo@example.com", clock.Add(2*time.Minute), time.Time{}), k), nil, verify.Verified, "", ""},
		{"not a badge at all", []byte("hello"), nil, verify.Invalid, verify.CheckStructure, "cannot be read"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newVerifier(t, nil, tc.ids...).Verify(ctx, tc.data)
			if r.Verdict != tc.verdict {
				t.Fatalf("verdict %s, want %s: %+v", r.Verdict, tc.verdict, r.Checks)
			}
			if tc.check != "" {
				c, _ := r.Failed()
				if c.Name != tc.check || !strings.Contains(c.Message, tc.msg) {
					t.Fatalf("failed check %s %q, want %s containing %q", c.Name, c.Message, tc.check, tc.msg)
				}
			}
		})
	}
}

// statusServer serves a signed BitstringStatusListCredential whose bit 42
// is set when revoked; requests for any host go to it (real HTTP on
// loopback through the injected fetcher).
func statusServer(t *testing.T, k issuerKey, revoked bool, until time.Time) fetch.Fetcher {
	bits := status.NewBitstring(status.MinLength)
	if revoked {
		bits.Set(42, true)
	}
	list := map[string]any{
		"@context":  []any{"https://www.w3.org/ns/credentials/v2"},
		"id":        "https://issuer.example/status/1",
		"type":      []any{"VerifiableCredential", "BitstringStatusListCredential"},
		"issuer":    k.did,
		"validFrom": clock.AddDate(0, -1, 0).Format(time.RFC3339),
		"credentialSubject": map[string]any{
			"id": "https://issuer.example/status/1#list", "type": "BitstringStatusList",
			"statusPurpose": "revocation", "encodedList": bits.Encode(),
		},
	}
	if !until.IsZero() {
		list["validUntil"] = until.Format(time.RFC3339)
	}
	body := sign(t, list, k)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(body) }))
	t.Cleanup(srv.Close)
	return fetch.NewHTTP(fetch.WithTransport(rewrite{srv.URL}))
}

type rewrite struct{ to string }

func (rw rewrite) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	out.URL, _ = out.URL.Parse(rw.to + req.URL.Path)
	out.Host = ""
	return http.DefaultTransport.RoundTrip(out)
}

func TestVerifyStatusList(t *testing.T) {
	ctx := context.Background()
	k := newIssuer(t)
	c := credential(k.did, "demo@example.com", clock.AddDate(-1, 0, 0), time.Time{})
	c["credentialStatus"] = map[string]any{
		"id": "https://issuer.example/status/1#42", "type": "BitstringStatusListEntry",
		"statusPurpose": "revocation", "statusListIndex": "42", "statusListCredential": "https://issuer.example/status/1",
	}
	data := sign(t, c, k)
	tests := []struct {
		name    string
		f       fetch.Fetcher
		verdict verify.Verdict
		msg     string
	}{
		{"offline: never verified", fetch.Offline{}, verify.UnverifiableOffline, "offline"},
		{"bit clear", statusServer(t, k, false, time.Time{}), verify.Verified, "index 42"},
		{"bit set", statusServer(t, k, true, time.Time{}), verify.Revoked, "revoked"},
		{"list expired", statusServer(t, k, false, clock.AddDate(0, 0, -1)), verify.Invalid, "expired"},
		{"list signed by someone else: said, not fatal", statusServer(t, newIssuer(t), false, time.Time{}), verify.Verified, "not by the badge's issuer"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newVerifier(t, tc.f).Verify(ctx, data)
			st, _ := r.Check(verify.CheckStatus)
			if r.Verdict != tc.verdict || !strings.Contains(st.Message, tc.msg) {
				t.Fatalf("verdict %s (status %q), want %s containing %q", r.Verdict, st.Message, tc.verdict, tc.msg)
			}
		})
	}
}

// TestVerifyJWTClaims: a VC-JWT whose iss claim names another issuer is
// refused; the right one verifies (EdDSA, did:key kid).
func TestVerifyJWTClaims(t *testing.T) {
	k := newIssuer(t)
	vc := credential(k.did, "demo@example.com", clock.AddDate(-1, 0, 0), time.Time{})
	mk := func(iss string) []byte {
		payload := map[string]any{"vc": vc, "iss": iss, "jti": vc["id"], "nbf": clock.AddDate(-1, 0, 0).Unix()}
		vc11 := map[string]any{}
		for key, v := range vc {
			vc11[key] = v
		}
		vc11["@context"] = []any{"https://www.w3.org/2018/credentials/v1", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"}
		vc11["issuanceDate"] = vc["validFrom"]
		delete(vc11, "validFrom")
		payload["vc"] = vc11
		b, _ := json.Marshal(payload)
		signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.EdDSA, Key: k.priv},
			(&jose.SignerOptions{}).WithHeader("kid", k.vm).WithType("JWT"))
		if err != nil {
			t.Fatal(err)
		}
		obj, err := signer.Sign(b)
		if err != nil {
			t.Fatal(err)
		}
		s, _ := obj.CompactSerialize()
		return []byte(s)
	}
	v := newVerifier(t, nil)
	if r := v.Verify(context.Background(), mk(k.did)); r.Verdict != verify.Verified {
		t.Fatalf("good JWT: %s %+v", r.Verdict, r.Checks)
	}
	r := v.Verify(context.Background(), mk("https://impostor.example"))
	if c, _ := r.Failed(); r.Verdict != verify.Invalid || c.Name != verify.CheckProof || !strings.Contains(c.Message, "iss claim") {
		t.Fatalf("iss mismatch: %s %+v", r.Verdict, r.Checks)
	}
}
