package dataintegrity

import "crypto/sha256"

// diProofTerm reports whether k is a member that the proof types below
// define in their own protected, type-scoped contexts.
func diProofTerm(k string) bool {
	switch k {
	case "id", "type", "nonce", "proofPurpose", "verificationMethod", "challenge",
		"created", "domain", "expires", "previousProof", "cryptosuite", "@context":
		return true
	}
	return false
}

// homeContexts are the contexts that define a proof type together with
// its members in a protected type-scoped context.
func homeContexts(proofType string) []string {
	switch proofType {
	case TypeDataIntegrity:
		return []string{vc2Context, "https://w3id.org/security/data-integrity/v2", "https://w3id.org/security/data-integrity/v1"}
	case "Ed25519Signature2020":
		return []string{"https://w3id.org/security/suites/ed25519-2020/v1"}
	}
	return nil
}

// ProofConfigHash returns sha256 of the canonical proof configuration of
// proof (see ProofConfig).
//
// When the document's @context includes the context that defines the
// proof's type (VC 2.0 or data-integrity for DataIntegrityProof, the
// ed25519-2020 suite for Ed25519Signature2020) and the proof uses only the
// members that type's protected, type-scoped context defines, the
// configuration is canonicalized under that one context. That gives the
// same N-Quads — those terms come from the protected type-scoped context,
// which the document's other contexts cannot redefine (one that tried
// would make the document itself fail) — for a fraction of the work of
// processing every credential context again. TestProofConfigShortcut
// checks the equality over every proof of the corpus.
func (l *Loader) ProofConfigHash(doc, proof map[string]any) ([]byte, error) {
	cfg := ProofConfig(doc, proof)
	if home := shortcut(doc, proof); home != "" {
		cfg["@context"] = []any{home}
		typ, _ := proof["type"].(string)
		if text, ok := l.fromTemplate(l.template(home, typ), typ, cfg); ok {
			h := sha256.Sum256([]byte(text))
			return h[:], nil
		}
	}
	c, err := l.Canonicalize(cfg)
	if err != nil {
		return nil, err
	}
	h := sha256.Sum256([]byte(c))
	return h[:], nil
}

const vc2Context = "https://www.w3.org/ns/credentials/v2"

// shortcut returns the single context to canonicalize proof's
// configuration under, or "" for the full document context.
func shortcut(doc, proof map[string]any) string {
	ctx, ok := doc["@context"].([]any)
	if !ok {
		return ""
	}
	typ, _ := proof["type"].(string)
	for k := range proof {
		if k != "proofValue" && !diProofTerm(k) {
			return ""
		}
	}
	for _, home := range homeContexts(typ) {
		for _, c := range ctx {
			if c == home {
				return home
			}
		}
	}
	return ""
}
