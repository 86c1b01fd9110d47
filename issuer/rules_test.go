package issuer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"badgewallet/assets"
)

func demoCatalog(t testing.TB) *Catalog {
	t.Helper()
	data, err := assets.DemoCatalog()
	if err != nil {
		t.Fatal(err)
	}
	c, err := ParseCatalog(data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func set(ids ...string) map[string]bool {
	m := map[string]bool{}
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// TestRules: each rule of the certification program.
func TestRules(t *testing.T) {
	c := demoCatalog(t)
	if n := len(c.Achievements); n < 12 {
		t.Fatalf("catalog has %d achievements, want at least 12", n)
	}
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name         string
		id           string
		on           time.Time
		passed, held map[string]bool
		badges       string
		err          error
		note         string
	}{
		{"single-exam certification: the certification, not the exam", "cl-900", day, nil, nil, "cloud-fundamentals", nil, "not the exam's"},
		{"other single-exam certification", "cl-104", day, nil, nil, "cloud-administrator", nil, ""},
		{"first exam of a two-exam certification: its own badge", "cl-303", day, nil, nil, "cl-303", nil, "exam badge awarded"},
		{"second exam completes it: exam badge and certification", "cl-304", day, set("cl-303"), set("cl-303"), "cl-304,solutions-architect-expert", nil, "awarded too"},
		{"second exam, in the other order", "cl-303", day, set("cl-304"), set("cl-304"), "cl-303,solutions-architect-expert", nil, ""},
		{"legacy exam: no badge", "cl-010", day, nil, nil, "", ErrLegacy, "awards no badge"},
		{"retired exam: no new pass", "cl-020", day, nil, nil, "", ErrRetired, "stay claimable"},
		{"retired exam passed before retirement", "cl-020", time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC), nil, nil, "legacy-stack-specialist", nil, ""},
		{"retired certification: no direct award", "legacy-stack-specialist", day, nil, nil, "", ErrRetired, ""},
		{"already held: nothing twice", "cl-900", day, nil, set("cloud-fundamentals"), "", nil, "already held"},
		{"direct award of a certification", "cloud-developer", day, nil, nil, "cloud-developer", nil, "awarded directly"},
		{"direct award already held", "cloud-developer", day, nil, set("cloud-developer"), "", ErrAlreadyHeld, ""},
		{"unknown", "cl-999", day, nil, nil, "", ErrUnknownAchievement, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := c.Decide(tc.id, tc.on, tc.passed, tc.held)
			if tc.err != nil {
				if !errors.Is(err, tc.err) || !strings.Contains(err.Error(), tc.note) {
					t.Fatalf("got %v, want %v containing %q", err, tc.err, tc.note)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(d.Badges, ","); got != tc.badges {
				t.Fatalf("badges %q, want %q (notes %q)", got, tc.badges, d.Notes)
			}
			if tc.note != "" && !strings.Contains(strings.Join(d.Notes, " "), tc.note) {
				t.Fatalf("notes %q lack %q", d.Notes, tc.note)
			}
		})
	}
}

func TestCatalogValidation(t *testing.T) {
	bad := []struct{ name, json, want string }{
		{"unknown field", `{"issuer":{"name":"x","url":"https://x"},"achievements":[],"extra":1}`, "unknown field"},
		{"bad id", `{"issuer":{"name":"x","url":"https://x"},"achievements":[{"id":"Bad Id","kind":"exam","name":"n","color":"#000000"}]}`, "lower-case"},
		{"duplicate", `{"issuer":{"name":"x","url":"https://x"},"achievements":[{"id":"a","kind":"exam","name":"n","color":"#000000"},{"id":"a","kind":"exam","name":"n","color":"#000000"}]}`, "duplicate"},
		{"requires unknown", `{"issuer":{"name":"x","url":"https://x"},"achievements":[{"id":"c","kind":"certification","name":"n","color":"#000000","requires":["nope"]}]}`, "unknown exam"},
		{"bad color", `{"issuer":{"name":"x","url":"https://x"},"achievements":[{"id":"a","kind":"exam","name":"n","color":"red"}]}`, "#RRGGBB"},
		{"bad retired date", `{"issuer":{"name":"x","url":"https://x"},"achievements":[{"id":"a","kind":"exam","name":"n","color":"#000000","retired":"soon"}]}`, "YYYY-MM-DD"},
		{"http issuer", `{"issuer":{"name":"x","url":"http://x"},"achievements":[]}`, "https"},
	}
	for _, tc := range bad {
		if _, err := ParseCatalog([]byte(tc.json)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestCatalogFile(t *testing.T) {
	dir := t.TempDir()
	if c, err := LoadCatalog(dir); err != nil || len(c.Achievements) != 15 {
		t.Fatalf("embedded default: %v", err)
	}
	if wrote, err := WriteDemoCatalog(dir); err != nil || !wrote {
		t.Fatalf("write: %v %v", wrote, err)
	}
	if wrote, _ := WriteDemoCatalog(dir); wrote {
		t.Fatal("overwrote an existing catalog")
	}
	os.WriteFile(filepath.Join(dir, CatalogFile), []byte(`{"issuer":{"name":"Fabrikam","url":"https://fabrikam.example"},"achievements":[{"id":"x1","kind":"exam","name":"X","color":"#123456"}]}`), 0o600)
	c, err := LoadCatalog(dir)
	if err != nil || c.Issuer.Name != "Fabrikam" || len(c.Achievements) != 1 {
		t.Fatalf("edited catalog: %v", err)
	}
	os.WriteFile(filepath.Join(dir, CatalogFile), []byte(`{"issuer":`), 0o600)
	if _, err := LoadCatalog(dir); err == nil || !strings.Contains(err.Error(), CatalogFile) {
		t.Fatalf("broken catalog: %v", err)
	}
}
