package openbadges

import (
	"fmt"
	"time"
)

// parseVC fills b from a Verifiable Credential (VC 2.0 or 1.1 form): an OB
// 3.0 achievement or endorsement credential, or another VC.
func parseVC(b *Badge, o obj) error {
	ctx := o.list("@context")
	if len(ctx) == 0 {
		return structErr("@context", "is missing: a credential starts its @context with %s", ContextVC2)
	}
	switch first, _ := ctx[0].(string); first {
	case ContextVC2:
		b.VCVersion = "2.0"
	case ContextVC1:
		b.VCVersion = "1.1"
	default:
		return structErr("@context", "starts with %q: a credential's first context must be %s (or %s for VC 1.1)", first, ContextVC2, ContextVC1)
	}
	if !has(b.Types, "VerifiableCredential") {
		return structErr("type", "does not include VerifiableCredential")
	}
	b.Spec, b.Kind = SpecVC, KindVC
	obContext := false
	for _, c := range b.Contexts {
		obContext = obContext || isOB3Context(c)
	}
	for _, t := range b.Types {
		if k, ok := ob3Kind(t); ok {
			b.Spec, b.Kind = Spec3, k
		} else if t != "VerifiableCredential" && obContext {
			return structErr("type", "%q is neither VerifiableCredential nor an Open Badges 3.0 credential type (OpenBadgeCredential, AchievementCredential, EndorsementCredential)", t)
		}
	}
	if b.Spec == Spec3 && !obContext {
		return structErr("@context", "has no Open Badges 3.0 context (https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json) although type is %v", b.Types)
	}

	var err error
	if b.ID, err = o.strict("", "id"); err != nil {
		return err
	}
	b.Name = o.str("name")
	b.Description = o.str("description")
	b.Image = imageOf(o["image"])

	switch is := o["issuer"].(type) {
	case string:
		b.Issuer = Issuer{ID: is, Linked: true}
	case map[string]any:
		b.Issuer = issuer(is)
		if b.Issuer.ID == "" {
			return structErr("issuer.id", "is missing: the issuer profile must have an id")
		}
	case nil:
		return structErr("issuer", "is missing: a credential names its issuer")
	default:
		return structErr("issuer", "must be a URL or a Profile object, found %s", jsonKind(is))
	}

	if err := vcDates(b, o); err != nil {
		return err
	}

	subj := o.list("credentialSubject")
	if len(subj) == 0 {
		return structErr("credentialSubject", "is missing: a credential says what it claims about whom")
	}
	s, ok := subj[0].(map[string]any)
	if !ok {
		return structErr("credentialSubject", "must be an object, found %s", jsonKind(subj[0]))
	}
	if b.Kind == KindCredential {
		if err := achievementSubject(b, obj(s)); err != nil {
			return err
		}
	} else if b.Name == "" {
		b.Name = obj(s).str("name")
	}
	b.Evidence = evidence(o.list("evidence"))

	for _, p := range o.list("proof") {
		if m, ok := p.(map[string]any); ok {
			po := obj(m)
			created, _ := parseTime("proof.created", po["created"])
			b.Proofs = append(b.Proofs, Proof{
				Type: po.str("type"), Cryptosuite: po.str("cryptosuite"), VerificationMethod: idOf(po["verificationMethod"]),
				Purpose: po.str("proofPurpose"), Created: created,
			})
		}
	}
	for _, st := range o.list("credentialStatus") {
		if m, ok := st.(map[string]any); ok {
			so := obj(m)
			idx := so.str("statusListIndex")
			if n, ok := so["statusListIndex"].(fmt.Stringer); ok && idx == "" {
				idx = n.String()
			}
			b.Status = append(b.Status, Status{
				ID: so.str("id"), Type: so.str("type"), Purpose: so.str("statusPurpose"), Index: idx,
				ListCredential: so.str("statusListCredential"),
			})
		}
	}
	return nil
}

// vcDates reads the validity period: validFrom / validUntil (VC 2.0),
// issuanceDate / expirationDate (VC 1.1), and OB 3.0.3 awardedDate.
func vcDates(b *Badge, o obj) error {
	from, until := "validFrom", "validUntil"
	if b.VCVersion == "1.1" {
		from, until = "issuanceDate", "expirationDate"
		if o["issuanceDate"] == nil {
			return structErr("issuanceDate", "is missing: a VC 1.1 credential has an issuance date")
		}
	}
	var err error
	if b.ValidFrom, err = parseTime(from, o[from]); err != nil {
		return err
	}
	if b.ValidUntil, err = parseTime(until, o[until]); err != nil {
		return err
	}
	var awarded time.Time
	if awarded, err = parseTime("awardedDate", o["awardedDate"]); err != nil {
		return err
	}
	b.Issued = b.ValidFrom
	if !awarded.IsZero() {
		b.Issued = awarded
	}
	return nil
}

// achievementSubject reads an OB 3.0 AchievementSubject.
func achievementSubject(b *Badge, s obj) error {
	a := s.obj("achievement")
	if a == nil {
		// Early drafts and some test credentials carry no achievement; the
		// credential's own name stands for it.
		a = obj{}
	}
	b.AchievementID = a.str("id")
	b.AchievementType = a.str("achievementType")
	if n := a.str("name"); n != "" {
		b.Name = n
	}
	if b.Name == "" {
		return structErr("credentialSubject.achievement.name", "is missing (and the credential has no name): an Open Badge needs a name")
	}
	if d := a.str("description"); d != "" {
		b.Description = d
	}
	if img := imageOf(a["image"]); img.ID != "" {
		b.Image = img
	}
	if c := a.obj("criteria"); c != nil {
		b.Criteria = Criteria{ID: c.str("id"), Narrative: c.str("narrative")}
	}
	for _, al := range a.list("alignment") {
		if m, ok := al.(map[string]any); ok {
			ao := obj(m)
			b.Alignments = append(b.Alignments, Alignment{
				Name: ao.str("targetName"), URL: ao.str("targetUrl"), Description: ao.str("targetDescription"),
				Framework: ao.str("targetFramework"), Code: ao.str("targetCode"), Type: ao.str("targetType"),
			})
		}
	}
	b.Tags = a.strs("tag")
	if b.Issuer.Name == "" {
		if c := a.obj("creator"); c != nil && c.str("id") == b.Issuer.ID {
			b.Issuer = issuer(c)
		}
	}

	b.Recipient.SubjectID = s.str("id")
	for i, idv := range s.list("identifier") {
		m, ok := idv.(map[string]any)
		if !ok {
			continue
		}
		io := obj(m)
		h, _ := io["hashed"].(bool)
		r := Recipient{Identity: io.str("identityHash"), Type: io.str("identityType"), Hashed: h, Salt: io.str("salt")}
		if i == 0 {
			r.SubjectID = b.Recipient.SubjectID
			b.Recipient = r
		} else {
			b.Recipient.Others = append(b.Recipient.Others, r)
		}
	}
	for _, rv := range s.list("result") {
		if m, ok := rv.(map[string]any); ok {
			ro := obj(m)
			b.Results = append(b.Results, Result{Value: ro.str("value"), Status: ro.str("status"), Description: ro.str("resultDescription")})
		}
	}
	return nil
}
