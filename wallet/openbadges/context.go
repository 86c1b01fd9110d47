package openbadges

import "strings"

// Well-known @context URLs.
const (
	ContextVC2  = "https://www.w3.org/ns/credentials/v2"
	ContextVC1  = "https://www.w3.org/2018/credentials/v1"
	ContextOB2  = "https://w3id.org/openbadges/v2"
	ContextOB2r = "https://openbadgespec.org/v2/context.json"
	ContextOB1  = "https://w3id.org/openbadges/v1"
	ContextOB1r = "https://openbadgespec.org/v1/context.json"
	ContextDID  = "https://www.w3.org/ns/did/v1"
	// ContextOB3Draft is the pre-release OB 3.0 context some early
	// credentials name; it is recognised, not bundled.
	ContextOB3Draft = "https://imsglobal.github.io/openbadges-specification/context.json"
)

// isOB3Context reports whether u is an Open Badges 3.0 context
// (context.json, context-3.0.x.json and their ob_v3p0.jsonld alias).
func isOB3Context(u string) bool {
	const p = "https://purl.imsglobal.org/spec/ob/v3p0/context"
	return strings.HasPrefix(u, p) && (u == p+".json" || strings.HasPrefix(u, p+"-3.0.") || u == p+"/ob_v3p0.jsonld") ||
		u == ContextOB3Draft

}

// ob2Kind maps a class name that the OB 2.0 context defines to its kind.
func ob2Kind(name string) (Kind, bool) {
	switch name {
	case "Assertion":
		return KindAssertion, true
	case "BadgeClass":
		return KindBadgeClass, true
	case "Issuer", "Profile":
		return KindProfile, true
	case "CryptographicKey":
		return KindKey, true
	case "RevocationList":
		return KindRevocationList, true
	case "Endorsement":
		return KindEndorsement, true
	case "AlignmentObject", "Criteria", "Evidence", "Extension", "FrameValidation", "HostedBadge",
		"IdentityObject", "Image", "SignedBadge", "TypeValidation", "VerificationObject", "hosted", "signed":
		return KindOther, true
	}
	return "", false
}

// ob3Kind maps an OB 3.0 credential type to its kind.
func ob3Kind(t string) (Kind, bool) {
	switch t {
	case "OpenBadgeCredential", "AchievementCredential":
		return KindCredential, true
	case "EndorsementCredential":
		return KindEndorsement, true
	}
	return "", false
}

// contextList returns the @context entries as strings ("{…}" for inline
// context objects).
func contextList(o obj) []string {
	var out []string
	for _, c := range o.list("@context") {
		switch t := c.(type) {
		case string:
			out = append(out, t)
		case map[string]any:
			out = append(out, "{…}")
		default:
			out = append(out, "?")
		}
	}
	return out
}
