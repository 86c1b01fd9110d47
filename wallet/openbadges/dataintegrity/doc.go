// Package dataintegrity creates and checks W3C Data Integrity proofs of the
// eddsa-rdfc-2022 cryptosuite (and its deprecated eddsa-2022 name), as
// Open Badges 3.0 credentials carry them: RDF Dataset Canonicalization
// (RDFC-1.0 / URDNA2015, through github.com/piprate/json-gold) of the proof
// configuration and of the document, hashData = sha256(proof config) ‖
// sha256(document), then Ed25519.
//
// JSON-LD contexts come only from the files bundled in package assets; any
// other context URL is refused and nothing is fetched.
//
// It imports the standard library, json-gold, assets and the didkey
// package; never the wallet, the store or the UI.
package dataintegrity
