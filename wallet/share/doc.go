// Package share turns a badge into the snippets an earner copies to show it
// off: LinkedIn (add to profile, post), X, Facebook and e-mail share links,
// a website embed, an e-mail signature, a Markdown badge for a README, a
// resume line, the verification link and a QR code (PNG, or drawn in the
// terminal with half blocks).
//
// Every snippet is a pure function of the badge, the earner's privacy
// settings and the public base URL (where the earner's profile and the
// badges' verification pages are published): no clock, no I/O, no state.
//
// Every badge string is untrusted. It is first made harmless for a terminal
// with safetext (escape sequences, control characters and bidirectional
// overrides removed), then escaped for its target: HTML text and quoted
// attributes, URL query or mailto (RFC 6068) encoding, Markdown. Badge
// URLs (image, issuer) are used only when they are absolute http or https
// URLs; anything else (javascript:, data:, relative, with user info) is
// dropped, never emitted.
//
// It imports the standard library, badgewallet/wallet/safetext and
// github.com/skip2/go-qrcode; never ui, bubbletea, lipgloss, store or
// issuer.
package share
