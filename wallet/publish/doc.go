// Package publish makes the earner's public profile as a static site:
// index.html with a card per public badge, one page per public badge
// (artwork, criteria, evidence, the verification result with each check,
// and how to verify it independently), the credential files byte for byte,
// Open Graph and Twitter card tags, and one small CSS file. No script, font
// or tracker from anywhere; the pages work without JavaScript.
//
// Only badges that are accepted and public appear, and only while the
// profile is public: a private profile publishes an empty site that says
// so. Every string from a badge is sanitized (control bytes, escapes)
// and then escaped by html/template; links from badges must be http(s).
//
// Publish writes a folder incrementally (only files whose bytes changed
// are written; files it wrote before and no longer makes are removed);
// Handler serves the same pages live from the wallet.
//
// It may import wallet (and its subpackages) and the standard library,
// and goldmark for Markdown criteria.
package publish
