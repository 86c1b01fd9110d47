package dataintegrity

import (
	"crypto/ed25519"
	"crypto/sha256"
	"errors"
	"fmt"
)

// Cryptosuite names.
const (
	SuiteEdDSARDFC2022 = "eddsa-rdfc-2022"
	SuiteEdDSA2022     = "eddsa-2022" // deprecated name of the same suite
	TypeDataIntegrity  = "DataIntegrityProof"
)

// ErrSignature: the signature does not match the document and key.
var ErrSignature = errors.New("the signature does not match: the credential was changed after signing, or signed with another key")

// HashData computes the eddsa-rdfc-2022 hashData: sha256 of the canonical
// proof configuration followed by sha256 of the canonical document. The
// proof configuration is proof without proofValue, with the document's
// @context; the document is doc without proof. Neither input is modified.
func (l *Loader) HashData(doc map[string]any, proof map[string]any) (hash []byte, proofCanon, docCanon string, err error) {
	// The canonical text is returned, so this path canonicalizes the
	// configuration exactly as specified (no shortcut).
	if proofCanon, err = l.Canonicalize(ProofConfig(doc, proof)); err != nil {
		return nil, "", "", fmt.Errorf("proof configuration: %w", err)
	}
	if docCanon, err = l.Canonicalize(Unsecured(doc)); err != nil {
		return nil, "", "", fmt.Errorf("document: %w", err)
	}
	ph := sha256.Sum256([]byte(proofCanon))
	dh := sha256.Sum256([]byte(docCanon))
	return append(ph[:], dh[:]...), proofCanon, docCanon, nil
}

// Unsecured returns a shallow copy of doc without its proof.
func Unsecured(doc map[string]any) map[string]any {
	out := make(map[string]any, len(doc))
	for k, v := range doc {
		if k != "proof" {
			out[k] = v
		}
	}
	return out
}

// ProofConfig returns the proof configuration of a proof: the proof
// without proofValue, carrying the document's @context.
func ProofConfig(doc, proof map[string]any) map[string]any {
	cfg := make(map[string]any, len(proof)+1)
	for k, v := range proof {
		if k != "proofValue" {
			cfg[k] = v
		}
	}
	cfg["@context"] = doc["@context"]
	return cfg
}

// Hash canonicalizes a JSON-LD document and returns the sha256 of its
// canonical N-Quads.
func (l *Loader) Hash(doc map[string]any) ([]byte, error) {
	c, err := l.Canonicalize(doc)
	if err != nil {
		return nil, err
	}
	h := sha256.Sum256([]byte(c))
	return h[:], nil
}

// Sign returns the Ed25519 signature over hashData (64 bytes).
func Sign(priv ed25519.PrivateKey, hashData []byte) []byte {
	return ed25519.Sign(priv, hashData)
}

// VerifySignature checks an Ed25519 signature over hashData.
func VerifySignature(pub ed25519.PublicKey, hashData, sig []byte) error {
	if len(pub) != ed25519.PublicKeySize {
		return fmt.Errorf("public key is %d bytes, Ed25519 needs %d", len(pub), ed25519.PublicKeySize)
	}
	if len(sig) != ed25519.SignatureSize {
		return fmt.Errorf("signature is %d bytes, Ed25519 signatures are %d: %w", len(sig), ed25519.SignatureSize, ErrSignature)
	}
	if !ed25519.Verify(pub, hashData, sig) {
		return ErrSignature
	}
	return nil
}
