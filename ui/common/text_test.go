package common

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"

	"badgewallet/wallet/safetext"
)

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 33333: "33,333", 100000: "100,000", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestInitialsAndMask(t *testing.T) {
	for name, want := range map[string]string{"Contoso Certified: Cloud": "CC", "\x1b[31mred\a badge": "RB", "": "?", "---": "?", "x": "X"} {
		if got := safetext.Initials(name); got != want {
			t.Errorf("Initials(%q) = %q, want %q", name, got, want)
		}
	}
	for in, want := range map[string]string{"learner@example.com": "l***@example.com", "nope": "nope", "@x": "@x"} {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWordHelpers(t *testing.T) {
	if Counted(1, "badge", "badges") != "1 badge" || Counted(10000, "badge", "badges") != "10,000 badges" || Plural(0, "x", "xs") != "xs" {
		t.Error("Counted/Plural")
	}
	if got := FitWidth("abc", 5); got != "abc  " {
		t.Errorf("FitWidth pad: %q", got)
	}
	if got := FitWidth("abcdefgh", 5); lipgloss.Width(got) != 5 || !strings.HasSuffix(got, "…") {
		t.Errorf("FitWidth cut: %q", got)
	}
	if got := Capitalize("élan vital"); got != "Élan vital" {
		t.Errorf("Capitalize: %q", got)
	}
	lines := Wrap("one two three \x1b[31mfour\a https://example.org/a-very-long-path-that-does-not-fit", 12)
	for _, l := range lines {
		if lipgloss.Width(l) > 12 || strings.ContainsAny(l, "\x1b\a") {
			t.Errorf("Wrap line %q", l)
		}
	}
	if lines[0] != "one two" {
		t.Errorf("Wrap: %q", lines)
	}
}
