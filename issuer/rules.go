package issuer

import (
	"errors"
	"fmt"
	"time"
)

// Rule errors: each explains itself.
var (
	ErrUnknownAchievement = errors.New("no such achievement in the catalog")
	ErrLegacy             = errors.New("legacy exam: it awards no badge")
	ErrRetired            = errors.New("retired: no new passes or awards")
	ErrAlreadyHeld        = errors.New("already holds this badge")
)

// Decision is what passing an exam (or awarding an achievement) yields.
type Decision struct {
	// Record is the exam pass to record ("" when not an exam).
	Record string
	// Badges are the achievements to award now, in order.
	Badges []string
	// Notes explain the decision in plain words.
	Notes []string
}

// Decide applies the program's rules to a pass of exam id (or a direct
// award of certification id) on day on, given the exams the earner passed
// before and the badges they hold:
//   - a legacy exam awards no badge;
//   - a retired exam or certification accepts no new pass or award;
//   - an exam that on its own completes a certification yields that
//     certification's badge, not the exam's;
//   - an exam that is part of a multi-exam certification yields its own
//     badge, and the certification's too once all its exams are passed;
//   - a badge already held is not awarded again.
func (c *Catalog) Decide(id string, on time.Time, passed, held map[string]bool) (Decision, error) {
	a, ok := c.Get(id)
	if !ok {
		return Decision{}, fmt.Errorf("%q: %w", id, ErrUnknownAchievement)
	}
	if a.Legacy {
		return Decision{}, fmt.Errorf("%s: %w", a.Name, ErrLegacy)
	}
	if a.IsRetired(on) {
		return Decision{}, fmt.Errorf("%s was retired on %s: %w; badges already earned stay claimable", a.Name, a.retiredOn.Format("2 Jan 2006"), ErrRetired)
	}
	var d Decision
	add := func(x *Achievement, why string) {
		if held[x.ID] {
			d.Notes = append(d.Notes, fmt.Sprintf("%s: already held, not awarded again.", x.Name))
			return
		}
		for _, b := range d.Badges {
			if b == x.ID {
				return
			}
		}
		d.Badges = append(d.Badges, x.ID)
		d.Notes = append(d.Notes, why)
	}
	if a.Kind == KindCertification {
		add(a, fmt.Sprintf("%s awarded directly.", a.Name))
		if len(d.Badges) == 0 {
			return d, fmt.Errorf("%s: %w", a.Name, ErrAlreadyHeld)
		}
		return d, nil
	}
	d.Record = a.ID
	now := map[string]bool{a.ID: true}
	for k := range passed {
		now[k] = true
	}
	certs := c.CertificationsRequiring(a.ID)
	ownBadge := len(certs) == 0
	var completed []*Achievement
	for _, cert := range certs {
		if len(cert.Requires) == 1 {
			if cert.IsRetired(on) {
				continue
			}
			add(cert, fmt.Sprintf("%s completes %s on its own: the certification badge is awarded, not the exam's.", a.Code, cert.Name))
			continue
		}
		ownBadge = true
		complete := true
		for _, r := range cert.Requires {
			complete = complete && now[r]
		}
		if complete && !cert.IsRetired(on) {
			completed = append(completed, cert)
		}
	}
	if ownBadge {
		add(a, fmt.Sprintf("%s passed: exam badge awarded.", a.Name))
	}
	for _, cert := range completed {
		add(cert, fmt.Sprintf("With %s, every exam of %s is passed: the certification is awarded too.", a.Code, cert.Name))
	}
	return d, nil
}
