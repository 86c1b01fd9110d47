package publish

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"badgewallet/internal/fixtures"
	"badgewallet/wallet"
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
