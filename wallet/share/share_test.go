package share

import (
	"errors"
	"io"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"badgewallet/wallet/safetext"
)

var ctx = Context{BaseURL: "https://ann.example/", ProfilePublic: true, EarnerName: "Ann Lee"}

const verify = "https://ann.example/badges/cloud-fundamentals/"

func normal() Badge {
	return Badge{
		ID:           "cloud-fundamentals",
		CredentialID: "urn:uuid:5b1c7a3e-2f0a-4b8e-9c1d-0e6f3a2b4c5d",
		Name:         "Contoso Certified: Cloud Fundamentals",
		Description:  "Understands cloud concepts,\npricing and governance.",
		IssuerName:   "Contoso Learning",
		IssuerURL:    "https://learn.contoso.example/",
		Issued:       time.Date(2026, time.March, 14, 10, 0, 0, 0, time.UTC),
		Expires:      time.Date(2028, time.March, 14, 10, 0, 0, 0, time.UTC),
		ImageURL:     "https://ann.example/badges/cloud-fundamentals/image.png",
		Skills:       []string{"cloud concepts", "pricing", "governance"},
		Public:       true,
	}
}

// hostileText holds everything a badge should not be able to smuggle.
const hostileText = "Evil <script>alert(1)</script> \"><img src=x onerror=alert(1)> 'single' \"double\" & co\n" +
	"second line \x1b[31mred\x1b[0m\r\a\u202Eevil\u202C ](https://evil.example/x) [link](https://evil.example/) " +
	"*bold* _em_ `code` \x9b31m \u009b32m\u0085\u2066iso\u2069 \x1b]8;;https://evil.example/\x07osc\x1b]8;;\x07"

func hostile() Badge {
	b := normal()
	b.ID = "../a b/\"<x>?#"
	b.CredentialID = hostileText
	b.Name = hostileText
	b.Description = hostileText
	b.IssuerName = hostileText
	b.IssuerURL = "javascript:alert(1)"
	b.ImageURL = "JavaScript:alert(document.cookie)"
	b.Skills = []string{hostileText, "\x1b[2J"}
	return b
}

// dangerous are bytes or runes that must not appear in any snippet.
var dangerous = []string{"\x1b", "\a", "\r", "\u202e", "\u202c", "\u009b", "\u0085", "\u2066", "\u2069", "\x00", "\u2028", "\ufeff"}

func assertNoControls(t *testing.T, out string, multiline bool) {
	t.Helper()
	for _, d := range dangerous {
		if strings.Contains(out, d) {
			t.Errorf("output contains %q:\n%s", d, out)
		}
	}
	for _, r := range out {
		if (r < 0x20 && !(multiline && r == '\n')) || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			t.Errorf("output contains control %U:\n%s", r, out)
		}
	}
}

func mustSnippet(t *testing.T, f Format, b Badge, c Context) string {
	t.Helper()
	s, err := Snippet(f, b, c)
	if err != nil {
		t.Fatalf("Snippet(%s): %v", f, err)
	}
	return s
}

func TestVerifyURL(t *testing.T) {
	private := normal()
	private.Public = false
	odd := normal()
	odd.ID = "a b/c?d#e"
	dots := normal()
	dots.ID = ".."
	for _, tc := range []struct {
		name string
		b    Badge
		c    Context
		want string
		err  error
	}{
		{"public", normal(), ctx, verify, nil},
		{"base without slash", normal(), Context{BaseURL: "https://ann.example", ProfilePublic: true}, verify, nil},
		{"base with path", normal(), Context{BaseURL: "https://ann.example/me/", ProfilePublic: true}, "https://ann.example/me/badges/cloud-fundamentals/", nil},
		{"upper-case scheme", normal(), Context{BaseURL: "HTTPS://ann.example", ProfilePublic: true}, verify, nil},
		{"id escaped", odd, ctx, "https://ann.example/badges/a%20b%2Fc%3Fd%23e/", nil},
		{"private badge", private, ctx, "", ErrPrivate},
		{"private profile", normal(), Context{BaseURL: ctx.BaseURL}, "", ErrPrivate},
		{"no base", normal(), Context{ProfilePublic: true}, "", ErrNoBaseURL},
		{"javascript base", normal(), Context{BaseURL: "javascript:alert(1)", ProfilePublic: true}, "", ErrBadBaseURL},
		{"base with query", normal(), Context{BaseURL: "https://a.example/?x=1", ProfilePublic: true}, "", ErrBadBaseURL},
		{"base with user", normal(), Context{BaseURL: "https://me@a.example/", ProfilePublic: true}, "", ErrBadBaseURL},
		{"no id", Badge{Public: true}, ctx, "", ErrNoID},
		{"dot-dot id", dots, ctx, "", ErrNoID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := VerifyURL(tc.b, tc.c)
			if !errors.Is(err, tc.err) || (err == nil) != (tc.err == nil) {
				t.Fatalf("err = %v, want %v", err, tc.err)
			}
			if got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
	_, err := VerifyURL(normal(), Context{BaseURL: ctx.BaseURL})
	if err.Error() == ErrPrivate.Error() || !strings.Contains(err.Error(), "profile") {
		t.Errorf("private profile message = %q, want one about the profile", err)
	}
	if !strings.Contains(ErrPrivate.Error(), "make it public (key p) to share a link") {
		t.Errorf("ErrPrivate = %q", ErrPrivate)
	}
}

func TestFormats(t *testing.T) {
	want := []Format{FormatLinkedIn, FormatLinkedInPost, FormatX, FormatFacebook, FormatEmail,
		FormatHTML, FormatSignature, FormatMarkdown, FormatText, FormatURL, FormatQR}
	fs := Formats()
	if len(fs) != len(want) {
		t.Fatalf("%d formats, want %d", len(fs), len(want))
	}
	labels := map[string]bool{}
	for i, fi := range fs {
		if fi.Format != want[i] {
			t.Errorf("format %d = %s, want %s", i, fi.Format, want[i])
		}
		if fi.Label == "" || labels[fi.Label] {
			t.Errorf("%s: empty or duplicate label %q", fi.Format, fi.Label)
		}
		labels[fi.Label] = true
		if fi.NeedsPublic != (fi.Format != FormatText) {
			t.Errorf("%s: NeedsPublic = %v", fi.Format, fi.NeedsPublic)
		}
		if fi.Format.Label() != fi.Label {
			t.Errorf("%s: Label() = %q", fi.Format, fi.Format.Label())
		}
	}
	fs[0].Label = "changed"
	if Formats()[0].Label == "changed" {
		t.Error("Formats returns the package's slice")
	}
	if _, err := Snippet("myspace", normal(), ctx); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("unknown format: err = %v", err)
	}
}

// TestSnippetNormal pins the exact output for an ordinary badge.
func TestSnippetNormal(t *testing.T) {
	for _, tc := range []struct {
		f    Format
		want string
	}{
		{FormatLinkedIn, "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME" +
			"&name=Contoso+Certified%3A+Cloud+Fundamentals&organizationName=Contoso+Learning" +
			"&issueYear=2026&issueMonth=3&expirationYear=2028&expirationMonth=3" +
			"&certUrl=https%3A%2F%2Fann.example%2Fbadges%2Fcloud-fundamentals%2F" +
			"&certId=urn%3Auuid%3A5b1c7a3e-2f0a-4b8e-9c1d-0e6f3a2b4c5d"},
		{FormatLinkedInPost, "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fann.example%2Fbadges%2Fcloud-fundamentals%2F"},
		{FormatX, "https://twitter.com/intent/tweet?text=I+earned+%E2%80%9CContoso+Certified%3A+Cloud+Fundamentals%E2%80%9D+from+Contoso+Learning." +
			"&url=https%3A%2F%2Fann.example%2Fbadges%2Fcloud-fundamentals%2F"},
		{FormatFacebook, "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fann.example%2Fbadges%2Fcloud-fundamentals%2F"},
		{FormatEmail, "mailto:?subject=My%20badge%3A%20Contoso%20Certified%3A%20Cloud%20Fundamentals" +
			"&body=Hello%2C%0D%0A%0D%0AI%20earned%20the%20badge%20%E2%80%9CContoso%20Certified%3A%20Cloud%20Fundamentals%E2%80%9D" +
			"%2C%20issued%20by%20Contoso%20Learning%20in%20Mar%202026.%20It%20is%20valid%20until%20Mar%202028." +
			"%0D%0A%0D%0AUnderstands%20cloud%20concepts%2C%0D%0Apricing%20and%20governance." +
			"%0D%0A%0D%0ASkills%3A%20cloud%20concepts%2C%20pricing%2C%20governance" +
			"%0D%0A%0D%0AYou%20can%20check%20it%20here%3A%20https%3A%2F%2Fann.example%2Fbadges%2Fcloud-fundamentals%2F" +
			"%0D%0A%0D%0AAnn%20Lee"},
		{FormatHTML, `<div style="display:inline-block;max-width:320px;padding:8px;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.4;text-align:center;">
<a href="https://ann.example/badges/cloud-fundamentals/"><img src="https://ann.example/badges/cloud-fundamentals/image.png" alt="Contoso Certified: Cloud Fundamentals — badge issued by Contoso Learning" width="120" style="height:auto;border:0;"></a>
<div><a href="https://ann.example/badges/cloud-fundamentals/"><strong>Contoso Certified: Cloud Fundamentals</strong></a></div>
<div><a href="https://learn.contoso.example/" rel="nofollow noopener">Contoso Learning</a></div>
<div style="font-size:12px;color:#555555;">Issued Mar 2026 · Expires Mar 2028</div>
<div style="font-size:12px;"><a href="https://ann.example/badges/cloud-fundamentals/">Verify this badge</a></div>
</div>`},
		{FormatSignature, `<table cellpadding="0" cellspacing="0" border="0" role="presentation" style="border-collapse:collapse;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:16px;color:#333333;">
<tr>
<td style="padding:0 8px 0 0;vertical-align:middle;"><a href="https://ann.example/badges/cloud-fundamentals/"><img src="https://ann.example/badges/cloud-fundamentals/image.png" alt="Contoso Certified: Cloud Fundamentals — badge issued by Contoso Learning" width="48" height="48" style="display:block;width:48px;height:48px;border:0;"></a></td>
<td style="vertical-align:middle;"><a href="https://ann.example/badges/cloud-fundamentals/" style="color:#1a4f8b;font-weight:bold;text-decoration:none;">Contoso Certified: Cloud Fundamentals</a><br><span style="color:#666666;"><a href="https://learn.contoso.example/" rel="nofollow noopener" style="color:#666666;text-decoration:none;">Contoso Learning</a> · Issued Mar 2026 · Expires Mar 2028</span></td>
</tr>
</table>`},
		{FormatMarkdown, "[![Contoso Certified: Cloud Fundamentals](https://ann.example/badges/cloud-fundamentals/image.png)](https://ann.example/badges/cloud-fundamentals/) Contoso Learning · Issued Mar 2026 · Expires Mar 2028"},
		{FormatText, "Contoso Certified: Cloud Fundamentals — Contoso Learning, Mar 2026 (expires Mar 2028) — verify: https://ann.example/badges/cloud-fundamentals/"},
		{FormatURL, verify},
	} {
		t.Run(string(tc.f), func(t *testing.T) {
			got := mustSnippet(t, tc.f, normal(), ctx)
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// allowedAttrs are the attributes the HTML snippets may carry.
var allowedAttrs = map[string]bool{
	"href": true, "src": true, "alt": true, "width": true, "height": true, "style": true, "rel": true,
	"cellpadding": true, "cellspacing": true, "border": true, "role": true,
}

var allowedTags = map[string]bool{
	"div": true, "a": true, "img": true, "strong": true, "br": true, "span": true,
	"table": true, "tr": true, "td": true,
}

// htmlReport tokenizes an HTML snippet and fails on anything active; it
// returns the img count, the hrefs and srcs, and the text.
func htmlReport(t *testing.T, out string) (imgs int, urls []string, text string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(out))
	var sb strings.Builder
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				t.Fatalf("tokenizer: %v", z.Err())
			}
			return imgs, urls, sb.String()
		case html.TextToken:
			sb.WriteString(string(z.Text()))
		case html.CommentToken, html.DoctypeToken:
			t.Errorf("unexpected %v token %q", tt, z.Token().Data)
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			tok := z.Token()
			if !allowedTags[tok.Data] {
				t.Errorf("unexpected element <%s>", tok.Data)
			}
			if tok.Data == "img" && tt != html.EndTagToken {
				imgs++
			}
			for _, a := range tok.Attr {
				if !allowedAttrs[a.Key] || strings.HasPrefix(a.Key, "on") {
					t.Errorf("<%s> has attribute %s=%q", tok.Data, a.Key, a.Val)
				}
				if a.Key == "href" || a.Key == "src" {
					u, err := url.Parse(a.Val)
					if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
						t.Errorf("<%s %s=%q>: not an http(s) URL", tok.Data, a.Key, a.Val)
					}
					urls = append(urls, a.Val)
				}
				if a.Key == "style" && strings.ContainsAny(a.Val, "()\\") {
					t.Errorf("style with a function or escape: %q", a.Val)
				}
			}
		}
	}
}

func TestSnippetHostile(t *testing.T) {
	b := hostile()
	wantName := safetext.Line(hostileText)
	if n := len([]rune(wantName)); n > maxName {
		t.Fatalf("hostile name is %d runes: keep it under the %d cap", n, maxName)
	}
	v, err := VerifyURL(b, ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v != "https://ann.example/badges/..%2Fa%20b%2F%22%3Cx%3E%3F%23/" {
		t.Fatalf("VerifyURL = %q", v)
	}
	for _, fi := range Formats() {
		t.Run(string(fi.Format), func(t *testing.T) {
			out := mustSnippet(t, fi.Format, b, ctx)
			multiline := fi.Format == FormatHTML || fi.Format == FormatSignature || fi.Format == FormatQR
			assertNoControls(t, out, multiline)
			low := strings.ToLower(out)
			if strings.Contains(low, "javascript:") {
				t.Errorf("javascript: emitted:\n%s", out)
			}
			switch fi.Format {
			case FormatHTML, FormatSignature:
				if strings.Contains(low, "<script") || strings.Count(low, "<img") != 0 {
					t.Errorf("raw <script or <img in:\n%s", out)
				}
				imgs, urls, text := htmlReport(t, out)
				if imgs != 0 {
					t.Errorf("%d images, want none (the image URL was javascript:)", imgs)
				}
				for _, u := range urls {
					if u != v {
						t.Errorf("link to %q, want only %q", u, v)
					}
				}
				if !strings.Contains(text, wantName) {
					t.Errorf("text %q does not hold the name %q", text, wantName)
				}
			case FormatMarkdown:
				assertMarkdown(t, out, v, "")
			case FormatText:
				if !strings.HasPrefix(out, wantName+" — "+wantName+", Mar 2026") || !strings.HasSuffix(out, " — verify: "+v) {
					t.Errorf("text line = %q", out)
				}
			case FormatQR:
				for _, r := range out {
					if !strings.ContainsRune("▀▄█ \n", r) {
						t.Fatalf("QR rune %q", r)
					}
				}
			case FormatURL:
				if out != v {
					t.Errorf("url = %q", out)
				}
			default: // share links
				assertLink(t, fi.Format, out, wantName, v)
			}
		})
	}
}

// assertLink checks a share link: plain URL characters only, parses, and
// round-trips the name and the verification URL.
func assertLink(t *testing.T, f Format, out, name, v string) {
	t.Helper()
	if strings.ContainsAny(out, " <>\"'`\\\n") {
		t.Errorf("raw special character in %q", out)
	}
	u, err := url.Parse(out)
	if err != nil {
		t.Fatalf("url.Parse: %v", err)
	}
	q := u.Query()
	switch f {
	case FormatLinkedIn:
		if q.Get("name") != name || q.Get("organizationName") != name || q.Get("certId") != name || q.Get("certUrl") != v {
			t.Errorf("query does not round-trip: %v", q)
		}
		if len(q) != 9 {
			t.Errorf("%d parameters, want 9: %v", len(q), q)
		}
	case FormatLinkedInPost:
		if q.Get("url") != v || len(q) != 1 {
			t.Errorf("query = %v", q)
		}
	case FormatX:
		if !strings.Contains(q.Get("text"), name) || q.Get("url") != v {
			t.Errorf("query = %v", q)
		}
	case FormatFacebook:
		if q.Get("u") != v || len(q) != 1 {
			t.Errorf("query = %v", q)
		}
	case FormatEmail:
		if u.Scheme != "mailto" || strings.Contains(out, "+") {
			t.Errorf("mailto = %q", out)
		}
		if q.Get("subject") != "My badge: "+name {
			t.Errorf("subject = %q", q.Get("subject"))
		}
		body := q.Get("body")
		if !strings.Contains(body, name) || !strings.Contains(body, v) {
			t.Errorf("body = %q", body)
		}
		if strings.Contains(strings.ReplaceAll(body, "\r\n", ""), "\r") || strings.Contains(strings.ReplaceAll(body, "\r\n", ""), "\n") {
			t.Errorf("bare line break in body %q", body)
		}
		assertNoControls(t, strings.ReplaceAll(body, "\r\n", "\n"), true)
	}
	for k, vs := range q {
		for _, s := range vs {
			if f != FormatEmail {
				assertNoControls(t, s, false)
			}
			if strings.Contains(strings.ToLower(s), "javascript:") {
				t.Errorf("%s=%q", k, s)
			}
		}
	}
}

// unescapedLink matches "](" not preceded by a backslash.
var unescapedLink = regexp.MustCompile(`(^|[^\\])\]\(`)

// assertMarkdown checks that the only link destinations are ours: with the
// escaped characters removed, the snippet has exactly the expected "]("
// and its destinations are the image and the verification URL.
func assertMarkdown(t *testing.T, out, v, image string) {
	t.Helper()
	want := 1
	if image != "" {
		want = 2
	}
	if n := len(unescapedLink.FindAllString(out, -1)); n != want {
		t.Errorf("%d unescaped \"](\", want %d:\n%s", n, want, out)
	}
	if strings.ContainsAny(strings.ReplaceAll(strings.ReplaceAll(out, "&lt;", ""), "&gt;", ""), "<>") {
		t.Errorf("raw angle bracket in %q", out)
	}
	// Strip every backslash escape: what is left must not open a link or
	// an image anywhere but where we put one.
	stripped := regexp.MustCompile(`\\.`).ReplaceAllString(out, "")
	dests := regexp.MustCompile(`\]\(([^)]*)\)`).FindAllStringSubmatch(stripped, -1)
	var got []string
	for _, d := range dests {
		got = append(got, d[1])
	}
	expect := []string{v}
	if image != "" {
		expect = []string{image, v}
	}
	if strings.Join(got, "|") != strings.Join(expect, "|") {
		t.Errorf("link destinations %q, want %q", got, expect)
	}
}

func TestMarkdownEscapes(t *testing.T) {
	b := normal()
	b.Name = "a](https://evil.example/) ![x](https://evil.example/x.png) <b>&amp; \\](y)"
	b.ImageURL = "https://img.example/a b(1)/[x].png?q='q'"
	out := mustSnippet(t, FormatMarkdown, b, ctx)
	img := "https://img.example/a%20b%281%29/%5Bx%5D.png?q=%27q%27"
	if !strings.Contains(out, "]("+img+")") {
		t.Errorf("image URL not encoded as expected:\n%s", out)
	}
	assertMarkdown(t, out, verify, img)
	if strings.Contains(out, "<b>") || !strings.Contains(out, "&lt;b&gt;&amp;amp;") {
		t.Errorf("HTML not neutralised:\n%s", out)
	}
	b.ImageURL = ""
	out = mustSnippet(t, FormatMarkdown, b, ctx)
	if !strings.HasPrefix(out, "[a\\]\\(https://evil.example/\\)") {
		t.Errorf("no-image Markdown = %q", out)
	}
	assertMarkdown(t, out, verify, "")
}

func TestWebURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://a.example/x.png":           "https://a.example/x.png",
		"HTTP://a.example/":                 "http://a.example/",
		"https://a.example/a b?q=\"<x>\" é": "https://a.example/a%20b?q=%22%3Cx%3E%22%20%C3%A9",
		"  https://a.example/\x1b[31m ":     "https://a.example/",
		"javascript:alert(1)":               "",
		"JAVASCRIPT:alert(1)":               "",
		" javascript:alert(1)":              "",
		"java\nscript:alert(1)":             "",
		"data:image/png;base64,AAAA":        "",
		"vbscript:msgbox":                   "",
		"//evil.example/x.png":              "",
		"/relative.png":                     "",
		"https://user:pw@evil.example/":     "",
		"https:///nohost":                   "",
		"https:evil.example":                "",
		"":                                  "",
	} {
		if got := WebURL(in); got != want {
			t.Errorf("WebURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPrivacy(t *testing.T) {
	private := normal()
	private.Public = false
	cases := []struct {
		name string
		b    Badge
		c    Context
		err  error
	}{
		{"private badge", private, ctx, ErrPrivate},
		{"private profile", normal(), Context{BaseURL: ctx.BaseURL, EarnerName: "Ann"}, ErrPrivate},
		{"no base URL", normal(), Context{ProfilePublic: true}, ErrNoBaseURL},
		{"bad base URL", normal(), Context{BaseURL: "javascript:alert(1)//", ProfilePublic: true}, ErrBadBaseURL},
	}
	for _, tc := range cases {
		for _, fi := range Formats() {
			t.Run(tc.name+"/"+string(fi.Format), func(t *testing.T) {
				out, err := Snippet(fi.Format, tc.b, tc.c)
				if !fi.NeedsPublic {
					if err != nil {
						t.Fatalf("err = %v, want a snippet", err)
					}
					if strings.Contains(out, "http") || strings.Contains(out, "verify") {
						t.Errorf("snippet without a public page links one: %q", out)
					}
					return
				}
				if !errors.Is(err, tc.err) || out != "" {
					t.Errorf("got %q, %v; want %v", out, err, tc.err)
				}
			})
		}
		t.Run(tc.name+"/QRCode", func(t *testing.T) {
			if png, err := QRCode(tc.b, tc.c); !errors.Is(err, tc.err) || png != nil {
				t.Errorf("QRCode: %d bytes, %v; want %v", len(png), err, tc.err)
			}
		})
	}
	out := mustSnippet(t, FormatText, private, ctx)
	if out != "Contoso Certified: Cloud Fundamentals — Contoso Learning, Mar 2026 (expires Mar 2028)" {
		t.Errorf("private text line = %q", out)
	}
}

func TestDates(t *testing.T) {
	jan := normal()
	jan.Issued = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)
	jan.Expires = time.Date(2027, time.December, 31, 23, 59, 0, 0, time.UTC)
	dec := normal()
	dec.Issued = time.Date(2025, time.December, 31, 23, 59, 0, 0, time.UTC)
	dec.Expires = time.Time{}
	old := normal()
	old.Issued = time.Date(999, time.May, 2, 0, 0, 0, 0, time.UTC)
	old.Expires = time.Time{}
	undated := normal()
	undated.Issued, undated.Expires = time.Time{}, time.Time{}
	for _, tc := range []struct {
		name string
		b    Badge
		want map[string]string // "" means absent
		text string
	}{
		{"january", jan, map[string]string{"issueYear": "2026", "issueMonth": "1", "expirationYear": "2027", "expirationMonth": "12"},
			"Contoso Certified: Cloud Fundamentals — Contoso Learning, Jan 2026 (expires Dec 2027) — verify: " + verify},
		{"december, no expiry", dec, map[string]string{"issueYear": "2025", "issueMonth": "12", "expirationYear": "", "expirationMonth": ""},
			"Contoso Certified: Cloud Fundamentals — Contoso Learning, Dec 2025 — verify: " + verify},
		{"year 999 is not a date", old, map[string]string{"issueYear": "", "issueMonth": "", "expirationYear": "", "expirationMonth": ""},
			"Contoso Certified: Cloud Fundamentals — Contoso Learning — verify: " + verify},
		{"undated", undated, map[string]string{"issueYear": "", "issueMonth": "", "expirationYear": "", "expirationMonth": ""},
			"Contoso Certified: Cloud Fundamentals — Contoso Learning — verify: " + verify},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, err := url.Parse(mustSnippet(t, FormatLinkedIn, tc.b, ctx))
			if err != nil {
				t.Fatal(err)
			}
			q := u.Query()
			for k, want := range tc.want {
				if _, present := q[k]; present != (want != "") || q.Get(k) != want {
					t.Errorf("%s = %q (present %v), want %q", k, q.Get(k), present, want)
				}
			}
			if got := mustSnippet(t, FormatText, tc.b, ctx); got != tc.text {
				t.Errorf("text = %q, want %q", got, tc.text)
			}
			h := mustSnippet(t, FormatHTML, tc.b, ctx)
			if strings.Contains(h, "Expires") != (tc.want["expirationYear"] != "") {
				t.Errorf("HTML expiry mismatch:\n%s", h)
			}
		})
	}
}

// TestSparse: a badge with little in it still gives sensible snippets.
func TestSparse(t *testing.T) {
	b := Badge{ID: "x", Public: true}
	for _, tc := range []struct {
		f    Format
		want string
	}{
		{FormatLinkedIn, "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=Untitled+badge&certUrl=https%3A%2F%2Fann.example%2Fbadges%2Fx%2F"},
		{FormatText, "Untitled badge — verify: https://ann.example/badges/x/"},
		{FormatMarkdown, "[Untitled badge](https://ann.example/badges/x/)"},
		{FormatHTML, `<div style="display:inline-block;max-width:320px;padding:8px;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.4;text-align:center;">
<div><a href="https://ann.example/badges/x/"><strong>Untitled badge</strong></a></div>
<div style="font-size:12px;"><a href="https://ann.example/badges/x/">Verify this badge</a></div>
</div>`},
	} {
		if got := mustSnippet(t, tc.f, b, ctx); got != tc.want {
			t.Errorf("%s:\ngot  %s\nwant %s", tc.f, got, tc.want)
		}
	}
	b.Public = false
	if got := mustSnippet(t, FormatText, b, Context{}); got != "Untitled badge" {
		t.Errorf("private sparse text = %q", got)
	}
}

func TestHTMLWithImageAndIssuer(t *testing.T) {
	b := hostile()
	b.ImageURL = "https://img.example/b.png?a=1&b=\"2\""
	b.IssuerURL = "https://issuer.example/?x=<y>"
	v, _ := VerifyURL(b, ctx)
	for _, f := range []Format{FormatHTML, FormatSignature} {
		out := mustSnippet(t, f, b, ctx)
		if strings.Count(strings.ToLower(out), "<img") != 1 {
			t.Errorf("%s: want exactly our <img:\n%s", f, out)
		}
		imgs, urls, _ := htmlReport(t, out)
		if imgs != 1 {
			t.Errorf("%s: %d images", f, imgs)
		}
		want := map[string]bool{v: true, "https://img.example/b.png?a=1&b=%222%22": true, "https://issuer.example/?x=%3Cy%3E": true}
		seen := map[string]bool{}
		for _, u := range urls {
			if !want[u] {
				t.Errorf("%s: unexpected URL %q", f, u)
			}
			seen[u] = true
		}
		if len(seen) != len(want) {
			t.Errorf("%s: URLs %q, want %v", f, urls, want)
		}
		// The alt text round-trips through the parser.
		doc, err := html.Parse(strings.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		var altText string
		for n := range doc.Descendants() {
			if n.Type == html.ElementNode && n.Data == "img" {
				for _, a := range n.Attr {
					if a.Key == "alt" {
						altText = a.Val
					}
				}
			}
		}
		name := safetext.Line(hostileText)
		if altText != name+" — badge issued by "+name {
			t.Errorf("%s: alt = %q", f, altText)
		}
	}
}

// FuzzSnippet checks the invariants on arbitrary badge text and URLs:
// HTML stays inert, links round-trip, Markdown gets no extra link, nothing
// carries a control character.
func FuzzSnippet(f *testing.F) {
	f.Add(hostileText, hostileText, "javascript:alert(1)", "https://i.example/a.png")
	f.Add("Cloud", "Contoso", "https://c.example/", "https://i.example/a b(1).png")
	f.Add("a](b)", "<x>", "HTTPS://x.example/?q=\"'", "http://i.example/#f")
	f.Fuzz(func(t *testing.T, name, issuer, issuerURL, image string) {
		b := normal()
		b.Name, b.IssuerName, b.Description, b.CredentialID = name, issuer, name, issuer
		b.IssuerURL, b.ImageURL = issuerURL, image
		p, err := prepare(b, ctx, true)
		if err != nil {
			t.Fatal(err)
		}
		for _, fi := range Formats() {
			if fi.Format == FormatQR {
				continue
			}
			out := mustSnippet(t, fi.Format, b, ctx)
			assertNoControls(t, out, fi.Format == FormatHTML || fi.Format == FormatSignature)
			switch fi.Format {
			case FormatHTML, FormatSignature:
				imgs, urls, _ := htmlReport(t, out)
				if want := map[bool]int{true: 1, false: 0}[p.image != ""]; imgs != want {
					t.Errorf("%s: %d images, want %d", fi.Format, imgs, want)
				}
				for _, u := range urls {
					if u != verify && u != p.image && u != p.issuerURL {
						t.Errorf("%s: unexpected URL %q", fi.Format, u)
					}
				}
			case FormatMarkdown:
				img := ""
				if p.image != "" {
					img = markdownURL(p.image)
				}
				assertMarkdown(t, out, verify, img)
			case FormatLinkedIn:
				u, err := url.Parse(out)
				if err != nil || u.Query().Get("name") != p.name || u.Query().Get("organizationName") != p.issuer {
					t.Errorf("LinkedIn URL does not round-trip: %q (%v)", out, err)
				}
			case FormatEmail:
				u, err := url.Parse(out)
				if err != nil || u.Query().Get("subject") != "My badge: "+p.name {
					t.Errorf("mailto does not round-trip: %q (%v)", out, err)
				}
			}
		}
	})
}

func BenchmarkSnippetHTML(b *testing.B) {
	for _, bc := range []struct {
		name  string
		badge Badge
	}{{"normal", normal()}, {"hostile", hostile()}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Snippet(FormatHTML, bc.badge, ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
