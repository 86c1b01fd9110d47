package share

import (
	"errors"
	"net/url"
	"strings"
	"time"

	"badgewallet/wallet/safetext"
)

// Badge is what the snippets are made of. Every string is untrusted.
type Badge struct {
	// ID is the wallet id or slug used in the public URLs.
	ID string
	// CredentialID is the credential's own id (a URL or urn:uuid:…).
	CredentialID string
	Name         string
	Description  string
	IssuerName   string
	// IssuerURL is the issuer's home page; used only when http(s).
	IssuerURL string
	// Issued and Expires are zero when unknown or never.
	Issued, Expires time.Time
	// ImageURL is a public image of the badge, "" when there is none; used
	// only when http(s).
	ImageURL string
	Skills   []string
	// Public reports whether the earner made this badge public.
	Public bool
}

// Context is the earner's side: privacy and where the public pages live.
type Context struct {
	// BaseURL is the public base URL, "" if the profile was never published.
	BaseURL string
	// ProfilePublic reports whether the earner's public profile is on.
	ProfilePublic bool
	// EarnerName signs the e-mail; may be "".
	EarnerName string
}

var (
	// ErrPrivate means that the snippet links to the badge's public page
	// and the badge, or the earner's profile, is private. errors.Is
	// matches it for both; the message says which.
	ErrPrivate = errors.New("this badge is private: make it public (key p) to share a link")
	// ErrNoBaseURL means that no public base URL is set.
	ErrNoBaseURL = errors.New("set where your public badges are published first (Settings, or: badgewallet public-url URL)")
	// ErrBadBaseURL means that the public base URL is not an absolute
	// http(s) URL without user info, query or fragment.
	ErrBadBaseURL = errors.New("the public base URL must be an http:// or https:// address (without query or fragment): fix it in Settings")
	// ErrNoID means that the badge has no usable id for its public page.
	ErrNoID = errors.New("this badge has no public id")
	// ErrUnknownFormat means that the format is not one of Formats().
	ErrUnknownFormat = errors.New("unknown share format")
)

// profilePrivateError is ErrPrivate with a message about the profile.
type profilePrivateError struct{}

func (profilePrivateError) Error() string {
	return "your profile is private: make it public in Settings to share a link"
}

func (profilePrivateError) Is(target error) bool { return target == ErrPrivate }

// ErrProfilePrivate is returned instead of ErrPrivate when the badge is
// public but the profile is not; errors.Is(err, ErrPrivate) holds.
var ErrProfilePrivate error = profilePrivateError{}

// VerifyURL returns the badge's public verification page:
// BaseURL + "/badges/" + url.PathEscape(ID) + "/" (a trailing slash on
// BaseURL is dropped first). It fails with ErrPrivate (or
// ErrProfilePrivate) when the badge or the profile is private, ErrNoBaseURL
// when no base URL is set, ErrBadBaseURL when it is not http(s), ErrNoID
// when the badge has no id.
func VerifyURL(b Badge, c Context) (string, error) {
	if !b.Public {
		return "", ErrPrivate
	}
	if !c.ProfilePublic {
		return "", ErrProfilePrivate
	}
	if strings.TrimSpace(c.BaseURL) == "" {
		return "", ErrNoBaseURL
	}
	base, ok := baseURL(c.BaseURL)
	if !ok {
		return "", ErrBadBaseURL
	}
	id := strings.TrimSpace(b.ID)
	if id == "" || id == "." || id == ".." {
		return "", ErrNoID
	}
	return base + "/badges/" + url.PathEscape(id) + "/", nil
}

// baseURL validates and normalises the public base URL, without the
// trailing slash.
func baseURL(s string) (string, bool) {
	u, ok := parseWebURL(s)
	if !ok || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return "", false
	}
	return strings.TrimRight(cleanURL(u.String()), "/"), true
}

// WebURL returns s when it is an absolute http or https URL without user
// info, normalised so that it holds only RFC 3986 characters; "" otherwise.
// It is what the snippets use for the image and the issuer's page.
func WebURL(s string) string {
	u, ok := parseWebURL(s)
	if !ok {
		return ""
	}
	return cleanURL(u.String())
}

func parseWebURL(s string) (*url.URL, bool) {
	s = safetext.Line(s)
	if s == "" || len(s) > maxURL {
		return nil, false
	}
	u, err := url.Parse(s)
	if err != nil || u.Opaque != "" || u.User != nil || u.Host == "" {
		return nil, false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		u.Scheme = strings.ToLower(u.Scheme)
	default:
		return nil, false
	}
	if strings.ContainsAny(u.Hostname(), " \"'<>\\^`{|}%") {
		return nil, false
	}
	return u, true
}

// cleanURL percent-encodes every byte that is not allowed in a URI by RFC
// 3986 (unreserved, reserved and '%'), so that what url.URL.String keeps
// verbatim (query, fragment) cannot carry spaces, quotes, angle brackets or
// raw non-ASCII.
func cleanURL(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r > 0x7e || !uriByte(byte(r)) }) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if uriByte(c) {
			b.WriteByte(c)
		} else {
			pctByte(&b, c)
		}
	}
	return b.String()
}

func uriByte(c byte) bool {
	if unreserved(c) {
		return true
	}
	return strings.IndexByte(":/?#[]@!$&'()*+,;=%", c) >= 0
}

func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

func pctByte(b *strings.Builder, c byte) {
	const hex = "0123456789ABCDEF"
	b.WriteByte('%')
	b.WriteByte(hex[c>>4])
	b.WriteByte(hex[c&15])
}

// Caps on the untrusted text, in runes (bytes for URLs): a snippet stays
// a snippet whatever the badge holds.
const (
	maxName   = 200
	maxIssuer = 200
	maxDesc   = 600
	maxCredID = 300
	maxSkill  = 60
	maxSkills = 20
	maxURL    = 2048
)

// badge is a Badge made harmless: one-line, capped text and checked URLs.
type badge struct {
	name, desc, issuer, credID, earner string
	issuerURL, image                   string // "" unless http(s)
	issued, expires                    time.Time
	skills                             []string
	verify                             string // "" when the public page cannot be linked
}

func prepare(b Badge, c Context, needVerify bool) (badge, error) {
	p := badge{
		name:      safetext.Truncate(safetext.Line(b.Name), maxName),
		desc:      safetext.Truncate(safetext.Text(b.Description), maxDesc),
		issuer:    safetext.Truncate(safetext.Line(b.IssuerName), maxIssuer),
		credID:    safetext.Truncate(safetext.Line(b.CredentialID), maxCredID),
		earner:    safetext.Truncate(safetext.Line(c.EarnerName), maxName),
		issuerURL: WebURL(b.IssuerURL),
		image:     WebURL(b.ImageURL),
		issued:    b.Issued,
		expires:   b.Expires,
	}
	if p.name == "" {
		p.name = "Untitled badge"
	}
	for _, s := range b.Skills {
		if len(p.skills) == maxSkills {
			break
		}
		if s = safetext.Truncate(safetext.Line(s), maxSkill); s != "" {
			p.skills = append(p.skills, s)
		}
	}
	v, err := VerifyURL(b, c)
	if err != nil && needVerify {
		return badge{}, err
	}
	if err == nil {
		p.verify = v
	}
	return p, nil
}

// known reports whether t is a usable date: not zero, and with a
// four-digit year (1000..9999), as LinkedIn and "Mar 2026" want.
func known(t time.Time) bool {
	return !t.IsZero() && t.Year() >= 1000 && t.Year() <= 9999
}

// monthYear formats t as "Mar 2026".
func monthYear(t time.Time) string { return t.Format("Jan 2006") }
