package status

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
)

// Entry is one credentialStatus item of a credential.
type Entry struct {
	// ID is the entry's id (optional in VC 2.0; "" when absent).
	ID string
	// Type is BitstringStatusListEntry, StatusList2021Entry or
	// 1EdTechRevocationList.
	Type string
	// Purpose is the statusPurpose (revocation, suspension...); "" for a
	// 1EdTechRevocationList.
	Purpose string
	// ListCredential is the URL of the status list credential to fetch;
	// for a 1EdTechRevocationList, the URL of the revocation list (its id).
	ListCredential string
	// Index is the statusListIndex; -1 for a 1EdTechRevocationList.
	Index int
}

// EntryFromJSON reads one credentialStatus item (a JSON object decoded with
// encoding/json). BitstringStatusListEntry and StatusList2021Entry need
// statusPurpose, statusListCredential and statusListIndex: per the spec a
// string of decimal digits, but a JSON number is accepted too; a negative,
// fractional, non-numeric or larger than MaxIndex index is an error
// wrapping ErrStructure. A statusSize other than 1 is unsupported.
//
// A 1EdTechRevocationList (OB 3.0) gives an Entry with Type set, ID and
// ListCredential set to its id, and Index -1: the caller handles that list
// kind. Any other type is an error wrapping ErrUnsupported.
func EntryFromJSON(m map[string]any) (Entry, error) {
	var e Entry
	if m == nil {
		return e, fmt.Errorf("%w: credentialStatus is not an object", ErrStructure)
	}
	tv, ok := m["type"]
	if !ok {
		return e, fmt.Errorf("%w: credentialStatus.type is missing", ErrStructure)
	}
	types, err := strings1(tv)
	if err != nil {
		return e, fmt.Errorf("%w: credentialStatus.type %v", ErrStructure, err)
	}
	for _, t := range []string{TypeBitstringStatusListEntry, TypeStatusList2021Entry, Type1EdTechRevocationList} {
		if slices.Contains(types, t) {
			e.Type = t
			break
		}
	}
	if e.Type == "" {
		return e, fmt.Errorf("%w: credentialStatus.type %q", ErrUnsupported, types)
	}
	if e.ID, err = optString(m, "id"); err != nil {
		return e, err
	}

	if e.Type == Type1EdTechRevocationList {
		if e.ID == "" {
			return e, fmt.Errorf("%w: credentialStatus.id (the revocation list URL) is missing", ErrStructure)
		}
		e.ListCredential = e.ID
		e.Index = -1
		return e, nil
	}

	if e.Purpose, err = optString(m, "statusPurpose"); err != nil {
		return e, err
	}
	if e.Purpose == "" {
		return e, fmt.Errorf("%w: credentialStatus.statusPurpose is missing", ErrStructure)
	}
	if e.ListCredential, err = optString(m, "statusListCredential"); err != nil {
		return e, err
	}
	if e.ListCredential == "" {
		return e, fmt.Errorf("%w: credentialStatus.statusListCredential is missing", ErrStructure)
	}
	iv, ok := m["statusListIndex"]
	if !ok {
		return e, fmt.Errorf("%w: credentialStatus.statusListIndex is missing", ErrStructure)
	}
	if e.Index, err = parseIndex(iv); err != nil {
		return e, err
	}
	if sv, ok := m["statusSize"]; ok {
		n, err := parseIndex(sv)
		if err != nil {
			return e, fmt.Errorf("%w: credentialStatus.statusSize is not a positive integer", ErrStructure)
		}
		if n != 1 {
			return e, fmt.Errorf("%w: credentialStatus.statusSize is %d; only 1-bit entries are supported", ErrUnsupported, n)
		}
	}
	return e, nil
}

// EntriesFromCredential reads a credential's credentialStatus, an object or
// a list of objects, with EntryFromJSON. No credentialStatus gives no
// entries and no error.
func EntriesFromCredential(doc map[string]any) ([]Entry, error) {
	v, ok := doc["credentialStatus"]
	if !ok {
		return nil, nil
	}
	items, ok := v.([]any)
	if !ok {
		items = []any{v}
	}
	out := make([]Entry, 0, len(items))
	for i, it := range items {
		m, ok := it.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%w: credentialStatus item %d is a %s, not an object", ErrStructure, i, jsonKind(it))
		}
		e, err := EntryFromJSON(m)
		if err != nil {
			if len(items) > 1 {
				return nil, fmt.Errorf("credentialStatus item %d: %w", i, err)
			}
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

func optString(m map[string]any, name string) (string, error) {
	v, ok := m[name]
	if !ok {
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("%w: credentialStatus.%s is a %s, not a string", ErrStructure, name, jsonKind(v))
	}
	return s, nil
}

// maxIndexDigits bounds the digits read before converting (MaxIndex has 9).
const maxIndexDigits = 12

// parseIndex reads statusListIndex: a string of ASCII decimal digits, or a
// non-negative integral JSON number, at most MaxIndex.
func parseIndex(v any) (int, error) {
	switch t := v.(type) {
	case string:
		return parseDigits(t)
	case json.Number:
		if n, err := parseDigits(string(t)); err == nil {
			return n, nil
		}
		f, err := t.Float64()
		if err != nil {
			return 0, fmt.Errorf("%w: credentialStatus.statusListIndex %q is not a number", ErrStructure, string(t))
		}
		return fromFloat(f)
	case float64:
		return fromFloat(t)
	case int:
		return fromInt(int64(t))
	case int64:
		return fromInt(t)
	default:
		return 0, fmt.Errorf("%w: credentialStatus.statusListIndex is a %s, not a string of digits", ErrStructure, jsonKind(v))
	}
}

func parseDigits(s string) (int, error) {
	if s == "" {
		return 0, fmt.Errorf("%w: credentialStatus.statusListIndex is empty", ErrStructure)
	}
	if len(s) > maxIndexDigits {
		return 0, fmt.Errorf("%w: credentialStatus.statusListIndex %.20q... is too large (at most %d)", ErrStructure, s, MaxIndex)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Errorf("%w: credentialStatus.statusListIndex %q is not a non-negative decimal integer", ErrStructure, s)
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: credentialStatus.statusListIndex %q: %v", ErrStructure, s, err)
	}
	return fromInt(n)
}

func fromFloat(f float64) (int, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) || f != math.Trunc(f) {
		return 0, fmt.Errorf("%w: credentialStatus.statusListIndex %v is not an integer", ErrStructure, f)
	}
	if f < 0 || f > MaxIndex {
		return 0, fmt.Errorf("%w: credentialStatus.statusListIndex %v is outside 0..%d", ErrStructure, f, MaxIndex)
	}
	return int(f), nil
}

func fromInt(n int64) (int, error) {
	if n < 0 || n > MaxIndex {
		return 0, fmt.Errorf("%w: credentialStatus.statusListIndex %d is outside 0..%d", ErrStructure, n, MaxIndex)
	}
	return int(n), nil
}
