package issuerpage

import (
	"errors"
	"fmt"

	"badgewallet/issuer"
)

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
