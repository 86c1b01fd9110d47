package status

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
)

const listURL = "https://example.org/status/1"

func entryJSON() map[string]any {
	return map[string]any{
		"id":                   listURL + "#7",
		"type":                 "BitstringStatusListEntry",
		"statusPurpose":        "revocation",
		"statusListCredential": listURL,
		"statusListIndex":      "7",
	}
}

func TestEntryFromJSON(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(m map[string]any)
		want  error
		index int // checked when want is nil
	}{
		{name: "string index", edit: func(map[string]any) {}, index: 7},
		{name: "index 0", edit: func(m map[string]any) { m["statusListIndex"] = "0" }, index: 0},
		{name: "leading zeros", edit: func(m map[string]any) { m["statusListIndex"] = "007" }, index: 7},
		{name: "JSON number", edit: func(m map[string]any) { m["statusListIndex"] = 23.0 }, index: 23},
		{name: "json.Number", edit: func(m map[string]any) { m["statusListIndex"] = json.Number("23") }, index: 23},
		{name: "json.Number exponent", edit: func(m map[string]any) { m["statusListIndex"] = json.Number("2.3e1") }, index: 23},
		{name: "Go int", edit: func(m map[string]any) { m["statusListIndex"] = 42 }, index: 42},
		{name: "largest index", edit: func(m map[string]any) { m["statusListIndex"] = "134217727" }, index: MaxIndex},
		{name: "StatusList2021Entry", edit: func(m map[string]any) { m["type"] = "StatusList2021Entry" }, index: 7},
		{name: "type list", edit: func(m map[string]any) { m["type"] = []any{"BitstringStatusListEntry"} }, index: 7},
		{name: "no id", edit: func(m map[string]any) { delete(m, "id") }, index: 7},
		{name: "statusSize 1", edit: func(m map[string]any) { m["statusSize"] = 1.0 }, index: 7},

		{name: "negative string", edit: func(m map[string]any) { m["statusListIndex"] = "-1" }, want: ErrStructure},
		{name: "negative number", edit: func(m map[string]any) { m["statusListIndex"] = -1.0 }, want: ErrStructure},
		{name: "negative json.Number", edit: func(m map[string]any) { m["statusListIndex"] = json.Number("-1") }, want: ErrStructure},
		{name: "fraction", edit: func(m map[string]any) { m["statusListIndex"] = 1.5 }, want: ErrStructure},
		{name: "fraction string", edit: func(m map[string]any) { m["statusListIndex"] = "1.0" }, want: ErrStructure},
		{name: "exponent string", edit: func(m map[string]any) { m["statusListIndex"] = "1e3" }, want: ErrStructure},
		{name: "plus sign", edit: func(m map[string]any) { m["statusListIndex"] = "+7" }, want: ErrStructure},
		{name: "space", edit: func(m map[string]any) { m["statusListIndex"] = " 7" }, want: ErrStructure},
		{name: "hex", edit: func(m map[string]any) { m["statusListIndex"] = "0x7" }, want: ErrStructure},
		{name: "non-ASCII digit", edit: func(m map[string]any) { m["statusListIndex"] = "٧" }, want: ErrStructure},
		{name: "empty", edit: func(m map[string]any) { m["statusListIndex"] = "" }, want: ErrStructure},
		{name: "one past the largest", edit: func(m map[string]any) { m["statusListIndex"] = "134217728" }, want: ErrStructure},
		{name: "huge string", edit: func(m map[string]any) { m["statusListIndex"] = strings.Repeat("9", 400) }, want: ErrStructure},
		{name: "int64 overflow string", edit: func(m map[string]any) { m["statusListIndex"] = "9223372036854775808" }, want: ErrStructure},
		{name: "huge number", edit: func(m map[string]any) { m["statusListIndex"] = 1e300 }, want: ErrStructure},
		{name: "huge json.Number", edit: func(m map[string]any) { m["statusListIndex"] = json.Number("1e400") }, want: ErrStructure},
		{name: "boolean", edit: func(m map[string]any) { m["statusListIndex"] = true }, want: ErrStructure},
		{name: "null", edit: func(m map[string]any) { m["statusListIndex"] = nil }, want: ErrStructure},
		{name: "index missing", edit: func(m map[string]any) { delete(m, "statusListIndex") }, want: ErrStructure},
		{name: "purpose missing", edit: func(m map[string]any) { delete(m, "statusPurpose") }, want: ErrStructure},
		{name: "purpose a list", edit: func(m map[string]any) { m["statusPurpose"] = []any{"revocation"} }, want: ErrStructure},
		{name: "list credential missing", edit: func(m map[string]any) { delete(m, "statusListCredential") }, want: ErrStructure},
		{name: "list credential an object", edit: func(m map[string]any) { m["statusListCredential"] = map[string]any{} }, want: ErrStructure},
		{name: "type missing", edit: func(m map[string]any) { delete(m, "type") }, want: ErrStructure},
		{name: "unknown type", edit: func(m map[string]any) { m["type"] = "RevocationList2020Status" }, want: ErrUnsupported},
		{name: "statusSize 2", edit: func(m map[string]any) { m["statusSize"] = 2.0 }, want: ErrUnsupported},
		{name: "statusSize bad", edit: func(m map[string]any) { m["statusSize"] = "two" }, want: ErrStructure},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := entryJSON()
			tt.edit(m)
			e, err := EntryFromJSON(m)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if err != nil {
				t.Log(err)
				return
			}
			if e.Index != tt.index || e.Purpose != "revocation" || e.ListCredential != listURL {
				t.Errorf("got %+v, want index %d", e, tt.index)
			}
		})
	}
	if _, err := EntryFromJSON(nil); !errors.Is(err, ErrStructure) {
		t.Errorf("nil: err = %v", err)
	}
}

func TestEntry1EdTechRevocationList(t *testing.T) {
	const u = "https://1edtech.edu/credentials/3732/revocations"
	e, err := EntryFromJSON(map[string]any{"id": u, "type": "1EdTechRevocationList"})
	if err != nil {
		t.Fatal(err)
	}
	want := Entry{ID: u, Type: Type1EdTechRevocationList, ListCredential: u, Index: -1}
	if e != want {
		t.Errorf("got %+v, want %+v", e, want)
	}
	if _, err := Check(e, List{Purpose: "revocation", Bits: Bitstring{0xff}}); !errors.Is(err, ErrUnsupported) {
		t.Errorf("Check of a 1EdTechRevocationList entry: err = %v, want ErrUnsupported", err)
	}
	if _, err := EntryFromJSON(map[string]any{"type": "1EdTechRevocationList"}); !errors.Is(err, ErrStructure) {
		t.Errorf("no id: err = %v, want ErrStructure", err)
	}
}

func TestEntriesFromCredential(t *testing.T) {
	one := entryJSON()
	two := entryJSON()
	two["statusPurpose"] = "suspension"
	two["statusListIndex"] = "8"
	tests := []struct {
		name    string
		status  any
		absent  bool
		want    []int
		wantErr error
	}{
		{name: "absent", absent: true},
		{name: "object", status: one, want: []int{7}},
		{name: "list", status: []any{one, two}, want: []int{7, 8}},
		{name: "empty list", status: []any{}, want: []int{}},
		{name: "list with a string", status: []any{one, "x"}, wantErr: ErrStructure},
		{name: "a string", status: "x", wantErr: ErrStructure},
		{name: "list with a bad item", status: []any{one, map[string]any{"type": "BitstringStatusListEntry"}}, wantErr: ErrStructure},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := map[string]any{}
			if !tt.absent {
				doc["credentialStatus"] = tt.status
			}
			es, err := EntriesFromCredential(doc)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			var got []int
			for _, e := range es {
				got = append(got, e.Index)
			}
			if len(got) != len(tt.want) || !slices.Equal(got, tt.want) {
				t.Errorf("indexes %v, want %v", got, tt.want)
			}
		})
	}
}
