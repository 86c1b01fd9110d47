package dataintegrity

import (
	"crypto/ed25519"
	"fmt"
	"time"

	"badgewallet/wallet/openbadges/didkey"
)

// AddProof signs doc with an eddsa-rdfc-2022 DataIntegrityProof made with
// priv, naming verificationMethod vm, and returns a copy of doc with the
// proof set (replacing any proof it had).
func (l *Loader) AddProof(doc map[string]any, priv ed25519.PrivateKey, vm string, created time.Time) (map[string]any, error) {
	proof := map[string]any{
		"type":               TypeDataIntegrity,
		"cryptosuite":        SuiteEdDSARDFC2022,
		"created":            created.UTC().Format(time.RFC3339),
		"verificationMethod": vm,
		"proofPurpose":       "assertionMethod",
	}
	unsecured := Unsecured(doc)
	ph, err := l.ProofConfigHash(unsecured, proof)
	if err != nil {
		return nil, fmt.Errorf("sign: proof configuration: %w", err)
	}
	dh, err := l.Hash(unsecured)
	if err != nil {
		return nil, fmt.Errorf("sign: document: %w", err)
	}
	proof["proofValue"] = "z" + didkey.Encode(Sign(priv, append(ph, dh...)))
	unsecured["proof"] = proof
	return unsecured, nil
}
