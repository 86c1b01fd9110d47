package verify

import (
	"context"
	"crypto"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"

	"badgewallet/wallet/openbadges"
	"badgewallet/wallet/openbadges/didkey"
	"badgewallet/wallet/openbadges/vcjwt"
)

// verifyJWT verifies an OB 3.0 VC-JWT: the JOSE signature stands in for
// the embedded proof; every other check is the credential's.
func (v *Verifier) verifyJWT(ctx context.Context, r *Report, b *openbadges.Badge) {
	if b.JOSE["jwk"] == nil && b.JOSE["kid"] == nil {
		// Reported before the payload is expanded: without a key nothing
		// in it can be attributed to anyone.
		r.add(CheckProof, Fail, "The VC-JWT's header has neither jwk nor kid, so there is no key to check its signature with.")
		return
	}
	proof := v.jwtProof(ctx, b)
	v.verifyCredential(ctx, r, b.Raw, &proof)
}

// jwtProof checks the JOSE signature and binds its key to the issuer.
func (v *Verifier) jwtProof(ctx context.Context, b *openbadges.Badge) Check {
	var controller string
	resolve := func(ctx context.Context, kid string) (crypto.PublicKey, error) {
		if strings.HasPrefix(kid, "did:") || strings.Contains(kid, "#") {
			k, err := v.resolveKey(ctx, kid)
			if err != nil {
				return nil, err
			}
			controller = k.Controller
			return k.Public, nil
		}
		if strings.HasPrefix(kid, "https://") || strings.HasPrefix(kid, "http://") {
			return v.fetchJWK(ctx, kid)
		}
		return nil, fmt.Errorf("the key id %q is neither a DID nor a URL, so it cannot be looked up", short(kid))
	}
	res, err := vcjwt.VerifyVCJWT(ctx, b.JWS, resolve)
	switch {
	case isNeedsNetwork(err):
		return Check{Name: CheckProof, Outcome: Skipped, NeedsNetwork: true,
			Message: fmt.Sprintf("The VC-JWT's key %s has to be fetched, and badgewallet is offline.", short(fmt.Sprint(b.JOSE["kid"])))}
	case err != nil:
		return Check{Name: CheckProof, Outcome: Fail, Message: "The VC-JWT " + lowerFirst(strings.TrimSuffix(err.Error(), ".")) + "."}
	}
	if msg := claimMismatch(res.Payload, b); msg != "" {
		return Check{Name: CheckProof, Outcome: Fail, Message: msg}
	}
	alg := res.Header.Alg
	if res.Header.KeySource == vcjwt.KeySource("jwk") {
		return Check{Name: CheckProof, Outcome: Warning,
			Message: fmt.Sprintf("The %s signature of the VC-JWT is valid for the key carried in its own header; nothing ties that key to the issuer %s.", alg, short(b.Issuer.ID))}
	}
	if controller != "" && controller != b.Issuer.ID {
		return Check{Name: CheckProof, Outcome: Fail,
			Message: fmt.Sprintf("The VC-JWT was signed with a key of %s, which is not the issuer %s.", short(controller), short(b.Issuer.ID))}
	}
	return Check{Name: CheckProof, Outcome: Pass,
		Message: fmt.Sprintf("%s signature of the VC-JWT by %s (the issuer) is valid.", alg, short(res.Header.Kid))}
}

// claimMismatch applies the OB 3.0 VC-JWT rules: iss, sub, jti and nbf,
// when present, must match the credential's issuer.id,
// credentialSubject.id, id and issuanceDate.
func claimMismatch(payload []byte, b *openbadges.Badge) string {
	var c map[string]any
	if json.Unmarshal(payload, &c) != nil {
		return "The VC-JWT payload is not a JSON object."
	}
	pairs := []struct{ claim, field, want string }{
		{"iss", "issuer.id", b.Issuer.ID},
		{"sub", "credentialSubject.id", b.Recipient.SubjectID},
		{"jti", "id", b.ID},
	}
	for _, p := range pairs {
		got, ok := c[p.claim].(string)
		if ok && got != p.want {
			return fmt.Sprintf("The VC-JWT's %s claim %q does not match the credential's %s %q.", p.claim, short(got), p.field, short(p.want))
		}
	}
	if nbf, ok := c["nbf"].(float64); ok && !b.ValidFrom.IsZero() {
		if d := b.ValidFrom.Unix() - int64(nbf); d > 1 || d < -1 {
			return fmt.Sprintf("The VC-JWT's nbf claim (%s) does not match the credential's issuance date (%s).",
				time.Unix(int64(nbf), 0).UTC().Format(time.RFC3339), b.ValidFrom.UTC().Format(time.RFC3339))
		}
	}
	return ""
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// fetchJWK reads a public JWK, or a JWK Set, at an https key id.
func (v *Verifier) fetchJWK(ctx context.Context, kid string) (crypto.PublicKey, error) {
	body, _, err := v.get(ctx, kid)
	if err != nil {
		return nil, err
	}
	var set jose.JSONWebKeySet
	if json.Unmarshal(body, &set) == nil && len(set.Keys) > 0 {
		for _, k := range set.Keys {
			if k.KeyID == kid || len(set.Keys) == 1 {
				return publicJWK(k)
			}
		}
		return nil, fmt.Errorf("the key set at %s has no key %s", short(kid), short(kid))
	}
	var k jose.JSONWebKey
	if err := json.Unmarshal(body, &k); err != nil {
		return nil, fmt.Errorf("%s is not a JWK: %v", short(kid), err)
	}
	return publicJWK(k)
}

func publicJWK(k jose.JSONWebKey) (crypto.PublicKey, error) {
	if !k.IsPublic() {
		return nil, errors.New("the key document holds a private key; it is refused")
	}
	return k.Key, nil
}

var _ = didkey.ErrInvalid
