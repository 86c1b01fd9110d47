package safetext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLine(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Cloud Fundamentals", "Cloud Fundamentals"},
		{"csi colour", "\x1b[31mRed\x1b[0m badge", "Red badge"},
		{"clear screen", "a\x1b[2J\x1b[Hb", "ab"},
		{"osc title bel", "x\x1b]0;pwned\x07y", "xy"},
		{"osc 52 clipboard st", "x\x1b]52;c;ZXZpbA==\x1b\\y", "xy"},
		{"osc8 hyperlink", "\x1b]8;;https://evil\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"dcs", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"c1 csi", "a\u009b31mb", "ab"},
		{"c1 osc", "a\u009d0;t\u009cb", "ab"},
		{"cr overwrite", "Real\rFake", "Real Fake"},
		{"bel and nul", "a\a\x00b", "ab"},
		{"newlines and tabs", "a\n\tb  c", "a b c"},
		{"bidi override", "abc\u202edcba", "abcdcba"},
		{"isolates", "\u2066x\u2069", "x"},
		{"invalid utf8", "a\xffb", "a\uFFFDb"},
		{"trailing esc", "abc\x1b", "abc"},
		{"esc charset", "a\x1b(Bb", "ab"},
		{"unicode kept", "Zertifikat für Köln ☁", "Zertifikat für Köln ☁"},
		{"del", "a\x7fb", "ab"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Line(tc.in); got != tc.want {
				t.Fatalf("Line(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestText(t *testing.T) {
	got := Text("Line one\r\nLine\ttwo\x1b[1m!\rthree\n\n")
	if want := "Line one\nLine two!\nthree"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestTruncate(t *testing.T) {
	if got := Truncate("abcdef", 4); got != "abc…" {
		t.Fatal(got)
	}
	if got := Truncate("ab", 4); got != "ab" {
		t.Fatal(got)
	}
}

func FuzzLine(f *testing.F) {
	f.Add("\x1b[31mx\x1b]0;t\x07\u202e\r\n")
	f.Add("plain")
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{Line(s), Text(s)} {
			if !utf8.ValidString(out) {
				t.Fatalf("invalid UTF-8 out of %q", s)
			}
			for _, r := range out {
				if r == 0x1b || (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || isBidi(r) {
					t.Fatalf("control %U left in %q (from %q)", r, out, s)
				}
			}
		}
		if strings.ContainsRune(Line(s), '\n') {
			t.Fatalf("Line kept a newline: %q", s)
		}
	})
}

func TestInitials(t *testing.T) {
	for name, want := range map[string]string{"Contoso Certified: Cloud": "CC", "\x1b[31mred\a badge": "RB", "": "?", "---": "?", "x": "X", "élan vital": "ÉV", "CL-303: Designing": "C3"} {
		if got := Initials(name); got != want {
			t.Errorf("Initials(%q) = %q, want %q", name, got, want)
		}
	}
}
