package assets

import (
	"bufio"
	"bytes"
	"embed"
	"errors"
	"fmt"
	"strings"
)

//go:embed contexts/*.json contexts/*.jsonld contexts/index.tsv
var contextFiles embed.FS

// ErrUnknownContext is returned for a JSON-LD context URL that is not
// bundled. Contexts are never fetched from the network.
var ErrUnknownContext = errors.New("JSON-LD context is not bundled with badgewallet (contexts are never fetched from the network)")

// Contexts is the table of bundled JSON-LD contexts: URL → file bytes.
type Contexts struct {
	files map[string]string // url → file name
}

// LoadContexts reads the bundled context index (contexts/index.tsv: url,
// file, sha256, evidence).
func LoadContexts() (Contexts, error) {
	idx, err := contextFiles.ReadFile("contexts/index.tsv")
	if err != nil {
		return Contexts{}, fmt.Errorf("context index: %w", err)
	}
	c := Contexts{files: map[string]string{}}
	sc := bufio.NewScanner(bytes.NewReader(idx))
	sc.Buffer(nil, 1<<20)
	for n := 0; sc.Scan(); n++ {
		if n == 0 {
			continue // header
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 3 {
			return Contexts{}, fmt.Errorf("context index line %d: %d columns, want url, file, sha256", n+1, len(cols))
		}
		c.files[cols[0]] = cols[1]
	}
	return c, sc.Err()
}

// URLs lists the bundled context URLs.
func (c Contexts) URLs() []string {
	out := make([]string, 0, len(c.files))
	for u := range c.files {
		out = append(out, u)
	}
	return out
}

// Has reports whether url is bundled (exact string match), without
// reading the file.
func (c Contexts) Has(url string) bool {
	_, ok := c.files[url]
	return ok
}

// Get returns the bundled document for a context URL, compared as an exact
// string. Any other URL gets ErrUnknownContext.
func (c Contexts) Get(url string) ([]byte, error) {
	name, ok := c.files[url]
	if !ok {
		return nil, fmt.Errorf("%q: %w", url, ErrUnknownContext)
	}
	b, err := contextFiles.ReadFile("contexts/" + name)
	if err != nil {
		return nil, fmt.Errorf("context %s: %w", url, err)
	}
	return b, nil
}
