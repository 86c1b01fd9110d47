package ecdsasd

import (
	"fmt"
	"slices"
	"strings"
)

// splitNQuads splits canonical N-Quads into statements, each keeping its
// final line feed.
func splitNQuads(nquads string) ([]string, error) {
	if nquads == "" {
		return nil, nil
	}
	if !strings.HasSuffix(nquads, "\n") {
		return nil, fmt.Errorf("the canonical N-Quads do not end with a line feed")
	}
	lines := strings.SplitAfter(nquads, "\n")
	return lines[:len(lines)-1], nil // drop the "" after the last "\n"
}

// relabelBlankNodes replaces every blank node label of canonical N-Quads
// statements through labelMap (label without "_:" → new label without
// "_:") and sorts the result: the spec's labelReplacementCanonicalize with
// the label map factory of createLabelMapFunction.
//
// Only blank node terms are relabelled: text that looks like a label
// inside a literal or an IRI is left alone. A label that labelMap lacks is
// reported (as the label) with ok false.
//
// The statements are sorted in Unicode code point order (byte order of
// their UTF-8), the order RDF Dataset Canonicalization uses.
func relabelBlankNodes(statements []string, labelMap map[string]string) (out []string, missing string, ok bool) {
	out = make([]string, len(statements))
	for i, st := range statements {
		var b strings.Builder
		b.Grow(len(st) + 64)
		for j := 0; j < len(st); {
			switch c := st[j]; {
			case c == '"':
				// A literal: up to the closing unescaped quote.
				k := j + 1
				for k < len(st) && st[k] != '"' {
					if st[k] == '\\' {
						k++
					}
					k++
				}
				k = min(k+1, len(st))
				b.WriteString(st[j:k])
				j = k
			case c == '<':
				// An IRI: canonical N-Quads escape nothing inside, and an
				// IRI has no '>'.
				k := strings.IndexByte(st[j:], '>')
				if k < 0 {
					k = len(st)
				} else {
					k += j + 1
				}
				b.WriteString(st[j:k])
				j = k
			case c == '_' && j+1 < len(st) && st[j+1] == ':':
				// A blank node: its label runs to the next space.
				k := j + 2
				for k < len(st) && st[k] != ' ' && st[k] != '\n' {
					k++
				}
				label := st[j+2 : k]
				repl, found := labelMap[label]
				if !found {
					return nil, label, false
				}
				b.WriteString("_:")
				b.WriteString(repl)
				j = k
			default:
				b.WriteByte(c)
				j++
			}
		}
		out[i] = b.String()
	}
	slices.Sort(out)
	return out, "", true
}
