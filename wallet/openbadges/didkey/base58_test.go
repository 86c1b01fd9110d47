package didkey_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"badgewallet/wallet/openbadges/didkey"
)

func unhex(tb testing.TB, s string) []byte {
	tb.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestBase58Vectors(t *testing.T) {
	// From the Bitcoin Core test data (base58_encode_decode.json) and the
	// IETF base58 draft.
	tests := []struct {
		hex, enc string
	}{
		{"", ""},
		{"00", "1"},
		{"0000", "11"},
		{"000001", "112"},
		{"61", "2g"},
		{"626262", "a3gV"},
		{"636363", "aPEr"},
		{"73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"},
		{"00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"},
		{"516b6fcd0f", "ABnLTmg"},
		{"bf4f89001e670274dd", "3SEo3LWLoPntC"},
		{"572e4794", "3EFU7m"},
		{"ecac89cad93923c02321", "EJDM8drfXA6uyA"},
		{"10c8511e", "Rt5zm"},
		{"00000000000000000000", "1111111111"},
		{"000111d38e5fc9071ffcd20b4a763cc9ae4f252bb4e48fd66a835e252ada93ff480d6dd43dc62a641155a5", "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"},
		{hex.EncodeToString([]byte("Hello World!")), "2NEpo7TZRRrLZSi2U"},
		{hex.EncodeToString([]byte("The quick brown fox jumps over the lazy dog.")), "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z"},
		{"0000287fb4cd", "11233QC4"},
		{"ff", "5Q"},
		{"0100", "5R"},
	}
	for _, tt := range tests {
		b := unhex(t, tt.hex)
		if got := didkey.Encode(b); got != tt.enc {
			t.Errorf("Encode(%s) = %q, want %q", tt.hex, got, tt.enc)
		}
		got, err := didkey.Decode(tt.enc)
		if err != nil {
			t.Errorf("Decode(%q): %v", tt.enc, err)
			continue
		}
		if !bytes.Equal(got, b) {
			t.Errorf("Decode(%q) = %x, want %s", tt.enc, got, tt.hex)
		}
	}
	if got := didkey.Encode(nil); got != "" {
		t.Errorf("Encode(nil) = %q", got)
	}
	if got, err := didkey.Decode(""); err != nil || got == nil || len(got) != 0 {
		t.Errorf("Decode(\"\") = %#v, %v; want empty, nil", got, err)
	}
}

func TestBase58RoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		n := r.IntN(80)
		if i%10 == 0 {
			n = r.IntN(600)
		}
		b := make([]byte, n)
		for j := range b {
			b[j] = byte(r.UintN(256))
		}
		// Leading zeros are the edge case: force some.
		for j := 0; j < len(b) && j < r.IntN(4); j++ {
			b[j] = 0
		}
		s := didkey.Encode(b)
		got, err := didkey.Decode(s)
		if err != nil {
			t.Fatalf("Decode(Encode(%x)): %v", b, err)
		}
		if !bytes.Equal(got, b) {
			t.Fatalf("Decode(Encode(%x)) = %x", b, got)
		}
		if again := didkey.Encode(got); again != s {
			t.Fatalf("Encode not stable: %q then %q", s, again)
		}
	}
}

func TestBase58Invalid(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"0", `'0' at position 0`},
		{"2NEpo7TZRRrLZSi2O", `'O' at position 16`},
		{"abcIdef", `'I' at position 3`},
		{"abclef", `'l' at position 3`},
		{"3SEo3LWLoPntC ", `' ' at position 13`},
		{"3SEo+LW", `'+' at position 4`},
		{"ab\x00c", `'\x00' at position 2`},
		{"abé", `'é' at position 2`},
		{"ab\xff", `'�' at position 2`},
		{strings.Repeat("z", didkey.MaxDecodeLen+1), "over the limit"},
	}
	for _, tt := range tests {
		got, err := didkey.Decode(tt.in)
		if err == nil {
			t.Errorf("Decode(%q) = %x, want an error", clipped(tt.in), got)
			continue
		}
		if !errors.Is(err, didkey.ErrInvalid) {
			t.Errorf("Decode(%q): %v does not wrap ErrInvalid", clipped(tt.in), err)
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Decode(%q): %q, want it to say %q", clipped(tt.in), err, tt.want)
		}
	}
	// The limit itself is fine.
	if _, err := didkey.Decode(strings.Repeat("z", didkey.MaxDecodeLen)); err != nil {
		t.Errorf("Decode of MaxDecodeLen characters: %v", err)
	}
}

func clipped(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
