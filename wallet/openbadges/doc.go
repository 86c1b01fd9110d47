// Package openbadges reads Open Badges: it sniffs what a file is (PNG, SVG,
// JSON, compact JWS / VC-JWT or a bare URL), unbakes images through package
// bakery, and parses OB 2.0 assertions (with embedded or linked BadgeClass
// and Issuer), OB 1.x hosted assertions and OB 3.0 credentials (VC 2.0 and
// VC 1.1 forms, JSON-LD or JWT-wrapped) into one normalized Badge view.
//
// Parsing checks the structure a reader relies on (required members, their
// types, dates) and enforces size and nesting limits; it does not verify
// proofs, fetch anything or expand JSON-LD: that is the verifier's job.
//
// It imports the standard library and its own subpackages only; never
// bubbletea, lipgloss, store or the rest of the wallet.
package openbadges
