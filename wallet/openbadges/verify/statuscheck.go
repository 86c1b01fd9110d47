package verify

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"

	"badgewallet/wallet/openbadges"
	"badgewallet/wallet/openbadges/status"
)

// checkStatus checks every credentialStatus entry of a credential.
func (v *Verifier) checkStatus(ctx context.Context, r *Report, doc map[string]any) {
	entries, err := status.EntriesFromCredential(doc)
	if err != nil {
		c := r.add(CheckStatus, Fail, "The credentialStatus entry is malformed: "+err.Error()+".")
		c.Kind = "invalid-status"
		return
	}
	if len(entries) == 0 {
		r.add(CheckStatus, Pass, "The issuer publishes no revocation status for this badge.")
		return
	}
	credID, _ := doc["id"].(string)
	var msgs []string
	for _, e := range entries {
		msg, kind, err := v.checkEntry(ctx, e, credID, r.Badge.Issuer.ID)
		switch {
		case isNeedsNetwork(err):
			c := r.add(CheckStatus, Skipped, fmt.Sprintf("The revocation status has to be fetched from %s, and badgewallet is offline.", short(statusURL(e))))
			c.NeedsNetwork = true
			return
		case err != nil:
			c := r.add(CheckStatus, Fail, err.Error())
			c.Kind = "invalid-status"
			return
		case kind != "":
			c := r.add(CheckStatus, Fail, msg)
			c.Kind = kind
			return
		}
		msgs = append(msgs, msg)
	}
	joined := strings.Join(msgs, " ")
	if strings.Contains(joined, " Note: ") {
		r.add(CheckStatus, Warning, joined)
		return
	}
	r.add(CheckStatus, Pass, joined)
}

func statusURL(e status.Entry) string {
	if e.ListCredential != "" {
		return e.ListCredential
	}
	return e.ID
}

// checkEntry checks one status entry. kind is "revoked" or "suspended"
// when the bit is set.
func (v *Verifier) checkEntry(ctx context.Context, e status.Entry, credID, issuerID string) (msg, kind string, err error) {
	switch e.Type {
	case status.Type1EdTechRevocationList:
		return v.check1EdTechList(ctx, e, credID)
	case status.TypeBitstringStatusListEntry, status.TypeStatusList2021Entry:
	default:
		return fmt.Sprintf("The status type %q is not one badgewallet checks; it was not checked.", e.Type), "", nil
	}
	body, _, err := v.get(ctx, e.ListCredential)
	if err != nil {
		return "", "", fmt.Errorf("The status list %s could not be read: %w.", short(e.ListCredential), err)
	}
	list, listIssuer, err := v.statusList(ctx, body)
	note := ""
	if err == nil && listIssuer != issuerID {
		// Allowed (the issuer may delegate its status lists), but said.
		note = fmt.Sprintf(" Note: the list is signed by %s, not by the badge's issuer %s.", short(listIssuer), short(issuerID))
	}
	if err != nil {
		return "", "", fmt.Errorf("The status list %s cannot be trusted: %v", short(e.ListCredential), err)
	}
	set, err := status.Check(e, list)
	if err != nil {
		return "", "", fmt.Errorf("The status entry does not fit its list: %v.", err)
	}
	if set {
		if e.Purpose == status.PurposeSuspension {
			return fmt.Sprintf("The issuer has suspended this badge (status list %s, index %d).", short(e.ListCredential), e.Index) + note, "suspended", nil
		}
		return fmt.Sprintf("The issuer has revoked this badge (status list %s, index %d).", short(e.ListCredential), e.Index) + note, "revoked", nil
	}
	return fmt.Sprintf("Not %s: index %d of the signed status list is clear.", revokedWord(e.Purpose), e.Index) + note, "", nil
}

func revokedWord(purpose string) string {
	if purpose == status.PurposeSuspension {
		return "suspended"
	}
	return "revoked"
}

// statusList verifies a status list credential (structure, proof,
// validity) and decodes its list.
func (v *Verifier) statusList(ctx context.Context, body []byte) (status.List, string, error) {
	// A list verified once is not verified again while its bytes are the
	// same (a bulk import checks hundreds of badges against one list); its
	// validity period is still checked against the clock every time.
	key := sha256.Sum256(body)
	if c, ok := v.lists.Load(key); ok {
		cl := c.(cachedList)
		sub := &Report{}
		v.checkValidity(sub, cl.list.ValidFrom, cl.list.ValidUntil)
		if sub.Checks[0].Outcome == Fail {
			return status.List{}, "", errors.New(sub.Checks[0].Message)
		}
		return cl.list, cl.issuer, nil
	}
	l, b, err := v.statusListBody(ctx, body)
	if err != nil {
		return l, "", err
	}
	v.lists.Store(key, cachedList{list: l, issuer: b.Issuer.ID})
	return l, b.Issuer.ID, nil
}

// cachedList is a status list whose credential was verified.
type cachedList struct {
	list   status.List
	issuer string
}

func (v *Verifier) statusListBody(ctx context.Context, body []byte) (status.List, *openbadges.Badge, error) {
	b, err := v.limits.Parse(body)
	if err != nil {
		return status.List{}, nil, fmt.Errorf("it is not a credential: %v.", err)
	}
	sub := &Report{Badge: b}
	st, err := v.credentialStructure(b.Doc, b.Raw, false)
	if err != nil {
		return status.List{}, nil, err
	}
	v.checkProofs(ctx, sub, st)
	v.checkValidity(sub, b.ValidFrom, b.ValidUntil)
	for _, c := range sub.Checks {
		if c.NeedsNetwork {
			return status.List{}, nil, needsNetworkError{errors.New(c.Message)}
		}
		if c.Outcome == Fail {
			return status.List{}, nil, errors.New(c.Message)
		}
	}
	l, err := status.ListFromCredential(st.doc)
	if err != nil {
		return status.List{}, nil, fmt.Errorf("%v.", err)
	}
	return l, b, nil
}

// check1EdTechList reads an OB 3.0 1EdTechRevocationList and looks for the
// credential's id.
func (v *Verifier) check1EdTechList(ctx context.Context, e status.Entry, credID string) (string, string, error) {
	doc, err := v.getJSON(ctx, e.ID)
	if err != nil {
		return "", "", fmt.Errorf("The revocation list %s could not be read: %w.", short(e.ID), err)
	}
	for _, key := range []string{"revokedCredentials", "revokedAssertions"} {
		list, _ := doc[key].([]any)
		for _, item := range list {
			id, reason := "", ""
			switch t := item.(type) {
			case string:
				id = t
			case map[string]any:
				id, _ = t["id"].(string)
				reason, _ = t["revocationReason"].(string)
			}
			if id != "" && id == credID {
				msg := "The issuer has revoked this badge (revocation list " + short(e.ID) + ")"
				if reason != "" {
					msg += ": " + reason
				}
				return msg + ".", "revoked", nil
			}
		}
	}
	return "Not revoked: the issuer's revocation list does not name this badge.", "", nil
}
