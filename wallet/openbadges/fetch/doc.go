// Package fetch is the one door through which verification reaches the
// network: hosted OB 2.0 assertions, BadgeClasses, issuer profiles and keys,
// did:web documents, https verification methods and status lists. It reads
// http and https only, with a 10 s timeout, a 2 MiB cap and at most 5
// redirects (each redirect target checked the same way), and can cache
// what it read with the time it was fetched. Offline refuses every read.
//
// JSON-LD contexts never come through here: they are bundled.
//
// It imports only the standard library.
package fetch
