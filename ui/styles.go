package ui

import "github.com/charmbracelet/lipgloss"

// styles is every style the program draws with, built once.
type styles struct {
	Mark, Tab, TabActive, Rule lipgloss.Style
	Title, Meta, Selected, Bar lipgloss.Style
	Empty, Error, Faint, Count lipgloss.Style
	Pending, Verified, Invalid lipgloss.Style
}

func defaultStyles() styles {
	accent := lipgloss.AdaptiveColor{Light: "#5A32C8", Dark: "#A78BFA"}
	faint := lipgloss.AdaptiveColor{Light: "#6B6B6B", Dark: "#8A8A8A"}
	red := lipgloss.AdaptiveColor{Light: "#C0262D", Dark: "#FF6B6B"}
	green := lipgloss.AdaptiveColor{Light: "#1F7A3A", Dark: "#5FD787"}
	amber := lipgloss.AdaptiveColor{Light: "#9A5B00", Dark: "#F5B94A"}
	return styles{
		Mark:      lipgloss.NewStyle().Foreground(accent).Bold(true),
		Tab:       lipgloss.NewStyle().Foreground(faint),
		TabActive: lipgloss.NewStyle().Bold(true).Underline(true),
		Rule:      lipgloss.NewStyle().Foreground(faint),
		Title:     lipgloss.NewStyle().Bold(true),
		Meta:      lipgloss.NewStyle().Foreground(faint),
		Selected:  lipgloss.NewStyle().Bold(true).Foreground(accent),
		Bar:       lipgloss.NewStyle().Foreground(accent),
		Empty:     lipgloss.NewStyle().Foreground(faint).Align(lipgloss.Center),
		Error:     lipgloss.NewStyle().Foreground(red),
		Faint:     lipgloss.NewStyle().Foreground(faint),
		Count:     lipgloss.NewStyle().Foreground(faint),
		Pending:   lipgloss.NewStyle().Foreground(amber),
		Verified:  lipgloss.NewStyle().Foreground(green),
		Invalid:   lipgloss.NewStyle().Foreground(red),
	}
}
