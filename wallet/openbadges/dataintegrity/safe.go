package dataintegrity

import (
	"fmt"
	"strings"
)

// checkAbsoluteIRIs enforces the rest of JSON-LD safe mode on canonical
// N-Quads: json-gold keeps a @type or @id that no context defines as a
// relative IRI (e.g. <InvalidProfile>), which jsonld.js's safe mode and
// the 1EdTech validator treat as an error. Every IRI term must have a
// scheme.
func checkAbsoluteIRIs(nquads string) error {
	for n, line := range strings.Split(nquads, "\n") {
		for i := 0; i < len(line); {
			switch line[i] {
			case '<':
				end := strings.IndexByte(line[i:], '>')
				if end < 0 {
					return fmt.Errorf("%w: N-Quads line %d: unterminated IRI", ErrCanonicalize, n+1)
				}
				iri := line[i+1 : i+end]
				if !hasScheme(iri) {
					return fmt.Errorf("%w: %q is not defined by any @context (it stays a relative IRI; JSON-LD safe mode refuses it)", ErrCanonicalize, iri)
				}
				i += end + 1
			case '"':
				i++
				for i < len(line) && line[i] != '"' {
					if line[i] == '\\' {
						i++
					}
					i++
				}
				i++
			default:
				i++
			}
		}
	}
	return nil
}

// hasScheme reports whether iri starts with an RFC 3986 scheme and a colon.
func hasScheme(iri string) bool {
	for i := 0; i < len(iri); i++ {
		c := iri[i]
		switch {
		case c == ':':
			return i > 0
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}
