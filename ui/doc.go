// Package ui is badgewallet's terminal interface: a Bubble Tea program over
// the wallet. Every I/O runs in a tea.Cmd that returns a typed message;
// Update never blocks. Keys live in keys.go, styles in styles.go, and every
// string that came from a badge is sanitized (package safetext) before it
// is drawn.
//
// It may import wallet (and its subpackages), issuer, bubbletea, bubbles
// and lipgloss. Nothing imports ui but main.
package ui
