package status

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"
)

// gz compresses b with the standard library, independently of Encode.
func gz(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBitOrder(t *testing.T) {
	tests := []struct {
		name  string
		bits  Bitstring
		index int
		want  bool
	}{
		{"index 0 is the MSB of byte 0", Bitstring{0x80}, 0, true},
		{"MSB set leaves index 1 clear", Bitstring{0x80}, 1, false},
		{"MSB set leaves index 7 clear", Bitstring{0x80}, 7, false},
		{"index 7 is the LSB of byte 0", Bitstring{0x01}, 7, true},
		{"LSB set leaves index 0 clear", Bitstring{0x01}, 0, false},
		{"index 8 is the MSB of byte 1", Bitstring{0x00, 0x80}, 8, true},
		{"byte 1 MSB leaves index 7 clear", Bitstring{0x00, 0x80}, 7, false},
		{"byte 1 MSB leaves index 15 clear", Bitstring{0x00, 0x80}, 15, false},
		{"index 15 is the LSB of byte 1", Bitstring{0x00, 0x01}, 15, true},
		{"index 2 is 0x20", Bitstring{0x20}, 2, true},
		{"all set, index 12", Bitstring{0xff, 0xff}, 12, true},
		{"0x7f: index 0 clear", Bitstring{0x7f}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.bits.Bit(tt.index)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Bit(%d) of %x = %v, want %v", tt.index, []byte(tt.bits), got, tt.want)
			}
		})
	}
}

func TestBitOutOfRange(t *testing.T) {
	b := Bitstring{0xff, 0xff}
	if b.Len() != 16 {
		t.Fatalf("Len = %d, want 16", b.Len())
	}
	for _, i := range []int{-1, 16, 17, 1 << 40} {
		if _, err := b.Bit(i); !errors.Is(err, ErrIndex) {
			t.Errorf("Bit(%d): err = %v, want ErrIndex", i, err)
		}
		if err := b.Set(i, true); !errors.Is(err, ErrIndex) {
			t.Errorf("Set(%d): err = %v, want ErrIndex", i, err)
		}
	}
	if _, err := Bitstring(nil).Bit(0); !errors.Is(err, ErrIndex) {
		t.Errorf("empty Bit(0): err = %v, want ErrIndex", err)
	}
}

func TestSetAndEncodeRoundTrip(t *testing.T) {
	b := NewBitstring(MinLength)
	if b.Len() != MinLength {
		t.Fatalf("NewBitstring(MinLength).Len() = %d", b.Len())
	}
	for _, i := range []int{0, 7, 8, 23, MinLength - 1} {
		if err := b.Set(i, true); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Set(7, false); err != nil {
		t.Fatal(err)
	}
	if b[0] != 0x80 || b[1] != 0x80 || b[2] != 0x01 || b[len(b)-1] != 0x01 {
		t.Fatalf("bytes after Set: % x ... % x", b[:3], b[len(b)-1:])
	}
	enc := b.Encode()
	if !strings.HasPrefix(enc, "uH4sI") {
		t.Errorf("Encode() = %.12q..., want multibase base64url of GZIP (uH4sI...)", enc)
	}
	got, err := DecodeList(enc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, b) {
		t.Error("DecodeList(Encode()) differs from the original")
	}
	if NewBitstring(0).Len() != 8 || NewBitstring(9).Len() != 16 {
		t.Error("NewBitstring does not round up to whole bytes")
	}
}

// TestDecodeEncodings decodes one hand-made bitstring in every accepted
// encoding.
func TestDecodeEncodings(t *testing.T) {
	bits := []byte{0x80, 0x01, 0x00, 0xa5, 0xfb, 0xff} // 0xfb/0xff give '-' '_' / '+' '/' below
	z := gz(t, bits)
	url := base64.RawURLEncoding.EncodeToString(z)
	std := base64.StdEncoding.EncodeToString(z)
	tests := []struct{ name, enc string }{
		{"multibase u base64url", "u" + url},
		{"multibase u base64url padded", "u" + base64.URLEncoding.EncodeToString(z)},
		{"plain base64url", url},
		{"plain base64url padded", base64.URLEncoding.EncodeToString(z)},
		{"plain base64 padded", std},
		{"plain base64 unpadded", base64.RawStdEncoding.EncodeToString(z)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeList(tt.enc)
			if err != nil {
				t.Fatalf("DecodeList(%q): %v", tt.enc, err)
			}
			if !bytes.Equal(got, bits) {
				t.Errorf("got % x, want % x", []byte(got), bits)
			}
			if got.Len() != 48 {
				t.Errorf("Len = %d, want 48", got.Len())
			}
			for i, want := range map[int]bool{0: true, 1: false, 7: false, 8: false, 15: true, 16: false, 24: true} {
				if b, err := got.Bit(i); err != nil || b != want {
					t.Errorf("Bit(%d) = %v, %v; want %v", i, b, err, want)
				}
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	z := gz(t, []byte{0x80})
	url := base64.RawURLEncoding.EncodeToString(z)
	truncated := "u" + base64.RawURLEncoding.EncodeToString(z[:len(z)-5])
	badCRC := bytes.Clone(z)
	badCRC[len(badCRC)-8] ^= 0xff // first byte of the CRC-32 trailer
	tests := []struct {
		name string
		enc  string
		want error
	}{
		{"empty", "", ErrEncoding},
		{"bare multibase prefix", "u", ErrEncoding},
		{"not base64", "u!!!!", ErrEncoding},
		{"not base64 without prefix", "H4sI@@@@", ErrEncoding},
		{"std alphabet after u", "u" + strings.Replace(url, "A", "+", 1), ErrEncoding},
		{"mixed alphabets", "H4s+_AAA", ErrEncoding},
		{"base58btc multibase", "z" + "3mJr7AoUXx2Wqd", ErrEncoding},
		{"not GZIP", "u" + base64.RawURLEncoding.EncodeToString([]byte("hello, world")), ErrEncoding},
		{"GZIP magic, bad header", "u" + base64.RawURLEncoding.EncodeToString([]byte{0x1f, 0x8b, 0x00}), ErrEncoding},
		{"truncated GZIP", truncated, ErrEncoding},
		{"bad CRC", "u" + base64.RawURLEncoding.EncodeToString(badCRC), ErrEncoding},
		{"tampered DCC list", "uH4sIAAAAAAAAA-I-CHANGED-THISAAwFwBZnztF9QwAAA", ErrEncoding},
		{"empty bitstring", "u" + base64.RawURLEncoding.EncodeToString(gz(t, nil)), ErrEncoding},
		{"encoded over 2 MiB", strings.Repeat("A", MaxEncodedLen+1), ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := DecodeList(tt.enc)
			if !errors.Is(err, tt.want) {
				t.Fatalf("DecodeList: bits %d, err = %v; want %v", b.Len(), err, tt.want)
			}
			t.Log(err)
		})
	}
}

// zeros writes n zero bytes into a GZIP stream, at best compression.
func zeros(t testing.TB, n int) string {
	t.Helper()
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 1<<20)
	for n > 0 {
		k := min(n, len(chunk))
		if _, err := zw.Write(chunk[:k]); err != nil {
			t.Fatal(err)
		}
		n -= k
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return "u" + base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

func TestZipBomb(t *testing.T) {
	// 256 MiB of zeros is ~250 KiB of GZIP, ~350 KiB encoded: under the
	// encoded cap, so only the decompression cap stops it.
	bomb := zeros(t, 256<<20)
	if len(bomb) > MaxEncodedLen {
		t.Fatalf("test bomb is %d bytes encoded, over MaxEncodedLen", len(bomb))
	}
	start := time.Now()
	_, err := DecodeList(bomb)
	elapsed := time.Since(start)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("256 MiB bomb: err = %v, want ErrTooLarge", err)
	}
	t.Logf("256 MiB bomb (%d bytes encoded) refused in %v: %v", len(bomb), elapsed, err)

	// One byte over the cap fails; exactly the cap decodes.
	if _, err := DecodeList(zeros(t, MaxBitstringBytes+1)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("cap+1 bytes: err = %v, want ErrTooLarge", err)
	}
	b, err := DecodeList(zeros(t, MaxBitstringBytes))
	if err != nil {
		t.Fatalf("exactly MaxBitstringBytes: %v", err)
	}
	if b.Len() != MaxIndex+1 {
		t.Errorf("Len = %d, want %d", b.Len(), MaxIndex+1)
	}
}

// TestZipBombMultistream: concatenated GZIP members are read as one
// stream; the cap covers their sum.
func TestZipBombMultistream(t *testing.T) {
	var z []byte
	member := gz(t, make([]byte, 4<<20))
	for range 5 {
		z = append(z, member...)
	}
	if _, err := DecodeList("u" + base64.RawURLEncoding.EncodeToString(z)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("5 x 4 MiB members: err = %v, want ErrTooLarge", err)
	}
}
