package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestSearchPlansAgree: whichever plan ListBadges picks (walking the sort
// index or asking the trigram index), the page is the one a plain LIKE
// query gives, for dense, sparse and absent words, every sort, and pages
// past the first; CountBadges agrees too.
func TestSearchPlansAgree(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 1200 {
		name := fmt.Sprintf("Badge %04d", (i*7919)%1200)
		switch {
		case i%3 == 0:
			name += " Cloud Practitioner" // dense
		case i%97 == 0:
			name += " Kubernetes Admin" // sparse
		}
		desc := ""
		if i%250 == 0 {
			desc = "Quantum 100% effort_x" // rare, with LIKE metacharacters
		}
		b := Badge{Name: name, Description: desc, IssuerName: fmt.Sprintf("Issuer %d", i%13),
			Container: "json", SpecVersion: "3.0", Added: start.Add(time.Duration(i) * time.Minute),
			Issued: start.Add(time.Duration(i%50) * time.Hour), Acceptance: acceptanceValues[i%3]}
		if _, _, err := db.InsertBadge(ctx, b, fmt.Appendf(nil, "badge %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	ids := func(badges []Badge) []int64 {
		out := make([]int64, len(badges))
		for i, b := range badges {
			out[i] = b.ID
		}
		return out
	}
	// The last ones are hostile to a full-text query language: quotes,
	// operators, column filters, NUL, invalid UTF-8.
	for _, search := range []string{"cloud", "KUBERNETES", "quantum", "100% eff", "_x", "issuer 1", "nowhere", "  Cloud  ",
		`"""`, `***`, "a\x00b", "\xff\xfe\xfd", `NEAR(a b)`, `cloud OR x`, `^abc`, `name:cloud`, `'); DROP TABLE badges; --`, "é😀ab",
		"practitioner cloud", "CLOUD   badge 00", "kubernetes admin badge", "cloud nowhere", "issuer 1 cloud", "quantum 100%"} {
		for _, sort := range []string{"", "name", "issued", "issuer"} {
			for _, acc := range []string{"", "pending"} {
				for _, offset := range []int{0, 50, 300} {
					q := ListQuery{Search: search, Sort: sort, Acceptance: acc, Offset: offset}
					got, err := db.ListBadges(ctx, q)
					if err != nil {
						t.Fatal(err)
					}
					where, args, _ := q.where(false)
					order, _ := q.orderBy()
					want, err := db.queryBadges(ctx, `SELECT `+badgeColumns+` FROM badges`+where+order+page(50, offset), args, 50)
					if err != nil {
						t.Fatal(err)
					}
					if !slices.Equal(ids(got), ids(want)) {
						t.Errorf("%+v: got %v, want %v", q, ids(got), ids(want))
					}
					var n int
					db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM badges`+where, args...).Scan(&n)
					if c, err := db.CountBadges(ctx, q); err != nil || c != n {
						t.Errorf("count %+v: %d, %v; want %d", q, c, err, n)
					}
				}
			}
		}
	}
}

// TestSearchIndexFollowsChanges: the trigram index sees inserts, renames
// and deletes.
func TestSearchIndexFollowsChanges(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	id, _, err := db.InsertBadge(ctx, Badge{Name: "Rust Basics", Container: "json", SpecVersion: "3.0", Added: time.Now()}, []byte("x"))
	if err != nil {
		t.Fatal(err)
	}
	count := func(s string) int {
		t.Helper()
		n, err := db.CountBadges(ctx, ListQuery{Search: s})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if count("rust") != 1 {
		t.Fatal("new badge not found")
	}
	if _, err := db.SQL().ExecContext(ctx, `UPDATE badges SET name = 'Zig Basics' WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	if count("rust") != 0 || count("zig b") != 1 {
		t.Fatal("rename not followed")
	}
	if _, err := db.SQL().ExecContext(ctx, `DELETE FROM badges WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	if count("zig") != 0 {
		t.Fatal("delete not followed")
	}
	if _, err := db.SQL().ExecContext(ctx, `INSERT INTO badges_fts (badges_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Fatalf("index integrity: %v", err)
	}
}

// TestBatch: in one batch, a refused badge and a duplicate leave the
// others in; a batch whose function fails stores nothing.
func TestBatch(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	good := func(n int) Badge {
		return Badge{Name: fmt.Sprintf("b%d", n), CredentialID: fmt.Sprintf("urn:x:%d", n), IssuerID: "did:x", Container: "json", SpecVersion: "3.0", Added: time.Now()}
	}
	err := db.WithBatch(ctx, func(bt *Batch) error {
		if _, ok, err := bt.InsertBadge(ctx, good(1), []byte("1")); err != nil || !ok {
			t.Fatalf("insert: %v %v", ok, err)
		}
		if _, _, err := bt.InsertBadge(ctx, Badge{Name: "no container"}, []byte("2")); err == nil {
			t.Fatal("refused badge inserted")
		}
		if _, ok, err := bt.InsertBadge(ctx, good(3), []byte("1")); err != nil || ok {
			t.Fatalf("same bytes: %v %v", ok, err)
		}
		if _, found, err := bt.BadgeByCredential(ctx, "urn:x:1", "did:x"); err != nil || !found {
			t.Fatalf("the batch does not see its own insert: %v", err)
		}
		_, _, err := bt.InsertBadge(ctx, good(4), []byte("4"))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := db.CountBadges(ctx, ListQuery{}); n != 2 {
		t.Fatalf("%d badges after the batch, want 2", n)
	}
	db.WithBatch(ctx, func(bt *Batch) error {
		bt.InsertBadge(ctx, good(5), []byte("5"))
		return fmt.Errorf("stop")
	})
	if n, _ := db.CountBadges(ctx, ListQuery{}); n != 2 {
		t.Fatalf("%d badges after a failed batch, want 2", n)
	}
}

// TestSearchWords: a search matches the badges whose name, issuer or
// description contains every one of its words, in any order, any case —
// checked against the same rule written in Go over every badge.
func TestSearchWords(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	names := []string{"Contoso Certified: Cloud Fundamentals", "CL-303: Designing Cloud Solutions", "Kubernetes Admin", "Cloud Admin Associate", "Fundamentals of Go"}
	for i, n := range names {
		b := Badge{Name: n, IssuerName: []string{"Contoso Learning", "Acme"}[i%2], Container: "json", SpecVersion: "3.0",
			Added: time.Date(2024, 1, 1, i, 0, 0, 0, time.UTC), Acceptance: "accepted"}
		if _, _, err := db.InsertBadge(ctx, b, fmt.Appendf(nil, "w %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	for _, search := range []string{"contoso fund", "fund contoso", "cloud admin", "ADMIN cloud acme", "go fund", "cl 303", "cloud", "nothing here", "fund fund"} {
		var want []string
		for i, n := range names {
			text := strings.ToLower(n + " " + []string{"Contoso Learning", "Acme"}[i%2])
			all := true
			for _, w := range strings.Fields(strings.ToLower(search)) {
				all = all && strings.Contains(text, w)
			}
			if all {
				want = append(want, n)
			}
		}
		got, err := db.ListBadges(ctx, ListQuery{Search: search, Sort: "name"})
		if err != nil {
			t.Fatal(err)
		}
		var gotNames []string
		for _, b := range got {
			gotNames = append(gotNames, b.Name)
		}
		slices.SortFunc(want, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
		if !slices.Equal(gotNames, want) {
			t.Errorf("%q: got %q, want %q", search, gotNames, want)
		}
		if n, err := db.CountBadges(ctx, ListQuery{Search: search}); err != nil || n != len(want) {
			t.Errorf("%q: count %d %v, want %d", search, n, err, len(want))
		}
	}
}

// TestSearchFuzzy: with Fuzzy each word matches as a subsequence, in any
// case; LIKE's metacharacters in a word stay literal.
func TestSearchFuzzy(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	for i, n := range []string{"Contoso Certified: Cloud Fundamentals", "CL-303: Designing Cloud Solutions", "Kubernetes Admin", "100% effort_x"} {
		b := Badge{Name: n, IssuerName: "Contoso Learning", Container: "json", SpecVersion: "3.0",
			Added: time.Date(2024, 1, 1, i, 0, 0, 0, time.UTC), Acceptance: "accepted"}
		if _, _, err := db.InsertBadge(ctx, b, fmt.Appendf(nil, "f %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	for search, want := range map[string][]string{
		"ccf":        {"Contoso Certified: Cloud Fundamentals"},
		"CLDSG":      {"CL-303: Designing Cloud Solutions"},
		"kbrnts adm": {"Kubernetes Admin"},
		"cld":        {"CL-303: Designing Cloud Solutions", "Contoso Certified: Cloud Fundamentals"},
		"1%x":        {"100% effort_x"},
		"1_x":        {"100% effort_x"},
		"zzz":        nil,
	} {
		got, err := db.ListBadges(ctx, ListQuery{Search: search, Fuzzy: true, Sort: "name"})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, b := range got {
			names = append(names, b.Name)
		}
		if !slices.Equal(names, want) {
			t.Errorf("fuzzy %q: got %q, want %q", search, names, want)
		}
		if n, err := db.CountBadges(ctx, ListQuery{Search: search, Fuzzy: true}); err != nil || n != len(want) {
			t.Errorf("fuzzy count %q: %d %v", search, n, err)
		}
	}
	// "%" and "_" are letters to find, not wildcards: "1%x" does not match
	// a name without a "%".
	if got, _ := db.ListBadges(ctx, ListQuery{Search: "c%d", Fuzzy: true}); len(got) != 0 {
		t.Errorf("%% taken as a wildcard: %d rows", len(got))
	}
}
