package status

import (
	"bytes"
	"encoding/base64"
	"errors"
	"testing"
)

// FuzzDecodeList: DecodeList never panics, errors wrap a sentinel, and a
// decoded bitstring is non-empty, within the cap, indexable at both ends
// and survives an Encode / DecodeList round trip.
func FuzzDecodeList(f *testing.F) {
	for _, rel := range []string{dccLists + "/e5WK8CbZ1GjycuPombrj", dccLists + "/tampered", testlist} {
		f.Add(readJSON(f, rel)["credentialSubject"].(map[string]any)["encodedList"].(string))
	}
	z := gz(f, []byte{0x80, 0x01, 0xfb, 0xff})
	f.Add("u" + base64.RawURLEncoding.EncodeToString(z))
	f.Add(base64.StdEncoding.EncodeToString(z))
	f.Add(base64.URLEncoding.EncodeToString(z))
	f.Add("u" + base64.RawURLEncoding.EncodeToString(gz(f, make([]byte, 1<<16))))
	f.Add("u" + base64.RawURLEncoding.EncodeToString(append(z, z...)))
	f.Add("")
	f.Add("u")
	f.Add("H4sI")
	f.Add("z3mJr7AoUXx2Wqd")

	f.Fuzz(func(t *testing.T, s string) {
		b, err := DecodeList(s)
		if err != nil {
			if !errors.Is(err, ErrEncoding) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
			if b != nil {
				t.Fatalf("bits returned with error %v", err)
			}
			return
		}
		if len(b) == 0 || len(b) > MaxBitstringBytes || b.Len() != 8*len(b) {
			t.Fatalf("decoded %d bytes, Len %d", len(b), b.Len())
		}
		if _, err := b.Bit(0); err != nil {
			t.Fatal(err)
		}
		if _, err := b.Bit(b.Len() - 1); err != nil {
			t.Fatal(err)
		}
		if _, err := b.Bit(b.Len()); !errors.Is(err, ErrIndex) {
			t.Fatalf("Bit(Len) = %v, want ErrIndex", err)
		}
		again, err := DecodeList(b.Encode())
		if err != nil || !bytes.Equal(again, b) {
			t.Fatalf("round trip: %v", err)
		}
	})
}
