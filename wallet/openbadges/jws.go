package openbadges

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
)

// looksJWS reports whether t has the shape of a compact JWS: three
// base64url segments separated by dots, the first starting like a JSON
// object ("eyJ").
func looksJWS(t []byte) bool {
	if !bytes.HasPrefix(t, []byte("eyJ")) || bytes.Count(t, []byte{'.'}) != 2 {
		return false
	}
	for _, c := range t {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// SplitJWS decodes the protected header and the payload of a compact JWS
// without verifying its signature.
func SplitJWS(s string) (header map[string]any, payload []byte, err error) {
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return nil, nil, fmt.Errorf("has %d dot-separated parts, a compact JWS has 3: %w", len(parts), ErrJWS)
	}
	h, err := base64.RawURLEncoding.DecodeString(parts[0])
	if err != nil {
		return nil, nil, fmt.Errorf("header is not base64url: %v: %w", err, ErrJWS)
	}
	if err := json.Unmarshal(h, &header); err != nil {
		return nil, nil, fmt.Errorf("header is not a JSON object: %v: %w", err, ErrJWS)
	}
	if alg, _ := header["alg"].(string); alg == "" {
		return nil, nil, fmt.Errorf("header has no \"alg\": %w", ErrJWS)
	}
	payload, err = base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return nil, nil, fmt.Errorf("payload is not base64url: %v: %w", err, ErrJWS)
	}
	if _, err := base64.RawURLEncoding.DecodeString(parts[2]); err != nil || parts[2] == "" {
		return nil, nil, fmt.Errorf("signature is missing or not base64url: %w", ErrJWS)
	}
	return header, payload, nil
}

// parseJWS parses an OB 2.0 signed badge (payload = assertion) or an OB 3.0
// VC-JWT (payload = credential, or VC 1.1 JWT claims with "vc").
func (l Limits) parseJWS(s string) (*Badge, error) {
	header, payload, err := SplitJWS(s)
	if err != nil {
		return nil, fmt.Errorf("JWS: %w", err)
	}
	o, err := l.decodeObject(payload)
	if err != nil {
		return nil, fmt.Errorf("JWS payload: %w", err)
	}
	form, raw := FormJWS, payload
	if vc, ok := o["vc"].(map[string]any); ok { // VC 1.1 JWT: claims around the credential
		form = FormVCJWT
		vco := obj(vc)
		jwtClaimsIntoVC(vco, o)
		if raw, err = json.Marshal(vc); err != nil {
			return nil, fmt.Errorf("JWS payload: %v: %w", err, ErrJSON)
		}
		o = vco
	} else if o["@context"] != nil && (o["credentialSubject"] != nil || has(o.strs("type"), "VerifiableCredential")) {
		form = FormVCJWT
	}
	b, err := parseDocument(o, raw, form)
	if err != nil {
		return nil, fmt.Errorf("JWS payload: %w", err)
	}
	b.JOSE, b.JWS = header, s
	return b, nil
}

// jwtClaimsIntoVC fills VC 1.1 members from the registered JWT claims, as
// the VC-JWT mapping prescribes (iss → issuer, nbf → issuanceDate, exp →
// expirationDate, jti → id, sub → credentialSubject.id) when the vc claim
// lacks them.
func jwtClaimsIntoVC(vc, claims obj) {
	if vc["issuer"] == nil && claims["iss"] != nil {
		vc["issuer"] = claims["iss"]
	}
	if vc["id"] == nil && claims["jti"] != nil {
		vc["id"] = claims["jti"]
	}
	if vc["issuanceDate"] == nil && claims["nbf"] != nil {
		vc["issuanceDate"] = claims["nbf"]
	}
	if vc["expirationDate"] == nil && claims["exp"] != nil {
		vc["expirationDate"] = claims["exp"]
	}
	if sub, ok := claims["sub"].(string); ok {
		if cs, ok := vc["credentialSubject"].(map[string]any); ok && cs["id"] == nil {
			cs["id"] = sub
		}
	}
}
