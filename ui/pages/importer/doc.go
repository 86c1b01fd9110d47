// Package importer is the Import page of the terminal UI: a path input
// with file-system completion (tab), then the import of those files and
// folders into the wallet with live progress (bubbles/progress), a cancel
// (esc) and a scrollable summary of what was added, what was already there
// and what failed, and why.
//
// The import runs in a goroutine started by a tea.Cmd; its progress comes
// back one Msg at a time through a channel (the classic "listen on a
// channel" pattern), at most about one every 50 ms, so that Update never
// blocks even for ten thousand badges.
//
// It may import ui/common, wallet (and its subpackages), bubbletea,
// bubbles and lipgloss; only the frame (package ui) imports it.
package importer
