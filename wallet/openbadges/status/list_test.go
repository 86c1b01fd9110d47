package status

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"testing"
	"time"

	"badgewallet/internal/fixtures"
)

// clock is the date expected.tsv judges verdicts on.
var clock = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

const (
	dccLists = "fixtures/dcc/statusLists/didkey-ed25519Signature2020"
	testlist = "fixtures/1edtech-validator/ob30/bit-string-list/testlist"
)

func readJSON(t testing.TB, rel string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(fixtures.Read(t, rel), &m); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return m
}

// setBits lists every set index of b.
func setBits(b Bitstring) []int {
	var out []int
	for i, c := range b {
		if c == 0 {
			continue
		}
		for j := range 8 {
			if c&(0x80>>j) != 0 {
				out = append(out, i*8+j)
			}
		}
	}
	return out
}

// TestFixtureLists decodes every status list of the corpus: each file under
// dcc/statusLists and the 1EdTech validator's testlist. Every file in the
// DCC folder must have a row here, so a new fixture is not missed.
func TestFixtureLists(t *testing.T) {
	type window int
	const (
		inside window = iota
		expired
		notYet
	)
	type listCase struct {
		rel     string
		wantErr error // from ListFromCredential
		decErr  error // from DecodeList on the raw encodedList
		entries int
		set     []int
		window  window
	}
	tests := []listCase{
		{rel: dccLists + "/e5WK8CbZ1GjycuPombrj", entries: 100000, set: []int{2, 6, 8}},
		{rel: dccLists + "/expired", entries: 100000, set: []int{2, 6, 8}, window: expired},
		{rel: dccLists + "/notYetValid", entries: 100000, set: []int{2, 6, 8}, window: notYet},
		{rel: dccLists + "/missingBitStringType", wantErr: ErrWrongType, entries: 100000, set: []int{2, 6, 8}},
		{rel: dccLists + "/tampered", wantErr: ErrEncoding, decErr: ErrEncoding},
		{rel: testlist, entries: 131072, set: []int{23}},
	}

	dir, err := os.ReadDir(fixtures.Path(t, dccLists))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range dir {
		if !slices.ContainsFunc(tests, func(tt listCase) bool { return tt.rel == dccLists+"/"+f.Name() }) {
			t.Errorf("status list %s/%s has no row in this table", dccLists, f.Name())
		}
	}

	for _, tt := range tests {
		t.Run(tt.rel, func(t *testing.T) {
			doc := readJSON(t, tt.rel)
			enc := doc["credentialSubject"].(map[string]any)["encodedList"].(string)
			bits, err := DecodeList(enc)
			if !errors.Is(err, tt.decErr) {
				t.Fatalf("DecodeList: err = %v, want %v", err, tt.decErr)
			}
			if err == nil {
				if bits.Len() != tt.entries {
					t.Errorf("DecodeList: %d entries, want %d", bits.Len(), tt.entries)
				}
				if got := setBits(bits); !slices.Equal(got, tt.set) {
					t.Errorf("DecodeList: set indexes %v, want %v", got, tt.set)
				}
			}

			l, err := ListFromCredential(doc)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ListFromCredential: err = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				t.Log(err)
				return
			}
			if l.Purpose != PurposeRevocation || !slices.Equal(l.Purposes, []string{PurposeRevocation}) {
				t.Errorf("purpose %q %q, want revocation", l.Purpose, l.Purposes)
			}
			if l.ID != doc["id"] {
				t.Errorf("ID = %q, want the credential id %q", l.ID, doc["id"])
			}
			if l.Bits.Len() != tt.entries || !slices.Equal(setBits(l.Bits), tt.set) {
				t.Errorf("List bits: %d entries, set %v", l.Bits.Len(), setBits(l.Bits))
			}
			if l.ValidFrom.IsZero() {
				t.Error("ValidFrom not read")
			}
			var got window
			switch {
			case !l.ValidUntil.IsZero() && clock.After(l.ValidUntil):
				got = expired
			case clock.Before(l.ValidFrom):
				got = notYet
			}
			if got != tt.window {
				t.Errorf("on %s: window %d (validFrom %s, validUntil %s), want %d", clock.Format(time.DateOnly), got, l.ValidFrom, l.ValidUntil, tt.window)
			}
		})
	}
}

// credential returns a fresh, valid BitstringStatusListCredential whose
// list has bits 0 and 15 set.
func credential() map[string]any {
	return map[string]any{
		"id":        "https://example.org/status/1",
		"type":      []any{"VerifiableCredential", "BitstringStatusListCredential"},
		"validFrom": "2025-01-09T15:20:02.183Z",
		"credentialSubject": map[string]any{
			"id":            "https://example.org/status/1#list",
			"type":          "BitstringStatusList",
			"statusPurpose": "revocation",
			"encodedList":   Bitstring{0x80, 0x01}.Encode(),
		},
	}
}

func subj(doc map[string]any) map[string]any { return doc["credentialSubject"].(map[string]any) }

func TestListFromCredential(t *testing.T) {
	plain := base64.StdEncoding.EncodeToString(gz(t, []byte{0x00, 0x80}))
	tests := []struct {
		name   string
		edit   func(m map[string]any)
		want   error
		verify func(t *testing.T, l List)
	}{
		{name: "valid", edit: func(map[string]any) {}, verify: func(t *testing.T, l List) {
			if l.ID != "https://example.org/status/1" || l.Purpose != "revocation" || l.Bits.Len() != 16 {
				t.Errorf("got %+v", l)
			}
			if !l.ValidFrom.Equal(time.Date(2025, 1, 9, 15, 20, 2, 183e6, time.UTC)) || !l.ValidUntil.IsZero() {
				t.Errorf("dates %v %v", l.ValidFrom, l.ValidUntil)
			}
		}},
		{name: "StatusList2021, unprefixed base64, VC 1.1 dates", edit: func(m map[string]any) {
			m["type"] = []any{"VerifiableCredential", "StatusList2021Credential"}
			delete(m, "validFrom")
			m["issuanceDate"] = "2021-04-05T14:27:40Z"
			m["expirationDate"] = "2030-01-01T00:00:00+01:00"
			subj(m)["type"] = "StatusList2021"
			subj(m)["encodedList"] = plain
		}, verify: func(t *testing.T, l List) {
			if b, _ := l.Bits.Bit(8); !b {
				t.Error("bit 8 not set")
			}
			if !l.ValidFrom.Equal(time.Date(2021, 4, 5, 14, 27, 40, 0, time.UTC)) ||
				!l.ValidUntil.Equal(time.Date(2029, 12, 31, 23, 0, 0, 0, time.UTC)) {
				t.Errorf("dates %v %v", l.ValidFrom, l.ValidUntil)
			}
		}},
		{name: "validFrom wins over issuanceDate", edit: func(m map[string]any) {
			m["issuanceDate"] = "2000-01-01T00:00:00Z"
			m["validUntil"] = "2031-01-01T00:00:00Z"
			m["expirationDate"] = "2001-01-01T00:00:00Z"
		}, verify: func(t *testing.T, l List) {
			if l.ValidFrom.Year() != 2025 || l.ValidUntil.Year() != 2031 {
				t.Errorf("dates %v %v", l.ValidFrom, l.ValidUntil)
			}
		}},
		{name: "date without zone read as UTC", edit: func(m map[string]any) { m["validFrom"] = "2025-01-09T15:20:02" },
			verify: func(t *testing.T, l List) {
				if !l.ValidFrom.Equal(time.Date(2025, 1, 9, 15, 20, 2, 0, time.UTC)) {
					t.Errorf("ValidFrom %v", l.ValidFrom)
				}
			}},
		{name: "statusPurpose list", edit: func(m map[string]any) { subj(m)["statusPurpose"] = []any{"suspension", "revocation"} },
			verify: func(t *testing.T, l List) {
				if l.Purpose != "suspension" || !slices.Equal(l.Purposes, []string{"suspension", "revocation"}) {
					t.Errorf("purposes %q %q", l.Purpose, l.Purposes)
				}
			}},
		{name: "credentialSubject list of one", edit: func(m map[string]any) { m["credentialSubject"] = []any{m["credentialSubject"]} }},
		{name: "no id", edit: func(m map[string]any) { delete(m, "id") }},

		{name: "type VerifiableCredential only", edit: func(m map[string]any) { m["type"] = []any{"VerifiableCredential"} }, want: ErrWrongType},
		{name: "type missing", edit: func(m map[string]any) { delete(m, "type") }, want: ErrWrongType},
		{name: "type a number", edit: func(m map[string]any) { m["type"] = 3.0 }, want: ErrStructure},
		{name: "subject type wrong", edit: func(m map[string]any) { subj(m)["type"] = "RevocationList2020" }, want: ErrWrongType},
		{name: "subject type missing", edit: func(m map[string]any) { delete(subj(m), "type") }, want: ErrWrongType},
		{name: "credentialSubject missing", edit: func(m map[string]any) { delete(m, "credentialSubject") }, want: ErrStructure},
		{name: "credentialSubject a string", edit: func(m map[string]any) { m["credentialSubject"] = "x" }, want: ErrStructure},
		{name: "credentialSubject list of two", edit: func(m map[string]any) {
			m["credentialSubject"] = []any{m["credentialSubject"], m["credentialSubject"]}
		}, want: ErrStructure},
		{name: "encodedList missing", edit: func(m map[string]any) { delete(subj(m), "encodedList") }, want: ErrStructure},
		{name: "encodedList a number", edit: func(m map[string]any) { subj(m)["encodedList"] = 1.0 }, want: ErrStructure},
		{name: "encodedList bad base64", edit: func(m map[string]any) { subj(m)["encodedList"] = "u$$$" }, want: ErrEncoding},
		{name: "statusPurpose missing", edit: func(m map[string]any) { delete(subj(m), "statusPurpose") }, want: ErrStructure},
		{name: "statusPurpose empty list", edit: func(m map[string]any) { subj(m)["statusPurpose"] = []any{} }, want: ErrStructure},
		{name: "statusPurpose empty string", edit: func(m map[string]any) { subj(m)["statusPurpose"] = "" }, want: ErrStructure},
		{name: "statusPurpose list with a number", edit: func(m map[string]any) { subj(m)["statusPurpose"] = []any{"revocation", 1.0} }, want: ErrStructure},
		{name: "bad validFrom", edit: func(m map[string]any) { m["validFrom"] = "yesterday" }, want: ErrStructure},
		{name: "validUntil a number", edit: func(m map[string]any) { m["validUntil"] = 1.0 }, want: ErrStructure},
		{name: "id a number", edit: func(m map[string]any) { m["id"] = 1.0 }, want: ErrStructure},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := credential()
			tt.edit(doc)
			l, err := ListFromCredential(doc)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if err != nil {
				t.Log(err)
				return
			}
			if tt.verify != nil {
				tt.verify(t, l)
			}
		})
	}
	if _, err := ListFromCredential(nil); !errors.Is(err, ErrStructure) {
		t.Errorf("nil doc: err = %v", err)
	}
}
