package issuer

import (
	"strings"
	"testing"
)

func TestCatalogRule(t *testing.T) {
	dir := t.TempDir()
	if _, err := WriteDemoCatalog(dir); err != nil {
		t.Fatal(err)
	}
	cat, err := LoadCatalog(dir)
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{
		"cl-900":                     "awards cloud-fundamentals instead of an exam badge",
		"cl-303":                     "own badge; counts toward solutions-architect-expert",
		"cl-010":                     "legacy: awards no badge",
		"solutions-architect-expert": "requires cl-303 + cl-304",
		"legacy-stack-specialist":    "(earned badges stay claimable)",
	} {
		a, ok := cat.Get(id)
		if !ok {
			t.Fatalf("no %s in the demo catalog", id)
		}
		if got := cat.Rule(a); !strings.Contains(got, want) {
			t.Errorf("Rule(%s) = %q, want it to say %q", id, got, want)
		}
	}
}
