package dataintegrity

import (
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/piprate/json-gold/ld"

	"badgewallet/assets"
)

// Loader is a json-gold DocumentLoader that answers only the bundled
// contexts, by exact URL. Parsed documents are cached; the cache is safe
// for concurrent use and the cached values are never mutated by json-gold
// (it copies contexts before processing them).
type Loader struct {
	contexts assets.Contexts
	mu       sync.RWMutex
	parsed   map[string]any

	iris      sync.Map     // http(s) IRI → ld.IsURL verdict
	templates sync.Map     // "home type" → *proofTemplate (immutable once stored)
	iriCount  atomic.Int64 // entries stored in iris

	cachesOnce sync.Once
	caches     chan contextCache // free list of per-goroutine context caches
}

// NewLoader reads the bundled context index.
func NewLoader() (*Loader, error) {
	c, err := assets.LoadContexts()
	if err != nil {
		return nil, err
	}
	return &Loader{contexts: c, parsed: map[string]any{}}, nil
}

// Has reports whether a context URL is bundled (an exact string match).
func (l *Loader) Has(u string) bool {
	return l.contexts.Has(u)
}

// LoadDocument implements ld.DocumentLoader.
func (l *Loader) LoadDocument(u string) (*ld.RemoteDocument, error) {
	l.mu.RLock()
	doc, ok := l.parsed[u]
	l.mu.RUnlock()
	if ok {
		// json-gold may modify what it is given: hand out a copy.
		doc = ld.CloneDocument(doc)
	}
	if !ok {
		b, err := l.contexts.Get(u)
		if err != nil {
			return nil, ld.NewJsonLdError(ld.LoadingDocumentFailed, err)
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			return nil, ld.NewJsonLdError(ld.LoadingDocumentFailed, fmt.Errorf("bundled context %s: %w", u, err))
		}
		l.mu.Lock()
		l.parsed[u] = ld.CloneDocument(doc)
		l.mu.Unlock()
	}
	return &ld.RemoteDocument{DocumentURL: u, Document: doc}, nil
}
