package verify_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"badgewallet/internal/fixtures"
	"badgewallet/wallet/openbadges/fetch"
	"badgewallet/wallet/openbadges/verify"
)

// clock is the date the expected verdicts are judged at.
var clock = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

// disagreements are rows where badgewallet's verdict differs from
// expected.tsv, each with the reason. They are asserted to disagree in
// exactly the documented way, so a change in either shows up.
var disagreements = map[string]struct {
	verdict verify.Verdict
	check   verify.CheckName
	why     string
}{
	// Served.
	"served:fixtures/dcc/verifiableCredentials/v1/dataIntegrityProof/didKey/mixedRegistry-validStatus-noExpiry.svg": {verify.Invalid, verify.CheckStructure,
		"its QR code decodes to https://qr.codes/J1wDKT (a link shortener), not to the sibling JSON's URL that the row presumes ('presumably the same URL as the sibling PNG ... content not decoded here'); that URL is not in the corpus, so the served fetch answers 404"},
	"served:fixtures/1edtech-validator/ob20/assertion-with-extension-node-invalid.json": {verify.Verified, "",
		"the verdict depends on the exampleExtension JSON Schema (https://openbadgespec.org/extensions/exampleExtension/schema.json), which the corpus does not include; the corpus README: 'JSON Schema checks ... are not part of the verdict: no schema is in this folder'"},
}

// want maps an expected.tsv verdict to the report verdict and, for
// failures, the check that must have decided it.
func want(verdict string) (verify.Verdict, verify.CheckName) {
	switch verdict {
	case "valid":
		return verify.Verified, ""
	case "invalid-structure", "not-baked":
		return verify.Invalid, verify.CheckStructure
	case "invalid-proof":
		return verify.Invalid, verify.CheckProof
	case "invalid-status":
		return verify.Invalid, verify.CheckStatus
	case "expired":
		return verify.Expired, verify.CheckValidity
	case "not-yet-valid":
		return verify.NotYetValid, verify.CheckValidity
	case "revoked":
		return verify.Revoked, verify.CheckStatus
	case "needs-network":
		return verify.UnverifiableOffline, ""
	}
	return "", ""
}

func checkVerdict(t *testing.T, r *verify.Report, verdict string) {
	t.Helper()
	wv, wc := want(verdict)
	if wv == "" {
		t.Fatalf("no mapping for verdict %q", verdict)
	}
	dump := func() string {
		var b strings.Builder
		for _, c := range r.Checks {
			b.WriteString("\n  " + string(c.Name) + " " + string(c.Outcome) + ": " + c.Message)
		}
		return b.String()
	}
	if r.Verdict != wv {
		t.Fatalf("verdict %s, want %s (%s)%s", r.Verdict, wv, verdict, dump())
	}
	if wc != "" {
		c, ok := r.Failed()
		if !ok || c.Name != wc {
			t.Fatalf("decided by %q, want the %s check%s", c.Name, wc, dump())
		}
		if c.Message == "" {
			t.Fatal("failure without a message")
		}
	}
}

func checkDisagreement(t *testing.T, r *verify.Report, v verify.Verdict, c verify.CheckName, why string) {
	t.Helper()
	if r.Verdict != v {
		t.Fatalf("documented disagreement changed: verdict %s, documented %s (%s)", r.Verdict, v, why)
	}
	if c != "" {
		if f, _ := r.Failed(); f.Name != c {
			t.Fatalf("documented disagreement changed: decided by %q, documented %q", f.Name, c)
		}
	}
	t.Logf("documented disagreement: %s", why)
}

// TestCorpusOffline: every non-support row gets its verdict with the
// network off.
func TestCorpusOffline(t *testing.T) {
	v, err := verify.New(verify.Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, row := range fixtures.Rows(t) {
		if row.Verdict == "support" {
			continue
		}
		t.Run(row.Path, func(t *testing.T) {
			r := v.Verify(context.Background(), fixtures.Read(t, row.Path))
			if d, ok := disagreements[row.Path]; ok {
				checkDisagreement(t, r, d.verdict, d.check, d.why)
				n["documented disagreement"]++
				return
			}
			checkVerdict(t, r, row.Verdict)
			n[row.Verdict]++
		})
	}
	t.Logf("offline verdicts matched: %v", n)
}

// served parses a row's network column: URL → absolute file path, or
// ok=false when some URL is not served by the corpus. A URL that serves
// another corpus file brings that file's own network entries along (a QR
// code's row says "plus whatever the JSON itself needs (see its row)").
func served(t *testing.T, row fixtures.Row, byPath map[string]fixtures.Row) (map[string]string, bool) {
	files := map[string]string{}
	return files, addServed(t, row, byPath, files, 0)
}

func addServed(t *testing.T, row fixtures.Row, byPath map[string]fixtures.Row, files map[string]string, depth int) bool {
	if row.Network == "-" || row.Network == "" {
		return true
	}
	for _, e := range strings.Split(row.Network, " ; ") {
		u, target, found := strings.Cut(e, " -> ")
		if !found {
			return false
		}
		switch {
		case strings.HasPrefix(target, "the input itself"):
			files[u] = fixtures.Path(t, row.Path)
		case strings.HasPrefix(target, "fixtures/"):
			rel := target // a path may hold a space; a note follows as " (…)"
			if i := strings.Index(rel, " ("); i > 0 {
				rel = rel[:i]
			}
			files[u] = fixtures.Path(t, rel)
			if next, ok := byPath[rel]; ok && depth < 2 && next.Path != row.Path {
				if !addServed(t, next, byPath, files, depth+1) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// fileServer answers every request with the file named in X-File, over
// real HTTP on loopback.
func fileServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.Header.Get("X-File")
		if p == "" {
			http.NotFound(w, r)
			return
		}
		b, err := os.ReadFile(p)
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(b)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// rowTransport sends every request to the loopback file server, naming
// the corpus file that stands for the requested URL.
type rowTransport struct {
	srv   string
	files map[string]string
}

func (rt rowTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	u := *req.URL
	u.Fragment = ""
	file, ok := rt.files[u.String()]
	if !ok { // the corpus writes URLs unescaped (one has a space)
		if un, err := url.PathUnescape(u.String()); err == nil {
			file = rt.files[un]
		}
	}
	out := req.Clone(req.Context())
	out.URL, _ = out.URL.Parse(rt.srv + "/serve")
	out.Host = ""
	out.Header.Set("X-File", file)
	return http.DefaultTransport.RoundTrip(out)
}

// TestCorpusServed: needs-network rows whose URLs all map to local files
// are served over loopback through the injected fetcher and get their
// verdict_if_served.
func TestCorpusServed(t *testing.T) {
	srv := fileServer(t)
	n := map[string]int{}
	rows := fixtures.Rows(t)
	byPath := map[string]fixtures.Row{}
	for _, row := range rows {
		byPath[row.Path] = row
	}
	for _, row := range rows {
		if row.Verdict != "needs-network" {
			continue
		}
		files, ok := served(t, row, byPath)
		if !ok {
			n["not served (a URL the corpus does not hold)"]++
			continue
		}
		if row.VerdictIfServed == "undetermined" {
			n["undetermined (not asserted)"]++
			continue
		}
		t.Run(row.Path, func(t *testing.T) {
			f := fetch.NewHTTP(fetch.WithTransport(rowTransport{srv: srv.URL, files: files}))
			v, err := verify.New(verify.Options{Fetcher: f, Now: func() time.Time { return clock }})
			if err != nil {
				t.Fatal(err)
			}
			r := v.Verify(context.Background(), fixtures.Read(t, row.Path))
			if d, ok := disagreements["served:"+row.Path]; ok {
				checkDisagreement(t, r, d.verdict, d.check, d.why)
				n["documented disagreement"]++
				return
			}
			checkVerdict(t, r, row.VerdictIfServed)
			n[row.VerdictIfServed]++
		})
	}
	t.Logf("served verdicts matched: %v", n)
}
