package safetext

import (
	"strings"
	"unicode"
)

// Initials are the first letters (or digits) of the first two words of
// untrusted name, upper case, for a picture that stands in for a badge's
// artwork; "?" when name has none.
func Initials(name string) string {
	var out []rune
	for _, f := range strings.FieldsFunc(Line(name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		out = append(out, unicode.ToUpper([]rune(f)[0]))
		if len(out) == 2 {
			break
		}
	}
	if len(out) == 0 {
		return "?"
	}
	return string(out)
}
