package vcjwt

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// MaxCompactBytes is the largest compact JWS accepted (2 MiB, the JSON
// cap of package openbadges); longer input is refused before parsing.
const MaxCompactBytes = 2 << 20

// Accepted signature algorithms.
const (
	RS256 = "RS256"
	ES256 = "ES256"
	EdDSA = "EdDSA"
)

// header is what the protected header says, read strictly before go-jose
// sees the token: member names are case-sensitive, a repeated member is an
// error (so no two parsers can disagree about which one counts).
type header struct {
	alg    string
	typ    string
	kid    string
	hasKid bool
	jwk    json.RawMessage // the raw jwk object, nil when absent
}

// privateJWKMembers are the JWK members (RFC 7518 §6) that only a private
// or secret key has.
var privateJWKMembers = []string{"d", "p", "q", "dp", "dq", "qi", "oth", "k"}

// readCompact checks the size and shape of a compact JWS and decodes its
// protected header; allowed lists the accepted algorithms and what names
// the token in messages ("VC-JWT", "OB 2.0 signed badge"). It returns the
// trimmed token.
func readCompact(compact, what string, allowed []string) (string, header, error) {
	var h header
	if len(compact) > MaxCompactBytes {
		return "", h, newErr(ErrTooLarge, fmt.Sprintf("the %s is %d bytes long, over the limit of %d bytes, so it was not parsed", what, len(compact), MaxCompactBytes))
	}
	compact = strings.TrimSpace(compact)
	if compact == "" {
		return "", h, newErr(ErrMalformed, fmt.Sprintf("the %s is empty", what))
	}
	if n := strings.Count(compact, ".") + 1; n != 3 {
		return "", h, newErr(ErrMalformed, fmt.Sprintf("the %s has %d dot-separated parts, but a compact JWS has exactly 3 (header.payload.signature)", what, n))
	}
	parts := strings.SplitN(compact, ".", 3)
	raw, err := b64(parts[0])
	if err != nil {
		return "", h, newErr(ErrMalformed, fmt.Sprintf("the %s's JOSE header is not base64url: %v", what, err))
	}
	members, err := jsonObject(raw)
	if err != nil {
		return "", h, newErr(ErrMalformed, fmt.Sprintf("the %s's JOSE header is not a JSON object: %v", what, err))
	}
	algRaw, ok := members["alg"]
	if !ok {
		return "", h, newErr(ErrMalformed, fmt.Sprintf("the %s's JOSE header has no alg, so it does not say how it was signed", what))
	}
	if err := json.Unmarshal(algRaw, &h.alg); err != nil {
		return "", h, newErr(ErrMalformed, fmt.Sprintf("the %s's JOSE header alg is not a string", what))
	}
	if err := checkAlg(h.alg, what, allowed); err != nil {
		return "", h, err
	}
	for _, m := range []string{"crit", "b64"} {
		if _, ok := members[m]; ok {
			return "", h, newErr(ErrUnsupported, fmt.Sprintf("the %s's JOSE header has a %q member (a JWS extension), which Open Badges do not use and this verifier does not support", what, m))
		}
	}
	if t, ok := members["typ"]; ok {
		if err := json.Unmarshal(t, &h.typ); err != nil {
			return "", h, newErr(ErrMalformed, fmt.Sprintf("the %s's JOSE header typ is not a string", what))
		}
	}
	if k, ok := members["kid"]; ok {
		if err := json.Unmarshal(k, &h.kid); err != nil {
			return "", h, newErr(ErrMalformed, fmt.Sprintf("the %s's JOSE header kid is not a string", what))
		}
		if h.kid == "" {
			return "", h, newErr(ErrMalformed, fmt.Sprintf("the %s's JOSE header kid is empty, so it names no key", what))
		}
		h.hasKid = true
	}
	if j, ok := members["jwk"]; ok {
		jm, err := jsonObject(j)
		if err != nil {
			return "", h, newErr(ErrMalformed, fmt.Sprintf("the %s's JOSE header jwk is not a JSON object", what))
		}
		for _, m := range privateJWKMembers {
			if _, ok := jm[m]; ok {
				if m == "k" {
					return "", h, newErr(ErrPrivateKey, fmt.Sprintf("the %s's JOSE header jwk is a secret symmetric key (it has a \"k\" member), which must never be published, so the token is refused", what))
				}
				return "", h, newErr(ErrPrivateKey, fmt.Sprintf("the %s's JOSE header jwk carries a private key part (%q), which must never be published, so the token is refused", what, m))
			}
		}
		h.jwk = j
	}
	if _, err := b64(parts[1]); err != nil {
		return "", h, newErr(ErrMalformed, fmt.Sprintf("the %s's payload is not base64url: %v", what, err))
	}
	if parts[2] == "" {
		return "", h, newErr(ErrMalformed, fmt.Sprintf("the %s has an empty signature", what))
	}
	if _, err := b64(parts[2]); err != nil {
		return "", h, newErr(ErrMalformed, fmt.Sprintf("the %s's signature is not base64url: %v", what, err))
	}
	return compact, h, nil
}

// checkAlg refuses every algorithm not in allowed, with a message that
// says why for the dangerous ones.
func checkAlg(alg, what string, allowed []string) error {
	for _, a := range allowed {
		if alg == a {
			return nil
		}
	}
	list := strings.Join(allowed, ", ")
	switch {
	case alg == "":
		return newErr(ErrMalformed, fmt.Sprintf("the %s's JOSE header alg is empty, so it does not say how it was signed", what))
	case strings.EqualFold(alg, "none"):
		return newErr(ErrUnsupported, fmt.Sprintf("the %s's JOSE header has alg %q, which means it is not signed at all; unsigned tokens are never accepted (only %s are)", what, clip(alg), list))
	case strings.HasPrefix(strings.ToUpper(alg), "HS"):
		return newErr(ErrUnsupported, fmt.Sprintf("the %s's JOSE header has alg %q, an HMAC with a shared secret, which cannot be checked against an issuer's public key; only %s are accepted", what, clip(alg), list))
	default:
		return newErr(ErrUnsupported, fmt.Sprintf("the %s's JOSE header has alg %q, which is not accepted; only %s are", what, clip(alg), list))
	}
}

// b64 decodes unpadded base64url strictly (no padding, no line breaks,
// no stray bits).
func b64(s string) ([]byte, error) {
	if strings.ContainsAny(s, "\r\n") {
		return nil, errors.New("it contains a line break")
	}
	return base64.RawURLEncoding.Strict().DecodeString(s)
}

// jsonObject decodes a JSON object into its members, refusing repeated
// member names and trailing data.
func jsonObject(data []byte) (map[string]json.RawMessage, error) {
	if !utf8.Valid(data) {
		return nil, errors.New("it is not UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, errors.New("it does not start with {")
	}
	m := map[string]json.RawMessage{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		k, ok := tok.(string)
		if !ok {
			return nil, errors.New("a member name is not a string")
		}
		if _, dup := m[k]; dup {
			return nil, fmt.Errorf("the member %q appears twice", clip(k))
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		m[k] = v
	}
	if _, err := dec.Token(); err != nil { // the closing }
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("there is data after the object")
	}
	return m, nil
}

// clip shortens untrusted text quoted in a message.
func clip(s string) string {
	const max = 80
	if len(s) <= max {
		return s
	}
	for i := max; i > 0; i-- {
		if utf8.RuneStart(s[i]) {
			return s[:i] + "…"
		}
	}
	return s[:max] + "…"
}
