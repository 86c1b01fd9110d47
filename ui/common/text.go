package common

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

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

// Plural is one when n is 1, else many.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Counted is n and the word for it: "1 badge", "3 badges", "10,000 badges".
func Counted(n int, one, many string) string {
	return Count(n) + " " + Plural(n, one, many)
}

// FitWidth pads or cuts s (plain text, already clean) to exactly n cells.
func FitWidth(s string, n int) string {
	if lipgloss.Width(s) > n {
		s = Clean(s, n)
	}
	return s + strings.Repeat(" ", max(n-lipgloss.Width(s), 0))
}

// Wrap sanitizes untrusted text and wraps it to w cells at spaces,
// breaking words longer than a line (URLs, HTML attributes); trailing
// spaces are trimmed.
func Wrap(s string, w int) []string {
	s = strings.TrimRight(CleanText(s), "\n ")
	var out []string
	for _, l := range strings.Split(ansi.Wrap(s, max(w, 1), ""), "\n") {
		out = append(out, strings.TrimRight(l, " "))
	}
	return out
}

// Capitalize puts the first letter (a whole rune) in upper case.
func Capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// Spaces is n spaces (none when n is not positive).
func Spaces(n int) string { return strings.Repeat(" ", max(n, 0)) }
