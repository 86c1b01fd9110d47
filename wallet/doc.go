// Package wallet is the earner's domain: the badges they hold, their
// identities and settings, and the actions on them. It is what the terminal
// UI and the command line drive.
//
// It may import the standard library, store (SQLite tables), and the
// standard's packages under wallet/ (openbadges, bakery, safetext); never
// ui, bubbletea or lipgloss, and never issuer.
package wallet
