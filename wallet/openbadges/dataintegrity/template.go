package dataintegrity

import (
	"fmt"
	"sort"
	"strings"
)

// A proof configuration under its proof type's own context (see
// ProofConfigHash) is one blank node with a handful of scalar members, and
// how each member becomes a quad is fixed by that context. proofTemplate
// records it, learned once per (context, proof type) by canonicalizing
// probe configurations with json-gold, so that an ordinary configuration
// can be written as canonical N-Quads directly. Anything out of the
// ordinary (an id, a list, a value that is not plain printable ASCII, a
// member or purpose the probes did not cover) takes the json-gold path.
// TestProofTemplate compares both paths over the corpus and odd cases.

type termKind int

const (
	kindIRI     termKind = iota + 1 // value is an IRI (@type: @id)
	kindLiteral                     // value is a literal, datatype may be ""
	kindVocab                       // value is a vocabulary term (@type: @vocab)
)

type termForm struct {
	predicate string
	kind      termKind
	datatype  string
	vocab     map[string]string // kindVocab: value → IRI
}

type proofTemplate struct {
	typeIRI string
	terms   map[string]termForm
}

const probeIRI = "urn:badgewallet:probe"

// proofPurposes are the verification relationships a proofPurpose names.
var proofPurposes = [...]string{"assertionMethod", "authentication", "capabilityInvocation", "capabilityDelegation", "keyAgreement"}

// template returns the learned template for a proof type under home, or
// nil when it cannot be learned.
func (l *Loader) template(home, typ string) *proofTemplate {
	key := home + " " + typ
	if t, ok := l.templates.Load(key); ok {
		return t.(*proofTemplate)
	}
	t := l.learn(home, typ)
	l.templates.Store(key, t)
	return t
}

func (l *Loader) learn(home, typ string) *proofTemplate {
	probe := func(extra map[string]any) ([][3]string, bool) {
		doc := map[string]any{"@context": []any{home}, "type": typ}
		for k, v := range extra {
			doc[k] = v
		}
		out, err := l.Canonicalize(doc)
		if err != nil {
			return nil, false
		}
		var quads [][3]string
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			// _:c14n0 <predicate> object .
			rest, ok := strings.CutPrefix(line, "_:c14n0 <")
			if !ok || !strings.HasSuffix(rest, " .") {
				return nil, false
			}
			pred, obj, ok := strings.Cut(strings.TrimSuffix(rest, " ."), "> ")
			if !ok {
				return nil, false
			}
			quads = append(quads, [3]string{pred, obj})
		}
		return quads, true
	}
	base, ok := probe(nil)
	if !ok || len(base) != 1 || base[0][0] != rdfType {
		return nil
	}
	t := &proofTemplate{typeIRI: strings.TrimSuffix(strings.TrimPrefix(base[0][1], "<"), ">"), terms: map[string]termForm{}}
	other := func(quads [][3]string) (pred, obj string, ok bool) {
		if len(quads) != 2 {
			return "", "", false
		}
		for _, q := range quads {
			if q[0] != rdfType {
				return q[0], q[1], true
			}
		}
		return "", "", false
	}
	for _, k := range []string{"cryptosuite", "created", "expires", "verificationMethod", "proofPurpose", "domain", "challenge", "nonce"} {
		quads, ok := probe(map[string]any{k: probeIRI})
		if !ok {
			continue
		}
		pred, obj, ok := other(quads)
		if !ok {
			continue
		}
		switch {
		case obj == "<"+probeIRI+">":
			// An IRI: @id, or @vocab with an absolute IRI. A term tells.
			vq, ok := probe(map[string]any{k: proofPurposes[0]})
			_, vobj, isOther := other(vq)
			if !ok || !isOther || !strings.HasPrefix(vobj, "<") {
				t.terms[k] = termForm{predicate: pred, kind: kindIRI}
				continue
			}
			f := termForm{predicate: pred, kind: kindVocab, vocab: map[string]string{}}
			for _, p := range proofPurposes {
				if pq, ok := probe(map[string]any{k: p}); ok {
					if _, pobj, ok := other(pq); ok && strings.HasPrefix(pobj, "<") && pobj != "<"+p+">" {
						f.vocab[p] = strings.TrimSuffix(strings.TrimPrefix(pobj, "<"), ">")
					}
				}
			}
			t.terms[k] = f
		case obj == `"`+probeIRI+`"`:
			t.terms[k] = termForm{predicate: pred, kind: kindLiteral}
		case strings.HasPrefix(obj, `"`+probeIRI+`"^^<`) && strings.HasSuffix(obj, ">"):
			t.terms[k] = termForm{predicate: pred, kind: kindLiteral, datatype: strings.TrimSuffix(strings.TrimPrefix(obj, `"`+probeIRI+`"^^<`), ">")}
		}
	}
	return t
}

const rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

// fromTemplate writes the canonical N-Quads of cfg (a proof configuration
// whose @context is the template's home) or reports ok=false.
func (l *Loader) fromTemplate(t *proofTemplate, typ string, cfg map[string]any) (string, bool) {
	if t == nil {
		return "", false
	}
	lines := make([]string, 0, len(cfg))
	for k, v := range cfg {
		if k == "@context" {
			continue
		}
		s, ok := v.(string)
		if !ok || !plainASCII(s) {
			return "", false
		}
		var obj, pred string
		switch k {
		case "type":
			if s != typ {
				return "", false
			}
			pred, obj = rdfType, "<"+t.typeIRI+">"
		default:
			f, ok := t.terms[k]
			if !ok {
				return "", false
			}
			pred = f.predicate
			switch f.kind {
			case kindIRI:
				if !plainIRI(s) || !l.validIRI(s) {
					return "", false
				}
				obj = "<" + s + ">"
			case kindLiteral:
				obj = `"` + s + `"`
				if f.datatype != "" && f.datatype != "http://www.w3.org/2001/XMLSchema#string" {
					obj += "^^<" + f.datatype + ">"
				}
			case kindVocab:
				iri, ok := f.vocab[s]
				if !ok {
					return "", false
				}
				obj = "<" + iri + ">"
			default:
				return "", false
			}
		}
		lines = append(lines, fmt.Sprintf("_:c14n0 <%s> %s .\n", pred, obj))
	}
	sort.Strings(lines)
	return strings.Join(lines, ""), true
}

// plainASCII: printable ASCII with nothing N-Quads would escape and no
// character that makes an IRI invalid.
func plainASCII(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x21 || c > 0x7e || strings.IndexByte("\"\\<>{}|^`", c) >= 0 {
			return false
		}
	}
	return true
}

// plainIRI admits the IRIs a proof names in practice — did:, urn:, http:
// and https: with only unreserved and reserved characters (no
// percent-encoding) — and leaves every other form to json-gold, whose
// handling of unusual IRIs the template does not model.
func plainIRI(s string) bool {
	scheme, rest, ok := strings.Cut(s, ":")
	if !ok || rest == "" {
		return false
	}
	switch scheme {
	case "did", "urn", "http", "https":
	default:
		return false
	}
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~:/?#[]@!$&'()*+,;=", c) >= 0) {
			return false
		}
	}
	return true
}
