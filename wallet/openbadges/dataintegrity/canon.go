package dataintegrity

import (
	"errors"
	"fmt"
	"strings"

	"github.com/piprate/json-gold/ld"
)

// ErrCanonicalize: the document cannot be canonicalized (an unknown
// context, a term no context defines, a malformed JSON-LD construct).
var ErrCanonicalize = errors.New("JSON-LD canonicalization failed")

// Canonicalize returns the RDFC-1.0 (URDNA2015) canonical N-Quads of a
// JSON-LD document (as decoded by encoding/json), in safe mode: a property,
// type or id that does not expand to an absolute IRI is an error, not
// dropped or kept relative.
func (l *Loader) Canonicalize(doc map[string]any) (string, error) {
	opts := ld.NewJsonLdOptions("")
	opts.Algorithm = ld.AlgorithmURDNA2015
	opts.Format = "application/n-quads"
	opts.DocumentLoader = l
	opts.SafeMode = true
	out, err := ld.NewJsonLdProcessor().Normalize(doc, opts)
	if err != nil {
		return "", fmt.Errorf("%w: %s", ErrCanonicalize, jsonLDMessage(err))
	}
	s, ok := out.(string)
	if !ok {
		return "", fmt.Errorf("%w: unexpected result %T", ErrCanonicalize, out)
	}
	if err := checkAbsoluteIRIs(s); err != nil {
		return "", err
	}
	return s, nil
}

// jsonLDMessage shortens json-gold's error text to one plain line.
func jsonLDMessage(err error) string {
	var je *ld.JsonLdError
	if errors.As(err, &je) {
		msg := string(je.Code)
		if je.Details != nil {
			msg += ": " + fmt.Sprint(je.Details)
		}
		return strings.ReplaceAll(msg, "\n", " ")
	}
	return err.Error()
}
