package status

import (
	"errors"
	"testing"
)

func TestCheck(t *testing.T) {
	rev := List{Purpose: "revocation", Purposes: []string{"revocation"}, Bits: Bitstring{0x80, 0x01}}
	both := List{Purpose: "revocation", Purposes: []string{"revocation", "suspension"}, Bits: Bitstring{0x80, 0x01}}
	purposeOnly := List{Purpose: "suspension", Bits: Bitstring{0x80, 0x01}} // built by hand, no Purposes
	long := List{Purpose: "revocation", Bits: NewBitstring(MinLength)}
	short := List{Purpose: "revocation", Bits: NewBitstring(MinLength - 8)}
	if err := long.Bits.Set(MinLength-1, true); err != nil {
		t.Fatal(err)
	}
	e := func(purpose string, index int) Entry {
		return Entry{Type: TypeBitstringStatusListEntry, Purpose: purpose, ListCredential: listURL, Index: index}
	}
	tests := []struct {
		name    string
		e       Entry
		l       List
		opts    []Option
		want    bool
		wantErr error
	}{
		{name: "index 0 set", e: e("revocation", 0), l: rev, want: true},
		{name: "index 1 clear", e: e("revocation", 1), l: rev},
		{name: "index 7 clear", e: e("revocation", 7), l: rev},
		{name: "index 8 clear", e: e("revocation", 8), l: rev},
		{name: "index 15 set", e: e("revocation", 15), l: rev, want: true},
		{name: "index 16 out of range", e: e("revocation", 16), l: rev, wantErr: ErrIndex},
		{name: "negative index", e: e("revocation", -3), l: rev, wantErr: ErrIndex},
		{name: "empty list", e: e("revocation", 0), l: List{Purpose: "revocation"}, wantErr: ErrIndex},
		{name: "suspension entry, revocation list", e: e("suspension", 0), l: rev, wantErr: ErrPurpose},
		{name: "revocation entry, suspension list", e: e("revocation", 0), l: purposeOnly, wantErr: ErrPurpose},
		{name: "suspension entry, list without Purposes", e: e("suspension", 15), l: purposeOnly, want: true},
		{name: "suspension entry, two-purpose list", e: e("suspension", 0), l: both, want: true},
		{name: "message purpose", e: e("message", 0), l: List{Purpose: "message", Bits: Bitstring{0xff}}, wantErr: ErrUnsupported},
		{name: "empty purpose", e: e("", 0), l: rev, wantErr: ErrUnsupported},
		{name: "1EdTechRevocationList", e: Entry{Type: Type1EdTechRevocationList, Index: -1}, l: rev, wantErr: ErrUnsupported},
		{name: "short list, default", e: e("revocation", 0), l: short},
		{name: "short list, Strict", e: e("revocation", 0), l: short, opts: []Option{Strict}, wantErr: ErrTooShort},
		{name: "MinLength list, Strict", e: e("revocation", MinLength-1), l: long, opts: []Option{Strict}, want: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Check(tt.e, tt.l, tt.opts...)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				t.Log(err)
			}
			if got != tt.want {
				t.Errorf("set = %v, want %v", got, tt.want)
			}
		})
	}
}
