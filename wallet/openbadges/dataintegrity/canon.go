package dataintegrity

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/piprate/json-gold/ld"
)

// ErrCanonicalize: the document cannot be canonicalized (an unknown
// context, a term no context defines, a malformed JSON-LD construct).
var ErrCanonicalize = errors.New("JSON-LD canonicalization failed")

// contextCache maps the JSON text of an @context value to its processed
// active context. One cache is used by one goroutine at a time (they come
// from a sync.Pool), so the json-gold Context values, which keep lazy
// caches of their own, are never shared between goroutines.
type contextCache map[string]*ld.Context

// Canonicalize returns the RDFC-1.0 (URDNA2015) canonical N-Quads of a
// JSON-LD document (as decoded by encoding/json), in safe mode: a property,
// type or id that does not expand to an absolute IRI is an error, not
// dropped or kept relative.
//
// The document's top-level @context is processed once per distinct value
// and reused: expanding a document under a cached active context is what
// expanding it with its @context does, without re-processing the large
// credential contexts every time.
func (l *Loader) Canonicalize(doc map[string]any) (out string, err error) {
	// json-gold panics on some malformed JSON-LD (found by FuzzVerify: a
	// type assertion on a value of the wrong JSON type); a hostile badge
	// must get an error, not crash the wallet.
	defer func() {
		if p := recover(); p != nil {
			out, err = "", fmt.Errorf("%w: the JSON-LD processor could not handle this document (%v)", ErrCanonicalize, p)
		}
	}()
	out, err = l.canonicalize(doc)
	if err != nil {
		return "", fmt.Errorf("%w: %s", ErrCanonicalize, jsonLDMessage(err))
	}
	if err := checkAbsoluteIRIs(out); err != nil {
		return "", err
	}
	return out, nil
}

func (l *Loader) expandOptions() *ld.JsonLdOptions {
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = l
	opts.SafeMode = true
	return opts
}

func (l *Loader) canonicalize(doc map[string]any) (string, error) {
	// The cache goes back to the pool only after a normal return: after a
	// panic it is dropped, in case json-gold left a context half-built.
	cache := l.pool().Get().(contextCache)
	out, err := l.canonicalizeWith(cache, doc)
	l.pool().Put(cache)
	return out, err
}

func (l *Loader) canonicalizeWith(cache contextCache, doc map[string]any) (string, error) {
	opts := l.expandOptions()

	activeCtx := ld.NewContext(nil, opts)
	body := doc
	if c, ok := doc["@context"]; ok {
		key, err := json.Marshal(c)
		if err != nil {
			return "", err
		}
		cached, ok := cache[string(key)]
		if !ok {
			if cached, err = activeCtx.Parse(c); err != nil {
				return "", err
			}
			cache[string(key)] = cached
		}
		activeCtx = cached
		body = make(map[string]any, len(doc))
		for k, v := range doc {
			if k != "@context" {
				body[k] = v
			}
		}
	}
	api := ld.NewJsonLdApi()
	expanded, err := api.Expand(activeCtx, "", body, opts, false, nil)
	if err != nil {
		return "", err
	}
	// The last step of the expansion algorithm (as json-gold's processor).
	var list []any
	switch e := expanded.(type) {
	case map[string]any:
		if g, ok := e["@graph"]; ok && len(e) == 1 {
			list, _ = g.([]any)
		} else if len(e) > 0 {
			list = []any{e}
		}
	case []any:
		list = e
	}
	if list == nil {
		list = []any{}
	}
	dataset, err := l.toRDF(list)
	if errors.Is(err, errNeedsLibraryToRDF) {
		dataset, err = api.ToRDF(list, opts)
	}
	if err != nil {
		return "", err
	}
	nopts := ld.NewJsonLdOptions("")
	nopts.Algorithm = ld.AlgorithmURDNA2015
	nopts.Format = "application/n-quads"
	out, err := api.Normalize(dataset, nopts)
	if err != nil {
		return "", err
	}
	s, ok := out.(string)
	if !ok {
		return "", fmt.Errorf("unexpected canonicalization result %T", out)
	}
	return s, nil
}

// pool returns the loader's pool of context caches.
func (l *Loader) pool() *sync.Pool {
	l.poolOnce.Do(func() {
		l.active = &sync.Pool{New: func() any { return contextCache{} }}
	})
	return l.active
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
