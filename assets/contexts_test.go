package assets

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// TestContextsMatchIndex: every bundled context is valid JSON and has the
// SHA-256 its index row records.
func TestContextsMatchIndex(t *testing.T) {
	c, err := LoadContexts()
	if err != nil {
		t.Fatal(err)
	}
	idx, _ := contextFiles.ReadFile("contexts/index.tsv")
	sc := bufio.NewScanner(bytes.NewReader(idx))
	sc.Buffer(nil, 1<<20)
	rows := 0
	for n := 0; sc.Scan(); n++ {
		if n == 0 {
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		b, err := c.Get(cols[0])
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		if hex.EncodeToString(sum[:]) != cols[2] {
			t.Errorf("%s: sha256 %x, index says %s", cols[0], sum, cols[2])
		}
		if !json.Valid(b) {
			t.Errorf("%s: not JSON", cols[0])
		}
		rows++
	}
	if rows != 23 || len(c.URLs()) != 23 {
		t.Fatalf("%d rows, %d URLs; want 23", rows, len(c.URLs()))
	}
}

func TestUnknownContextRefused(t *testing.T) {
	c, err := LoadContexts()
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"https://w3id.org/openbadges/invalid", "https://www.w3.org/ns/credentials/v2/", "HTTPS://www.w3.org/ns/credentials/v2", ""} {
		if _, err := c.Get(u); !errors.Is(err, ErrUnknownContext) {
			t.Errorf("%q: got %v", u, err)
		}
	}
}
