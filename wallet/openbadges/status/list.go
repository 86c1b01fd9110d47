package status

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// Credential and subject types of the two supported list formats.
const (
	TypeBitstringStatusListCredential = "BitstringStatusListCredential"
	TypeBitstringStatusList           = "BitstringStatusList"
	TypeBitstringStatusListEntry      = "BitstringStatusListEntry"
	TypeStatusList2021Credential      = "StatusList2021Credential"
	TypeStatusList2021                = "StatusList2021"
	TypeStatusList2021Entry           = "StatusList2021Entry"
	// Type1EdTechRevocationList is OB 3.0's own revocation list entry
	// type; EntryFromJSON recognises it, Check does not handle it.
	Type1EdTechRevocationList = "1EdTechRevocationList"
)

// Status purposes Check understands.
const (
	PurposeRevocation = "revocation"
	PurposeSuspension = "suspension"
)

// List is a decoded status list credential.
type List struct {
	// ID is the credential's id (absent ids give ""). It need not equal
	// the URL the list was fetched from.
	ID string
	// Purpose is the list's statusPurpose; when the list names several,
	// the first of them (all are in Purposes).
	Purpose string
	// Purposes holds every statusPurpose of the list (one or more).
	Purposes []string
	// Bits is the decoded encodedList.
	Bits Bitstring
	// ValidFrom and ValidUntil come from validFrom / validUntil (VC 2.0)
	// or, when those are absent, issuanceDate / expirationDate (VC 1.1).
	// A zero time means the member is absent. The caller checks them
	// against its clock.
	ValidFrom, ValidUntil time.Time
}

// ListFromCredential reads a status list credential (a JSON object decoded
// with encoding/json): its type must include BitstringStatusListCredential
// or StatusList2021Credential (otherwise an error wrapping ErrWrongType),
// and its credentialSubject must be a BitstringStatusList or StatusList2021
// with statusPurpose (a string or a list of strings) and encodedList.
//
// The proof is not verified and the validity period is not judged here.
func ListFromCredential(doc map[string]any) (List, error) {
	var l List
	if doc == nil {
		return l, fmt.Errorf("%w: no status list credential", ErrStructure)
	}
	types, err := typeList(doc, "type")
	if err != nil {
		return l, err
	}
	if !slices.Contains(types, TypeBitstringStatusListCredential) && !slices.Contains(types, TypeStatusList2021Credential) {
		return l, fmt.Errorf("%w: type %q includes neither %s nor %s", ErrWrongType, types, TypeBitstringStatusListCredential, TypeStatusList2021Credential)
	}
	if v, ok := doc["id"]; ok {
		id, ok := v.(string)
		if !ok {
			return l, fmt.Errorf("%w: id is a %s, not a string", ErrStructure, jsonKind(v))
		}
		l.ID = id
	}

	subj, err := subject(doc)
	if err != nil {
		return l, err
	}
	stypes, err := typeList(subj, "credentialSubject.type")
	if err != nil {
		return l, err
	}
	if !slices.Contains(stypes, TypeBitstringStatusList) && !slices.Contains(stypes, TypeStatusList2021) {
		return l, fmt.Errorf("%w: credentialSubject.type %q is neither %s nor %s", ErrWrongType, stypes, TypeBitstringStatusList, TypeStatusList2021)
	}
	if l.Purposes, err = purposes(subj["statusPurpose"]); err != nil {
		return l, err
	}
	l.Purpose = l.Purposes[0]

	enc, ok := subj["encodedList"]
	if !ok {
		return l, fmt.Errorf("%w: credentialSubject.encodedList is missing", ErrStructure)
	}
	s, ok := enc.(string)
	if !ok {
		return l, fmt.Errorf("%w: credentialSubject.encodedList is a %s, not a string", ErrStructure, jsonKind(enc))
	}
	if l.Bits, err = DecodeList(s); err != nil {
		return l, fmt.Errorf("credentialSubject.encodedList: %w", err)
	}

	if l.ValidFrom, err = date(doc, "validFrom", "issuanceDate"); err != nil {
		return l, err
	}
	if l.ValidUntil, err = date(doc, "validUntil", "expirationDate"); err != nil {
		return l, err
	}
	return l, nil
}

// subject returns credentialSubject: an object, or a list holding exactly
// one object.
func subject(doc map[string]any) (map[string]any, error) {
	v, ok := doc["credentialSubject"]
	if !ok {
		return nil, fmt.Errorf("%w: credentialSubject is missing", ErrStructure)
	}
	if a, ok := v.([]any); ok {
		if len(a) != 1 {
			return nil, fmt.Errorf("%w: credentialSubject is a list of %d items, want one status list", ErrStructure, len(a))
		}
		v = a[0]
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%w: credentialSubject is a %s, not an object", ErrStructure, jsonKind(v))
	}
	return m, nil
}

// typeList reads a JSON-LD type member: a string or a non-empty list of
// strings. name is the member's path, for messages.
func typeList(m map[string]any, name string) ([]string, error) {
	v, ok := m["type"]
	if !ok {
		return nil, fmt.Errorf("%w: %s is missing", ErrWrongType, name)
	}
	out, err := strings1(v)
	if err != nil {
		return nil, fmt.Errorf("%w: %s %v", ErrStructure, name, err)
	}
	return out, nil
}

// purposes reads a list's statusPurpose: a string or a non-empty list of
// strings, none empty.
func purposes(v any) ([]string, error) {
	if v == nil {
		return nil, fmt.Errorf("%w: credentialSubject.statusPurpose is missing or null", ErrStructure)
	}
	out, err := strings1(v)
	if err != nil {
		return nil, fmt.Errorf("%w: credentialSubject.statusPurpose %v", ErrStructure, err)
	}
	return out, nil
}

// strings1 accepts a non-empty string or a non-empty list of non-empty
// strings.
func strings1(v any) ([]string, error) {
	switch t := v.(type) {
	case string:
		if t == "" {
			return nil, fmt.Errorf("is empty")
		}
		return []string{t}, nil
	case []any:
		if len(t) == 0 {
			return nil, fmt.Errorf("is an empty list")
		}
		out := make([]string, 0, len(t))
		for i, e := range t {
			s, ok := e.(string)
			if !ok || s == "" {
				return nil, fmt.Errorf("item %d is not a non-empty string", i)
			}
			out = append(out, s)
		}
		return out, nil
	case []string:
		return strings1(anySlice(t))
	default:
		return nil, fmt.Errorf("is a %s, not a string or a list of strings", jsonKind(v))
	}
}

func anySlice(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// date reads the first of the named members present (VC 2.0 name first,
// then its VC 1.1 counterpart) as an RFC 3339 / XML Schema dateTime; none
// present gives the zero time.
func date(doc map[string]any, names ...string) (time.Time, error) {
	for _, name := range names {
		v, ok := doc[name]
		if !ok {
			continue
		}
		s, ok := v.(string)
		if !ok {
			return time.Time{}, fmt.Errorf("%w: %s is a %s, not a date-time string", ErrStructure, name, jsonKind(v))
		}
		t, err := parseDateTime(s)
		if err != nil {
			return time.Time{}, fmt.Errorf("%w: %s %q is not a date-time", ErrStructure, name, s)
		}
		return t, nil
	}
	return time.Time{}, nil
}

// parseDateTime accepts RFC 3339 (fractional seconds optional) and, as XML
// Schema dateTime allows in VC 1.1, a time without zone, read as UTC.
func parseDateTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	return time.ParseInLocation("2006-01-02T15:04:05.999999999", s, time.UTC)
}

// jsonKind names the JSON type of a value decoded by encoding/json.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case bool:
		return "boolean"
	case float64, json.Number:
		return "number"
	case []any:
		return "list"
	case map[string]any:
		return "object"
	default:
		return fmt.Sprintf("%T", v)
	}
}
