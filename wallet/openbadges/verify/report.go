package verify

import (
	"time"

	"badgewallet/wallet/openbadges"
)

// Outcome of one check.
type Outcome string

// Outcomes.
const (
	Pass    Outcome = "pass"
	Fail    Outcome = "fail"
	Warning Outcome = "warning" // passed, with something the holder should know
	Skipped Outcome = "skipped" // not run; NeedsNetwork says whether for lack of network
)

// CheckName names a check. They run in this order.
type CheckName string

// Checks.
const (
	CheckStructure CheckName = "structure"
	CheckProof     CheckName = "proof"
	CheckValidity  CheckName = "validity"
	CheckStatus    CheckName = "status"
	CheckRecipient CheckName = "recipient"
)

// Check is one step of a verification.
type Check struct {
	Name    CheckName `json:"check"`
	Outcome Outcome   `json:"outcome"`
	// Message is one plain sentence: what was checked and what was found.
	Message string `json:"message"`
	// NeedsNetwork is set on a check skipped because it needs the network.
	NeedsNetwork bool `json:"needsNetwork,omitempty"`
	// Kind refines a failure: for validity "expired" or "not-yet-valid",
	// for status "revoked", "suspended" or "invalid-status".
	Kind string `json:"kind,omitempty"`
}

// Verdict is the overall result.
type Verdict string

// Verdicts.
const (
	Verified            Verdict = "verified"
	Revoked             Verdict = "revoked"
	Expired             Verdict = "expired"
	NotYetValid         Verdict = "not-yet-valid"
	Invalid             Verdict = "invalid"
	RecipientMismatch   Verdict = "recipient-mismatch"
	UnverifiableOffline Verdict = "unverifiable-offline"
)

// Report is the result of verifying one badge.
type Report struct {
	Verdict   Verdict   `json:"verdict"`
	Checks    []Check   `json:"checks"`
	CheckedAt time.Time `json:"checkedAt"`
	// Badge is the parsed badge (nil when the file could not be read).
	Badge *openbadges.Badge `json:"badge,omitempty"`
}

// Failed returns the check that decided a non-verified verdict, if any.
func (r *Report) Failed() (Check, bool) {
	for _, c := range r.Checks {
		if c.Outcome == Fail || c.NeedsNetwork {
			return c, true
		}
	}
	return Check{}, false
}

// Check returns the named check.
func (r *Report) Check(name CheckName) (Check, bool) {
	for _, c := range r.Checks {
		if c.Name == name {
			return c, true
		}
	}
	return Check{}, false
}

// decide sets the verdict from the checks in order: the first check that
// failed, or that was skipped for lack of network, decides; a recipient
// mismatch only counts once everything else passed.
func (r *Report) decide() {
	r.Verdict = Verified
	for _, c := range r.Checks {
		switch {
		case c.NeedsNetwork:
			r.Verdict = UnverifiableOffline
			return
		case c.Outcome != Fail:
			continue
		case c.Name == CheckValidity && c.Kind == "expired":
			r.Verdict = Expired
		case c.Name == CheckValidity && c.Kind == "not-yet-valid":
			r.Verdict = NotYetValid
		case c.Name == CheckStatus && (c.Kind == "revoked" || c.Kind == "suspended"):
			r.Verdict = Revoked
		case c.Name == CheckRecipient:
			r.Verdict = RecipientMismatch
		default:
			r.Verdict = Invalid
		}
		return
	}
}

func (r *Report) add(name CheckName, o Outcome, msg string) *Check {
	r.Checks = append(r.Checks, Check{Name: name, Outcome: o, Message: msg})
	return &r.Checks[len(r.Checks)-1]
}
