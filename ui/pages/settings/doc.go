// Package settings is the Settings page of the terminal UI: the public
// profile and its base URL, auto-accept (for every issuer and per issuer),
// the holder's identities (add, confirm, merge a duplicate account) and
// demo mode. Every value is read and written through the wallet in a
// tea.Cmd; the page sends a toast and common.Changed after each change.
//
// It may import ui/common, ui/demo, wallet (and its subpackages), issuer,
// bubbletea, bubbles and lipgloss; only the frame (package ui) imports it.
package settings
