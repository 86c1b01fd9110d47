// Package skills is the Skills page of the terminal UI: the skills and
// tags of the holder's accepted badges, most evidenced first, each with
// the badges that show it and a job-search link that c (or enter) copies.
//
// It may import ui/common, wallet (and its subpackages), bubbletea,
// bubbles and lipgloss; only the frame (package ui) imports it.
package skills
