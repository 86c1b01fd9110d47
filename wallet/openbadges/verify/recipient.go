package verify

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"badgewallet/wallet/openbadges"
)

// checkRecipient matches the badge's recipient against the holder's
// identities. With no identities the check is skipped (not a network skip).
func (v *Verifier) checkRecipient(r *Report, b *openbadges.Badge) {
	if len(v.identities) == 0 {
		r.add(CheckRecipient, Skipped, "No identity was given to match the recipient against.")
		return
	}
	recips := append([]openbadges.Recipient{b.Recipient}, b.Recipient.Others...)
	named := false
	for _, rc := range recips {
		if rc.Identity == "" {
			continue
		}
		named = true
		for _, id := range v.identities {
			if !kindFits(id.Kind, rc.Type) {
				continue
			}
			if MatchIdentity(rc, id.Value) {
				how := "plain"
				if rc.Hashed {
					how = "hashed"
					if rc.Salt != "" {
						how += ", salted"
					}
				}
				r.add(CheckRecipient, Pass, fmt.Sprintf("Issued to %s (%s).", id.Value, how))
				return
			}
		}
	}
	if !named {
		if b.Recipient.SubjectID != "" {
			r.add(CheckRecipient, Warning, "The badge names its recipient only by the identifier "+short(b.Recipient.SubjectID)+", which cannot be matched to an email, URL or phone.")
			return
		}
		r.add(CheckRecipient, Warning, "The badge does not name its recipient.")
		return
	}
	var mine []string
	for _, id := range v.identities {
		mine = append(mine, id.Value)
	}
	r.add(CheckRecipient, Fail, "The badge was issued to someone else: it matches none of "+strings.Join(mine, ", ")+".")
}

// kindFits pairs an identity kind with the recipient type names of OB 2.0
// (email, url, telephone) and OB 3.0 (emailAddress, url, phoneNumber...).
func kindFits(kind, typ string) bool {
	t := strings.ToLower(typ)
	switch kind {
	case "email":
		return t == "email" || t == "emailaddress" || t == ""
	case "url":
		return t == "url" || t == "id"
	case "phone":
		return t == "telephone" || t == "phone" || t == "phonenumber"
	}
	return false
}

// MatchIdentity reports whether value is the recipient: a plain identity
// compared case-insensitively for emails, or a "sha256$…" / "md5$…" hash of
// value + salt compared case-insensitively on the hex. Emails are lowered
// before hashing, and the value is also tried as given.
func MatchIdentity(rc openbadges.Recipient, value string) bool {
	if !rc.Hashed && !strings.Contains(rc.Identity, "$") {
		return strings.EqualFold(strings.TrimSpace(rc.Identity), strings.TrimSpace(value))
	}
	alg, want, ok := strings.Cut(rc.Identity, "$")
	if !ok {
		return false
	}
	for _, cand := range []string{strings.ToLower(strings.TrimSpace(value)), strings.TrimSpace(value)} {
		var got string
		switch strings.ToLower(alg) {
		case "sha256":
			s := sha256.Sum256([]byte(cand + rc.Salt))
			got = hex.EncodeToString(s[:])
		case "md5":
			s := md5.Sum([]byte(cand + rc.Salt))
			got = hex.EncodeToString(s[:])
		default:
			return false
		}
		if strings.EqualFold(got, want) {
			return true
		}
	}
	return false
}
