package wallet

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestDemoMode(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "wallet.db")
	w, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if on, chosen, err := w.DemoMode(ctx); err != nil || on || chosen {
		t.Fatalf("new wallet: DemoMode = %v, %v, %v; want off and never chosen", on, chosen, err)
	}
	for _, want := range []bool{true, false, true} {
		if err := w.SetDemoMode(ctx, want); err != nil {
			t.Fatal(err)
		}
		if on, chosen, err := w.DemoMode(ctx); err != nil || on != want || !chosen {
			t.Errorf("after SetDemoMode(%v): %v, %v, %v", want, on, chosen, err)
		}
	}
	w.Close()
	w, err = Open(ctx, path) // kept in the file
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if on, chosen, err := w.DemoMode(ctx); err != nil || !on || !chosen {
		t.Errorf("reopened: DemoMode = %v, %v, %v; want on", on, chosen, err)
	}
}

func TestIssuersAndNotAddressed(t *testing.T) {
	ctx := context.Background()
	w, err := Open(ctx, filepath.Join(t.TempDir(), "wallet.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if is, err := w.Issuers(ctx); err != nil || len(is) != 0 {
		t.Fatalf("empty wallet: %v %v", is, err)
	}
	cred := func(n int, issuerID, issuerName, recipient string) []byte {
		return []byte(fmt.Sprintf(`{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],`+
			`"id":"urn:uuid:%d","type":["VerifiableCredential","OpenBadgeCredential"],"issuer":{"id":%q,"name":%q},`+
			`"validFrom":"2026-01-01T00:00:00Z","name":"x","credentialSubject":{"type":["AchievementSubject"],"identifier":[{"type":"IdentityObject","identityHash":%q,"identityType":"emailAddress","hashed":false}],"achievement":{"id":"urn:a%d","name":"Badge %d"}}}`,
			n, issuerID, issuerName, recipient, n, n))
	}
	for i, c := range []struct{ id, name string }{{"did:key:zB", "beta Academy"}, {"did:key:zA", "Alpha U"}, {"did:key:zB", "beta Academy"}} {
		if _, _, err := w.Add(ctx, cred(i, c.id, c.name, "x@example.org")); err != nil {
			t.Fatal(err)
		}
	}
	is, err := w.Issuers(ctx)
	want := []IssuerSummary{{"did:key:zA", "Alpha U", 1}, {"did:key:zB", "beta Academy", 2}}
	if err != nil || fmt.Sprint(is) != fmt.Sprint(want) {
		t.Fatalf("issuers %v %v, want %v", is, err, want)
	}
	// Badge 2 is to me, the others to someone else.
	if _, err := w.AddIdentity(ctx, "me@example.org", false); err != nil {
		t.Fatal(err)
	}
	if _, _, err := w.Add(ctx, cred(7, "did:key:zA", "Alpha U", "me@example.org")); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Refresh(ctx, 0, VerifyOptions{Offline: true}, nil); err != nil {
		t.Fatal(err)
	}
	ids, err := w.NotAddressed(ctx)
	if err != nil || len(ids) != 3 {
		t.Fatalf("not addressed %v %v, want the three to x@example.org", ids, err)
	}
	p, _ := w.List(ctx, ListOptions{Limit: 100})
	var want2 []int64
	for _, b := range p.Items {
		if b.NotAddressed {
			want2 = append(want2, b.ID)
		}
	}
	slices.Sort(want2)
	if fmt.Sprint(ids) != fmt.Sprint(want2) && !(len(ids) == 0 && len(want2) == 0) {
		t.Fatalf("not addressed %v, want %v", ids, want2)
	}
}

func TestProfileName(t *testing.T) {
	ctx := context.Background()
	w, err := Open(ctx, filepath.Join(t.TempDir(), "wallet.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if n, err := w.ProfileName(ctx); err != nil || n != "" {
		t.Fatalf("new wallet: %q %v", n, err)
	}
	if err := w.SetProfileName(ctx, "  Ada Lovelace "); err != nil {
		t.Fatal(err)
	}
	if n, _ := w.ProfileName(ctx); n != "Ada Lovelace" {
		t.Fatalf("name %q", n)
	}
	if err := w.SetProfileName(ctx, strings.Repeat("x", 201)); err == nil {
		t.Fatal("a 201-byte name was kept")
	}
}

// TestMergeIdentity: badges already in the wallet that were sent to a
// newly added address count as the holder's at once.
func TestMergeIdentity(t *testing.T) {
	ctx := context.Background()
	w, err := Open(ctx, filepath.Join(t.TempDir(), "wallet.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.AddIdentity(ctx, "me@example.org", false)
	for i, to := range []string{"old@example.org", "old@example.org", "someone@example.org"} {
		data := fmt.Sprintf(`{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],`+
			`"id":"urn:uuid:m%d","type":["VerifiableCredential","OpenBadgeCredential"],"issuer":{"id":"https://issuer.example","type":["Profile"],"name":"I"},`+
			`"validFrom":"2026-01-01T00:00:00Z","name":"x","credentialSubject":{"type":["AchievementSubject"],"identifier":[{"type":"IdentityObject","identityHash":%q,"identityType":"emailAddress","hashed":false}],"achievement":{"id":"urn:a%d","type":["Achievement"],"name":"B%d"}}}`, i, to, i, i)
		if _, _, err := w.Add(ctx, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.Refresh(ctx, 0, VerifyOptions{Offline: true}, nil); err != nil {
		t.Fatal(err)
	}
	if ids, _ := w.NotAddressed(ctx); len(ids) != 3 {
		t.Fatalf("before: %d not addressed, want 3", len(ids))
	}
	id, n, err := w.MergeIdentity(ctx, "Old@Example.org", VerifyOptions{Offline: true})
	if err != nil || n != 2 || id.Value != "old@example.org" {
		t.Fatalf("merge: %+v %d %v", id, n, err)
	}
	if ids, _ := w.NotAddressed(ctx); len(ids) != 1 {
		t.Fatalf("after: %d not addressed, want 1", len(ids))
	}
	if _, n, err := w.MergeIdentity(ctx, "old@example.org", VerifyOptions{Offline: true}); err != nil || n != 0 {
		t.Fatalf("again: %d %v", n, err)
	}
	if _, _, err := w.MergeIdentity(ctx, "not an address@", VerifyOptions{Offline: true}); err == nil {
		t.Fatal("a bad address merged")
	}
}
