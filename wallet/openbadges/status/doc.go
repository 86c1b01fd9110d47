// Package status reads credential status lists: the W3C Bitstring Status
// List (BitstringStatusListCredential / BitstringStatusListEntry) and its
// predecessor StatusList2021 (StatusList2021Credential / StatusList2021Entry).
//
// It decodes a list's encodedList (multibase base64url, or plain base64 in
// older lists, of a GZIP-compressed bitstring) under size caps, reads a
// status list credential into a List and a credential's credentialStatus
// item into an Entry, and answers whether the entry's bit is set (Check).
//
// It does not fetch lists, verify their proofs or judge their validity
// period: the caller (the verification pipeline, with its injected fetcher
// and clock) does that with List.ValidFrom and List.ValidUntil. A list's id
// is not compared with the URL it was fetched from, since real lists (the
// DCC fixtures among them) are served at a URL other than their id.
//
// The spec's default minimum list length (MinLength, 131072 entries) is
// only enforced under the Strict option: DCC lists hold 100000 entries and
// the expected verdicts treat them as usable.
//
// OB 3.0's 1EdTechRevocationList entries are recognised (Entry.Type set,
// Index -1) but not checked here; the caller handles that list kind.
//
// It imports the standard library only.
package status
