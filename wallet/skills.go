package wallet

import (
	"context"
	"errors"
	"net/url"
	"sort"
	"strings"

	"badgewallet/store"
)

// Skill is one skill across the holder's accepted badges.
type Skill struct {
	Name      string   `json:"name"`
	Framework string   `json:"framework,omitempty"`
	Code      string   `json:"code,omitempty"`
	URL       string   `json:"url,omitempty"`
	Badges    []string `json:"badges"`
	JobSearch string   `json:"jobSearch"` // LinkedIn jobs search for the skill
}

// JobSearchURL is a LinkedIn jobs search for a keyword.
func JobSearchURL(keyword string) string {
	return "https://www.linkedin.com/jobs/search/?keywords=" + url.QueryEscape(keyword)
}

// Skills aggregates alignments and tags over accepted badges, most
// evidenced first.
func (w *Wallet) Skills(ctx context.Context) ([]Skill, error) {
	byKey := map[string]*Skill{}
	add := func(name, framework, code, u, badge string) {
		name = strings.TrimSpace(name)
		if name == "" {
			return
		}
		key := strings.ToLower(name)
		s := byKey[key]
		if s == nil {
			s = &Skill{Name: name, Framework: framework, Code: code, URL: u, JobSearch: JobSearchURL(name)}
			byKey[key] = s
		}
		if s.URL == "" {
			s.URL, s.Framework, s.Code = u, framework, code
		}
		for _, b := range s.Badges {
			if b == badge {
				return
			}
		}
		s.Badges = append(s.Badges, badge)
	}
	for offset := 0; ; offset += 500 {
		rows, err := w.db.ListBadges(ctx, store.ListQuery{Acceptance: "accepted", Limit: 500, Offset: offset, Sort: "name"})
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			data, err := w.db.BadgeOriginal(ctx, r.ID)
			if errors.Is(err, store.ErrNotFound) {
				continue // no file to read skills from: the others still count
			} else if err != nil {
				return nil, err
			}
			x, err := w.limits.Read(data)
			if err != nil || x.Badge == nil {
				continue
			}
			for _, a := range x.Badge.Alignments {
				add(a.Name, a.Framework, a.Code, a.URL, r.Name)
			}
			for _, t := range x.Badge.Tags {
				add(t, "", "", "", r.Name)
			}
		}
		if len(rows) < 500 {
			break
		}
	}
	out := make([]Skill, 0, len(byKey))
	for _, s := range byKey {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].Badges) != len(out[j].Badges) {
			return len(out[i].Badges) > len(out[j].Badges)
		}
		return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name)
	})
	return out, nil
}
