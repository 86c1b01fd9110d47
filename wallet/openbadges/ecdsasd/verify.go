package ecdsasd

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"badgewallet/wallet/openbadges/dataintegrity"
)

// Cryptosuite is the cryptosuite name of the proofs this package verifies.
const Cryptosuite = "ecdsa-sd-2023"

// Sentinel errors: every error of this package (other than one returned by
// the caller's canonicalization function, or a nil key) wraps exactly one.
var (
	// ErrMalformed: the proof cannot be read: no ecdsa-sd-2023 proof, a
	// proofValue that is not multibase base64url, not a derived proof (a
	// base proof included), bad CBOR, components of the wrong type or
	// size, or a key that is not a P-256 Multikey.
	ErrMalformed = errors.New("malformed ecdsa-sd-2023 proof")
	// ErrSignature: the proof was read, but does not match: the disclosed
	// credential or the proof options were changed, or it was signed with
	// another key.
	ErrSignature = errors.New("the ecdsa-sd-2023 proof does not match the disclosed credential or the issuer's key")
)

// Verify checks the ecdsa-sd-2023 derived proof of doc, a selectively
// disclosed credential with its proof, against the issuer's P-256 key pub
// (the key of the proof's verificationMethod, which the caller resolves).
//
// doc's "proof" is one proof or an array of proofs; exactly one of them
// must be a DataIntegrityProof with cryptosuite ecdsa-sd-2023 (the others
// are ignored). canon must return the RDFC-1.0 canonical N-Quads of a
// JSON-LD document, blank nodes labelled _:c14n0, _:c14n1, …; it is called
// on the proof configuration and on doc without its proof. doc is not
// modified.
//
// A nil error means the base signature (issuer key) covers the proof
// options, the proof-scoped key and every mandatory statement, and that
// each other disclosed statement carries a valid signature by the
// proof-scoped key. It says nothing of dates, status or who the key
// belongs to.
func Verify(doc map[string]any, canon func(map[string]any) (string, error), pub *ecdsa.PublicKey) error {
	if pub == nil || pub.Curve != elliptic.P256() {
		return errors.New("ecdsa-sd-2023 verification needs the issuer's P-256 public key")
	}
	proof, err := findProof(doc)
	if err != nil {
		return err
	}
	pv, _ := proof["proofValue"].(string)
	p, err := parseDerivedProofValue(pv)
	if err != nil {
		return err
	}

	// proofHash: the canonical proof configuration, hashed.
	cfg, err := canon(dataintegrity.ProofConfig(doc, proof))
	if err != nil {
		return fmt.Errorf("canonicalizing the proof configuration: %w", err)
	}
	proofHash := sha256.Sum256([]byte(cfg))

	// The disclosed statements, blank nodes relabelled as the issuer
	// signed them.
	c14n, err := canon(dataintegrity.Unsecured(doc))
	if err != nil {
		return fmt.Errorf("canonicalizing the credential: %w", err)
	}
	statements, err := splitNQuads(c14n)
	if err != nil {
		return fmt.Errorf("canonicalizing the credential: %w", err)
	}
	statements, missing, ok := relabelBlankNodes(statements, p.labelMap)
	if !ok {
		return fmt.Errorf("%w: blank node _:%s of the disclosed credential has no label in the proof's label map, so the credential has changed since the proof was derived", ErrSignature, missing)
	}

	// Split them into mandatory and selectively disclosed statements.
	isMandatory := make([]bool, len(statements))
	for _, i := range p.mandatory {
		if i >= uint64(len(statements)) {
			return fmt.Errorf("%w: mandatory index %d points past the end of the disclosed credential's %d statements, so statements were removed", ErrSignature, i, len(statements))
		}
		isMandatory[i] = true
	}
	var mandatory strings.Builder
	nonMandatory := make([]string, 0, len(statements)-len(p.mandatory))
	for i, st := range statements {
		if isMandatory[i] {
			mandatory.WriteString(st)
		} else {
			nonMandatory = append(nonMandatory, st)
		}
	}
	if len(p.signatures) != len(nonMandatory) {
		return fmt.Errorf("%w: the proof signs %d selectively disclosed statements but the credential has %d, so statements were added or removed", ErrSignature, len(p.signatures), len(nonMandatory))
	}
	mandatoryHash := sha256.Sum256([]byte(mandatory.String()))

	// The base signature: serializeSignData = proofHash ‖ publicKey ‖
	// mandatoryHash, signed with the issuer's key.
	toVerify := make([]byte, 0, len(proofHash)+len(p.publicKey)+len(mandatoryHash))
	toVerify = append(toVerify, proofHash[:]...)
	toVerify = append(toVerify, p.publicKey...)
	toVerify = append(toVerify, mandatoryHash[:]...)
	if !verifyP256(pub, toVerify, p.baseSignature) {
		return fmt.Errorf("%w: the base signature does not match, so the mandatory statements or the proof options were changed, or another key signed it", ErrSignature)
	}

	// Each selectively disclosed statement, with the proof-scoped key.
	for i, st := range nonMandatory {
		if !verifyP256(p.ephemeral, []byte(st), p.signatures[i]) {
			return fmt.Errorf("%w: the signature of selectively disclosed statement %d does not match, so the credential was changed after the proof was derived", ErrSignature, i)
		}
	}
	return nil
}

// findProof returns the one ecdsa-sd-2023 DataIntegrityProof of doc.
func findProof(doc map[string]any) (map[string]any, error) {
	var candidates []any
	switch p := doc["proof"].(type) {
	case map[string]any:
		candidates = []any{p}
	case []any:
		candidates = p
	case nil:
		return nil, fmt.Errorf("%w: the credential has no proof", ErrMalformed)
	default:
		return nil, fmt.Errorf("%w: the credential's proof is a %s, not an object or an array of objects", ErrMalformed, jsonType(p))
	}
	var found map[string]any
	for _, c := range candidates {
		m, ok := c.(map[string]any)
		if !ok || m["cryptosuite"] != Cryptosuite {
			continue
		}
		if found != nil {
			return nil, fmt.Errorf("%w: the credential has more than one ecdsa-sd-2023 proof", ErrMalformed)
		}
		found = m
	}
	if found == nil {
		return nil, fmt.Errorf("%w: the credential has no proof with cryptosuite %q", ErrMalformed, Cryptosuite)
	}
	if found["type"] != dataintegrity.TypeDataIntegrity {
		return nil, fmt.Errorf("%w: the ecdsa-sd-2023 proof has type %s, want %q", ErrMalformed, describe(found["type"]), dataintegrity.TypeDataIntegrity)
	}
	if _, ok := found["proofValue"].(string); !ok {
		return nil, fmt.Errorf("%w: the ecdsa-sd-2023 proof has no proofValue string", ErrMalformed)
	}
	return found, nil
}

// verifyP256 checks an ECDSA P-256 / SHA-256 signature in IEEE P1363 form
// (r ‖ s, 32 bytes each) over msg.
func verifyP256(pub *ecdsa.PublicKey, msg, sig []byte) bool {
	if len(sig) != signatureLen {
		return false
	}
	h := sha256.Sum256(msg)
	r := new(big.Int).SetBytes(sig[:32])
	s := new(big.Int).SetBytes(sig[32:])
	return ecdsa.Verify(pub, h[:], r, s)
}

// jsonType names the JSON type of a value decoded by encoding/json.
func jsonType(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case bool:
		return "boolean"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case nil:
		return "null"
	default:
		return "number"
	}
}

// describe renders a JSON value briefly for an error message.
func describe(v any) string {
	if s, ok := v.(string); ok {
		if len(s) > 60 {
			s = s[:60] + "…"
		}
		return fmt.Sprintf("%q", s)
	}
	return jsonType(v)
}
