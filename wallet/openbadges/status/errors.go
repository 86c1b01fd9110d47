package status

import "errors"

// Sentinel errors; every error of this package wraps one of them (use
// errors.Is) and its message says which member or value is at fault.
var (
	// ErrEncoding: encodedList is not multibase base64url / base64 of GZIP
	// data, or the GZIP stream is corrupt.
	ErrEncoding = errors.New("status list: invalid encodedList")
	// ErrTooLarge: encodedList, or the bitstring it decompresses to, is
	// over the size limit (MaxEncodedLen, MaxBitstringBytes).
	ErrTooLarge = errors.New("status list: over the size limit")
	// ErrStructure: a required member is missing or has the wrong JSON
	// type or an invalid value.
	ErrStructure = errors.New("status list: invalid structure")
	// ErrWrongType: the document is not a BitstringStatusListCredential or
	// StatusList2021Credential (or its subject is not a BitstringStatusList
	// or StatusList2021).
	ErrWrongType = errors.New("status list: wrong type")
	// ErrUnsupported: a status entry type, purpose or size this package
	// does not check (for instance 1EdTechRevocationList, "message").
	ErrUnsupported = errors.New("status list: unsupported status entry")
	// ErrPurpose: the entry's statusPurpose is not a purpose of the list.
	ErrPurpose = errors.New("status list: purpose mismatch")
	// ErrIndex: the index is outside the list.
	ErrIndex = errors.New("status list: index out of range")
	// ErrTooShort: under the Strict option, the list has fewer than
	// MinLength entries (STATUS_LIST_LENGTH_ERROR in the spec).
	ErrTooShort = errors.New("status list: shorter than the minimum length")
)
