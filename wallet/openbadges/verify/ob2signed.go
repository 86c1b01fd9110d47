package verify

import (
	"context"
	"encoding/json"
	"fmt"

	"badgewallet/wallet/openbadges"
	"badgewallet/wallet/openbadges/vcjwt"
)

// ob2Signed verifies an OB 2.0 signed badge: the JWS against the issuer's
// CryptographicKey (verification.creator, else the issuer's publicKey),
// whose owner must be the issuer.
func (v *Verifier) ob2Signed(ctx context.Context, r *Report, b *openbadges.Badge, issuer openbadges.Issuer, issuerDoc map[string]any) {
	keyURL := b.Verification.Creator
	if keyURL == "" {
		keyURL = firstNonEmpty(strs(issuerDoc["publicKey"])...)
	}
	if keyURL == "" {
		r.add(CheckProof, Fail, "The signed badge names no key (verification.creator), and its issuer publishes none.")
		return
	}
	kb, key, err := v.ob2Doc(ctx, keyURL, openbadges.KindKey)
	if err != nil {
		v.ob2Fail(r, CheckProof, err)
		return
	}
	owner, _ := key["owner"].(string)
	if owner != issuer.ID {
		r.add(CheckProof, Fail, fmt.Sprintf("The signing key %s belongs to %s, not to the issuer %s.", short(kb.ID), short(owner), short(issuer.ID)))
		return
	}
	if rv, _ := key["revoked"].(bool); rv {
		r.add(CheckProof, Fail, "The issuer has revoked the key "+short(keyURL)+" that signed this badge.")
		return
	}
	pem, _ := key["publicKeyPem"].(string)
	payload, err := vcjwt.VerifyOB2JWS(b.JWS, pem)
	if err != nil {
		r.add(CheckProof, Fail, "The signature "+lowerFirst(err.Error()))
		return
	}
	var claims map[string]any
	if json.Unmarshal(payload, &claims) != nil || claims["id"] != b.ID {
		r.add(CheckProof, Fail, "The signed payload is not this assertion.")
		return
	}
	r.add(CheckProof, Pass, "RS256 signature by the issuer's key "+short(keyURL)+" is valid.")
}

// ob2RevocationList checks the issuer's OB 2.0 RevocationList.
func (v *Verifier) ob2RevocationList(ctx context.Context, r *Report, b *openbadges.Badge, issuerDoc map[string]any) {
	u, _ := issuerDoc["revocationList"].(string)
	if u == "" {
		r.add(CheckStatus, Pass, "The issuer publishes no revocation list.")
		return
	}
	_, list, err := v.ob2Doc(ctx, u, openbadges.KindRevocationList)
	if err != nil {
		if isNeedsNetwork(err) {
			c := r.add(CheckStatus, Skipped, "The issuer's revocation list "+short(u)+" has to be fetched, and badgewallet is offline.")
			c.NeedsNetwork = true
			return
		}
		c := r.add(CheckStatus, Fail, upper(err.Error())+".")
		c.Kind = "invalid-status"
		return
	}
	items, _ := list["revokedAssertions"].([]any)
	for _, it := range items {
		id, reason := "", ""
		switch t := it.(type) {
		case string:
			id = t
		case map[string]any:
			id, _ = t["id"].(string)
			reason, _ = t["revocationReason"].(string)
		}
		if id == b.ID {
			msg := "The issuer has revoked this badge (revocation list " + short(u) + ")"
			if reason != "" {
				msg += ": " + reason
			}
			c := r.add(CheckStatus, Fail, msg+".")
			c.Kind = "revoked"
			return
		}
	}
	r.add(CheckStatus, Pass, "Not revoked: the issuer's revocation list does not name this badge.")
}
