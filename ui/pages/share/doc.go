// Package share is the Share page of the terminal UI: the share formats of
// one badge on the left (LinkedIn, X, Facebook, e-mail, website HTML,
// e-mail signature, Markdown, resume line, verification link, QR code) and
// a live preview of the selected one on the right (text wrapped to the
// column; the QR code drawn with half blocks), with keys to copy it, save
// it to a file, save the baked image and make a private badge public.
//
// The package is named share like wallet/share, which it imports as
// wshare. It may import ui/common, wallet and its subpackages (share,
// openbadges), bubbletea, bubbles, lipgloss and x/ansi. It imports no
// other page.
package share
