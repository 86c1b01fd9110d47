package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"badgewallet/wallet/openbadges"
	"badgewallet/wallet/openbadges/dataintegrity"
	"badgewallet/wallet/openbadges/didkey"
	"badgewallet/wallet/openbadges/ecdsasd"
	"badgewallet/wallet/openbadges/status"
)

// proofState carries what the structure check computed for the proof check.
type proofState struct {
	doc       map[string]any
	proofs    []map[string]any
	docHash   []byte
	cfgHashes [][]byte
}

// verifyCredential runs every check on a JSON-LD credential (OB 3.0 or
// another VC). When jwtProof is non-nil the proof was a VC-JWT already
// checked by the caller, and embedded proofs are not required.
func (v *Verifier) verifyCredential(ctx context.Context, r *Report, raw []byte, jwtProof *Check) {
	b := r.Badge
	st, err := v.credentialStructure(b.Doc, raw, jwtProof != nil)
	if err != nil {
		r.add(CheckStructure, Fail, err.Error())
		return
	}
	r.add(CheckStructure, Pass, kindWords(b)+": all required fields are present and every term is defined by the bundled JSON-LD contexts.")
	if jwtProof != nil {
		r.Checks = append(r.Checks, *jwtProof)
	} else {
		v.checkProofs(ctx, r, st)
	}
	v.checkValidity(r, b.ValidFrom, b.ValidUntil)
	v.checkStatus(ctx, r, st.doc)
	v.checkRecipient(r, b)
}

// credentialStructure decodes the credential, checks its contexts are
// bundled and canonicalizes the document and every proof configuration in
// JSON-LD safe mode.
func (v *Verifier) credentialStructure(doc map[string]any, raw []byte, jwt bool) (*proofState, error) {
	if doc == nil { // decoded once by openbadges when it parsed the file
		d := json.NewDecoder(bytes.NewReader(raw))
		d.UseNumber()
		if err := d.Decode(&doc); err != nil {
			return nil, fmt.Errorf("The credential is not a JSON object: %v.", err)
		}
	}
	for _, c := range contextURLs(doc) {
		if !v.loader.Has(c) {
			return nil, fmt.Errorf("The @context %q is not one badgewallet bundles, and contexts are never fetched from the network, so the credential's terms cannot be checked.", c)
		}
	}
	if err := statusListShape(doc); err != nil {
		return nil, err
	}
	if jwt {
		// The registered JWT claims (RFC 7519 §4.1) sit beside the
		// credential in a VC 2.0 JWT payload; they are the envelope's, not
		// terms of the credential, and no credential context defines them.
		trimmed := make(map[string]any, len(doc))
		for k, val := range doc {
			switch k {
			case "iss", "sub", "aud", "exp", "nbf", "iat", "jti":
			default:
				trimmed[k] = val
			}
		}
		doc = trimmed
	}
	st := &proofState{doc: doc}
	switch p := doc["proof"].(type) {
	case map[string]any:
		st.proofs = []map[string]any{p}
	case []any:
		for _, x := range p {
			m, ok := x.(map[string]any)
			if !ok {
				return nil, errors.New("A proof entry is not an object.")
			}
			st.proofs = append(st.proofs, m)
		}
	case nil:
	default:
		return nil, errors.New("The proof member is neither an object nor a list of objects.")
	}
	var err error
	if st.docHash, err = v.loader.Hash(dataintegrity.Unsecured(doc)); err != nil {
		return nil, fmt.Errorf("The credential does not expand as JSON-LD in safe mode: %s.", trimErr(err))
	}
	for i, p := range st.proofs {
		h, err := v.loader.ProofConfigHash(doc, p)
		if err != nil {
			return nil, fmt.Errorf("Proof %d does not expand as JSON-LD in safe mode: %s.", i+1, trimErr(err))
		}
		st.cfgHashes = append(st.cfgHashes, h)
	}
	return st, nil
}

// statusListShape: a credential whose subject is a BitstringStatusList
// must be typed BitstringStatusListCredential.
func statusListShape(doc map[string]any) error {
	cs, _ := doc["credentialSubject"].(map[string]any)
	if cs == nil {
		return nil
	}
	if t, _ := cs["type"].(string); t == status.TypeBitstringStatusList {
		if !hasType(doc, status.TypeBitstringStatusListCredential) {
			return errors.New("The credential holds a BitstringStatusList but is not typed BitstringStatusListCredential.")
		}
	}
	return nil
}

func hasType(doc map[string]any, t string) bool {
	switch v := doc["type"].(type) {
	case string:
		return v == t
	case []any:
		for _, x := range v {
			if x == t {
				return true
			}
		}
	}
	return false
}

func contextURLs(doc map[string]any) []string {
	var out []string
	switch c := doc["@context"].(type) {
	case string:
		out = append(out, c)
	case []any:
		for _, x := range c {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

func trimErr(err error) string {
	s := err.Error()
	s = strings.TrimPrefix(s, dataintegrity.ErrCanonicalize.Error()+": ")
	return strings.TrimSuffix(s, ".")
}

// checkProofs verifies the embedded proofs. As the OB 3.0 spec allows
// ("If multiple proofs are provided, the verifier MAY use any one proof to
// verify the credential"), one valid proof suffices; the others are
// reported.
func (v *Verifier) checkProofs(ctx context.Context, r *Report, st *proofState) {
	if len(st.proofs) == 0 {
		r.add(CheckProof, Fail, "The credential carries no proof, so nothing shows who issued it.")
		return
	}
	issuer := r.Badge.Issuer.ID
	var bad, netMsgs []string
	var firstErr error
	for i, p := range st.proofs {
		msg, warn, needsNet, err := v.checkOneProof(ctx, st, i, p, issuer)
		switch {
		case needsNet:
			netMsgs = append(netMsgs, msg)
		case err != nil:
			bad = append(bad, err.Error())
			if firstErr == nil {
				firstErr = err
			}
		default:
			if rest := len(st.proofs) - i - 1; rest > 0 {
				msg += fmt.Sprintf(" The other %d proof(s) were not checked: one valid proof suffices.", rest)
			}
			if len(bad) > 0 {
				warn = true
				msg += " Another proof does not hold: " + strings.Join(bad, " ")
			}
			if warn {
				r.add(CheckProof, Warning, msg)
			} else {
				r.add(CheckProof, Pass, msg)
			}
			return
		}
	}
	if len(netMsgs) > 0 {
		c := r.add(CheckProof, Skipped, netMsgs[0])
		c.NeedsNetwork = true
		return
	}
	r.add(CheckProof, Fail, firstErr.Error())
}

// checkOneProof verifies one Data Integrity / Ed25519Signature2020 proof.
func (v *Verifier) checkOneProof(ctx context.Context, st *proofState, i int, p map[string]any, issuer string) (msg string, warn, needsNet bool, err error) {
	typ, _ := p["type"].(string)
	suite, _ := p["cryptosuite"].(string)
	name := typ
	switch {
	case typ == dataintegrity.TypeDataIntegrity && (suite == dataintegrity.SuiteEdDSARDFC2022 || suite == dataintegrity.SuiteEdDSA2022):
		name = suite
	case typ == "Ed25519Signature2020":
	case typ == dataintegrity.TypeDataIntegrity && suite == ecdsasd.Cryptosuite:
		return v.checkSDProof(ctx, st, p, issuer)
	case typ == dataintegrity.TypeDataIntegrity:
		return "", false, false, fmt.Errorf("The proof uses the cryptosuite %q, which badgewallet does not check (it checks eddsa-rdfc-2022 and Ed25519Signature2020).", suite)
	default:
		return "", false, false, fmt.Errorf("The proof type %q is not supported (badgewallet checks DataIntegrityProof eddsa-rdfc-2022 and Ed25519Signature2020).", typ)
	}
	if purpose, _ := p["proofPurpose"].(string); purpose != "assertionMethod" {
		return "", false, false, fmt.Errorf("The %s proof's purpose is %q; an issuer's proof must be assertionMethod.", name, purpose)
	}
	pv, _ := p["proofValue"].(string)
	if !strings.HasPrefix(pv, "z") {
		return "", false, false, fmt.Errorf("The %s proof's proofValue is missing or not base58btc multibase (it must start with z).", name)
	}
	sig, err := didkey.Decode(pv[1:])
	if err != nil {
		return "", false, false, fmt.Errorf("The %s proof's proofValue cannot be decoded: %v.", name, err)
	}
	vm, _ := p["verificationMethod"].(string)
	if vm == "" {
		if m, ok := p["verificationMethod"].(map[string]any); ok {
			vm, _ = m["id"].(string)
		}
	}
	key, err := v.resolveKey(ctx, vm)
	if err != nil {
		if isNeedsNetwork(err) {
			return fmt.Sprintf("The %s proof's key %s has to be fetched, and badgewallet is offline.", name, short(vm)), false, true, nil
		}
		return "", false, false, fmt.Errorf("The %s proof's verification method cannot be used: %v.", name, err)
	}
	note := ""
	if key.Controller != issuer {
		if resolvable(issuer) {
			return "", false, false, fmt.Errorf("The %s proof was made with a key of %s, which is not the issuer %s.", name, short(key.Controller), short(issuer))
		}
		// An issuer id such as urn:uuid:… names no one who could hold a
		// key, so it cannot be bound: say so instead of failing.
		note = fmt.Sprintf(" Note: the issuer's id %s cannot be tied to any key, so the issuer's name and details are only what the signer %s claims.", short(issuer), short(key.Controller))
		warn = true
	}
	hash := append(append([]byte{}, st.cfgHashes[i]...), st.docHash...)
	if err := dataintegrity.VerifySignature(key.Public, hash, sig); err != nil {
		return "", false, false, fmt.Errorf("The %s signature does not match: the credential was changed after it was signed, or signed with another key.", name)
	}
	if warn {
		return fmt.Sprintf("%s signature by %s is valid.", name, short(vm)) + note, true, false, nil
	}
	return fmt.Sprintf("%s signature by %s (the issuer) is valid.", name, short(vm)), false, false, nil
}

// checkSDProof verifies an ecdsa-sd-2023 derived (selectively disclosed)
// proof with the issuer's P-256 key.
func (v *Verifier) checkSDProof(ctx context.Context, st *proofState, p map[string]any, issuer string) (string, bool, bool, error) {
	const name = "ecdsa-sd-2023"
	if purpose, _ := p["proofPurpose"].(string); purpose != "assertionMethod" {
		return "", false, false, fmt.Errorf("The %s proof's purpose is %q; an issuer's proof must be assertionMethod.", name, purpose)
	}
	vm, _ := p["verificationMethod"].(string)
	base, frag, _ := strings.Cut(vm, "#")
	controller := base
	if strings.HasPrefix(vm, "did:key:") {
		frag = strings.TrimPrefix(base, "did:key:")
	}
	if !strings.HasPrefix(frag, "zDn") {
		if strings.HasPrefix(vm, "did:web:") || strings.HasPrefix(vm, "http") {
			return fmt.Sprintf("The %s proof's key %s has to be fetched, and badgewallet is offline.", name, short(vm)), false, true, nil
		}
		return "", false, false, fmt.Errorf("The %s proof's verification method %s holds no P-256 key badgewallet can read.", name, short(vm))
	}
	pub, err := ecdsasd.DecodeP256Multikey(frag)
	if err != nil {
		return "", false, false, fmt.Errorf("The %s proof's key cannot be read: %v.", name, err)
	}
	if controller != issuer {
		return "", false, false, fmt.Errorf("The %s proof was made with a key of %s, which is not the issuer %s.", name, short(controller), short(issuer))
	}
	if err := ecdsasd.Verify(st.doc, v.loader.Canonicalize, pub); err != nil {
		return "", false, false, fmt.Errorf("The %s selective-disclosure proof does not hold: %s.", name, strings.TrimSuffix(err.Error(), "."))
	}
	return fmt.Sprintf("%s signature by %s (the issuer) is valid for the disclosed claims.", name, short(vm)), false, false, nil
}

// resolvable reports whether an issuer id can control keys: a DID or an
// http(s) URL.
func resolvable(id string) bool {
	return strings.HasPrefix(id, "did:") || strings.HasPrefix(id, "https://") || strings.HasPrefix(id, "http://")
}

// short abbreviates long identifiers for messages.
func short(s string) string {
	if len(s) <= 72 {
		return s
	}
	return s[:40] + "…" + s[len(s)-16:]
}

// checkValidity compares the validity period with the clock.
func (v *Verifier) checkValidity(r *Report, from, until time.Time) {
	now := v.now()
	day := func(t time.Time) string { return t.UTC().Format("2 Jan 2006") }
	switch {
	case !from.IsZero() && now.Add(v.skew).Before(from):
		c := r.add(CheckValidity, Fail, "The badge is not valid yet: it becomes valid on "+day(from)+".")
		c.Kind = "not-yet-valid"
	case !until.IsZero() && now.Add(-v.skew).After(until):
		c := r.add(CheckValidity, Fail, "The badge expired on "+day(until)+".")
		c.Kind = "expired"
	case !from.IsZero() && !until.IsZero():
		r.add(CheckValidity, Pass, "Valid from "+day(from)+" until "+day(until)+".")
	case !from.IsZero():
		r.add(CheckValidity, Pass, "Valid from "+day(from)+", with no expiry date.")
	case !until.IsZero():
		r.add(CheckValidity, Pass, "Valid until "+day(until)+".")
	default:
		r.add(CheckValidity, Pass, "The badge has no validity dates.")
	}
}

var _ = openbadges.Spec3
