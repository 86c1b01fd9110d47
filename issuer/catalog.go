package issuer

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Kinds of achievement.
const (
	KindExam          = "exam"
	KindCertification = "certification"
)

// Alignment ties an achievement to a skill in a framework.
type Alignment struct {
	Name      string `json:"name"`
	Framework string `json:"framework,omitempty"`
	Code      string `json:"code,omitempty"`
	URL       string `json:"url,omitempty"`
}

// Achievement is one entry of the catalog: an exam or a certification.
type Achievement struct {
	ID          string      `json:"id"`
	Kind        string      `json:"kind"`
	Code        string      `json:"code"`
	Level       string      `json:"level"`
	Name        string      `json:"name"`
	Description string      `json:"description"`
	Criteria    string      `json:"criteria"` // Markdown
	Color       string      `json:"color"`
	Tags        []string    `json:"tags,omitempty"`
	Alignments  []Alignment `json:"alignments,omitempty"`
	// Requires lists the exams a certification needs.
	Requires []string `json:"requires,omitempty"`
	// ValidYears, if set, makes badges expire that many years after award.
	ValidYears int `json:"validYears,omitempty"`
	// Legacy exams award no badge.
	Legacy bool `json:"legacy,omitempty"`
	// Retired (a date) ends new passes; earned badges stay claimable.
	Retired string `json:"retired,omitempty"`
	// Designs are the artwork versions, oldest first; the last is current.
	// "" is the default design.
	Designs []string `json:"designs,omitempty"`

	retiredOn time.Time
}

// RetiredOn returns the retirement date, zero if not retired.
func (a *Achievement) RetiredOn() time.Time { return a.retiredOn }

// IsRetired reports whether the achievement is retired on day t.
func (a *Achievement) IsRetired(t time.Time) bool {
	return !a.retiredOn.IsZero() && !t.Before(a.retiredOn)
}

// Design returns the current artwork design.
func (a *Achievement) Design() string {
	if len(a.Designs) == 0 {
		return ""
	}
	return a.Designs[len(a.Designs)-1]
}

// Profile is the issuer's public profile.
type Profile struct {
	Name        string `json:"name"`
	URL         string `json:"url"`
	Email       string `json:"email"`
	Description string `json:"description"`
	Color       string `json:"color"`
}

// Catalog is the issuer's program: its profile and achievements.
type Catalog struct {
	Issuer       Profile        `json:"issuer"`
	Achievements []*Achievement `json:"achievements"`

	byID map[string]*Achievement
}

var (
	idPattern    = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)
	colorPattern = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)
)

// ParseCatalog reads and validates a catalog.
func ParseCatalog(data []byte) (*Catalog, error) {
	var c Catalog
	d := json.NewDecoder(strings.NewReader(string(data)))
	d.DisallowUnknownFields()
	if err := d.Decode(&c); err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	if err := c.validate(); err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	return &c, nil
}

func (c *Catalog) validate() error {
	if c.Issuer.Name == "" || !webURL(c.Issuer.URL) {
		return errors.New("issuer needs a name and an https url (or http on this computer, 127.0.0.1 or localhost, for a demo)")
	}
	c.byID = map[string]*Achievement{}
	var errs []error
	for i, a := range c.Achievements {
		where := fmt.Sprintf("achievement %d (%q)", i+1, a.ID)
		switch {
		case !idPattern.MatchString(a.ID):
			errs = append(errs, fmt.Errorf("%s: id must be lower-case letters, digits and dashes", where))
		case c.byID[a.ID] != nil:
			errs = append(errs, fmt.Errorf("%s: duplicate id", where))
		case a.Kind != KindExam && a.Kind != KindCertification:
			errs = append(errs, fmt.Errorf("%s: kind must be exam or certification", where))
		case a.Name == "":
			errs = append(errs, fmt.Errorf("%s: no name", where))
		case !colorPattern.MatchString(a.Color):
			errs = append(errs, fmt.Errorf("%s: color %q is not #RRGGBB", where, a.Color))
		case a.Kind == KindCertification && len(a.Requires) == 0:
			errs = append(errs, fmt.Errorf("%s: a certification requires at least one exam", where))
		case a.Kind == KindExam && len(a.Requires) > 0:
			errs = append(errs, fmt.Errorf("%s: an exam requires nothing", where))
		case a.Legacy && a.Kind != KindExam:
			errs = append(errs, fmt.Errorf("%s: only exams can be legacy", where))
		case a.ValidYears < 0 || a.ValidYears > 50:
			errs = append(errs, fmt.Errorf("%s: validYears out of range", where))
		}
		if a.Retired != "" {
			t, err := time.Parse(time.DateOnly, a.Retired)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: retired must be a date (YYYY-MM-DD)", where))
			}
			a.retiredOn = t
		}
		c.byID[a.ID] = a
	}
	for _, a := range c.Achievements {
		for _, r := range a.Requires {
			e := c.byID[r]
			switch {
			case e == nil:
				errs = append(errs, fmt.Errorf("certification %q requires unknown exam %q", a.ID, r))
			case e.Kind != KindExam:
				errs = append(errs, fmt.Errorf("certification %q requires %q, which is not an exam", a.ID, r))
			case e.Legacy:
				errs = append(errs, fmt.Errorf("certification %q requires the legacy exam %q", a.ID, r))
			}
		}
	}
	return errors.Join(errs...)
}

// Get returns an achievement by id.
func (c *Catalog) Get(id string) (*Achievement, bool) {
	a, ok := c.byID[id]
	return a, ok
}

// CertificationsRequiring lists the certifications that need exam id,
// sorted by id.
func (c *Catalog) CertificationsRequiring(id string) []*Achievement {
	var out []*Achievement
	for _, a := range c.Achievements {
		for _, r := range a.Requires {
			if r == id {
				out = append(out, a)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Rule describes in words what passing or holding achievement a means in
// the catalog: which badge an exam gives, what a certification requires,
// expiry, retirement and artwork versions.
func (cat *Catalog) Rule(a *Achievement) string {
	var parts []string
	switch {
	case a.Legacy:
		parts = append(parts, "legacy: awards no badge")
	case a.Kind == KindExam:
		certs := cat.CertificationsRequiring(a.ID)
		single := false
		for _, c := range certs {
			if len(c.Requires) == 1 {
				single = true
				parts = append(parts, "awards "+c.ID+" instead of an exam badge")
			}
		}
		if !single {
			parts = append(parts, "own badge")
			for _, c := range certs {
				parts = append(parts, "counts toward "+c.ID)
			}
		}
	default:
		parts = append(parts, "requires "+strings.Join(a.Requires, " + "))
	}
	if a.ValidYears > 0 {
		parts = append(parts, fmt.Sprintf("expires after %d years", a.ValidYears))
	}
	if !a.RetiredOn().IsZero() {
		parts = append(parts, "retired "+a.RetiredOn().Format("2 Jan 2006")+" (earned badges stay claimable)")
	}
	if len(a.Designs) > 1 {
		parts = append(parts, fmt.Sprintf("%d artwork versions", len(a.Designs)))
	}
	return strings.Join(parts, "; ")
}

// webURL reports whether u is where an issuer's documents can live: an
// https URL, or an http one on this computer (a demo served by
// `badgewallet serve`).
func webURL(u string) bool {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" || p.User != nil || p.RawQuery != "" || p.Fragment != "" {
		return false
	}
	switch p.Scheme {
	case "https":
		return true
	case "http":
		h := p.Hostname()
		return h == "localhost" || h == "127.0.0.1" || h == "::1"
	}
	return false
}
