package issuer

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"badgewallet/wallet/openbadges/status"
)

// statusListLength is the number of entries of the revocation list: the
// Bitstring Status List minimum, which keeps the position of a revoked
// badge unguessable among many.
const statusListLength = status.MinLength

// Revoke revokes a credential: its bit in the status list is set, and a
// verifier sees it on its next check.
func (is *Issuer) Revoke(ctx context.Context, credentialID, reason string) error {
	if reason == "" {
		reason = "revoked by the issuer"
	}
	if err := is.db.RevokeAward(ctx, credentialID, reason); err != nil {
		return err
	}
	return nil
}

// StatusList returns the signed BitstringStatusListCredential of the
// issuer's revocations, as JSON. It is signed again only when the set of
// revoked credentials changed (also by another process, such as the CLI
// while the issuer is served).
func (is *Issuer) StatusList(ctx context.Context) ([]byte, error) {
	revoked, err := is.db.RevokedAwards(ctx)
	if err != nil {
		return nil, err
	}
	key := fmt.Sprint(revoked)
	is.listMu.Lock()
	defer is.listMu.Unlock()
	if is.signedList != nil && is.listKey == key {
		return is.signedList, nil
	}
	bits := status.NewBitstring(statusListLength)
	for _, i := range revoked {
		if err := bits.Set(int(i), true); err != nil {
			return nil, fmt.Errorf("status list: award %d: %w", i, err)
		}
	}
	now := is.now().UTC().Truncate(time.Second)
	c := map[string]any{
		"@context":  []any{contextVC2},
		"id":        is.StatusListURL(),
		"type":      []any{"VerifiableCredential", "BitstringStatusListCredential"},
		"issuer":    is.keys.DID(),
		"validFrom": now.Format(time.RFC3339),
		"credentialSubject": map[string]any{
			"id":            is.StatusListURL() + "#list",
			"type":          "BitstringStatusList",
			"statusPurpose": "revocation",
			"encodedList":   bits.Encode(),
		},
	}
	signed, err := is.loader.AddProof(c, is.keys.Ed25519, is.keys.VerificationMethod(), now)
	if err != nil {
		return nil, fmt.Errorf("sign status list: %w", err)
	}
	if is.signedList, err = json.Marshal(signed); err != nil {
		return nil, err
	}
	is.listKey = key
	return is.signedList, nil
}
