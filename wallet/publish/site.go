package publish

import (
	"bytes"
	"context"
	"embed"
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"badgewallet/wallet"
	"badgewallet/wallet/openbadges"
	"badgewallet/wallet/openbadges/verify"
	"badgewallet/wallet/safetext"
)

//go:embed site/*.tmpl site/style.css
var siteFS embed.FS

// pages are the parsed templates (read-only after init: the embedded
// files never change).
var pages = template.Must(template.New("").Funcs(template.FuncMap{"join": strings.Join}).ParseFS(siteFS, "site/*.tmpl"))

// File is one file of the site.
type File struct {
	Path string // slash-separated, relative to the site's root
	Data []byte
	Type string // media type
}

// Site reads a wallet's public profile.
type Site struct {
	facts   *factCache // nil: nothing kept between calls
	w       *wallet.Wallet
	base    string // the public base URL, no trailing slash; "" unknown
	title   string
	private bool
}

// Open reads the profile's settings. base overrides the wallet's public
// base URL when not empty (it must be an http(s) URL).
func Open(ctx context.Context, w *wallet.Wallet, base string) (*Site, error) {
	if base == "" {
		b, err := w.BaseURL(ctx)
		if err != nil {
			return nil, err
		}
		base = b
	}
	base = strings.TrimRight(strings.TrimSpace(base), "/")
	if base != "" {
		u, err := url.Parse(base)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("%q is not a web address like https://you.example/badges", base)
		}
	}
	public, err := w.ProfilePublic(ctx)
	if err != nil {
		return nil, err
	}
	name, err := w.ProfileName(ctx)
	if err != nil {
		return nil, err
	}
	title := "Badges"
	if n := safetext.Line(name); n != "" {
		title = n + "'s badges"
	}
	return &Site{w: w, base: base, title: title, private: !public}, nil
}

// Private reports whether the profile is private (the site is empty).
func (s *Site) Private() bool { return s.private }

// badgeDir is the folder of badge id's page, from the site's root.
func badgeDir(id int64) string { return "badges/" + strconv.FormatInt(id, 10) + "/" }

// publicBadges lists the badges the site shows: accepted and public,
// newest first; none when the profile is private.
func (s *Site) publicBadges(ctx context.Context) ([]wallet.Summary, error) {
	if s.private {
		return nil, nil
	}
	var out []wallet.Summary
	for offset := 0; ; {
		p, err := s.w.List(ctx, wallet.ListOptions{Acceptance: "accepted", Offset: offset, Limit: 1000})
		if err != nil {
			return nil, err
		}
		for _, b := range p.Items {
			if b.Privacy == "public" {
				out = append(out, b)
			}
		}
		offset += len(p.Items)
		if len(p.Items) == 0 || offset >= p.Total {
			return out, nil
		}
	}
}

// eachBadge calls fn with each public badge's card and files, one badge
// at a time (only the cards are kept, for the index), then returns the
// index. fn's error stops it.
func (s *Site) eachBadge(ctx context.Context, fn func([]File) error) (File, error) {
	list, err := s.publicBadges(ctx)
	if err != nil {
		return File{}, err
	}
	var cards []card
	for _, sum := range list {
		if err := ctx.Err(); err != nil {
			return File{}, err
		}
		c, files, err := s.badge(ctx, sum.ID)
		if errors.Is(err, errNotPublic) || errors.Is(err, wallet.ErrNotFound) { // changed since the list was read
			continue
		} else if err != nil {
			return File{}, err
		}
		if err := fn(files); err != nil {
			return File{}, err
		}
		cards = append(cards, c)
	}
	return s.index(cards)
}

// stylesheet is the site's one CSS file.
func stylesheet() (File, error) {
	css, err := siteFS.ReadFile("site/style.css")
	return File{Path: "style.css", Data: css, Type: "text/css; charset=utf-8"}, err
}

// Walk calls fn with every file of the site: the stylesheet, for each
// public badge its credential, image and page, and last index.html (so a
// link on it never leads to a page not yet written). fn's error stops the
// walk.
func (s *Site) Walk(ctx context.Context, fn func(File) error) error {
	css, err := stylesheet()
	if err != nil {
		return err
	}
	if err := fn(css); err != nil {
		return err
	}
	index, err := s.eachBadge(ctx, func(files []File) error {
		for _, f := range files {
			if err := fn(f); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return fn(index)
}

// File returns the site's file at path (for serving), or ok false.
func (s *Site) File(ctx context.Context, path string) (File, bool, error) {
	path = strings.TrimPrefix(path, "/")
	switch {
	case path == "" || path == "index.html":
		f, err := s.liveIndex(ctx)
		return f, err == nil, err
	case path == "style.css":
		f, err := stylesheet()
		return f, err == nil, err
	case strings.HasPrefix(path, "badges/"):
		idText, name, _ := strings.Cut(strings.TrimPrefix(path, "badges/"), "/")
		id, err := strconv.ParseInt(idText, 10, 64)
		if err != nil || id <= 0 || strconv.FormatInt(id, 10) != idText || s.private {
			return File{}, false, nil
		}
		_, files, err := s.badge(ctx, id)
		if errors.Is(err, errNotPublic) || errors.Is(err, wallet.ErrNotFound) {
			return File{}, false, nil
		} else if err != nil {
			return File{}, false, err
		}
		if name == "" {
			name = "index.html"
		}
		for _, f := range files {
			if f.Path == badgeDir(id)+name {
				return f, true, nil
			}
		}
	}
	return File{}, false, nil
}

// errNotPublic: the badge is not on the public site.
var errNotPublic = errors.New("not public")

// card is a badge on the index.
type card struct {
	Dir, Name, Issuer, Issued, Image, Initials, StateWords string
	Skills                                                 []string
}

// check is one verification check on a page.
type check struct{ Name, Message, Glyph, Class string }

// evidence is one piece of evidence on a page.
type evidence struct {
	Name, Text string
	URL        string
}

// badgePage is what badge.tmpl shows.
type badgePage struct {
	ProfileTitle, Name, Issuer, IssuerURL, Issued, Expires, Spec, Description, Summary string
	URL, ImageURL, Image, Initials                                                     string
	Criteria                                                                           template.HTML
	CriteriaURL                                                                        string
	Skills                                                                             []string
	Evidence                                                                           []evidence
	Checked, VerdictWords, VerdictClass                                                string
	Checks                                                                             []check
	Credential, CredentialKind                                                         string
}

// badge makes badge id's files: page, credential and image.
func (s *Site) badge(ctx context.Context, id int64) (card, []File, error) {
	d, err := s.w.Badge(ctx, id)
	if err != nil {
		return card{}, nil, err
	}
	if d.Acceptance != "accepted" || d.Privacy != "public" || s.private {
		return card{}, nil, errNotPublic
	}
	raw, err := s.w.Original(ctx, id)
	if err != nil {
		return card{}, nil, err
	}
	orig, oerr := s.w.Export(ctx, id, wallet.ExportOriginal)
	cred, cerr := s.w.Export(ctx, id, wallet.ExportCredential)
	switch {
	case cerr == nil:
	case oerr == nil:
		cred = orig
	default:
		// A hosted assertion holds no credential of its own: the file as
		// received (its address, or the assertion) is what a verifier
		// starts from.
		cred = wallet.Exported{Data: raw, Ext: ".json", Type: "application/json"}
		if !bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) {
			cred.Ext, cred.Type = ".txt", "text/plain; charset=utf-8"
		}
	}
	dir := badgeDir(id)
	credName := "credential" + cred.Ext
	files := []File{{Path: dir + credName, Data: cred.Data, Type: cred.Type}}
	p := badgePage{
		ProfileTitle: s.title, Name: text(d.Name, "(no name)"), Issuer: text(firstOf(d.IssuerName, d.IssuerID), "an unnamed issuer"),
		Issued: day(d.Issued), Expires: day(d.Expires), Spec: text(d.Spec, "?"), Description: text(d.Description, ""),
		Initials: safetext.Initials(d.Name), Credential: credName, CredentialKind: credentialKind(cred.Ext),
	}
	p.Summary = "A badge issued by " + p.Issuer
	if p.Issued != "" {
		p.Summary += " on " + p.Issued
	}
	if u := webURL(d.IssuerID); u != "" {
		p.IssuerURL = u
	}
	if s.base != "" {
		p.URL = s.base + "/" + dir
	}
	if p.Image = imageOf(orig, oerr); p.Image != "" {
		files = append(files, File{Path: dir + p.Image, Data: orig.Data, Type: orig.Type})
		if s.base != "" {
			p.ImageURL = s.base + "/" + dir + p.Image
		}
	}
	if x, err := openbadges.Read(raw); err == nil && x.Badge != nil {
		b := x.Badge
		p.Criteria = markdown(b.Criteria.Narrative)
		p.CriteriaURL = webURL(b.Criteria.ID)
		p.Skills = skillsOf(b)
		for _, e := range b.Evidence {
			ev := evidence{Name: text(firstOf(e.Name, e.ID), "Evidence"), Text: text(firstOf(e.Narrative, e.Description), ""), URL: webURL(e.ID)}
			p.Evidence = append(p.Evidence, ev)
		}
	}
	if r := d.Report; r != nil {
		p.Checked = r.CheckedAt.UTC().Format("2 January 2006, 15:04 UTC")
		p.VerdictWords, p.VerdictClass = verdictWords(string(r.Verdict))
		for _, c := range r.Checks {
			ch := check{Name: text(string(c.Name), "check"), Message: text(c.Message, "")}
			switch {
			case c.Outcome == verify.Pass:
				ch.Glyph, ch.Class = "✔", "pass"
			case c.Outcome == verify.Fail:
				ch.Glyph, ch.Class = "✖", "fail"
			default:
				ch.Glyph, ch.Class = "•", "other"
			}
			p.Checks = append(p.Checks, ch)
		}
	}
	var page bytes.Buffer
	if err := pages.ExecuteTemplate(&page, "badge.tmpl", p); err != nil {
		return card{}, nil, fmt.Errorf("badge %d page: %w", id, err)
	}
	files = append(files, File{Path: dir + "index.html", Data: page.Bytes(), Type: "text/html; charset=utf-8"})
	f := facts{image: p.Image, skills: p.Skills}
	s.facts.put(id, f)
	return cardOf(d.Summary, f), files, nil
}

// facts are what a badge's file gives its card on the index: the
// published picture and the skills. A badge's file never changes, so the
// live site keeps them (Handler) and serves the index from the wallet's
// list alone.
type facts struct {
	image  string
	skills []string
}

// factCache keeps facts by badge id; a nil cache keeps nothing.
type factCache struct {
	mu sync.Mutex
	m  map[int64]facts
}

func (c *factCache) get(id int64) (facts, bool) {
	if c == nil {
		return facts{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.m[id]
	return f, ok
}

func (c *factCache) put(id int64, f facts) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[int64]facts{}
	}
	c.m[id] = f
}

// factsOf reads badge id's facts from its file, or from the cache.
func (s *Site) factsOf(ctx context.Context, id int64) (facts, error) {
	if f, ok := s.facts.get(id); ok {
		return f, nil
	}
	raw, err := s.w.Original(ctx, id)
	if err != nil {
		return facts{}, err
	}
	orig, oerr := s.w.Export(ctx, id, wallet.ExportOriginal)
	f := facts{image: imageOf(orig, oerr)}
	if x, err := openbadges.Read(raw); err == nil && x.Badge != nil {
		f.skills = skillsOf(x.Badge)
	}
	s.facts.put(id, f)
	return f, nil
}

// liveIndex is index.html from the wallet's list and each badge's facts
// (read once per badge by a live site), without making every page.
func (s *Site) liveIndex(ctx context.Context) (File, error) {
	list, err := s.publicBadges(ctx)
	if err != nil {
		return File{}, err
	}
	cards := make([]card, 0, len(list))
	for _, sum := range list {
		f, err := s.factsOf(ctx, sum.ID)
		if errors.Is(err, wallet.ErrNotFound) { // removed since the list was read
			continue
		} else if err != nil {
			return File{}, err
		}
		cards = append(cards, cardOf(sum, f))
	}
	return s.index(cards)
}

// cardOf is a badge's card on the index.
func cardOf(sum wallet.Summary, f facts) card {
	c := card{Dir: badgeDir(sum.ID), Name: text(sum.Name, "(no name)"), Issuer: text(firstOf(sum.IssuerName, sum.IssuerID), "an unnamed issuer"),
		Issued: day(sum.Issued), Image: f.image, Initials: safetext.Initials(sum.Name), Skills: f.skills, StateWords: "Not checked yet"}
	if words, _ := verdictWords(sum.Verification); words != "" && !sum.VerifiedAt.IsZero() {
		c.StateWords = words + " · checked " + day(sum.VerifiedAt)
	}
	return c
}

// imageOf is the file name a badge's picture is published under, "" for
// none. A baked image is the original itself; an SVG that could run
// script when opened on its own (on the owner's domain, where a static
// host sets no CSP) is left out: the page shows the initials and links
// the credential, and publishing it unchanged is the only other choice.
func imageOf(orig wallet.Exported, err error) string {
	if err == nil && (orig.Type == "image/png" || (orig.Type == "image/svg+xml" && !activeSVG(orig.Data))) {
		return "badge" + orig.Ext
	}
	return ""
}

// skillsOf lists a badge's skills: its alignments, then its tags.
func skillsOf(b *openbadges.Badge) []string {
	var out []string
	for _, a := range b.Alignments {
		if n := text(a.Name, ""); n != "" {
			out = append(out, n)
		}
	}
	for _, t := range b.Tags {
		if n := text(t, ""); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// indexPage is what index.tmpl shows.
type indexPage struct {
	Title, Description, URL string
	Private                 bool
	Badges                  []card
}

func (s *Site) index(cards []card) (File, error) {
	p := indexPage{Title: s.title, Private: s.private, Badges: cards}
	switch {
	case s.private:
		p.Description = "This profile is private."
	case len(cards) == 1:
		p.Description = "1 public badge, each with its credential to verify."
	default:
		p.Description = strconv.Itoa(len(cards)) + " public badges, each with its credential to verify."
	}
	if s.base != "" {
		p.URL = s.base + "/"
	}
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, "index.tmpl", p); err != nil {
		return File{}, fmt.Errorf("index page: %w", err)
	}
	return File{Path: "index.html", Data: buf.Bytes(), Type: "text/html; charset=utf-8"}, nil
}

// text is untrusted text for a page: control bytes and escapes removed
// (html/template escapes what is left), or def when empty.
func text(s, def string) string {
	if t := safetext.Line(s); t != "" {
		return t
	}
	return def
}

func firstOf(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

// webURL is s when it is an absolute http(s) URL without user info (links
// from a badge: https://trusted.example@evil.example misleads), else "".
func webURL(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || safetext.Line(s) != s {
		return ""
	}
	return u.String()
}

// criteriaMarkdown renders criteria: goldmark escapes raw HTML and drops
// dangerous link schemes by default (no WithUnsafe); images show as their
// alt text (a page loads nothing from elsewhere) and headings start below
// the page's own (h3: the criteria sit under an h2).
var criteriaMarkdown = goldmark.New(
	goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(demoteHeadings{}, 100))),
	goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(imagesAsText{}, 100))),
)

// markdown renders criteria with criteriaMarkdown.
func markdown(md string) template.HTML {
	md = strings.TrimSpace(safetext.Text(md))
	if md == "" {
		return ""
	}
	var buf bytes.Buffer
	if err := criteriaMarkdown.Convert([]byte(md), &buf); err != nil {
		return template.HTML("<p>" + template.HTMLEscapeString(md) + "</p>")
	}
	return template.HTML(buf.String()) // #nosec: goldmark's safe mode output
}

// demoteHeadings moves every heading two levels down (at most h6).
type demoteHeadings struct{}

func (demoteHeadings) Transform(doc *ast.Document, _ gmtext.Reader, _ parser.Context) {
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			h.Level = min(h.Level+2, 6)
		}
		return ast.WalkContinue, nil
	})
}

// imagesAsText renders an image as its alt text (its children), so that
// criteria never make a browser fetch from a third party.
type imagesAsText struct{}

func (imagesAsText) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindImage, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkContinue, nil
	})
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2 January 2006")
}

func credentialKind(ext string) string {
	switch ext {
	case ".jwt", ".jws":
		return "a signed JWT"
	}
	return "signed JSON"
}

func verdictWords(v string) (string, string) {
	switch v {
	case "verified":
		return "✔ Verified", "pass"
	case "revoked":
		return "⊘ Revoked by its issuer", "fail"
	case "expired":
		return "⌛ Expired", "fail"
	case "unverifiable-offline":
		return "? Not fully checked (needs the network)", "other"
	case "":
		return "", ""
	}
	return "✖ Not valid (" + strings.ReplaceAll(v, "-", " ") + ")", "fail"
}

// activeSVG reports whether an SVG holds anything that runs or loads when
// it is opened as a document: script or foreignObject elements, event
// handler attributes, javascript: links, or markup that does not parse.
func activeSVG(data []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return false
		}
		if err != nil {
			return true // unreadable: not published as a document
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch strings.ToLower(el.Name.Local) {
		case "script", "foreignobject", "iframe", "embed", "object":
			return true
		}
		for _, a := range el.Attr {
			name, val := strings.ToLower(a.Name.Local), strings.ToLower(strings.TrimSpace(a.Value))
			if strings.HasPrefix(name, "on") || strings.Contains(val, "javascript:") || strings.HasPrefix(val, "data:text/html") {
				return true
			}
		}
	}
}
