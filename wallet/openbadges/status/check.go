package status

import (
	"fmt"
	"slices"
)

// Option changes what Check enforces.
type Option uint8

const (
	// Strict makes Check refuse lists shorter than MinLength (131072
	// entries) with an error wrapping ErrTooShort, as the spec's
	// STATUS_LIST_LENGTH_ERROR. Off by default: DCC lists hold 100000
	// entries and are treated as usable.
	Strict Option = iota + 1
)

// Check reports whether e's bit is set in l: for a revocation entry, set
// means revoked; for a suspension entry, suspended.
//
// The entry's purpose must be revocation or suspension (anything else, and
// a 1EdTechRevocationList entry, wraps ErrUnsupported) and one of the
// list's purposes (ErrPurpose); the index must lie inside the list
// (ErrIndex). Check does not compare e.ListCredential with l.ID, nor look at
// the list's validity period: the caller does, with its clock.
func Check(e Entry, l List, opts ...Option) (set bool, err error) {
	strict := slices.Contains(opts, Strict)
	if e.Type == Type1EdTechRevocationList {
		return false, fmt.Errorf("%w: a %s is not a bitstring status list", ErrUnsupported, e.Type)
	}
	if e.Purpose != PurposeRevocation && e.Purpose != PurposeSuspension {
		return false, fmt.Errorf("%w: statusPurpose %q (only %q and %q are checked)", ErrUnsupported, e.Purpose, PurposeRevocation, PurposeSuspension)
	}
	lp := l.Purposes
	if len(lp) == 0 && l.Purpose != "" {
		lp = []string{l.Purpose}
	}
	if !slices.Contains(lp, e.Purpose) {
		return false, fmt.Errorf("%w: the entry's statusPurpose is %q, the list's %q", ErrPurpose, e.Purpose, lp)
	}
	if strict && l.Bits.Len() < MinLength {
		return false, fmt.Errorf("%w: the list has %d entries, the minimum is %d", ErrTooShort, l.Bits.Len(), MinLength)
	}
	set, err = l.Bits.Bit(e.Index)
	if err != nil {
		return false, fmt.Errorf("statusListIndex: %w", err)
	}
	return set, nil
}
