package ecdsasd

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"fmt"

	"badgewallet/wallet/openbadges/didkey"
)

// p256Header is the multicodec prefix of a compressed P-256 public key
// (p256-pub, code 0x1200, as an unsigned varint).
var p256Header = [2]byte{0x80, 0x24}

// p256MultikeyLen is the length of a P-256 Multikey's bytes: the two-byte
// header and the 33-byte compressed point.
const p256MultikeyLen = 2 + 33

// otherCodecs names the multicodec prefixes one meets in place of a P-256
// public key, for error messages.
var otherCodecs = map[[2]byte]string{
	{0xed, 0x01}: "an Ed25519 public key (ed25519-pub)",
	{0xe7, 0x01}: "a secp256k1 public key (secp256k1-pub)",
	{0x81, 0x24}: "a P-384 public key (p384-pub)",
	{0x82, 0x24}: "a P-521 public key (p521-pub)",
	{0x86, 0x26}: "a P-256 private key (p256-priv)",
}

// DecodeP256Multikey decodes the Multikey form of a P-256 public key, the
// "zDnae…" strings of publicKeyMultibase and did:key: 'z', then the
// base58btc encoding of the multicodec header 0x80 0x24 (p256-pub) and the
// 33-byte compressed point. A point not on the curve, another key type and
// any other multibase prefix are refused; errors wrap [ErrMalformed].
func DecodeP256Multikey(s string) (*ecdsa.PublicKey, error) {
	if s == "" || s[0] != 'z' {
		return nil, fmt.Errorf("%w: a P-256 Multikey must be a base58btc multibase string starting with \"z\"", ErrMalformed)
	}
	if len(s) > 100 {
		return nil, fmt.Errorf("%w: the P-256 Multikey is %d characters long, far more than the 49 of a real one", ErrMalformed, len(s))
	}
	b, err := didkey.Decode(s[1:])
	if err != nil {
		return nil, fmt.Errorf("%w: the P-256 Multikey is not valid base58btc (%v)", ErrMalformed, err)
	}
	return decodeP256Key(b, "the P-256 Multikey")
}

// decodeP256Key decodes the bytes of a P-256 Multikey (header and
// compressed point); what names the key in errors.
func decodeP256Key(b []byte, what string) (*ecdsa.PublicKey, error) {
	if len(b) >= 2 && [2]byte(b[:2]) != p256Header {
		if name, ok := otherCodecs[[2]byte(b[:2])]; ok {
			return nil, fmt.Errorf("%w: %s is %s, not a P-256 public key (multicodec header 0x80 0x24)", ErrMalformed, what, name)
		}
	}
	if len(b) < 2 || [2]byte(b[:2]) != p256Header {
		return nil, fmt.Errorf("%w: %s does not start with the p256-pub multicodec header 0x80 0x24 (found % #x)", ErrMalformed, what, b[:min(len(b), 2)])
	}
	if len(b) != p256MultikeyLen {
		return nil, fmt.Errorf("%w: %s is %d bytes long, but a P-256 Multikey is %d (header and compressed point)", ErrMalformed, what, len(b), p256MultikeyLen)
	}
	x, y := elliptic.UnmarshalCompressed(elliptic.P256(), b[2:])
	if x == nil {
		return nil, fmt.Errorf("%w: %s is not a compressed point on the P-256 curve", ErrMalformed, what)
	}
	// Go from the big.Int coordinates to a key through the uncompressed
	// encoding, rather than setting the deprecated X and Y fields.
	raw := make([]byte, 65)
	raw[0] = 4
	x.FillBytes(raw[1:33])
	y.FillBytes(raw[33:])
	pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %s is not a valid P-256 public key (%v)", ErrMalformed, what, err)
	}
	return pub, nil
}
