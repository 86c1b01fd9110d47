package vcjwt

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"strings"
)

// MaxPEMBytes caps the publicKeyPem accepted by VerifyOB2JWS.
const MaxPEMBytes = 64 << 10

// ob2Algs are the algorithms VerifyOB2JWS accepts: RS256, which the OB 2.0
// specification prescribes, and ES256 for an EC P-256 key.
var ob2Algs = []string{RS256, ES256}

const ob2What = "OB 2.0 signed badge"

// VerifyOB2JWS checks the signature of an OB 2.0 signed badge (a compact
// JWS whose payload is the assertion) with the publicKeyPem of the
// issuer's CryptographicKey, and returns the verified payload. The PEM may
// be PKIX ("PUBLIC KEY") or PKCS #1 ("RSA PUBLIC KEY"); a PEM holding any
// private key is refused. Any jwk or kid in the header is ignored: the key
// is the one the issuer profile publishes.
func VerifyOB2JWS(compact string, publicKeyPEM string) (payload []byte, err error) {
	compact, h, err := readCompact(compact, ob2What, ob2Algs)
	if err != nil {
		return nil, err
	}
	pub, err := parsePEM(publicKeyPEM)
	if err != nil {
		return nil, err
	}
	key, err := fitKey(h.alg, pub, "the publicKeyPem")
	if err != nil {
		return nil, err
	}
	jws, err := parse(compact, ob2What, h.alg, ob2Algs)
	if err != nil {
		return nil, err
	}
	if payload, err = jws.Verify(key); err != nil {
		return nil, newErr(ErrSignature, fmt.Sprintf("the OB 2.0 signed badge's %s signature does not match its payload under the issuer's publicKeyPem: the badge was altered or signed with another key", h.alg))
	}
	return payload, nil
}

// parsePEM reads the public key of a publicKeyPem. Every block is looked
// at, so a private key anywhere in it is refused.
func parsePEM(s string) (crypto.PublicKey, error) {
	if len(s) > MaxPEMBytes {
		return nil, newErr(ErrTooLarge, fmt.Sprintf("the publicKeyPem is %d bytes long, over the limit of %d bytes", len(s), MaxPEMBytes))
	}
	var pub crypto.PublicKey
	rest := []byte(strings.TrimSpace(s))
	blocks := 0
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		blocks++
		switch {
		case strings.Contains(b.Type, "PRIVATE KEY"):
			return nil, newErr(ErrPrivateKey, fmt.Sprintf("the publicKeyPem holds a private key (%q block), which must never be published; it is refused", clip(b.Type)))
		case pub != nil:
			continue
		case b.Type == "PUBLIC KEY":
			k, err := x509.ParsePKIXPublicKey(b.Bytes)
			if err != nil {
				return nil, &vError{msg: fmt.Sprintf("the publicKeyPem's PUBLIC KEY block is not a readable PKIX public key: %v", err), kind: ErrMalformed}
			}
			pub = k
		case b.Type == "RSA PUBLIC KEY":
			k, err := x509.ParsePKCS1PublicKey(b.Bytes)
			if err != nil {
				return nil, &vError{msg: fmt.Sprintf("the publicKeyPem's RSA PUBLIC KEY block is not a readable PKCS #1 public key: %v", err), kind: ErrMalformed}
			}
			pub = k
		}
	}
	if pub == nil {
		if blocks == 0 {
			return nil, newErr(ErrMalformed, "the publicKeyPem holds no PEM block (-----BEGIN PUBLIC KEY----- … -----END PUBLIC KEY-----)")
		}
		return nil, newErr(ErrUnsupported, "the publicKeyPem holds no PUBLIC KEY or RSA PUBLIC KEY block")
	}
	return pub, nil
}
