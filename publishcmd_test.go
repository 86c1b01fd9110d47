package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"badgewallet/issuer"
	"badgewallet/wallet"
	"badgewallet/wallet/publish"
)

// TestPublishRoundTrip: a demo badge is claimed, made public and
// published; its credential and baked image downloaded from the served
// site are byte for byte the wallet's, and the downloaded credential
// verifies with `badgewallet verify` on another wallet.
func TestPublishRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "wallet.db")
	cli := func(wantCode int, args ...string) string {
		t.Helper()
		code, out, errOut := runCLI(t, args...)
		if code != wantCode {
			t.Fatalf("%v: exit %d, want %d\n%s%s", args, code, wantCode, out, errOut)
		}
		return out + errOut
	}
	w1 := func(args ...string) string { t.Helper(); return cli(0, append([]string{"--db", db}, args...)...) }
	w1("issuer", "init")
	w1("issuer", "award", "demo@example.com", "cl-900")
	w1("identities", "confirm", "demo@example.com")
	code := regexp.MustCompile(`\b\d{6}\b`).FindString(w1("issuer", "outbox", "--to", "demo@example.com"))
	w1("identities", "confirm", "demo@example.com", "--code", code)
	w1("accept", "1")
	w1("privacy", "1", "public")
	w1("profile", "public")
	site := filepath.Join(dir, "site")
	var rep publish.Report
	if err := json.Unmarshal([]byte(w1("--json", "publish", "--out", site, "--base-url", "https://demo.example/badges", "--name", "Demo Learner")), &rep); err != nil || rep.Badges != 1 {
		t.Fatalf("publish: %+v %v", rep, err)
	}
	if out := w1("publish", "--out", site); !strings.Contains(out, "0 written") {
		t.Fatalf("publishing again wrote files: %s", out)
	}

	w, err := wallet.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	srv := httptest.NewServer(publish.Handler(w, ""))
	defer srv.Close()
	get := func(path string) []byte {
		t.Helper()
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			t.Fatalf("%s: %s", path, res.Status)
		}
		return b
	}
	png, cred := get("/badges/1/badge.png"), get("/badges/1/credential.json")
	orig := filepath.Join(dir, "orig.png")
	w1("export", "1", "-o", orig)
	if want, _ := os.ReadFile(orig); !bytes.Equal(png, want) {
		t.Fatal("the served image is not the original, byte for byte")
	}
	if want, _ := os.ReadFile(filepath.Join(site, "badges/1/credential.json")); !bytes.Equal(cred, want) {
		t.Fatal("the served credential is not the published one")
	}
	downloaded := filepath.Join(t.TempDir(), "credential.json")
	os.WriteFile(downloaded, cred, 0o600)
	// Another wallet (its own database; the demo issuer's status list is
	// answered in-process beside it, as the issuer's server would).
	other := filepath.Join(dir, "other.db")
	if out := cli(0, "--db", other, "verify", downloaded, "--recipient", "demo@example.com"); !strings.Contains(out, "verified") {
		t.Fatalf("verify: %s", out)
	}
	// A private badge is gone from the served site at once.
	w1("privacy", "1", "private")
	if res, err := http.Get(srv.URL + "/badges/1/credential.json"); err != nil || res.StatusCode != 404 {
		t.Fatalf("private badge served: %v %v", res.Status, err)
	}
}

// TestServeHandler: serve answers the profile, and in a demo the issuer's
// documents and claim links — the link in the notification resolves on
// the served address, in a browser as a page and for a wallet as JSON;
// a non-loopback address is refused without --public.
func TestServeHandler(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "wallet.db")
	if code, out, errOut := runCLI(t, "--db", db, "issuer", "init"); code != 0 {
		t.Fatal(out, errOut)
	}
	ctx := context.Background()
	is, err := issuer.Open(ctx, dir, issuer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer is.Close()
	res, err := is.Award(ctx, "demo@example.com", "cl-900", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	link := res.Awarded[0].ClaimURL
	if !strings.HasPrefix(link, "http://127.0.0.1:8080/issuer/claim/") {
		t.Fatalf("the demo's claim link %q is not on serve's default address", link)
	}
	w, err := wallet.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	srv := httptest.NewServer(serveHandler(w, is))
	defer srv.Close()
	local := srv.URL + strings.TrimPrefix(link, "http://127.0.0.1:8080")
	for _, c := range []struct{ url, accept, ctype string }{
		{srv.URL + "/", "", "text/html"},
		{srv.URL + "/style.css", "", "text/css"},
		{srv.URL + "/issuer/status/1", "", "application/vc+ld+json"},
		{local, "application/json", "application/json"},
		{local, "text/html", "text/html"},
	} {
		req, _ := http.NewRequest("GET", c.url, nil)
		if c.accept != "" {
			req.Header.Set("Accept", c.accept)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), c.ctype) {
			t.Errorf("%s (%s): %v %v", c.url, c.accept, err, resp)
		}
	}
	if code, _, errOut := runCLI(t, "--db", db, "serve", "--addr", "0.0.0.0:0"); code != 1 || !strings.Contains(errOut, "not a loopback address") {
		t.Fatalf("serve on 0.0.0.0: exit %d %s", code, errOut)
	}
	// Without the issuer, /issuer/ is not served.
	plain := httptest.NewServer(serveHandler(w, nil))
	defer plain.Close()
	if resp, err := http.Get(plain.URL + "/issuer/status/1"); err != nil || resp.StatusCode != 404 {
		t.Fatalf("issuer served without demo: %v %v", err, resp)
	}
}

// TestCheckServeAddr: serve listens on loopback only, unless --public;
// an address that is not host:port says what is expected.
func TestCheckServeAddr(t *testing.T) {
	for _, c := range []struct {
		addr   string
		public bool
		want   string // "" no error
	}{
		{"127.0.0.1:8080", false, ""},
		{"[::1]:8080", false, ""},
		{"localhost:8080", false, ""},
		{"0.0.0.0:8080", false, "not a loopback address"},
		{":8080", false, "not a loopback address"},
		{"example.com:80", false, "not a loopback address"},
		{"0.0.0.0:8080", true, ""},
		{"8080", false, "not host:port (like 127.0.0.1:8080)"},
	} {
		err := checkServeAddr(c.addr, c.public)
		if (c.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.want)) {
			t.Errorf("checkServeAddr(%q, %v) = %v, want %q", c.addr, c.public, err, c.want)
		}
	}
}

// TestPublishBadBaseURL: a wrong --base-url names the flag.
func TestPublishBadBaseURL(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCLI(t, "--db", filepath.Join(dir, "wallet.db"), "publish", "--out", filepath.Join(dir, "site"), "--base-url", "ftp://x.example")
	if code == 0 || !strings.Contains(errOut, "--base-url") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
}
