package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"badgewallet/internal/fixtures"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestInspectBadFiles: every broken input gets one specific line on
// stderr and exit status 1, never a panic or a stack trace.
func TestInspectBadFiles(t *testing.T) {
	dir := t.TempDir()
	png := fixtures.Read(t, "fixtures/1edtech-validator/ob30/simple-json.png")
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	badCRC := bytes.Clone(png)
	badCRC[42] ^= 0xff // inside the data of the chunk after IHDR (gAMA)
	random := make([]byte, 4096)
	rand.Read(random)
	random[0] = 0x01 // never a valid signature by chance
	big := make([]byte, 20<<20)

	tests := []struct {
		name, file, want string
	}{
		{"truncated PNG", write("truncated.png", png[:len(png)/2]), "truncated"},
		{"bad CRC", write("crc.png", badCRC), "CRC mismatch"},
		{"no badge data", fixtures.Path(t, "fixtures/bakery/mozilla/unbaked.png"), "not a baked badge"},
		{"SVG with DOCTYPE entities", write("entity.svg", []byte(`<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&lol2;</text></svg>`)), "DOCTYPE with entities"},
		{"20 MiB file", write("big.png", big), "20.0 MiB, limit 16.0 MiB"},
		{"random bytes", write("random.bin", random), "not a badge"},
		{"empty file", write("empty.json", nil), "empty"},
		{"missing file", filepath.Join(dir, "nope.png"), "no such file"},
		{"directory", dir, "is a directory"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "inspect", tc.file)
			if code != 1 {
				t.Fatalf("exit %d, want 1 (stderr %q)", code, errOut)
			}
			if out != "" {
				t.Fatalf("stdout not empty: %q", out)
			}
			lines := strings.Split(strings.TrimRight(errOut, "\n"), "\n")
			if len(lines) != 1 || !strings.Contains(errOut, tc.want) || !strings.HasPrefix(errOut, "badgewallet: inspect ") {
				t.Fatalf("stderr %q: want one line containing %q", errOut, tc.want)
			}
			if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "panic") {
				t.Fatalf("stack trace: %s", errOut)
			}
		})
	}
}

func TestInspectGoodFiles(t *testing.T) {
	files := []string{
		"fixtures/1edtech-validator/ob30/simple-json.png",
		"fixtures/1edtech-validator/ob30/simple-jwt.svg",
		"fixtures/1edtech-validator/ob20/simple.jwt",
		"fixtures/1edtech-validator/ob20/basic-assertion.json",
		"fixtures/bakery/concentricsky/baked_example.svg",
	}
	var paths []string
	for _, f := range files {
		paths = append(paths, fixtures.Path(t, f))
	}
	code, out, errOut := runCLI(t, append([]string{"inspect"}, paths...)...)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{"PNG, baked OB 3.0", "Teamwork", "Example Corp", "VC-JWT", "signed JWS", "Open Badges 1.x Assertion", "sha256$"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	code, out, _ = runCLI(t, "inspect", "--json", paths[0], paths[2])
	if code != 0 {
		t.Fatalf("--json exit %d", code)
	}
	dec := json.NewDecoder(strings.NewReader(out))
	for i := range 2 {
		var r struct {
			Container string          `json:"container"`
			Badge     map[string]any  `json:"badge"`
			Payload   json.RawMessage `json:"payload"`
		}
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("object %d: %v", i, err)
		}
		if r.Badge["name"] == nil && r.Badge["achievementId"] == nil || len(r.Payload) == 0 {
			t.Fatalf("object %d incomplete: %+v", i, r)
		}
	}
}

// TestInspectMixed: good files still print when one fails; exit 1.
func TestInspectMixed(t *testing.T) {
	code, out, errOut := runCLI(t, "inspect", fixtures.Path(t, "fixtures/1edtech-validator/ob30/simple-json.png"), fixtures.Path(t, "fixtures/bakery/mozilla/unbaked.png"))
	if code != 1 || !strings.Contains(out, "Teamwork") || strings.Count(errOut, "\n") != 1 {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
}

// TestInspectSanitizes: escape sequences in a badge never reach the
// terminal.
func TestInspectSanitizes(t *testing.T) {
	cred := `{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],` +
		`"id":"urn:uuid:1","type":["VerifiableCredential","OpenBadgeCredential"],"issuer":{"id":"did:key:z6Mk","name":"Evil\u001b]0;pwned\u0007 Corp"},` +
		`"validFrom":"2026-01-01T00:00:00Z","name":"x","credentialSubject":{"type":["AchievementSubject"],"achievement":{"id":"urn:a","name":"\u001b[2J\u001b[31mRed\rBell\u0007\u202eName"}}}`
	p := filepath.Join(t.TempDir(), "evil.json")
	os.WriteFile(p, []byte(cred), 0o600)
	code, out, _ := runCLI(t, "inspect", p)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if strings.ContainsAny(out, "\x1b\x07\r\u202e") {
		t.Fatalf("control characters reached the output: %q", out)
	}
	if !strings.Contains(out, "Red Bell") || !strings.Contains(out, "Evil Corp") {
		t.Fatalf("text lost: %q", out)
	}
}

func TestUnknownCommand(t *testing.T) {
	code, _, errOut := runCLI(t, "frobnicate")
	if code != 1 || !strings.Contains(errOut, "unknown") {
		t.Fatalf("exit %d stderr %q", code, errOut)
	}
}

func TestVerifyCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.db")
	good := fixtures.Path(t, "fixtures/1edtech-validator/ob30/simple-json.png")
	code, out, errOut := runCLI(t, "--db", db, "verify", "--offline", good)
	if code != 0 || !strings.Contains(out, "✔ verified") || !strings.Contains(out, "Proof") || errOut != "" {
		t.Fatalf("good: exit %d\n%s\n%s", code, out, errOut)
	}
	tampered := fixtures.Path(t, "fixtures/dcc/verifiableCredentials/v2/ed25519/didKey/legacy-noStatus-noExpiry-tampered.json")
	hosted := fixtures.Path(t, "fixtures/1edtech-validator/ob20/basic-assertion.json")
	code, out, _ = runCLI(t, "--db", db, "verify", "--offline", good, tampered, hosted)
	if code != 1 || !strings.Contains(out, "✖ invalid") || !strings.Contains(out, "could not be verified without the network") {
		t.Fatalf("mixed: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "--db", db, "verify", "--offline", "--json", good, tampered)
	dec := json.NewDecoder(strings.NewReader(out))
	var verdicts []string
	for dec.More() {
		var r struct {
			File    string `json:"file"`
			Verdict string `json:"verdict"`
			Checks  []struct {
				Check   string `json:"check"`
				Outcome string `json:"outcome"`
				Message string `json:"message"`
			} `json:"checks"`
		}
		if err := dec.Decode(&r); err != nil {
			t.Fatal(err)
		}
		if len(r.Checks) < 4 || r.File == "" {
			t.Fatalf("incomplete JSON report: %+v", r)
		}
		verdicts = append(verdicts, r.Verdict)
	}
	if code != 1 || strings.Join(verdicts, ",") != "verified,invalid" {
		t.Fatalf("--json: exit %d verdicts %v", code, verdicts)
	}
	// The recipient check: the 1EdTech complete.json names student@1edtech.edu.
	complete := fixtures.Path(t, "fixtures/1edtech-validator/ob30/simple.json")
	_, out, _ = runCLI(t, "--db", db, "verify", "--offline", "--recipient", "someone@example.com", complete)
	if !strings.Contains(out, "Recipient") {
		t.Fatalf("recipient line missing:\n%s", out)
	}
}

func TestIssuerCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.db")
	code, out, errOut := runCLI(t, "--db", db, "issuer", "init")
	if code != 0 || !strings.Contains(out, "did:key:z6Mk") || strings.Contains(out, "PRIVATE") {
		t.Fatalf("init: %d %s %s", code, out, errOut)
	}
	code, out, _ = runCLI(t, "--db", db, "issuer", "catalog")
	if code != 0 || !strings.Contains(out, "legacy: awards no badge") || !strings.Contains(out, "retired 30 Jun 2024") {
		t.Fatalf("catalog: %s", out)
	}
	code, out, _ = runCLI(t, "--db", db, "issuer", "award", "demo@example.com", "cl-900", "--date", "2026-03-14")
	if code != 0 || !strings.Contains(out, "Awarded Contoso Certified: Cloud Fundamentals") || !strings.Contains(out, "/claim/") {
		t.Fatalf("award: %s", out)
	}
	cred := regexp.MustCompile(`urn:uuid:[0-9a-f-]{36}`).FindString(out)
	code, _, errOut = runCLI(t, "--db", db, "issuer", "award", "demo@example.com", "cl-010")
	if code != 1 || !strings.Contains(errOut, "legacy exam: it awards no badge") {
		t.Fatalf("legacy: %d %s", code, errOut)
	}
	code, out, _ = runCLI(t, "--db", db, "issuer", "outbox", "--to", "Demo@Example.com")
	if code != 0 || !strings.Contains(out, "You earned a badge") {
		t.Fatalf("outbox: %s", out)
	}
	csvPath := filepath.Join(t.TempDir(), "a.csv")
	os.WriteFile(csvPath, []byte("email,achievement\nann@example.org,cl-303\nbad,cl-900\n"), 0o600)
	code, out, _ = runCLI(t, "--db", db, "issuer", "award-csv", csvPath)
	if code != 1 || !strings.Contains(out, "row 2: ann@example.org: CL-303") || !strings.Contains(out, "row 3: bad:") || !strings.Contains(out, "2 rows: 1 badges issued, 1 rows failed") {
		t.Fatalf("award-csv: %d %s", code, out)
	}
	code, out, _ = runCLI(t, "--db", db, "issuer", "revoke", cred, "issued in error")
	if code != 0 || !strings.Contains(out, "Revoked") {
		t.Fatalf("revoke: %d %s", code, out)
	}
	code, _, errOut = runCLI(t, "--db", db, "issuer", "serve", "--addr", "0.0.0.0:0")
	if code != 1 || !strings.Contains(errOut, "--public") {
		t.Fatalf("serve on all interfaces without --public: %d %s", code, errOut)
	}
}
