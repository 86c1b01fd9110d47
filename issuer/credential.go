package issuer

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"badgewallet/wallet/openbadges/bakery"
)

// Contexts of every credential the issuer signs.
const (
	contextVC2 = "https://www.w3.org/ns/credentials/v2"
	contextOB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
)

// AchievementURL is where an achievement is described.
func (is *Issuer) AchievementURL(id string) string { return is.base + "/achievements/" + id }

// StatusListURL is the issuer's revocation status list credential.
func (is *Issuer) StatusListURL() string { return is.base + "/status/1" }

// profile is the issuer Profile embedded in credentials.
func (is *Issuer) profile() map[string]any {
	p := map[string]any{
		"id":   is.keys.DID(),
		"type": []any{"Profile"},
		"name": is.cat.Issuer.Name,
		"url":  is.cat.Issuer.URL,
	}
	if is.cat.Issuer.Email != "" {
		p["email"] = is.cat.Issuer.Email
	}
	if is.cat.Issuer.Description != "" {
		p["description"] = is.cat.Issuer.Description
	}
	return p
}

// achievementJSON is the OB 3.0 Achievement of a catalog entry.
func (is *Issuer) achievementJSON(a *Achievement) map[string]any {
	typ := "Certification"
	if a.Kind == KindExam {
		typ = "Assessment"
	}
	out := map[string]any{
		"id":              is.AchievementURL(a.ID),
		"type":            []any{"Achievement"},
		"name":            a.Name,
		"description":     a.Description,
		"achievementType": typ,
		"criteria":        map[string]any{"narrative": a.Criteria},
		"image":           map[string]any{"id": is.AchievementURL(a.ID) + "/image.png", "type": "Image", "caption": a.Name},
	}
	if a.Code != "" {
		out["humanCode"] = a.Code
	}
	if len(a.Tags) > 0 {
		tags := make([]any, len(a.Tags))
		for i, t := range a.Tags {
			tags[i] = t
		}
		out["tag"] = tags
	}
	if len(a.Alignments) > 0 {
		var al []any
		for _, x := range a.Alignments {
			m := map[string]any{"type": []any{"Alignment"}, "targetName": x.Name, "targetUrl": x.URL}
			if x.Framework != "" {
				m["targetFramework"] = x.Framework
			}
			if x.Code != "" {
				m["targetCode"] = x.Code
			}
			al = append(al, m)
		}
		out["alignment"] = al
	}
	return out
}

// IdentityHash is the OB identity hash of an email: "sha256$" + hex of
// sha256(lower-cased email + salt).
func IdentityHash(email, salt string) string {
	h := sha256.Sum256([]byte(email + salt))
	return "sha256$" + hex.EncodeToString(h[:])
}

// credential builds and signs (eddsa-rdfc-2022) the OB 3.0 credential of
// an award, returning its JSON.
func (is *Issuer) credential(credID, email string, a *Achievement, on time.Time, statusIndex int64) ([]byte, error) {
	var saltb [8]byte
	if _, err := rand.Read(saltb[:]); err != nil {
		return nil, err
	}
	salt := hex.EncodeToString(saltb[:])
	from := time.Date(on.Year(), on.Month(), on.Day(), 0, 0, 0, 0, time.UTC)
	c := map[string]any{
		"@context":    []any{contextVC2, contextOB3},
		"id":          credID,
		"type":        []any{"VerifiableCredential", "OpenBadgeCredential"},
		"name":        a.Name,
		"issuer":      is.profile(),
		"validFrom":   from.Format(time.RFC3339),
		"awardedDate": from.Format(time.RFC3339),
		"credentialSubject": map[string]any{
			"type": []any{"AchievementSubject"},
			"identifier": []any{map[string]any{
				"type": "IdentityObject", "identityHash": IdentityHash(email, salt),
				"identityType": "emailAddress", "hashed": true, "salt": salt,
			}},
			"achievement": is.achievementJSON(a),
		},
		"credentialStatus": map[string]any{
			"id":                   is.StatusListURL() + "#" + strconv.FormatInt(statusIndex, 10),
			"type":                 "BitstringStatusListEntry",
			"statusPurpose":        "revocation",
			"statusListIndex":      strconv.FormatInt(statusIndex, 10),
			"statusListCredential": is.StatusListURL(),
		},
	}
	if a.ValidYears > 0 {
		c["validUntil"] = from.AddDate(a.ValidYears, 0, 0).Format(time.RFC3339)
	}
	signed, err := is.loader.AddProof(c, is.keys.Ed25519, is.keys.VerificationMethod(), is.now())
	if err != nil {
		return nil, fmt.Errorf("sign %s: %w", a.ID, err)
	}
	return json.Marshal(signed)
}

// bake puts a signed credential into the achievement's current picture,
// as PNG and as SVG.
func (is *Issuer) bake(a *Achievement, credential []byte) (png, svg []byte, err error) {
	pic, err := is.picture(a, a.Design())
	if err != nil {
		return nil, nil, err
	}
	if png, err = bakery.BakePNG(pic.png, bakery.V3, credential); err != nil {
		return nil, nil, fmt.Errorf("bake PNG: %w", err)
	}
	if svg, err = bakery.BakeSVG(pic.svg, bakery.Payload{Version: bakery.V3, Text: credential}); err != nil {
		return nil, nil, fmt.Errorf("bake SVG: %w", err)
	}
	return png, svg, nil
}

// picture returns an achievement's artwork in a design, drawn once.
func (is *Issuer) picture(a *Achievement, design string) (picture, error) {
	key := a.ID + " " + design
	if p, ok := is.pictures.Load(key); ok {
		return p.(picture), nil
	}
	svg, png, err := is.art.Picture(a, is.cat.Issuer.Name, design)
	if err != nil {
		return picture{}, fmt.Errorf("artwork for %s: %w", a.ID, err)
	}
	p := picture{svg: svg, png: png}
	is.pictures.Store(key, p)
	return p, nil
}
