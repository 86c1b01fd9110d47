package verify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"badgewallet/wallet/openbadges"
)

// ob2Doc fetches and parses an OB 2.0 document of the given kind.
func (v *Verifier) ob2Doc(ctx context.Context, u string, want openbadges.Kind) (*openbadges.Badge, map[string]any, error) {
	body, _, err := v.get(ctx, u)
	if err != nil {
		return nil, nil, err
	}
	b, err := v.limits.Parse(body)
	if err != nil {
		return nil, nil, fmt.Errorf("the %s at %s is not valid: %v", want, short(u), err)
	}
	if b.Kind != want {
		return nil, nil, fmt.Errorf("%s holds an OB %s %s, not a %s", short(u), b.Spec, b.Kind, want)
	}
	var m map[string]any
	_ = json.Unmarshal(b.Raw, &m)
	return b, m, nil
}

// verifyHosted verifies a badge given only as its hosted URL.
func (v *Verifier) verifyHosted(ctx context.Context, r *Report, u, what string) {
	body, status, err := v.get(ctx, u)
	switch {
	case isNeedsNetwork(err):
		c := r.add(CheckStructure, Skipped, what+", which has to be fetched, and badgewallet is offline.")
		c.NeedsNetwork = true
		return
	case status == 410:
		r.add(CheckStructure, Pass, "The hosted assertion "+short(u)+" answered 410 Gone.")
		c := r.add(CheckStatus, Fail, "The issuer has revoked this badge: its hosted assertion answers 410 Gone.")
		c.Kind = "revoked"
		return
	case err != nil:
		r.add(CheckStructure, Fail, "The hosted assertion could not be read: "+err.Error()+".")
		return
	}
	x, err := v.limits.Read(body)
	if err != nil || x.Badge.Form == openbadges.FormHosted {
		r.add(CheckStructure, Fail, fmt.Sprintf("The hosted assertion at %s is not a badge: %v.", short(u), err))
		return
	}
	r.Badge = x.Badge
	if x.Badge.Spec == openbadges.Spec1 {
		r.add(CheckStructure, Fail, "The hosted assertion at "+short(u)+" is still an Open Badges 1.x assertion; badgewallet verifies Open Badges 2.0 and 3.0.")
		return
	}
	if x.Badge.Spec == openbadges.Spec3 || x.Badge.Spec == openbadges.SpecVC {
		r.Checks = nil
		if x.Badge.Form == openbadges.FormVCJWT {
			v.verifyJWT(ctx, r, x.Badge)
		} else {
			v.verifyCredential(ctx, r, x.Badge.Raw, nil)
		}
		return
	}
	v.verifyOB2(ctx, r, x)
}

// verifyOB2 verifies an OB 1.x / 2.0 document: an assertion (hosted or
// signed), or another OB 2.0 node on its own.
func (v *Verifier) verifyOB2(ctx context.Context, r *Report, x *openbadges.Extracted) {
	b := x.Badge
	if b.Kind != openbadges.KindAssertion {
		v.verifyOB2Node(ctx, r, b)
		return
	}
	if b.Spec == openbadges.Spec1 {
		// A 1.x assertion is only as good as its hosted copy, which the
		// issuer may since serve as OB 2.0: verify that.
		if u := firstNonEmpty(b.Verification.URL, b.ID); strings.HasPrefix(u, "http") {
			v.verifyHosted(ctx, r, u, "This OB 1.x assertion is checked against its hosted copy at "+short(u))
			return
		}
		r.add(CheckStructure, Fail, "This is an Open Badges 1.x assertion with no hosted URL to check it against; badgewallet verifies Open Badges 2.0 and 3.0.")
		return
	}
	signed := b.Form == openbadges.FormJWS
	vt := strings.ToLower(b.Verification.Type)
	switch {
	case signed && vt != "signed" && vt != "signedbadge":
		r.add(CheckStructure, Fail, fmt.Sprintf("The assertion is signed (JWS) but its verification type is %q, not signed.", b.Verification.Type))
		return
	case !signed && (vt == "signed" || vt == "signedbadge"):
		r.add(CheckStructure, Fail, "The assertion says it is signed, but the file holds no signature (it is not a JWS).")
		return
	case !signed && vt != "hosted" && vt != "hostedbadge":
		r.add(CheckStructure, Fail, fmt.Sprintf("The assertion's verification type %q is neither hosted nor signed.", b.Verification.Type))
		return
	}
	r.add(CheckStructure, Pass, "OB 2.0 Assertion: all required fields are present.")

	// The BadgeClass and its Issuer, fetched when only linked.
	issuer, issuerDoc, warn, err := v.ob2Issuer(ctx, b)
	if err != nil {
		v.ob2Fail(r, CheckProof, err)
		v.finishOB2(r, b, nil)
		return
	}
	if signed {
		v.ob2Signed(ctx, r, b, issuer, issuerDoc)
	} else {
		v.ob2HostedProof(ctx, r, b, issuer, issuerDoc, warn)
	}
	// Judged once the issuer's copy is confirmed, as the OB 2.0 validator
	// does: the hosted copy is the authoritative one.
	if c, ok := r.Check(CheckProof); ok && (c.Outcome == Pass || c.Outcome == Warning) && strings.HasPrefix(b.Image.ID, "data:") {
		r.add(CheckStructure, Fail, "The assertion's image is a data: URI; OB 2.0 allows embedded images only on a BadgeClass or an Issuer, an assertion's image must be a URL.")
		return
	}
	if c, ok := r.Check(CheckProof); ok && c.Outcome != Fail && !c.NeedsNetwork && signed {
		v.finishOB2(r, b, func() { v.ob2RevocationList(ctx, r, b, issuerDoc) })
		return
	}
	v.finishOB2(r, b, nil)
}

// finishOB2 adds validity, status (when given) and recipient.
func (v *Verifier) finishOB2(r *Report, b *openbadges.Badge, status func()) {
	if !b.ValidUntil.IsZero() && !b.Issued.IsZero() && b.ValidUntil.Before(b.Issued) {
		c := r.add(CheckValidity, Fail, "The badge expired on "+b.ValidUntil.Format("2 Jan 2006")+", before it was even issued ("+b.Issued.Format("2 Jan 2006")+").")
		c.Kind = "expired"
	} else {
		v.checkValidity(r, b.Issued, b.ValidUntil)
	}
	if _, done := r.Check(CheckStatus); !done {
		if status != nil {
			status()
		} else if c, ok := r.Check(CheckProof); ok && c.Outcome != Fail && !c.NeedsNetwork {
			r.add(CheckStatus, Pass, "Not revoked: the hosted assertion is still served by the issuer.")
		} else {
			r.add(CheckStatus, Skipped, "The revocation status was not checked because the proof was not confirmed.")
		}
	}
	v.checkRecipient(r, b)
}

func (v *Verifier) ob2Fail(r *Report, name CheckName, err error) {
	if isNeedsNetwork(err) {
		c := r.add(name, Skipped, "This OB 2.0 badge is checked against the issuer's hosted documents, which have to be fetched, and badgewallet is offline.")
		c.NeedsNetwork = true
		return
	}
	r.add(name, Fail, upper(err.Error())+".")
}

func upper(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// ob2Issuer returns the issuer profile of an assertion, fetching the
// BadgeClass and the Profile when they are only linked.
func (v *Verifier) ob2Issuer(ctx context.Context, b *openbadges.Badge) (openbadges.Issuer, map[string]any, []string, error) {
	var warn []string
	if b.BadgeLinked {
		bc, _, err := v.ob2Doc(ctx, b.AchievementID, openbadges.KindBadgeClass)
		if err != nil {
			return openbadges.Issuer{}, nil, nil, err
		}
		if bc.ID != "" && bc.ID != b.AchievementID {
			warn = append(warn, fmt.Sprintf("the BadgeClass link %s answers with a BadgeClass whose id is %s", short(b.AchievementID), short(bc.ID)))
		}
		b.Name, b.Description, b.Criteria, b.Issuer = bc.Name, bc.Description, bc.Criteria, bc.Issuer
		b.Alignments, b.Tags = bc.Alignments, bc.Tags
		if b.Image.ID == "" {
			b.Image = bc.Image
		}
	}
	if b.Issuer.ID == "" {
		return openbadges.Issuer{}, nil, nil, errors.New("the BadgeClass names no issuer")
	}
	is, doc, err := v.ob2Doc(ctx, b.Issuer.ID, openbadges.KindProfile)
	if err != nil {
		return openbadges.Issuer{}, nil, nil, err
	}
	b.Issuer = is.Issuer
	b.Issuer.ID = firstNonEmpty(is.ID, b.Issuer.ID)
	return b.Issuer, doc, warn, nil
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// ob2HostedProof checks that the assertion lives where the issuer allows
// (its verification policy) and that the issuer still serves it.
func (v *Verifier) ob2HostedProof(ctx context.Context, r *Report, b *openbadges.Badge, issuer openbadges.Issuer, issuerDoc map[string]any, warn []string) {
	ok, why := inScope(b.ID, issuer.ID, issuerDoc)
	if !ok {
		r.add(CheckProof, Fail, "The assertion is hosted at "+short(b.ID)+", outside the places its issuer vouches for: "+why+".")
		return
	}
	if why != "" {
		warn = append(warn, why)
	}
	// The issuer must still serve it: 410 Gone or "revoked": true revoke it.
	body, code, err := v.get(ctx, b.ID)
	switch {
	case isNeedsNetwork(err):
		c := r.add(CheckProof, Skipped, "The hosted assertion "+short(b.ID)+" has to be fetched from the issuer, and badgewallet is offline.")
		c.NeedsNetwork = true
		return
	case code == 410:
		r.add(CheckProof, Pass, "Hosted by the issuer at "+short(b.ID)+".")
		c := r.add(CheckStatus, Fail, "The issuer has revoked this badge: its hosted assertion answers 410 Gone.")
		c.Kind = "revoked"
		return
	case err != nil:
		r.add(CheckProof, Fail, "The issuer no longer serves this assertion: "+err.Error()+".")
		return
	}
	// The issuer's copy: JSON, or (some hosts) the baked image itself.
	var served map[string]any
	if sx, err := v.limits.Read(body); err == nil && sx.Badge.Raw != nil {
		_ = json.Unmarshal(sx.Badge.Raw, &served)
	}
	if served == nil {
		r.add(CheckProof, Fail, "The issuer's copy at "+short(b.ID)+" is not an Open Badges assertion.")
		return
	}
	if id, _ := served["id"].(string); id != b.ID {
		r.add(CheckProof, Fail, fmt.Sprintf("The issuer's copy at %s has the id %q, not this assertion's.", short(b.ID), id))
		return
	}
	msg := "Hosted by the issuer " + firstNonEmpty(issuer.Name, issuer.ID) + " at " + short(b.ID) + "."
	if len(warn) > 0 {
		r.add(CheckProof, Warning, msg+" Note: "+strings.Join(warn, "; ")+".")
	} else {
		r.add(CheckProof, Pass, msg)
	}
	if rv, _ := served["revoked"].(bool); rv {
		reason, _ := served["revocationReason"].(string)
		c := r.add(CheckStatus, Fail, strings.TrimSpace("The issuer has marked this badge revoked. "+reason))
		c.Kind = "revoked"
	}
}

// inScope applies the OB 2.0 hosted verification policy: the assertion id
// must start with one of verification.startsWith, or its host must be one
// of verification.allowedOrigins; by default, the host of the issuer's id.
func inScope(assertionID, issuerID string, issuerDoc map[string]any) (bool, string) {
	au, err := url.Parse(assertionID)
	if err != nil || (au.Scheme != "https" && au.Scheme != "http") {
		return false, "its id is not an http(s) URL"
	}
	pol, _ := issuerDoc["verification"].(map[string]any)
	if sw := strs(pol["startsWith"]); len(sw) > 0 {
		for _, p := range sw {
			if strings.HasPrefix(assertionID, p) {
				return true, ""
			}
		}
		return false, "the issuer requires it to start with " + strings.Join(sw, " or ")
	}
	if ao := strs(pol["allowedOrigins"]); len(ao) > 0 {
		for _, h := range ao {
			if strings.EqualFold(h, au.Host) || strings.EqualFold(h, au.Hostname()) {
				return true, ""
			}
		}
		return false, "the issuer allows only " + strings.Join(ao, ", ")
	}
	iu, err := url.Parse(issuerID)
	if err != nil || (iu.Scheme != "https" && iu.Scheme != "http") {
		return true, "the issuer's id " + short(issuerID) + " is not an http(s) URL, so where its assertions may live cannot be checked"
	}
	if !strings.EqualFold(iu.Hostname(), au.Hostname()) {
		return false, "by default an issuer vouches only for its own host " + iu.Hostname()
	}
	return true, ""
}

func strs(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// verifyOB2Node checks an OB 2.0 BadgeClass, Profile or other node given on
// its own: its structure, and for a BadgeClass, that its issuer resolves.
func (v *Verifier) verifyOB2Node(ctx context.Context, r *Report, b *openbadges.Badge) {
	r.add(CheckStructure, Pass, kindWords(b)+": a valid OB 2.0 document (not a badge itself).")
	if b.Kind != openbadges.KindBadgeClass || !b.Issuer.Linked {
		return
	}
	if _, _, err := v.ob2Doc(ctx, b.Issuer.ID, openbadges.KindProfile); err != nil {
		if isNeedsNetwork(err) {
			c := r.add(CheckProof, Skipped, "The BadgeClass's issuer "+short(b.Issuer.ID)+" has to be fetched, and badgewallet is offline.")
			c.NeedsNetwork = true
			return
		}
		r.Checks[0] = Check{Name: CheckStructure, Outcome: Fail, Message: upper(err.Error()) + "."}
		return
	}
	r.add(CheckProof, Pass, "The BadgeClass's issuer "+short(b.Issuer.ID)+" is a valid issuer profile.")
}
