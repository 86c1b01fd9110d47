package publish

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"badgewallet/internal/fixtures"
	"badgewallet/wallet"
	"badgewallet/wallet/openbadges/bakery"
)

const base = "https://ada.example/badges"

var testDay = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

// newWallet opens a wallet holding files, accepted, the profile public
// and the base URL set.
func newWallet(t testing.TB, files ...string) *wallet.Wallet {
	t.Helper()
	ctx := context.Background()
	w, err := wallet.Open(ctx, filepath.Join(t.TempDir(), "wallet.db"), wallet.WithClock(func() time.Time { return testDay }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	for _, f := range files {
		s, _, err := w.Add(ctx, fixtures.Read(t, f))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if err := w.Accept(ctx, s.ID); err != nil {
			t.Fatal(err)
		}
	}
	for _, err := range []error{w.SetProfilePublic(ctx, true), w.SetBaseURL(ctx, base), w.SetProfileName(ctx, "Ada")} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return w
}

// credential is an OB 3.0 credential (unsigned: it lists, it does not
// verify) named name, with hostile strings where given.
func credential(n int, name, issuer, criteria, evidenceURL string) []byte {
	q := func(s string) string { b, _ := jsonString(s); return b }
	return []byte(fmt.Sprintf(`{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],`+
		`"id":"urn:uuid:%d","type":["VerifiableCredential","OpenBadgeCredential"],"issuer":{"id":"https://issuer.example/%d","type":["Profile"],"name":%s},`+
		`"validFrom":"2026-01-01T00:00:00Z","name":%s,"credentialSubject":{"type":["AchievementSubject"],"achievement":{"id":"urn:a%d","type":["Achievement"],"name":%s,"description":%s,"criteria":{"narrative":%s}}},`+
		`"evidence":[{"id":%s,"type":["Evidence"],"name":%s}]}`,
		n, n, q(issuer), q(name), n, q(name), q("About "+name), q(criteria), q(evidenceURL), q("Evidence of "+name)))
}

func add(t testing.TB, w *wallet.Wallet, data []byte, public bool) int64 {
	t.Helper()
	ctx := context.Background()
	s, _, err := w.Add(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Accept(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	if err := w.SetPrivacy(ctx, s.ID, public); err != nil {
		t.Fatal(err)
	}
	return s.ID
}

func publish(t testing.TB, w *wallet.Wallet, dir string) Report {
	t.Helper()
	s, err := Open(context.Background(), w, "")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.Publish(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func read(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPublishSite(t *testing.T) {
	ctx := context.Background()
	w := newWallet(t, "fixtures/1edtech-validator/ob30/simple-json.png", "fixtures/1edtech-validator/ob30/complete.json",
		"fixtures/1edtech-validator/ob20/basic-assertion.json")
	// The PNG public, the JSON private, the hosted OB 2.0 assertion public
	// (it holds no credential of its own: the file as received is linked).
	for _, id := range []int64{1, 3} {
		if err := w.SetPrivacy(ctx, id, true); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.Refresh(ctx, 1, wallet.VerifyOptions{Offline: true}, nil); err != nil { // a report to show
		t.Fatal(err)
	}
	dir := t.TempDir()
	rep := publish(t, w, dir)
	if rep.Badges != 2 || rep.Private || rep.Written != rep.Files || rep.Removed != 0 {
		t.Fatalf("report %+v", rep)
	}
	orig, _ := w.Original(ctx, 1)
	if got, _ := os.ReadFile(filepath.Join(dir, "badges/1/badge.png")); !bytes.Equal(got, orig) {
		t.Fatal("the published image is not the original, byte for byte")
	}
	cred, _ := w.Export(ctx, 1, wallet.ExportCredential)
	if got, _ := os.ReadFile(filepath.Join(dir, "badges/1/credential"+cred.Ext)); !bytes.Equal(got, cred.Data) {
		t.Fatal("the published credential is not the one in the badge")
	}
	page := read(t, filepath.Join(dir, "badges/1/index.html"))
	for _, want := range []string{
		`<meta property="og:title" content="`,
		`<meta property="og:image" content="` + base + `/badges/1/badge.png">`,
		`<meta property="og:url" content="` + base + `/badges/1/">`,
		`<meta name="twitter:card" content="summary_large_image">`,
		`Verify it yourself`, `badgewallet verify credential` + cred.Ext, `href="../../style.css"`,
		`checked by the owner's wallet on 25 November 2026`, `structure</span>:`, `proof</span>:`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("badge page lacks %q", want)
		}
	}
	index := read(t, filepath.Join(dir, "index.html"))
	if raw, _ := w.Original(ctx, 3); read(t, filepath.Join(dir, "badges/3/credential.json")) != string(raw) {
		t.Fatal("the hosted assertion is not published as received")
	}
	if !strings.Contains(index, "Ada&#39;s badges") || !strings.Contains(index, `href="badges/1/"`) || strings.Contains(index, "badges/2/") {
		t.Errorf("index:\n%s", index)
	}
	if _, err := os.Stat(filepath.Join(dir, "badges/2")); err == nil {
		t.Fatal("the private badge was published")
	}
}

// TestPublishIncremental: publishing again writes nothing; one change
// rewrites only what it touches; a badge made private disappears.
func TestPublishIncremental(t *testing.T) {
	ctx := context.Background()
	w := newWallet(t)
	for i := range 5 {
		add(t, w, credential(i, fmt.Sprintf("Badge %d", i), "Acme", "Do the thing.", "https://ev.example/"+fmt.Sprint(i)), true)
	}
	dir := t.TempDir()
	first := publish(t, w, dir)
	if first.Badges != 5 || first.Written != first.Files {
		t.Fatalf("first %+v", first)
	}
	again := publish(t, w, dir)
	if again.Written != 0 || again.Unchanged != first.Files || again.Removed != 0 {
		t.Fatalf("again %+v", again)
	}
	if err := w.SetPrivacy(ctx, 3, false); err != nil {
		t.Fatal(err)
	}
	after := publish(t, w, dir)
	// index.html changes; badge 3's page and credential go.
	if after.Written != 1 || after.Removed != 2 || after.Badges != 4 {
		t.Fatalf("after one change %+v", after)
	}
	if _, err := os.Stat(filepath.Join(dir, "badges/3")); err == nil {
		t.Fatal("badge 3's folder stays")
	}
	// A file of the user's own in the folder is never touched.
	os.WriteFile(filepath.Join(dir, "CNAME"), []byte("ada.example"), 0o644)
	if err := w.SetProfilePublic(ctx, false); err != nil {
		t.Fatal(err)
	}
	priv := publish(t, w, dir)
	if !priv.Private || priv.Badges != 0 || !strings.Contains(read(t, filepath.Join(dir, "index.html")), "This profile is private") {
		t.Fatalf("private %+v", priv)
	}
	if _, err := os.Stat(filepath.Join(dir, "badges")); err == nil {
		t.Fatal("badges stay on a private profile's site")
	}
	if read(t, filepath.Join(dir, "CNAME")) != "ada.example" {
		t.Fatal("a file Publish did not write was changed")
	}
}

// TestPublishHostile: strings with markup, script, javascript: links and
// terminal escapes are published as harmless text.
func TestPublishHostile(t *testing.T) {
	w := newWallet(t)
	name := `<script>window.pwned=1</script>"><img src=x onerror=alert(1)>` + "\x1b[31mred\a"
	add(t, w, credential(1, name, `Evil"><script>alert(2)</script>`, "Click [here](javascript:alert(3)) or <b onmouseover=alert(4)>", "javascript:alert(5)"), true)
	dir := t.TempDir()
	publish(t, w, dir)
	for _, f := range []string{"index.html", "badges/1/index.html"} {
		page := strings.ToLower(read(t, filepath.Join(dir, f)))
		for _, bad := range []string{"<script", "<img src=x", "\x1b", "\a"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s holds %q", f, bad)
			}
		}
		// Parsed as a browser does: no script element, no event handler
		// attribute, no javascript: URL (as text they are harmless).
		z := html.NewTokenizer(strings.NewReader(page))
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			tok := z.Token()
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			if tok.Data == "script" || tok.Data == "iframe" || tok.Data == "object" {
				t.Errorf("%s: a <%s> element", f, tok.Data)
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(a.Key, "on") || (slices.Contains([]string{"href", "src", "action"}, a.Key) && strings.HasPrefix(strings.TrimSpace(a.Val), "javascript:")) {
					t.Errorf("%s: <%s %s=%q>", f, tok.Data, a.Key, a.Val)
				}
			}
		}
		if !strings.Contains(page, "&lt;script&gt;window.pwned=1&lt;/script&gt;") {
			t.Errorf("%s does not show the name as text", f)
		}
	}
}

// TestPrivateNeverPublished is a property test: for random wallets and
// privacy settings, no private (or not accepted) badge's id, name or file
// appears anywhere in the published folder.
func TestPrivateNeverPublished(t *testing.T) {
	ctx := context.Background()
	for seed := range uint64(12) {
		r := rand.New(rand.NewPCG(seed, 7))
		w := newWallet(t)
		if r.IntN(4) == 0 {
			w.SetProfilePublic(ctx, false)
		}
		profilePublic, _ := w.ProfilePublic(ctx)
		type kept struct {
			id     int64
			name   string
			data   []byte
			public bool
		}
		var all []kept
		for i := range 3 + r.IntN(8) {
			name := fmt.Sprintf("SECRET%d-%d", seed, i)
			data := credential(int(seed)*100+i, name, "Issuer "+name, "Criteria of "+name, "https://ev.example/"+name)
			public := r.IntN(2) == 0
			id := add(t, w, data, public)
			switch r.IntN(4) {
			case 0:
				w.Reject(ctx, id)
				public = false
			case 1:
				w.RestoreRejected(ctx, id) // back to pending only if rejected: a no-op error otherwise
			}
			d, _ := w.Badge(ctx, id)
			all = append(all, kept{id, name, data, public && d.Acceptance == "accepted" && profilePublic})
		}
		dir := t.TempDir()
		publish(t, w, dir)
		// Publish again after flipping some, as a user would.
		for i := range all {
			if r.IntN(3) == 0 {
				all[i].public = !all[i].public
				w.SetPrivacy(ctx, all[i].id, all[i].public)
				d, _ := w.Badge(ctx, all[i].id)
				all[i].public = all[i].public && d.Acceptance == "accepted" && profilePublic
			}
		}
		publish(t, w, dir)
		var site [][]byte
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				b, _ := os.ReadFile(p)
				site = append(site, append([]byte(p+"\n"), b...))
			}
			return nil
		})
		joined := bytes.Join(site, []byte{0})
		for _, k := range all {
			inDir := bytes.Contains(joined, []byte(filepath.Join(dir, "badges", fmt.Sprint(k.id))+"/"))
			hasName := bytes.Contains(joined, []byte(k.name+"\"")) || bytes.Contains(joined, []byte(k.name+"<")) || bytes.Contains(joined, []byte(k.name+" "))
			hasFile := bytes.Contains(joined, k.data)
			if !k.public && (inDir || hasName || hasFile) {
				t.Fatalf("seed %d: private badge %d (%s) published: folder %v name %v file %v", seed, k.id, k.name, inDir, hasName, hasFile)
			}
			if k.public && (!inDir || !hasFile) {
				t.Fatalf("seed %d: public badge %d missing: folder %v file %v", seed, k.id, inDir, hasFile)
			}
		}
	}
}

// TestPublishStaysInside: an edited manifest never makes Publish remove a
// file that is not one of a site's (outside the folder or the user's own
// inside it), and a symbolic link in the folder never leads a write out.
func TestPublishStaysInside(t *testing.T) {
	ctx := context.Background()
	w := newWallet(t)
	add(t, w, credential(1, "One", "Acme", "Do it.", "https://ev.example/1"), true)
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	publish(t, w, dir)
	outside := filepath.Join(parent, "outside.txt")
	os.WriteFile(outside, []byte("keep"), 0o644)
	os.WriteFile(filepath.Join(dir, "CNAME"), []byte("ada.example"), 0o644)
	os.MkdirAll(filepath.Join(dir, ".git"), 0o755)
	os.WriteFile(filepath.Join(dir, ".git", "config"), []byte("keep"), 0o644)
	m := `{"format":"badgewallet-site/1","files":{"../outside.txt":"x","CNAME":"x",".git/config":"x","` + outside + `":"x","badges/1/../../CNAME":"x","index.html":"x"}}`
	os.WriteFile(filepath.Join(dir, manifestName), []byte(m), 0o644)
	if err := w.SetProfilePublic(ctx, false); err != nil {
		t.Fatal(err)
	}
	publish(t, w, dir)
	for _, p := range []string{outside, filepath.Join(dir, "CNAME"), filepath.Join(dir, ".git", "config")} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", p, err)
		}
	}

	// badges/ a link to a folder elsewhere: an error, nothing written there.
	if err := w.SetProfilePublic(ctx, true); err != nil {
		t.Fatal(err)
	}
	elsewhere := t.TempDir()
	os.RemoveAll(filepath.Join(dir, "badges"))
	if err := os.Symlink(elsewhere, filepath.Join(dir, "badges")); err != nil {
		t.Skip(err)
	}
	s, err := Open(ctx, w, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Publish(ctx, dir); err == nil || !strings.Contains(err.Error(), dir) {
		t.Fatalf("publish through a link out of the folder: %v", err)
	}
	if ents, _ := os.ReadDir(elsewhere); len(ents) != 0 {
		t.Fatalf("publish wrote outside its folder: %v", ents)
	}
}

// TestPublishFailureKeepsTrack: a publish that fails part way still lists
// what it wrote, so a badge made private afterwards is removed by the
// next publish.
func TestPublishFailureKeepsTrack(t *testing.T) {
	ctx := context.Background()
	w := newWallet(t)
	add(t, w, credential(1, "One", "Acme", "Do it.", "https://ev.example/1"), true)
	dir := t.TempDir()
	publish(t, w, dir)
	id := add(t, w, credential(2, "Two", "Acme", "Do it.", "https://ev.example/2"), true)
	// index.html is written last; a folder in its place makes it fail.
	index := filepath.Join(dir, "index.html")
	os.Remove(index)
	os.MkdirAll(filepath.Join(index, "x"), 0o755)
	s, err := Open(ctx, w, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Publish(ctx, dir); err == nil || !strings.Contains(err.Error(), index) {
		t.Fatalf("publish with a folder for index.html: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, badgeDir(id), "index.html")); err != nil {
		t.Fatal("the new badge's page was not written before the failure")
	}
	os.RemoveAll(index)
	if err := w.SetPrivacy(ctx, id, false); err != nil {
		t.Fatal(err)
	}
	publish(t, w, dir)
	if _, err := os.Stat(filepath.Join(dir, badgeDir(id))); err == nil {
		t.Fatal("a badge made private stays published after a failed publish")
	}
}

// TestPublishKeepsUserFiles: a folder holding files of the user's own at
// the site's names is not overwritten; an unreadable manifest is an error
// that says where and what to do, not a silent fresh start.
func TestPublishKeepsUserFiles(t *testing.T) {
	ctx := context.Background()
	w := newWallet(t)
	add(t, w, credential(1, "One", "Acme", "Do it.", "https://ev.example/1"), true)
	s, err := Open(ctx, w, "")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	mine := filepath.Join(dir, "index.html")
	os.WriteFile(mine, []byte("my own page"), 0o644)
	if _, err := s.Publish(ctx, dir); err == nil || !strings.Contains(err.Error(), mine) || !strings.Contains(err.Error(), "move it away") {
		t.Fatalf("publish over the user's index.html: %v", err)
	}
	if read(t, mine) != "my own page" {
		t.Fatal("the user's index.html was overwritten")
	}

	dir = t.TempDir()
	publish(t, w, dir)
	os.WriteFile(filepath.Join(dir, manifestName), []byte("{not json"), 0o644)
	if _, err := s.Publish(ctx, dir); err == nil || !strings.Contains(err.Error(), filepath.Join(dir, manifestName)) || !strings.Contains(err.Error(), "delete it") {
		t.Fatalf("publish with a broken manifest: %v", err)
	}
}

// TestCriteriaMarkdown: images in criteria load nothing (their alt text
// shows), headings sit below the page's h2, links with user info are not
// links.
func TestCriteriaMarkdown(t *testing.T) {
	got := string(markdown("# Steps\n\n![a tracker](https://tracker.example/p.gif) and [docs](https://docs.example/)"))
	for _, want := range []string{"<h3>Steps</h3>", "a tracker", `href="https://docs.example/"`} {
		if !strings.Contains(got, want) {
			t.Errorf("criteria lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "<img") || strings.Contains(got, "tracker.example") || strings.Contains(got, "<h1") {
		t.Errorf("criteria:\n%s", got)
	}
	if u := webURL("https://trusted.example@evil.example/"); u != "" {
		t.Errorf("webURL with user info: %q", u)
	}
}

// TestHandlerStatus: a badge folder without its slash redirects, /badges/
// itself is not found (no redirect loop), HEAD says the length.
func TestHandlerStatus(t *testing.T) {
	w := newWallet(t)
	add(t, w, credential(1, "One", "Acme", "Do it.", "https://ev.example/1"), true)
	srv := httptest.NewServer(Handler(w, ""))
	defer srv.Close()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for path, want := range map[string]int{"/badges/1": 301, "/badges/": 404, "/badges/x": 404, "/badges/1/": 200, "/badges/2/": 404} {
		res, err := c.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("GET %s: %s, want %d (Location %q)", path, res.Status, want, res.Header.Get("Location"))
		}
	}
	res, err := c.Head(srv.URL + "/badges/1/")
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 || res.ContentLength <= 0 {
		t.Errorf("HEAD: %s, length %d", res.Status, res.ContentLength)
	}
}

// TestStylesheetAccessible: muted text keeps a 4.5:1 contrast on the
// background, and keyboard focus is outlined.
func TestStylesheetAccessible(t *testing.T) {
	css, _ := siteFS.ReadFile("site/style.css")
	color := func(name string) [3]float64 {
		m := regexp.MustCompile(`--` + name + `:\s*#([0-9a-fA-F]{6})`).FindSubmatch(css)
		if m == nil {
			t.Fatalf("no --%s", name)
		}
		var c [3]float64
		for i := range c {
			v, _ := strconv.ParseUint(string(m[1][2*i:2*i+2]), 16, 8)
			x := float64(v) / 255
			if x <= 0.03928 {
				c[i] = x / 12.92
			} else {
				c[i] = math.Pow((x+0.055)/1.055, 2.4)
			}
		}
		return c
	}
	lum := func(c [3]float64) float64 { return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2] }
	if r := (lum(color("bg")) + 0.05) / (lum(color("muted")) + 0.05); r < 4.5 {
		t.Errorf("--muted on --bg: %.2f:1", r)
	}
	if !bytes.Contains(css, []byte(":focus-visible")) || !bytes.Contains(css, []byte("outline:")) {
		t.Error("no visible focus outline")
	}
}

func TestActiveSVG(t *testing.T) {
	for svg, want := range map[string]bool{
		`<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>`:                                                            false,
		`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`:                                                  true,
		`<svg xmlns="http://www.w3.org/2000/svg"><SCRIPT>alert(1)</SCRIPT></svg>`:                                                  true,
		`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>`:                                                         true,
		`<svg xmlns="http://www.w3.org/2000/svg"><a href=" JavaScript:alert(1)"><text>x</text></a></svg>`:                          true,
		`<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml"/></foreignObject></svg>`: true,
		`<svg xmlns="http://www.w3.org/2000/svg"><a`:                                                                               true,
	} {
		if got := activeSVG([]byte(svg)); got != want {
			t.Errorf("activeSVG(%s) = %v, want %v", svg, got, want)
		}
	}
	// The corpus's baked SVG badges are plain pictures: they are published.
	for _, f := range []string{"fixtures/bakery/concentricsky/baked_example.svg", "fixtures/1edtech-validator/ob30/simple-jwt_v1.svg"} {
		if activeSVG(fixtures.Read(t, f)) {
			t.Errorf("%s is taken for an active SVG", f)
		}
	}
}

// TestPublishActiveSVG: a baked SVG that would run script opened on its
// own is not published (the page shows the initials; the credential is
// still there); a plain baked SVG is.
func TestPublishActiveSVG(t *testing.T) {
	w := newWallet(t)
	cred := credential(42, "Scripted", "Acme", "Do it.", "https://ev.example/1")
	evil, err := bakery.BakeSVG([]byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><circle r="4"/></svg>`), bakery.Payload{Version: bakery.V3, Text: cred})
	if err != nil {
		t.Fatal(err)
	}
	plain, err := bakery.BakeSVG([]byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="4"/></svg>`), bakery.Payload{Version: bakery.V3, Text: credential(43, "Plain", "Acme", "Do it.", "https://ev.example/2")})
	if err != nil {
		t.Fatal(err)
	}
	evilID, plainID := add(t, w, evil, true), add(t, w, plain, true)
	dir := t.TempDir()
	publish(t, w, dir)
	if _, err := os.Stat(filepath.Join(dir, "badges", fmt.Sprint(evilID), "badge.svg")); err == nil {
		t.Fatal("an SVG with a script was published")
	}
	if page := read(t, filepath.Join(dir, "badges", fmt.Sprint(evilID), "index.html")); strings.Contains(page, "badge.svg") || !strings.Contains(page, "credential.json") {
		t.Fatalf("page:\n%s", page)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "badges", fmt.Sprint(plainID), "badge.svg")); !bytes.Equal(got, plain) {
		t.Fatal("the plain SVG is not published byte for byte")
	}
}

// TestLiveIndexMatchesPublished: the live site's index, made from the
// wallet's list and each badge's kept facts, is the published index byte
// for byte — also after a badge's state changed, and again from the cache.
func TestLiveIndexMatchesPublished(t *testing.T) {
	ctx := context.Background()
	w := newWallet(t, "fixtures/1edtech-validator/ob30/simple-json.png", "fixtures/1edtech-validator/ob30/complete.json")
	for _, id := range []int64{1, 2} {
		w.SetPrivacy(ctx, id, true)
	}
	w.Refresh(ctx, 1, wallet.VerifyOptions{Offline: true}, nil)
	h := Handler(w, "")
	for round := range 2 {
		dir := t.TempDir()
		publish(t, w, dir)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		if want := read(t, filepath.Join(dir, "index.html")); rec.Body.String() != want {
			t.Fatalf("round %d: live index differs from the published one:\n%s\n---\n%s", round, rec.Body.String(), want)
		}
		w.Refresh(ctx, 2, wallet.VerifyOptions{Offline: true}, nil) // a state the cards show changes
	}
}
