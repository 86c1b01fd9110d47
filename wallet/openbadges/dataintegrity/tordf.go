package dataintegrity

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/piprate/json-gold/ld"
)

// errNeedsLibraryToRDF: a construct (a @json literal) that toRDF leaves to
// json-gold's own implementation.
var errNeedsLibraryToRDF = errors.New("needs json-gold's ToRDF")

// toRDF is json-gold's ToRDF (JSON-LD 1.1 "Deserialize JSON-LD to RDF"),
// with one change: whether an http(s) IRI is valid is json-gold's own
// ld.IsURL, remembered across calls in the Loader. json-gold checks it
// with a large regular expression for every distinct IRI of every
// document, which was 40% of a verification; vocabulary IRIs repeat from
// one badge to the next. Everything else follows json-gold's
// GraphToRDF/objectToRDF step for step, and TestToRDFMatchesJSONGold
// checks the output against json-gold's over the corpus.
func (l *Loader) toRDF(expanded []any) (*ld.RDFDataset, error) {
	issuer := ld.NewIdentifierIssuer("_:b")
	nodeMap := map[string]any{"@default": map[string]any{}}
	api := ld.NewJsonLdApi()
	if _, err := api.GenerateNodeMap(expanded, nodeMap, "@default", issuer, "", "", nil); err != nil {
		return nil, err
	}
	ds := ld.NewRDFDataset()
	for graphName, g := range nodeMap {
		if ld.IsRelativeIri(graphName) {
			continue
		}
		if err := l.graphToRDF(ds, graphName, g.(map[string]any), issuer); err != nil {
			return nil, err
		}
	}
	return ds, nil
}

func (l *Loader) graphToRDF(ds *ld.RDFDataset, graphName string, graph map[string]any, issuer *ld.IdentifierIssuer) error {
	var triples []*ld.Quad
	for _, id := range ld.GetKeys(graph) {
		if ld.IsRelativeIri(id) {
			continue
		}
		node := graph[id].(map[string]any)
		for _, property := range ld.GetOrderedKeys(node) {
			var values []any
			switch {
			case property == "@type":
				values = node["@type"].([]any)
				property = ld.RDFType
			case ld.IsKeyword(property), strings.HasPrefix(property, "_:"), ld.IsRelativeIri(property):
				continue
			default:
				values = node[property].([]any)
			}
			var subject, predicate ld.Node
			if strings.HasPrefix(id, "_:") {
				subject = ld.NewBlankNode(id)
			} else {
				subject = ld.NewIRI(id)
			}
			predicate = ld.NewIRI(property)
			for _, item := range values {
				object, more, err := objectToRDF(item, issuer, graphName, triples)
				if err != nil {
					return err
				}
				triples = more
				if object != nil {
					triples = append(triples, ld.NewQuad(subject, predicate, object, graphName))
				}
			}
		}
	}
	// Drop statements with invalid IRIs or language tags, as json-gold does.
	valid := make([]*ld.Quad, 0, len(triples))
	for _, q := range triples {
		if l.validNode(q.Subject) && l.validNode(q.Predicate) && l.validNode(q.Object) && l.validNode(q.Graph) {
			valid = append(valid, q)
		}
	}
	ds.Graphs[graphName] = valid
	return nil
}

// validNode is json-gold's !InvalidNode with ld.IsURL results remembered.
func (l *Loader) validNode(n ld.Node) bool {
	switch v := n.(type) {
	case nil:
		return true
	case ld.IRI:
		return l.validIRI(v.Value)
	case ld.Literal:
		if v.Language != "" && !validLanguage(v.Language) {
			return false
		}
		return v.Datatype == "" || l.validIRI(v.Datatype)
	}
	return true
}

// maxIRICache bounds the remembered IRI verdicts; past it IRIs are checked
// each time.
const maxIRICache = 1 << 16

func (l *Loader) validIRI(s string) bool {
	if !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") {
		return true
	}
	if ok, seen := l.iris.Load(s); seen {
		return ok.(bool)
	}
	ok := ld.IsURL(s)
	if l.iriCount.Add(1) <= maxIRICache {
		l.iris.Store(s, ok)
	}
	return ok
}

// validLanguage is json-gold's ^[a-zA-Z]+(-[a-zA-Z0-9]+)*$.
func validLanguage(s string) bool {
	for i, part := range strings.Split(s, "-") {
		if part == "" {
			return false
		}
		for _, c := range part {
			alpha := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			if !alpha && (i == 0 || c < '0' || c > '9') {
				return false
			}
		}
	}
	return true
}

var (
	rdfFirst = ld.NewIRI(ld.RDFFirst)
	rdfRest  = ld.NewIRI(ld.RDFRest)
	rdfNil   = ld.NewIRI(ld.RDFNil)
)

// objectToRDF is json-gold's objectToRDF; a @json literal is handed back
// to json-gold (errNeedsLibraryToRDF).
func objectToRDF(item any, issuer *ld.IdentifierIssuer, graphName string, triples []*ld.Quad) (ld.Node, []*ld.Quad, error) {
	switch {
	case ld.IsValue(item):
		m := item.(map[string]any)
		value := m["@value"]
		datatype, _ := m["@type"].(string)
		if datatype == "@json" {
			return nil, triples, errNeedsLibraryToRDF
		}
		b, isBool := value.(bool)
		f, isFloat := value.(float64)
		if !isBool && !isFloat {
			if n, ok := value.(json.Number); ok {
				var err error
				f, err = n.Float64()
				isFloat = err == nil
			}
		}
		isInteger := isFloat && f == float64(int64(f))
		dt := func(def string) string {
			if datatype == "" {
				return def
			}
			return datatype
		}
		switch {
		case isBool:
			return ld.NewLiteral(strconv.FormatBool(b), dt(ld.XSDBoolean), ""), triples, nil
		case isFloat && (!isInteger || datatype == ld.XSDDouble):
			return ld.NewLiteral(ld.GetCanonicalDouble(f), dt(ld.XSDDouble), ""), triples, nil
		case isFloat:
			return ld.NewLiteral(fmt.Sprintf("%d", int64(f)), dt(ld.XSDInteger), ""), triples, nil
		}
		s, ok := value.(string)
		if !ok {
			return nil, triples, fmt.Errorf("@value %v is not a string, number or boolean", value)
		}
		if lang, ok := m["@language"]; ok {
			ls, _ := lang.(string)
			return ld.NewLiteral(s, dt(ld.RDFLangString), ls), triples, nil
		}
		return ld.NewLiteral(s, dt(ld.XSDString), ""), triples, nil
	case ld.IsList(item):
		list, _ := item.(map[string]any)["@list"].([]any)
		return parseList(list, issuer, graphName, triples)
	}
	var id string
	if m, ok := item.(map[string]any); ok {
		id, _ = m["@id"].(string)
		if ld.IsRelativeIri(id) {
			return nil, triples, nil
		}
	} else {
		id, _ = item.(string)
	}
	if strings.HasPrefix(id, "_:") {
		return ld.NewBlankNode(id), triples, nil
	}
	return ld.NewIRI(id), triples, nil
}

// parseList is json-gold's RDF list conversion.
func parseList(list []any, issuer *ld.IdentifierIssuer, graphName string, triples []*ld.Quad) (ld.Node, []*ld.Quad, error) {
	if len(list) == 0 {
		return rdfNil, triples, nil
	}
	last := list[len(list)-1]
	var res ld.Node = ld.NewBlankNode(issuer.GetId(""))
	subj := res
	for i := 0; i < len(list)-1; i++ {
		obj, more, err := objectToRDF(list[i], issuer, graphName, triples)
		if err != nil {
			return nil, triples, err
		}
		next := ld.NewBlankNode(issuer.GetId(""))
		triples = append(more, ld.NewQuad(subj, rdfFirst, obj, graphName), ld.NewQuad(subj, rdfRest, next, graphName))
		subj = next
	}
	obj, more, err := objectToRDF(last, issuer, graphName, triples)
	if err != nil {
		return nil, triples, err
	}
	triples = append(more, ld.NewQuad(subj, rdfFirst, obj, graphName), ld.NewQuad(subj, rdfRest, rdfNil, graphName))
	return res, triples, nil
}
