package didkey

import (
	"crypto/ed25519"
	"fmt"
	"strings"
)

// ed25519Codec is the multicodec prefix of an Ed25519 public key
// (ed25519-pub, code 0xed, as an unsigned varint).
var ed25519Codec = [2]byte{0xed, 0x01}

// codecNames names the multicodec key codes one meets in place of an
// Ed25519 public key, for error messages.
var codecNames = map[uint64]string{
	0xe7:   "secp256k1-pub",
	0xea:   "bls12_381-g1-pub",
	0xeb:   "bls12_381-g2-pub",
	0xec:   "x25519-pub",
	0xed:   "ed25519-pub",
	0x1200: "p256-pub",
	0x1201: "p384-pub",
	0x1202: "p521-pub",
	0x1205: "rsa-pub",
	0x1300: "ed25519-priv",
	0x1301: "secp256k1-priv",
	0x1302: "x25519-priv",
	0x1306: "p256-priv",
}

// EncodePublicKey returns the Multikey form of an Ed25519 public key:
// "z" + base58btc(0xed 0x01 ‖ key), the "z6Mk…" string of
// publicKeyMultibase and did:key. It panics if pub is not
// ed25519.PublicKeySize bytes long, as crypto/ed25519 does.
func EncodePublicKey(pub ed25519.PublicKey) string {
	if len(pub) != ed25519.PublicKeySize {
		panic(fmt.Sprintf("didkey: bad Ed25519 public key length %d", len(pub)))
	}
	b := make([]byte, 0, len(ed25519Codec)+ed25519.PublicKeySize)
	b = append(b, ed25519Codec[:]...)
	b = append(b, pub...)
	return "z" + Encode(b)
}

// DecodePublicKey decodes an Ed25519 Multikey ("z6Mk…"): a multibase
// string (see [DecodeMultibase]) whose bytes are the multicodec prefix
// 0xed 0x01 followed by the 32-byte key. Another prefix is refused with an
// error naming the codec bytes found. Errors wrap [ErrUnsupported] for a
// well-formed public key of another type (P-256, secp256k1...) and
// [ErrInvalid] for anything else, a private key in its place included.
func DecodePublicKey(multibase string) (ed25519.PublicKey, error) {
	return decodePublicKey(multibase, 0)
}

// decodePublicKey is DecodePublicKey; off is added to positions in errors.
func decodePublicKey(multibase string, off int) (ed25519.PublicKey, error) {
	b, err := decodeMultibase(multibase, off)
	if err != nil {
		return nil, err
	}
	code, n := uvarint(b)
	if n <= 0 {
		return nil, fmt.Errorf("%w: Ed25519 Multikey: no multicodec prefix in % #x (want 0xed 0x01)", ErrInvalid, b[:min(len(b), 4)])
	}
	if code != 0xed || n != len(ed25519Codec) {
		name, known := codecNames[code]
		if !known {
			return nil, fmt.Errorf("%w: Ed25519 Multikey: multicodec prefix % #x (code %#x, not a known key type), want 0xed 0x01 (ed25519-pub)", ErrInvalid, b[:n], code)
		}
		// Another kind of public key is well formed, just not one we
		// verify with; a private key in its place is a mistake.
		sentinel := ErrUnsupported
		if strings.HasSuffix(name, "-priv") {
			sentinel = ErrInvalid
		}
		return nil, fmt.Errorf("%w: Ed25519 Multikey: multicodec prefix % #x is %s (code %#x), want 0xed 0x01 (ed25519-pub)", sentinel, b[:n], name, code)
	}
	key := b[n:]
	if len(key) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("%w: Ed25519 Multikey: key is %d bytes after the 0xed 0x01 prefix, want %d", ErrInvalid, len(key), ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(key), nil
}

// uvarint reads a multiformats unsigned varint (at most 9 bytes, minimally
// encoded). n is the number of bytes read, or 0 if b does not start with
// one.
func uvarint(b []byte) (v uint64, n int) {
	for i := 0; i < len(b) && i < 9; i++ {
		v |= uint64(b[i]&0x7f) << (7 * i)
		if b[i] < 0x80 {
			if b[i] == 0 && i > 0 {
				return 0, 0 // not minimal
			}
			return v, i + 1
		}
	}
	return 0, 0
}
