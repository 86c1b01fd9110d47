package dataintegrity

import (
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strings"

	"github.com/piprate/json-gold/ld"
)

// ErrCanonicalize: the document cannot be canonicalized (an unknown
// context, a term no context defines, a malformed JSON-LD construct).
var ErrCanonicalize = errors.New("JSON-LD canonicalization failed")

// contextCache maps an @context value (see contextKey) to its processed
// active context. One cache is used by one goroutine at a time (getCache
// and putCache), so the json-gold Context values, which keep lazy caches of
// their own, are never shared between goroutines.
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
	cache := l.getCache()
	out, err := l.canonicalizeWith(cache, doc)
	l.putCache(cache)
	return out, err
}

func (l *Loader) canonicalizeWith(cache contextCache, doc map[string]any) (string, error) {
	opts := l.expandOptions()

	activeCtx := ld.NewContext(nil, opts)
	body := doc
	if c, ok := doc["@context"]; ok {
		key, err := contextKey(c)
		if err != nil {
			return "", err
		}
		cached, ok := cache[key]
		if !ok {
			if cached, err = activeCtx.Parse(c); err != nil {
				return "", err
			}
			cache[key] = cached
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

// contextKey identifies an @context value: the URLs joined by a space for
// the usual list of strings (a URL holds no space), else its JSON.
func contextKey(c any) (string, error) {
	switch v := c.(type) {
	case string:
		return v, nil
	case []any:
		var b strings.Builder
		for i, x := range v {
			s, ok := x.(string)
			if !ok {
				j, err := json.Marshal(c)
				return "json:" + string(j), err
			}
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s)
		}
		return b.String(), nil
	}
	j, err := json.Marshal(c)
	return "json:" + string(j), err
}

// getCache takes a context cache for this goroutine's exclusive use. The
// caches live in a small free list rather than a sync.Pool: a sync.Pool is
// emptied by the garbage collector, and re-processing the credential
// contexts after every collection cost more than the cache saved.
func (l *Loader) getCache() contextCache {
	l.cachesOnce.Do(func() { l.caches = make(chan contextCache, 2*runtime.GOMAXPROCS(0)) })
	select {
	case c := <-l.caches:
		return c
	default:
		return contextCache{}
	}
}

// putCache returns a cache to the free list (dropping it if the list is
// full, or if it grew past maxContexts distinct @context values).
func (l *Loader) putCache(c contextCache) {
	if len(c) > maxContexts {
		return
	}
	select {
	case l.caches <- c:
	default:
	}
}

// maxContexts bounds the distinct @context values one cache keeps.
const maxContexts = 64

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
