package issuerpage

import (
	"errors"
	"fmt"
	"strings"

	"badgewallet/issuer"
)

// rule describes in words what passing or holding an achievement means,
// as the CLI's "issuer catalog" does.
func rule(cat *issuer.Catalog, a *issuer.Achievement) string {
	var parts []string
	switch {
	case a.Legacy:
		parts = append(parts, "legacy: awards no badge")
	case a.Kind == issuer.KindExam:
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

// state is the catalog's state column: glyph and word.
func state(a *issuer.Achievement) string {
	switch {
	case !a.RetiredOn().IsZero():
		return "⊘ retired"
	case a.Legacy:
		return "– legacy"
	}
	return ""
}

// reason says in plain words why an award failed (the issuer's errors
// carry ids and addresses the screen already shows).
func reason(err error, id string) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, issuer.ErrAlreadyHeld):
		return "already holds this badge: nothing was awarded"
	case errors.Is(err, issuer.ErrBadEmail):
		return "not an email address: type one like ada@example.com"
	case errors.Is(err, issuer.ErrUnknownAchievement):
		return fmt.Sprintf("no achievement %q in the catalog (t lists them)", id)
	case errors.Is(err, issuer.ErrRetired):
		return "retired: it accepts no new passes or awards"
	case errors.Is(err, issuer.ErrLegacy):
		return "legacy exam: it awards no badge"
	}
	return err.Error()
}
