// Package ecdsasd verifies W3C Data Integrity proofs of the ecdsa-sd-2023
// cryptosuite (selective disclosure with ECDSA P-256, "Data Integrity ECDSA
// Cryptosuites v1.0"), as Open Badges 3.0 credentials may carry them.
//
// Only derived proofs are verified: the proof a holder presents after
// choosing which statements to disclose. A base proof (the issuer's proof,
// which carries the HMAC key that links every statement) is meant for the
// holder alone and is refused with [ErrMalformed].
//
// [Verify] follows the spec's "Verify Derived Proof (ecdsa-sd-2023)" and
// "createVerifyData" algorithms:
//
//   - the proofValue (multibase 'u', header 0xd9 0x5d 0x01, then a CBOR
//     array [baseSignature, publicKey, signatures, compressedLabelMap,
//     mandatoryIndexes]) is parsed and its label map decompressed
//     ("c14nN" → "u" + base64url(HMAC digest));
//   - the disclosed document (without its proof) is canonicalized with
//     RDFC-1.0, its canonical blank node labels replaced through the label
//     map, and the N-Quads sorted again;
//   - the statements whose positions are in mandatoryIndexes are hashed
//     together (mandatoryHash); the base signature, by the issuer's key,
//     covers sha256(canonical proof configuration) ‖ the proof-scoped public
//     key ‖ mandatoryHash;
//   - every other statement carries its own signature by the proof-scoped
//     key, in order.
//
// Canonicalization is the caller's: Verify takes a function returning
// RDFC-1.0 canonical N-Quads with blank nodes labelled _:c14n0, _:c14n1, …
// (such as [badgewallet/wallet/openbadges/dataintegrity.Loader.Canonicalize]).
// So is finding the issuer's key; [DecodeP256Multikey] decodes the "zDnae…"
// Multikey form of a P-256 public key.
//
// Errors wrap [ErrMalformed] (the proof cannot be read) or [ErrSignature]
// (the proof does not match the disclosed document or the key); errors from
// the canonicalization function are passed on, wrapped.
package ecdsasd
