package common

import "testing"

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 33333: "33,333", 100000: "100,000", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestInitialsAndMask(t *testing.T) {
	for name, want := range map[string]string{"Contoso Certified: Cloud": "CC", "\x1b[31mred\a badge": "RB", "": "?", "---": "?", "x": "X"} {
		if got := Initials(name); got != want {
			t.Errorf("Initials(%q) = %q, want %q", name, got, want)
		}
	}
	for in, want := range map[string]string{"learner@example.com": "l***@example.com", "nope": "nope", "@x": "@x"} {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}
