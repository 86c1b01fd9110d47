package openbadges

import (
	"bytes"
	"fmt"
	"strings"
)

// Parse parses a badge payload with DefaultLimits.
func Parse(data []byte) (*Badge, error) { return DefaultLimits().Parse(data) }

// Parse parses a payload as found in a file or an image: JSON (an OB 2.0
// assertion, an OB 3.0 credential, or another Open Badges document), a
// compact JWS (OB 2.0 signed badge or OB 3.0 VC-JWT), or a bare URL (a
// hosted assertion, returned with Form FormHosted and nothing else known).
func (l Limits) Parse(data []byte) (*Badge, error) {
	t := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	switch {
	case len(t) == 0:
		return nil, ErrEmpty
	case len(t) > l.MaxJSONBytes:
		return nil, fmt.Errorf("payload is %d bytes, limit %d: %w", len(t), l.MaxJSONBytes, ErrTooLarge)
	case t[0] == '{':
		o, err := l.decodeObject(t)
		if err != nil {
			return nil, err
		}
		return parseDocument(o, t, FormJSON)
	case looksJWS(t):
		return l.parseJWS(string(t))
	case looksURL(t):
		return &Badge{Spec: Spec2, Kind: KindAssertion, Form: FormHosted, HostedURL: string(t), ID: string(t)}, nil
	case t[0] == '[':
		return nil, fmt.Errorf("JSON: the top level is an array, an Open Badges document is a JSON object: %w", ErrStructure)
	}
	return nil, ErrUnknownFormat
}

// parseDocument classifies a decoded JSON object and parses it.
func parseDocument(o obj, raw []byte, form Form) (*Badge, error) {
	ctx := contextList(o)
	types := o.strs("type")
	b := &Badge{Form: form, Contexts: ctx, Types: types, Raw: raw, Doc: o}
	isVC := has(types, "VerifiableCredential")
	for _, c := range ctx {
		if c == ContextVC2 || c == ContextVC1 {
			isVC = true
		}
	}
	switch {
	case isVC:
		return b, parseVC(b, o)
	case has(ctx, ContextDID) || (strings.HasPrefix(o.str("id"), "did:") && o["verificationMethod"] != nil):
		b.Spec, b.Kind, b.ID = SpecVC, KindDIDDocument, o.str("id")
		return b, nil
	case o["@context"] != nil || o["type"] != nil:
		return b, parseOB2(b, o)
	case o["badge"] != nil || o.obj("verify") != nil:
		return b, parseOB1(b, o)
	}
	return nil, structErr("the document", "has no @context and no type: it is not an Open Badges document")
}

// parseOB2 parses an OB 2.0 document: an assertion, or a BadgeClass,
// Profile, key, revocation list or other node.
func parseOB2(b *Badge, o obj) error {
	b.Spec = Spec2
	if o["@context"] == nil {
		return structErr("@context", "is missing: an OB 2.0 document names https://w3id.org/openbadges/v2")
	}
	for i, c := range o.list("@context") {
		s, isStr := c.(string)
		_, isObj := c.(map[string]any)
		switch {
		case isObj:
		case !isStr:
			return structErr(fmt.Sprintf("@context[%d]", i), "must be a URL or an object")
		case i == 0 && (s == ContextOB1 || s == ContextOB1r):
			b.Spec = Spec1
		case i == 0 && s != ContextOB2 && s != ContextOB2r:
			return structErr("@context", "is %q: an OB 2.0 document starts with %s", s, ContextOB2)
		}
	}
	if len(b.Types) == 0 {
		if o["type"] != nil {
			return structErr("type", "is empty or not a string: an OB 2.0 node's type names a class")
		}
		// An untyped node (e.g. a Criteria document served at its URL).
		b.Kind, b.ID = KindOther, o.str("id")
		return nil
	}
	b.Kind = ""
	for _, t := range b.Types {
		k, known := ob2Kind(t)
		if !known && !strings.Contains(t, ":") {
			return structErr("type", "%q is not a class of the OB 2.0 context (and not an IRI)", t)
		}
		if known && (b.Kind == "" || b.Kind == KindOther) {
			b.Kind = k
		}
	}
	if b.Kind == "" {
		b.Kind = KindOther
	}
	switch b.Kind {
	case KindAssertion:
		return parseAssertion(b, o)
	case KindBadgeClass:
		b.ID = o.str("id")
		return badgeClass(b, "", o)
	case KindProfile:
		b.Issuer = issuer(o)
		b.ID, b.Name = o.str("id"), o.str("name")
	default:
		b.ID, b.Name = o.str("id"), o.str("name")
	}
	return nil
}

// parseAssertion fills b from an OB 2.0 Assertion.
func parseAssertion(b *Badge, o obj) error {
	var err error
	if b.ID, err = o.strict("", "id"); err != nil {
		return err
	}
	if b.ID == "" {
		return structErr("id", "is missing: an OB 2.0 assertion has an IRI id")
	}
	r := o.obj("recipient")
	if r == nil {
		return structErr("recipient", "is missing or not an object: an assertion names its recipient")
	}
	if err := recipientOB2(b, "recipient.", r); err != nil {
		return err
	}
	if err := assertionBadge(b, o); err != nil {
		return err
	}
	v := o.obj("verification")
	if v == nil {
		return structErr("verification", "is missing or not an object: an OB 2.0 assertion says how to verify it (hosted or signed)")
	}
	b.Verification = Verification{Type: v.str("type"), Creator: v.str("creator")}
	if o["issuedOn"] == nil {
		return structErr("issuedOn", "is missing: an assertion has an issue date")
	}
	return assertionTail(b, o)
}

// assertionTail reads what OB 1.x and 2.0 assertions share: issuedOn,
// expires, the assertion's own image and its evidence.
func assertionTail(b *Badge, o obj) error {
	var err error
	if b.Issued, err = parseTime("issuedOn", o["issuedOn"]); err != nil {
		return err
	}
	b.ValidFrom = b.Issued
	if b.ValidUntil, err = parseTime("expires", o["expires"]); err != nil {
		return err
	}
	if img := imageOf(o["image"]); img.ID != "" {
		b.Image = img
	}
	b.Evidence = evidence(o.list("evidence"))
	return nil
}

// parseOB1 fills b from an OB 1.0-style assertion (no @context).
func parseOB1(b *Badge, o obj) error {
	b.Spec, b.Kind = Spec1, KindAssertion
	b.ID = o.str("uid")
	if v := o.obj("verify"); v != nil {
		b.Verification = Verification{Type: v.str("type"), URL: v.str("url")}
		if b.Verification.URL != "" {
			b.ID = b.Verification.URL
		}
	}
	switch r := o["recipient"].(type) {
	case string:
		b.Recipient = Recipient{Identity: r, Type: "email", Salt: o.str("salt"), Hashed: strings.Contains(r, "$")}
	case map[string]any:
		ro := obj(r)
		h, _ := ro["hashed"].(bool)
		b.Recipient = Recipient{Identity: ro.str("identity"), Type: ro.str("type"), Hashed: h, Salt: ro.str("salt")}
		if b.Recipient.Type == "" {
			b.Recipient.Type = "email" // OB 1.0 recipients were emails
		}
	}
	if id := o.obj("identity"); id != nil { // OB 1.0 "identity": {recipient, type, hashed, salt}
		h, _ := id["hashed"].(bool)
		b.Recipient = Recipient{Identity: obj(id).str("recipient"), Type: obj(id).str("type"), Hashed: h, Salt: obj(id).str("salt")}
	}
	if o["badge"] == nil && b.Verification.URL != "" {
		// A stub that only says where the hosted assertion lives.
		b.Form, b.HostedURL = FormHosted, b.Verification.URL
		return nil
	}
	if err := assertionBadge(b, o); err != nil {
		return err
	}
	return assertionTail(b, o)
}

// recipientOB2 reads an OB 2.0 IdentityObject.
func recipientOB2(b *Badge, path string, r obj) error {
	id, err := r.strict(path, "identity")
	if err != nil {
		return err
	}
	if id == "" {
		return structErr(path+"identity", "is missing: the recipient identity (plain or hashed) is required")
	}
	typ, err := r.strict(path, "type")
	if err != nil {
		return err
	}
	if typ == "" {
		return structErr(path+"type", "is missing: the identity type (email, url, telephone…) is required")
	}
	hashed := false
	switch h := r["hashed"].(type) {
	case bool:
		hashed = h
	case nil:
	default:
		return structErr(path+"hashed", "must be true or false, found %s", jsonKind(h))
	}
	b.Recipient = Recipient{Identity: id, Type: typ, Hashed: hashed, Salt: r.str("salt")}
	return nil
}

// assertionBadge reads the badge member: a BadgeClass IRI or an embedded
// BadgeClass.
func assertionBadge(b *Badge, o obj) error {
	switch v := o["badge"].(type) {
	case nil:
		return structErr("badge", "is missing: an assertion names its BadgeClass")
	case string:
		b.AchievementID, b.BadgeLinked = v, true
		return nil
	case map[string]any:
		return badgeClass(b, "badge.", v)
	default:
		return structErr("badge", "must be a URL or a BadgeClass object, found %s", jsonKind(v))
	}
}

// badgeClass reads an (embedded) OB 2.0 BadgeClass into b.
func badgeClass(b *Badge, path string, c obj) error {
	b.AchievementID = c.str("id")
	b.Name = c.str("name")
	b.Description = c.str("description")
	b.Image = imageOf(c["image"])
	switch cr := c["criteria"].(type) {
	case string:
		b.Criteria = Criteria{ID: cr}
	case map[string]any:
		b.Criteria = Criteria{ID: obj(cr).str("id"), Narrative: obj(cr).str("narrative")}
	}
	for _, a := range c.list("alignment") {
		if m, ok := a.(map[string]any); ok {
			ao := obj(m)
			b.Alignments = append(b.Alignments, Alignment{
				Name: ao.str("targetName"), URL: ao.str("targetUrl"), Description: ao.str("targetDescription"),
				Framework: ao.str("targetFramework"), Code: ao.str("targetCode"),
			})
		}
	}
	b.Tags = c.strs("tags")
	switch is := c["issuer"].(type) {
	case string:
		b.Issuer = Issuer{ID: is, Linked: true}
	case map[string]any:
		b.Issuer = issuer(is)
	case nil:
		if b.Kind == KindBadgeClass {
			return structErr(path+"issuer", "is missing: a BadgeClass names its issuer")
		}
	}
	return nil
}

// issuer reads an issuer Profile (OB 2.0 or OB 3.0).
func issuer(o obj) Issuer {
	return Issuer{
		ID: o.str("id"), Name: o.str("name"), URL: idOf(o["url"]), Email: o.str("email"),
		Description: o.str("description"), Image: imageOf(o["image"]).ID,
	}
}

// imageOf reads an image that is a URL or an Image object.
func imageOf(v any) Image {
	switch t := v.(type) {
	case string:
		return Image{ID: t}
	case map[string]any:
		return Image{ID: obj(t).str("id"), Caption: obj(t).str("caption")}
	}
	return Image{}
}

// evidence reads evidence entries (URLs or Evidence objects).
func evidence(list []any) []Evidence {
	var out []Evidence
	for _, e := range list {
		switch t := e.(type) {
		case string:
			out = append(out, Evidence{ID: t})
		case map[string]any:
			eo := obj(t)
			out = append(out, Evidence{ID: eo.str("id"), Name: eo.str("name"), Narrative: eo.str("narrative"), Description: eo.str("description")})
		}
	}
	return out
}

// looksURL reports whether t is a single http(s) URL.
func looksURL(t []byte) bool {
	s := string(t)
	if !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "http://") {
		return false
	}
	return !strings.ContainsAny(s, " \t\r\n\"<>")
}
