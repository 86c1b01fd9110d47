package common

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"badgewallet/wallet/safetext"
)

// Clean makes one line of untrusted text (from a badge, a file, a URL, an
// error) safe for the terminal: control bytes, escapes and bidi overrides
// removed, then cut to width cells with "…".
func Clean(s string, width int) string {
	return safetext.Truncate(safetext.Line(s), max(width, 1))
}

// CleanText is Clean for text that may hold line breaks (criteria,
// descriptions): each line is sanitized, none is cut.
func CleanText(s string) string { return safetext.Text(s) }

// VerificationWord pairs the state glyph with a word: colour is never the
// only signal.
func VerificationWord(s string) string {
	switch s {
	case "verified":
		return "✔ verified"
	case "invalid", "recipient-mismatch":
		return "✖ " + strings.ReplaceAll(s, "-", " ")
	case "revoked":
		return "⊘ revoked"
	case "expired":
		return "⌛ expired"
	case "not-yet-valid":
		return "⌛ not yet valid"
	case "checking":
		return "⟳ checking"
	case "unverifiable-offline":
		return "? needs network"
	}
	return "? not checked"
}

// VerificationStyle is the colour for a verification state.
func (s Styles) VerificationStyle(state string) lipgloss.Style {
	switch state {
	case "verified":
		return s.Verified
	case "invalid", "revoked", "recipient-mismatch":
		return s.Invalid
	case "expired", "not-yet-valid":
		return s.Pending
	}
	return s.Faint
}

// Fit pads or cuts s (which may hold styled text) to exactly h lines.
func Fit(s string, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:max(h, 0)]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// Centered places msg in the middle of a width×height box.
func Centered(width, height int, msg string) string {
	return lipgloss.Place(max(width, 1), max(height, 1), lipgloss.Center, lipgloss.Center, msg)
}

// Mask shows an email as d***@example.com.
func Mask(email string) string {
	at := strings.LastIndexByte(email, '@')
	if at <= 0 {
		return email
	}
	return email[:1] + "***" + email[at:]
}

// Count writes n with thousands separators: 100000 → "100,000".
func Count(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
