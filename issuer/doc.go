// Package issuer will be the embedded Open Badges issuer: keys, the demo
// catalog (exams, certifications, legacy and retired achievements), award
// rules, signing and baking, the notification outbox with claim links,
// claim tokens, the hosted HTTP handler, and revocation with status lists.
//
// It may import the standard's packages under wallet/openbadges, store and
// assets; never wallet itself, ui, bubbletea or lipgloss.
package issuer
