package status

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"fmt"
	"io"
	"strings"
)

const (
	// MinLength is the Bitstring Status List default minimum number of
	// entries (16 KiB of bits). Only Check with Strict enforces it.
	MinLength = 131072
	// MaxEncodedLen is the longest encodedList accepted, in bytes (2 MiB).
	MaxEncodedLen = 2 << 20
	// MaxBitstringBytes is the largest decompressed bitstring accepted, in
	// bytes (16 MiB, 134,217,728 entries).
	MaxBitstringBytes = 16 << 20
	// MaxIndex is the largest statusListIndex accepted: the last bit of
	// the largest bitstring.
	MaxIndex = MaxBitstringBytes*8 - 1
)

// Bitstring is a decoded status list. Index 0 is the left-most (most
// significant) bit of byte 0, index 7 its least significant bit, index 8
// the most significant bit of byte 1, as the Bitstring Status List spec
// orders them.
type Bitstring []byte

// NewBitstring returns an all-clear bitstring of at least n entries
// (rounded up to whole bytes; n < 1 gives one byte).
func NewBitstring(n int) Bitstring {
	if n < 1 {
		n = 1
	}
	return make(Bitstring, (n+7)/8)
}

// Len returns the number of entries (bits).
func (b Bitstring) Len() int { return len(b) * 8 }

// Bit reports whether the entry at index is set; an index outside the
// list is an error wrapping ErrIndex.
func (b Bitstring) Bit(index int) (bool, error) {
	if index < 0 || index >= b.Len() {
		return false, fmt.Errorf("%w: index %d is outside a list of %d entries", ErrIndex, index, b.Len())
	}
	return b[index/8]&(0x80>>(index%8)) != 0, nil
}

// Set sets or clears the entry at index; an index outside the list is an
// error wrapping ErrIndex.
func (b Bitstring) Set(index int, v bool) error {
	if index < 0 || index >= b.Len() {
		return fmt.Errorf("%w: index %d is outside a list of %d entries", ErrIndex, index, b.Len())
	}
	mask := byte(0x80 >> (index % 8))
	if v {
		b[index/8] |= mask
	} else {
		b[index/8] &^= mask
	}
	return nil
}

// Encode returns the encodedList form of b: "u" (multibase base64url, no
// padding) followed by the GZIP-compressed bitstring.
func (b Bitstring) Encode() string {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	// Writes to a bytes.Buffer do not fail.
	_, _ = zw.Write(b)
	_ = zw.Close()
	return "u" + base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

// DecodeList decodes an encodedList: multibase base64url ("u" prefix) or,
// as older StatusList2021 lists have it, unprefixed base64url or standard
// base64 (padding optional), of a GZIP-compressed bitstring.
//
// The encoded form is capped at MaxEncodedLen bytes and the decompressed
// bitstring at MaxBitstringBytes; decompression stops as soon as the cap is
// passed, so a GZIP bomb fails fast with an error wrapping ErrTooLarge. An
// empty bitstring is an error.
func DecodeList(encoded string) (Bitstring, error) {
	if len(encoded) > MaxEncodedLen {
		return nil, fmt.Errorf("%w: encodedList is %d bytes, the limit is %d", ErrTooLarge, len(encoded), MaxEncodedLen)
	}
	if encoded == "" {
		return nil, fmt.Errorf("%w: encodedList is empty", ErrEncoding)
	}
	raw, err := decodeBase64(encoded)
	if err != nil {
		return nil, err
	}
	// Every GZIP member starts with 1f 8b; say so plainly rather than
	// leave it to the gzip reader's "invalid header".
	if len(raw) < 2 || raw[0] != 0x1f || raw[1] != 0x8b {
		return nil, fmt.Errorf("%w: the decoded bytes are not GZIP data (want \"u\" + base64url of a GZIP-compressed bitstring)", ErrEncoding)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%w: GZIP header: %v", ErrEncoding, err)
	}
	// Read one byte past the cap to tell "exactly at the cap" from "over".
	bits, err := io.ReadAll(io.LimitReader(zr, MaxBitstringBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: GZIP data: %v", ErrEncoding, err)
	}
	if len(bits) > MaxBitstringBytes {
		return nil, fmt.Errorf("%w: the bitstring decompresses to more than %d bytes (%d entries)", ErrTooLarge, MaxBitstringBytes, MaxBitstringBytes*8)
	}
	if len(bits) == 0 {
		return nil, fmt.Errorf("%w: the bitstring is empty", ErrEncoding)
	}
	return Bitstring(bits), nil
}

// decodeBase64 decodes the multibase "u" form (base64url) or an unprefixed
// base64url / standard base64 string. GZIP data encoded without a prefix
// always starts "H4s", so a leading "u" is unambiguous.
func decodeBase64(s string) ([]byte, error) {
	multibase := s[0] == 'u'
	if multibase {
		s = s[1:]
	}
	s = strings.TrimRight(s, "=")
	enc := base64.RawURLEncoding
	if strings.ContainsAny(s, "+/") {
		if multibase {
			return nil, fmt.Errorf("%w: multibase \"u\" is base64url, but encodedList has '+' or '/'", ErrEncoding)
		}
		if strings.ContainsAny(s, "-_") {
			return nil, fmt.Errorf("%w: encodedList mixes the base64 and base64url alphabets", ErrEncoding)
		}
		enc = base64.RawStdEncoding
	}
	raw, err := enc.DecodeString(s)
	if err != nil {
		if multibase {
			return nil, fmt.Errorf("%w: not multibase base64url: %v", ErrEncoding, err)
		}
		return nil, fmt.Errorf("%w: no multibase \"u\" prefix and not base64: %v", ErrEncoding, err)
	}
	return raw, nil
}
