package common

import "github.com/charmbracelet/lipgloss"

// Styles is every style the program draws with, built once from adaptive
// colours (one accent; the badge artwork is the splash of colour). Pages
// never call lipgloss.NewStyle in View.
type Styles struct {
	Mark, Tab, TabActive, Rule, Identity lipgloss.Style
	Title, Meta, Selected, Bar, Heading  lipgloss.Style
	Empty, Error, Faint, Count, Label    lipgloss.Style
	Pending, Verified, Invalid, Accent   lipgloss.Style
	Toast, ToastErr, Key, Button         lipgloss.Style
	ButtonActive, Box, Panel, PanelErr   lipgloss.Style
	Input, Dot, DotDone                  lipgloss.Style
}

// DefaultStyles returns the program's styles.
func DefaultStyles() Styles {
	accent := lipgloss.AdaptiveColor{Light: "#5A32C8", Dark: "#A78BFA"}
	faint := lipgloss.AdaptiveColor{Light: "#6B6B6B", Dark: "#8A8A8A"}
	red := lipgloss.AdaptiveColor{Light: "#C0262D", Dark: "#FF6B6B"}
	green := lipgloss.AdaptiveColor{Light: "#1F7A3A", Dark: "#5FD787"}
	amber := lipgloss.AdaptiveColor{Light: "#9A5B00", Dark: "#F5B94A"}
	return Styles{
		Mark:         lipgloss.NewStyle().Foreground(accent).Bold(true),
		Tab:          lipgloss.NewStyle().Foreground(faint),
		TabActive:    lipgloss.NewStyle().Bold(true).Underline(true),
		Rule:         lipgloss.NewStyle().Foreground(faint),
		Identity:     lipgloss.NewStyle().Foreground(faint),
		Title:        lipgloss.NewStyle().Bold(true),
		Meta:         lipgloss.NewStyle().Foreground(faint),
		Selected:     lipgloss.NewStyle().Bold(true).Foreground(accent),
		Bar:          lipgloss.NewStyle().Foreground(accent),
		Heading:      lipgloss.NewStyle().Bold(true).Foreground(accent),
		Empty:        lipgloss.NewStyle().Foreground(faint).Align(lipgloss.Center),
		Error:        lipgloss.NewStyle().Foreground(red),
		Faint:        lipgloss.NewStyle().Foreground(faint),
		Count:        lipgloss.NewStyle().Foreground(faint),
		Label:        lipgloss.NewStyle().Foreground(faint).Width(14),
		Pending:      lipgloss.NewStyle().Foreground(amber),
		Verified:     lipgloss.NewStyle().Foreground(green),
		Invalid:      lipgloss.NewStyle().Foreground(red),
		Accent:       lipgloss.NewStyle().Foreground(accent),
		Toast:        lipgloss.NewStyle().Foreground(accent),
		ToastErr:     lipgloss.NewStyle().Foreground(red),
		Key:          lipgloss.NewStyle().Bold(true),
		Button:       lipgloss.NewStyle().Padding(0, 1).Foreground(faint),
		ButtonActive: lipgloss.NewStyle().Padding(0, 1).Bold(true).Foreground(accent).Underline(true),
		Box:          lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(faint).Padding(0, 1),
		Panel:        lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(1, 2),
		PanelErr:     lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(red).Padding(1, 2),
		Input:        lipgloss.NewStyle().Foreground(accent),
		Dot:          lipgloss.NewStyle().Foreground(faint),
		DotDone:      lipgloss.NewStyle().Foreground(accent),
	}
}
