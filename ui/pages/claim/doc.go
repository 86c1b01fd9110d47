// Package claim is the claim wizard of the terminal UI: from a claim link
// (pasted, or given by the page that opened it) to the offer, the email
// the badge was sent to, the confirmation code the issuer mails, and the
// badges added to the wallet — one question per screen, with the progress
// at the top. In demo mode the code step shows the demo issuer's mail.
//
// It may import ui/common, wallet, issuer (for the demo outbox),
// bubbletea, bubbles and lipgloss; it imports no other page.
package claim
