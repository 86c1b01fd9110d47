package safetext

import (
	"strings"
	"unicode/utf8"
)

// Line returns s as one harmless line: escape sequences and control
// characters removed, tabs, carriage returns and line breaks turned into
// single spaces, runs of spaces collapsed, ends trimmed.
func Line(s string) string {
	return clean(s, false)
}

// Text returns s harmless but keeps line breaks ("\n"; "\r\n" and lone
// "\r" become "\n") and turns tabs into spaces.
func Text(s string) string {
	return clean(s, true)
}

// Truncate shortens an already clean s to at most n runes, ending in "…"
// when it was cut.
func Truncate(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func clean(s string, multiline bool) string {
	if isPlain(s) {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is pending
	emit := func(r rune) {
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			emit('\uFFFD')
			i++
			continue
		}
		switch {
		case r == 0x1b: // ESC
			i += escapeLen(s[i:])
			continue
		case r == 0x9b: // C1 CSI
			i += size + csiBody(s[i+size:])
			continue
		case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f: // C1 OSC, DCS, SOS, PM, APC
			i += size + stringBody(s[i+size:])
			continue
		case r == '\n' || r == '\r':
			if multiline {
				if r == '\r' && i+1 < len(s) && s[i+1] == '\n' {
					i++
				}
				space = false
				b.WriteByte('\n')
			} else {
				space = true
			}
		case r == '\t' || r == ' ' || r == 0xa0:
			space = true
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			// other controls: dropped
		case isBidi(r) || r == '\u2028' || r == '\u2029' || r == '\ufeff':
			// directional overrides, line/paragraph separators, BOM: dropped
		default:
			emit(r)
		}
		i += size
	}
	out := b.String()
	if multiline {
		lines := strings.Split(out, "\n")
		for i, l := range lines {
			lines[i] = strings.TrimSpace(l)
		}
		out = strings.Join(lines, "\n")
	}
	return strings.TrimSpace(out)
}

// isPlain reports whether s is printable ASCII without runs of spaces: the
// common case, returned as is.
func isPlain(s string) bool {
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || (c == ' ' && prevSpace) {
			return false
		}
		prevSpace = c == ' '
	}
	return true
}

func isBidi(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}

// escapeLen returns the length of the escape sequence at the start of s
// (which starts with ESC).
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		return 2 + csiBody(s[2:])
	case ']', 'P', 'X', '^', '_':
		return 2 + stringBody(s[2:])
	}
	// ESC + intermediates (0x20-0x2f) + final byte
	n := 1
	for n < len(s) && s[n] >= 0x20 && s[n] <= 0x2f {
		n++
	}
	if n < len(s) {
		n++
	}
	return n
}

// csiBody returns the length of CSI parameters and the final byte.
func csiBody(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x40 && s[i] <= 0x7e {
			return i + 1
		}
		if s[i] < 0x20 || s[i] > 0x3f && s[i] < 0x40 {
			return i // malformed: stop before the stray byte
		}
	}
	return len(s)
}

// stringBody returns the length of an OSC/DCS/... string up to and
// including its terminator (BEL, ESC \ or C1 ST); to the end if none.
func stringBody(s string) int {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case s[i] == 0xc2 && i+1 < len(s) && s[i+1] == 0x9c: // U+009C ST
			return i + 2
		}
	}
	return len(s)
}
