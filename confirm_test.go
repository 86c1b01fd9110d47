package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"badgewallet/ui/demo"
	"badgewallet/wallet/openbadges"
)

// TestConfirmIdentityAndExport: identities confirm through the demo
// issuer's outbox (code sent, then confirmed, badges in); export of the
// original, the credential inside and the verification URL; --json on
// commands that change state.
func TestConfirmIdentityAndExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "wallet.db")
	cli := func(wantCode int, args ...string) string {
		t.Helper()
		code, out, errOut := runCLI(t, append([]string{"--db", db}, args...)...)
		if code != wantCode {
			t.Fatalf("%v: exit %d, want %d\n%s%s", args, code, wantCode, out, errOut)
		}
		return out + errOut
	}
	cli(0, "issuer", "init")
	cli(0, "issuer", "award", "demo@example.com", "cl-900")
	if out := cli(1, "identities", "confirm", "nobody@example.com"); !strings.Contains(out, "sent no claim link to nobody@example.com") {
		t.Fatalf("no link: %s", out)
	}
	var sent struct {
		Claim    string `json:"claim"`
		CodeSent bool   `json:"codeSent"`
	}
	if err := json.Unmarshal([]byte(cli(0, "identities", "confirm", "Demo@Example.com", "--json")), &sent); err != nil || !sent.CodeSent || !strings.Contains(sent.Claim, "/claim/") {
		t.Fatalf("code sent: %+v %v", sent, err)
	}
	if out := cli(1, "identities", "confirm", "demo@example.com", "--code", "000000x"); !strings.Contains(strings.ToLower(out), "code") {
		t.Fatalf("wrong code: %s", out)
	}
	code := regexp.MustCompile(`\b\d{6}\b`).FindString(cli(0, "issuer", "outbox", "--to", "demo@example.com"))
	var done struct {
		Confirmed bool `json:"confirmed"`
		Added     int  `json:"added"`
	}
	if err := json.Unmarshal([]byte(cli(0, "--json", "identities", "confirm", "demo@example.com", "--code", code)), &done); err != nil || !done.Confirmed || done.Added != 1 {
		t.Fatalf("confirmed: %+v %v", done, err)
	}
	if out := cli(0, "identities", "list"); !strings.Contains(out, "demo@example.com\tconfirmed") {
		t.Fatalf("list: %s", out)
	}
	// claim with no URL: the demo issuer's notifications to the holder's emails.
	if out := cli(0, "claim"); !strings.Contains(out, "to demo@example.com: Contoso Certified: Cloud Fundamentals from Contoso Learning") || !strings.Contains(out, "badgewallet claim http") {
		t.Fatalf("notifications: %s", out)
	}
	if out := cli(0, "claim", sent.Claim, "--email", "demo@example.com", "--json"); !strings.Contains(out, `"codeSent":true`) {
		t.Fatalf("claim --email --json: %s", out)
	}
	var notes []demo.Notification
	if err := json.Unmarshal([]byte(cli(0, "claim", "--json")), &notes); err != nil || len(notes) != 1 || notes[0].Claim != sent.Claim {
		t.Fatalf("notifications json: %+v %v", notes, err)
	}

	// Export: the original PNG byte for byte, the VC-JWT or JSON inside it,
	// and the verification URL once public.
	png := filepath.Join(dir, "b.png")
	cli(0, "export", "1", "-o", png)
	got, _ := os.ReadFile(png)
	if !bytes.HasPrefix(got, []byte("\x89PNG")) {
		t.Fatalf("original is not the PNG")
	}
	x, err := openbadges.Read(got)
	if err != nil {
		t.Fatal(err)
	}
	cred := filepath.Join(dir, "b.cred")
	if out := cli(0, "export", "1", "--as", "credential", "-o", cred, "--json"); !strings.Contains(out, `"bytes"`) {
		t.Fatalf("export json: %s", out)
	}
	inner, _ := os.ReadFile(cred)
	if !bytes.Equal(inner, x.Payload) {
		t.Fatalf("credential export differs from the baked payload")
	}
	if out := cli(1, "export", "1", "--as", "credential"); !strings.Contains(out, "-o badge-1.") {
		t.Fatalf("no -o: %s", out)
	}
	if out := cli(1, "export", "1", "--as", "pdf", "-o", cred); !strings.Contains(out, "original, credential, url or artwork") {
		t.Fatalf("bad --as: %s", out)
	}
	if out := cli(0, "--json", "accept", "1"); strings.TrimSpace(out) != `{"done":"accepted","id":1}` {
		t.Fatalf("accept --json: %s", out)
	}
	cli(0, "profile", "public")
	cli(0, "privacy", "1", "public")
	if out := cli(1, "export", "1", "--as", "url"); !strings.Contains(out, "badgewallet public-url URL") {
		t.Fatalf("url without base: %s", out)
	}
	cli(0, "public-url", "https://me.example/badges")
	if out := cli(0, "export", "1", "--as", "url"); !strings.HasPrefix(out, "http") {
		t.Fatalf("url: %s", out)
	}
	if out := cli(0, "export", "1", "--as", "url", "--json"); !strings.Contains(out, `"url":"http`) {
		t.Fatalf("url json: %s", out)
	}
}
