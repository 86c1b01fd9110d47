package issuer

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"

	"badgewallet/store"
	"badgewallet/wallet/openbadges/bakery"
)

// OB 2.0 documents, served under /ob2/ for verifiers of the older
// standard: the Issuer profile, its CryptographicKey, its RevocationList,
// BadgeClasses and hosted Assertions.

const contextOB2 = "https://w3id.org/openbadges/v2"

func (is *Issuer) ob2IssuerURL() string         { return is.base + "/ob2/issuer" }
func (is *Issuer) ob2KeyURL() string            { return is.base + "/ob2/key" }
func (is *Issuer) ob2RevocationsURL() string    { return is.base + "/ob2/revocations" }
func (is *Issuer) ob2BadgeURL(id string) string { return is.base + "/ob2/badges/" + id }
func (is *Issuer) ob2AssertionURL(cred string) string {
	return is.base + "/ob2/assertions/" + strings.TrimPrefix(cred, "urn:uuid:")
}

func (is *Issuer) ob2Issuer() map[string]any {
	host := ""
	if u, err := url.Parse(is.base); err == nil {
		host = u.Host
	}
	return map[string]any{
		"@context": contextOB2, "type": "Issuer", "id": is.ob2IssuerURL(),
		"name": is.cat.Issuer.Name, "url": is.cat.Issuer.URL, "email": is.cat.Issuer.Email,
		"description": is.cat.Issuer.Description, "publicKey": is.ob2KeyURL(),
		"revocationList": is.ob2RevocationsURL(),
		"verification":   map[string]any{"allowedOrigins": host},
	}
}

func (is *Issuer) ob2Key() (map[string]any, error) {
	der, err := x509.MarshalPKIXPublicKey(&is.keys.RSA.PublicKey)
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"@context": contextOB2, "type": "CryptographicKey", "id": is.ob2KeyURL(), "owner": is.ob2IssuerURL(),
		"publicKeyPem": string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})),
	}, nil
}

func (is *Issuer) ob2BadgeClass(a *Achievement) map[string]any {
	bc := map[string]any{
		"@context": contextOB2, "type": "BadgeClass", "id": is.ob2BadgeURL(a.ID),
		"name": a.Name, "description": a.Description, "image": is.AchievementURL(a.ID) + "/image.png",
		"criteria": map[string]any{"narrative": a.Criteria}, "issuer": is.ob2IssuerURL(),
	}
	if len(a.Tags) > 0 {
		bc["tags"] = a.Tags
	}
	var al []any
	for _, x := range a.Alignments {
		al = append(al, map[string]any{"targetName": x.Name, "targetUrl": x.URL, "targetFramework": x.Framework, "targetCode": x.Code})
	}
	if al != nil {
		bc["alignment"] = al
	}
	return bc
}

// ob2Assertion builds the OB 2.0 assertion of an award, addressed to the
// same salted email hash as its OB 3.0 credential.
func (is *Issuer) ob2Assertion(a store.Award, signed bool) (map[string]any, error) {
	var cred struct {
		ValidUntil        string `json:"validUntil"`
		CredentialSubject struct {
			Identifier []struct {
				IdentityHash string `json:"identityHash"`
				Salt         string `json:"salt"`
			} `json:"identifier"`
		} `json:"credentialSubject"`
	}
	if err := json.Unmarshal(a.Credential, &cred); err != nil || len(cred.CredentialSubject.Identifier) == 0 {
		return nil, fmt.Errorf("award %s: stored credential unreadable", a.CredentialID)
	}
	id := cred.CredentialSubject.Identifier[0]
	verification := map[string]any{"type": "hosted"}
	if signed {
		verification = map[string]any{"type": "signed", "creator": is.ob2KeyURL()}
	}
	as := map[string]any{
		"@context": contextOB2, "type": "Assertion", "id": is.ob2AssertionURL(a.CredentialID),
		"recipient": map[string]any{"type": "email", "hashed": true, "salt": id.Salt, "identity": id.IdentityHash},
		"badge":     is.ob2BadgeURL(a.AchievementID), "issuedOn": a.AwardedOn.UTC().Format(time.RFC3339),
		"image": is.AchievementURL(a.AchievementID) + "/image.png", "verification": verification,
	}
	if cred.ValidUntil != "" {
		as["expires"] = cred.ValidUntil
	}
	return as, nil
}

// OB2Badge returns an award in OB 2.0 form, hosted (assertion JSON) or
// signed (a compact JWS, RS256), baked into the achievement's PNG and SVG.
func (is *Issuer) OB2Badge(ctx context.Context, credentialID string, signed bool) (payload, png, svg []byte, err error) {
	a, err := is.db.AwardByCredential(ctx, credentialID)
	if err != nil {
		return nil, nil, nil, err
	}
	as, err := is.ob2Assertion(a, signed)
	if err != nil {
		return nil, nil, nil, err
	}
	payload, err = json.Marshal(as)
	if err != nil {
		return nil, nil, nil, err
	}
	verify := as["id"].(string)
	if signed {
		signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: is.keys.RSA}, nil)
		if err != nil {
			return nil, nil, nil, err
		}
		obj, err := signer.Sign(payload)
		if err != nil {
			return nil, nil, nil, err
		}
		s, err := obj.CompactSerialize()
		if err != nil {
			return nil, nil, nil, err
		}
		payload, verify = []byte(s), s
	}
	ach, ok := is.cat.Get(a.AchievementID)
	if !ok {
		return nil, nil, nil, fmt.Errorf("award %s: achievement %q is no longer in the catalog", credentialID, a.AchievementID)
	}
	pic, err := is.picture(ach, ach.Design())
	if err != nil {
		return nil, nil, nil, err
	}
	if png, err = bakery.BakePNG(pic.png, bakery.V2, payload); err != nil {
		return nil, nil, nil, err
	}
	if svg, err = bakery.BakeSVG(pic.svg, bakery.Payload{Version: bakery.V2, Text: payload, Verify: verify}); err != nil {
		return nil, nil, nil, err
	}
	return payload, png, svg, nil
}

// ob2Routes serves the OB 2.0 documents and the JWKS.
func (is *Issuer) ob2Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /ob2/issuer", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, is.ob2Issuer()) })
	mux.HandleFunc("GET /ob2/key", func(w http.ResponseWriter, r *http.Request) {
		k, err := is.ob2Key()
		if err != nil {
			http.Error(w, "key unavailable", http.StatusInternalServerError)
			return
		}
		writeJSON(w, k)
	})
	mux.HandleFunc("GET /ob2/revocations", func(w http.ResponseWriter, r *http.Request) {
		list, err := is.db.RevokedCredentials(r.Context())
		if err != nil {
			http.Error(w, "unavailable", http.StatusInternalServerError)
			return
		}
		revoked := []any{}
		for _, x := range list {
			revoked = append(revoked, map[string]any{"id": is.ob2AssertionURL(x.CredentialID), "revocationReason": x.RevokedReason})
		}
		writeJSON(w, map[string]any{"@context": contextOB2, "type": "RevocationList", "id": is.ob2RevocationsURL(),
			"issuer": is.ob2IssuerURL(), "revokedAssertions": revoked})
	})
	mux.HandleFunc("GET /ob2/badges/{id}", is.achievementDoc(is.ob2BadgeClass))
	mux.HandleFunc("GET /ob2/assertions/{id}", func(w http.ResponseWriter, r *http.Request) {
		a, err := is.db.AwardByCredential(r.Context(), "urn:uuid:"+r.PathValue("id"))
		if errors.Is(err, store.ErrNotFound) {
			http.NotFound(w, r)
			return
		} else if err != nil {
			http.Error(w, "unavailable", http.StatusInternalServerError)
			return
		}
		if a.Revoked {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusGone)
			jsonEncode(w, map[string]any{"id": is.ob2AssertionURL(a.CredentialID), "revoked": true, "revocationReason": a.RevokedReason})
			return
		}
		as, err := is.ob2Assertion(a, false)
		if err != nil {
			http.Error(w, "unavailable", http.StatusInternalServerError)
			return
		}
		writeJSON(w, as)
	})
	mux.HandleFunc("GET /.well-known/jwks.json", func(w http.ResponseWriter, r *http.Request) {
		set := jose.JSONWebKeySet{Keys: []jose.JSONWebKey{
			{Key: is.keys.Ed25519.Public(), KeyID: is.keys.VerificationMethod(), Algorithm: string(jose.EdDSA), Use: "sig"},
			{Key: &is.keys.RSA.PublicKey, KeyID: is.ob2KeyURL(), Algorithm: string(jose.RS256), Use: "sig"},
		}}
		writeJSON(w, set)
	})
	mux.HandleFunc("GET /profile", func(w http.ResponseWriter, r *http.Request) {
		p := is.profile()
		p["@context"] = []any{contextVC2, contextOB3}
		writeJSON(w, p)
	})
}

// VCJWT returns an award as an OB 3.0 VC-JWT (VC 2.0 form: the whole
// payload is the credential, embedded proof included), signed EdDSA with
// the issuer's did:key verification method as kid, and baked.
func (is *Issuer) VCJWT(ctx context.Context, credentialID string) (jwt, png, svg []byte, err error) {
	a, err := is.db.AwardByCredential(ctx, credentialID)
	if err != nil {
		return nil, nil, nil, err
	}
	opts := (&jose.SignerOptions{}).WithHeader("kid", is.keys.VerificationMethod()).WithType("vc+ld+json+jwt")
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.EdDSA, Key: is.keys.Ed25519}, opts)
	if err != nil {
		return nil, nil, nil, err
	}
	obj, err := signer.Sign(a.Credential)
	if err != nil {
		return nil, nil, nil, err
	}
	s, err := obj.CompactSerialize()
	if err != nil {
		return nil, nil, nil, err
	}
	ach, ok := is.cat.Get(a.AchievementID)
	if !ok {
		return nil, nil, nil, fmt.Errorf("award %s: achievement %q is no longer in the catalog", credentialID, a.AchievementID)
	}
	pic, err := is.picture(ach, ach.Design())
	if err != nil {
		return nil, nil, nil, err
	}
	if png, err = bakery.BakePNG(pic.png, bakery.V3, []byte(s)); err != nil {
		return nil, nil, nil, err
	}
	if svg, err = bakery.BakeSVG(pic.svg, bakery.Payload{Version: bakery.V3, Text: []byte(s), Verify: s}); err != nil {
		return nil, nil, nil, err
	}
	return []byte(s), png, svg, nil
}
