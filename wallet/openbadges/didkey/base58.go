package didkey

import (
	"fmt"
	"unicode/utf8"
)

// MaxDecodeLen is the longest base58btc string [Decode] accepts, in bytes.
// Base58 decoding takes time quadratic in the length; real keys and
// signatures are under 100 characters.
const MaxDecodeLen = 4096

// alphabet is the Bitcoin base58 alphabet: no 0, O, I or l.
const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// digit maps a byte to its base58 value, or -1.
var digit = func() (d [256]int8) {
	for i := range d {
		d[i] = -1
	}
	for i := 0; i < len(alphabet); i++ {
		d[alphabet[i]] = int8(i)
	}
	return d
}()

// Encode returns the base58btc (Bitcoin alphabet) encoding of b. Each
// leading zero byte becomes a leading '1'; Encode(nil) is "".
func Encode(b []byte) string {
	zeros := 0
	for zeros < len(b) && b[zeros] == 0 {
		zeros++
	}
	// The value, as base-58 digits, least significant first.
	// log(256)/log(58) < 1.38.
	digits := make([]byte, 0, (len(b)-zeros)*138/100+1)
	for _, c := range b[zeros:] {
		carry := int(c)
		for i := range digits {
			carry += int(digits[i]) << 8
			digits[i] = byte(carry % 58)
			carry /= 58
		}
		for carry > 0 {
			digits = append(digits, byte(carry%58))
			carry /= 58
		}
	}
	out := make([]byte, zeros+len(digits))
	for i := range zeros {
		out[i] = '1'
	}
	for i, d := range digits {
		out[len(out)-1-i] = alphabet[d]
	}
	return string(out)
}

// Decode returns the bytes a base58btc (Bitcoin alphabet) string encodes.
// Each leading '1' becomes a leading zero byte; Decode("") is an empty
// slice. It refuses a character outside the alphabet (naming it and its
// byte offset) and input longer than [MaxDecodeLen]; errors wrap
// [ErrInvalid].
func Decode(s string) ([]byte, error) {
	return decode58(s, 0)
}

// decode58 is Decode; off is added to positions in errors (s is part of a
// longer string).
func decode58(s string, off int) ([]byte, error) {
	if len(s) > MaxDecodeLen {
		return nil, fmt.Errorf("%w: base58 string is %d bytes long, over the limit of %d", ErrInvalid, len(s), MaxDecodeLen)
	}
	for i := 0; i < len(s); i++ {
		if digit[s[i]] < 0 {
			r, _ := utf8.DecodeRuneInString(s[i:])
			return nil, fmt.Errorf("%w: invalid base58 character %q at position %d", ErrInvalid, r, off+i)
		}
	}
	zeros := 0
	for zeros < len(s) && s[zeros] == '1' {
		zeros++
	}
	// The value, as bytes, least significant first.
	// log(58)/log(256) < 0.733.
	val := make([]byte, 0, (len(s)-zeros)*733/1000+1)
	for i := zeros; i < len(s); i++ {
		carry := int(digit[s[i]])
		for j := range val {
			carry += int(val[j]) * 58
			val[j] = byte(carry)
			carry >>= 8
		}
		for carry > 0 {
			val = append(val, byte(carry))
			carry >>= 8
		}
	}
	out := make([]byte, zeros+len(val))
	for i, v := range val {
		out[len(out)-1-i] = v
	}
	return out, nil
}
