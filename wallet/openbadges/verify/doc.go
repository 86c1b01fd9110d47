// Package verify proves an Open Badge authentic, offline first. It runs
// the checks in a fixed order — structure, proof (with the binding of the
// key to the issuer), validity period, status — then matches the
// recipient against the holder's identities, and returns a Report: one
// verdict plus every check with its outcome and a sentence.
//
// The network is reached only through the injected fetch.Fetcher, and only
// when a badge needs it (hosted OB 2.0, signed OB 2.0 keys, did:web and
// https verification methods, remote status lists). JSON-LD contexts come
// only from the bundled files. A verdict is never "verified" when a check
// was skipped for lack of network.
//
// It imports the standard library and the standard's packages
// (openbadges, bakery, dataintegrity, didkey, fetch, status, vcjwt);
// never the wallet, the store or the UI.
package verify
