package openbadges

import (
	"encoding/json"
	"time"
)

// Spec is the Open Badges version of a document.
type Spec string

// Spec versions.
const (
	Spec1  Spec = "1.x" // OB 1.0 / 1.1 hosted assertion (no or v1 @context)
	Spec2  Spec = "2.0"
	Spec3  Spec = "3.0"
	SpecVC Spec = "vc" // a Verifiable Credential with no Open Badges type
)

// Kind says what a document is.
type Kind string

// Document kinds. Only KindAssertion and KindCredential are badges.
const (
	KindAssertion      Kind = "Assertion"             // OB 1.x / 2.0 assertion
	KindCredential     Kind = "OpenBadgeCredential"   // OB 3.0 OpenBadgeCredential / AchievementCredential
	KindEndorsement    Kind = "EndorsementCredential" // OB 3.0 endorsement, or OB 2.0 Endorsement
	KindVC             Kind = "VerifiableCredential"  // another VC (status list, non-OB credential)
	KindBadgeClass     Kind = "BadgeClass"
	KindProfile        Kind = "Profile" // OB 2.0 Issuer / Profile
	KindKey            Kind = "CryptographicKey"
	KindRevocationList Kind = "RevocationList"
	KindDIDDocument    Kind = "DIDDocument"
	KindOther          Kind = "Other" // another valid OB 2.0 node (AlignmentObject, Criteria, an extension class)
)

// Form is how the badge was expressed.
type Form string

// Forms.
const (
	FormJSON   Form = "json"   // plain JSON / JSON-LD
	FormJWS    Form = "jws"    // OB 2.0 signed badge: compact JWS around the assertion
	FormVCJWT  Form = "vc-jwt" // OB 3.0 VC-JWT (VC 2.0 payload or VC 1.1 "vc" claim)
	FormHosted Form = "url"    // only a URL: the hosted assertion must be fetched
)

// Badge is the normalized view of one Open Badges document, whatever its
// version and form. Strings are as found in the document: untrusted, and to
// be sanitized before display.
type Badge struct {
	Spec Spec `json:"spec"`
	Kind Kind `json:"kind"`
	Form Form `json:"form"`
	// Types is the document's type list as written.
	Types []string `json:"types,omitempty"`
	// Contexts is the @context list (URLs; inline contexts are "{…}").
	Contexts []string `json:"contexts,omitempty"`
	// VCVersion is "2.0" or "1.1" for credentials.
	VCVersion string `json:"vcVersion,omitempty"`

	ID          string   `json:"id,omitempty"` // assertion / credential id
	Name        string   `json:"name,omitempty"`
	Description string   `json:"description,omitempty"`
	Image       Image    `json:"image,omitzero"`
	Criteria    Criteria `json:"criteria,omitzero"`

	// AchievementID is the BadgeClass id (OB 2.0) or achievement id (OB 3.0).
	AchievementID   string `json:"achievementId,omitempty"`
	AchievementType string `json:"achievementType,omitempty"`
	// BadgeLinked is true when an OB 2.0 BadgeClass is only a URL, so its
	// name, issuer and criteria are not in the file.
	BadgeLinked bool `json:"badgeLinked,omitempty"`

	Issuer Issuer `json:"issuer,omitzero"`

	// Issued is issuedOn (OB 2.0), awardedDate or validFrom (OB 3.0, VC
	// 2.0) or issuanceDate (VC 1.1).
	Issued     time.Time `json:"issued,omitzero"`
	ValidFrom  time.Time `json:"validFrom,omitzero"`
	ValidUntil time.Time `json:"validUntil,omitzero"` // expires / validUntil / expirationDate

	Recipient Recipient `json:"recipient,omitzero"`

	Alignments []Alignment `json:"alignments,omitempty"`
	Tags       []string    `json:"tags,omitempty"`
	Evidence   []Evidence  `json:"evidence,omitempty"`
	Results    []Result    `json:"results,omitempty"`

	// Verification is the OB 2.0 verification object (hosted or signed).
	Verification Verification `json:"verification,omitzero"`
	Proofs       []Proof      `json:"proofs,omitempty"`
	Status       []Status     `json:"status,omitempty"`
	// JOSE is the protected header of a JWS / VC-JWT.
	JOSE map[string]any `json:"jose,omitempty"`
	// HostedURL is the URL of a hosted assertion when that is all there is.
	HostedURL string `json:"hostedUrl,omitempty"`

	// Raw is the JSON document that was parsed (for a JWS, its payload; for
	// a VC 1.1 JWT, the "vc" claim).
	Raw json.RawMessage `json:"-"`
	// Doc is Raw decoded (numbers as json.Number). Readers must not
	// modify it.
	Doc map[string]any `json:"-"`
	// JWS is the compact serialization when the badge came wrapped.
	JWS string `json:"-"`
}

// IsBadge reports whether the document is a badge an earner can hold: an
// assertion (OB 1.x / 2.0) or an OB 3.0 achievement credential.
func (b *Badge) IsBadge() bool { return b.Kind == KindAssertion || b.Kind == KindCredential }

// Image is a badge or issuer image.
type Image struct {
	ID      string `json:"id,omitempty"` // URL or data: URI
	Caption string `json:"caption,omitempty"`
}

// Criteria says how the badge is earned.
type Criteria struct {
	ID        string `json:"id,omitempty"`
	Narrative string `json:"narrative,omitempty"` // Markdown
}

// Issuer is the organization that issued the badge.
type Issuer struct {
	ID          string `json:"id,omitempty"`
	Name        string `json:"name,omitempty"`
	URL         string `json:"url,omitempty"`
	Email       string `json:"email,omitempty"`
	Description string `json:"description,omitempty"`
	Image       string `json:"image,omitempty"`
	// Linked is true when only the issuer's id (a URL) is in the document.
	Linked bool `json:"linked,omitempty"`
}

// Recipient is whom the badge was issued to.
type Recipient struct {
	// Identity is the plain identity or a "sha256$…" / "md5$…" hash.
	Identity string `json:"identity,omitempty"`
	// Type is email, url, telephone, id… (OB 2.0 type; OB 3.0 identityType).
	Type   string `json:"type,omitempty"`
	Hashed bool   `json:"hashed,omitempty"`
	Salt   string `json:"salt,omitempty"`
	// SubjectID is the OB 3.0 credentialSubject id (often a DID), if any.
	SubjectID string `json:"subjectId,omitempty"`
	// Others lists further OB 3.0 identifiers beyond the first.
	Others []Recipient `json:"others,omitempty"`
}

// Alignment ties the achievement to a skill or framework item.
type Alignment struct {
	Name        string `json:"name,omitempty"`
	URL         string `json:"url,omitempty"`
	Description string `json:"description,omitempty"`
	Framework   string `json:"framework,omitempty"`
	Code        string `json:"code,omitempty"`
	Type        string `json:"type,omitempty"`
}

// Evidence supports the award.
type Evidence struct {
	ID          string `json:"id,omitempty"`
	Name        string `json:"name,omitempty"`
	Narrative   string `json:"narrative,omitempty"`
	Description string `json:"description,omitempty"`
}

// Result is an OB 3.0 result (a score, a grade, a status).
type Result struct {
	Value  string `json:"value,omitempty"`
	Status string `json:"status,omitempty"`
	// Description is the resultDescription id this result refers to.
	Description string `json:"description,omitempty"`
}

// Verification is the OB 2.0 verification object.
type Verification struct {
	Type    string `json:"type,omitempty"` // hosted | signed
	Creator string `json:"creator,omitempty"`
	URL     string `json:"url,omitempty"` // OB 1.0 verify.url
}

// Proof summarizes one embedded Data Integrity / Linked Data proof.
type Proof struct {
	Type               string    `json:"type,omitempty"`
	Cryptosuite        string    `json:"cryptosuite,omitempty"`
	VerificationMethod string    `json:"verificationMethod,omitempty"`
	Purpose            string    `json:"proofPurpose,omitempty"`
	Created            time.Time `json:"created,omitzero"`
}

// Status is one credentialStatus entry.
type Status struct {
	ID             string `json:"id,omitempty"`
	Type           string `json:"type,omitempty"`
	Purpose        string `json:"purpose,omitempty"`
	Index          string `json:"index,omitempty"`
	ListCredential string `json:"listCredential,omitempty"`
}
