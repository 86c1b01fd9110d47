package issuer

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"badgewallet/wallet/openbadges"
	"badgewallet/wallet/openbadges/verify"
)

// TestOB2Forms: the OB 2.0 hosted and signed forms of an award verify
// through the issuer's hosted documents, and both see a revocation.
func TestOB2Forms(t *testing.T) {
	ctx := context.Background()
	is := openIssuer(t)
	res, err := is.Award(ctx, "demo@example.com", "cl-104", day)
	if err != nil {
		t.Fatal(err)
	}
	cred := res.Awarded[0].CredentialID
	v := verifier(t, is, "demo@example.com")
	for _, signed := range []bool{false, true} {
		payload, png, svg, err := is.OB2Badge(ctx, cred, signed)
		if err != nil {
			t.Fatal(err)
		}
		for name, data := range map[string][]byte{"payload": payload, "png": png, "svg": svg} {
			x, err := openbadges.Read(data)
			if err != nil || x.Badge.Spec != openbadges.Spec2 || (signed != (x.Badge.Form == openbadges.FormJWS)) {
				t.Fatalf("signed=%v %s: %v %+v", signed, name, err, x)
			}
			r := v.Verify(ctx, data)
			if rc, _ := r.Check(verify.CheckRecipient); r.Verdict != verify.Verified || rc.Outcome != verify.Pass {
				t.Fatalf("signed=%v %s: %s %+v", signed, name, r.Verdict, r.Checks)
			}
		}
	}
	if err := is.Revoke(ctx, cred, "issued in error"); err != nil {
		t.Fatal(err)
	}
	for _, signed := range []bool{false, true} {
		payload, _, _, err := is.OB2Badge(ctx, cred, signed)
		if err != nil {
			t.Fatal(err)
		}
		if r := v.Verify(ctx, payload); r.Verdict != verify.Revoked {
			t.Fatalf("signed=%v after revocation: %s %+v", signed, r.Verdict, r.Checks)
		}
	}
	// JWKS and the issuer profile are served.
	c := &http.Client{Transport: is.Transport(nil)}
	resp, err := c.Get(is.BaseURL() + "/.well-known/jwks.json")
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		Keys []map[string]any `json:"keys"`
	}
	json.NewDecoder(resp.Body).Decode(&set)
	resp.Body.Close()
	if len(set.Keys) != 2 || set.Keys[0]["d"] != nil || set.Keys[1]["d"] != nil {
		t.Fatalf("jwks: %+v", set)
	}
	if resp, _ := c.Get(is.BaseURL() + "/profile"); resp.StatusCode != 200 {
		t.Fatalf("profile: %d", resp.StatusCode)
	}
}

// TestVCJWT: the VC-JWT form verifies (EdDSA, did:key kid bound to the
// issuer), plain and baked.
func TestVCJWT(t *testing.T) {
	ctx := context.Background()
	is := openIssuer(t)
	res, err := is.Award(ctx, "demo@example.com", "cl-900", day)
	if err != nil {
		t.Fatal(err)
	}
	jwt, png, svg, err := is.VCJWT(ctx, res.Awarded[0].CredentialID)
	if err != nil {
		t.Fatal(err)
	}
	v := verifier(t, is, "demo@example.com")
	for name, data := range map[string][]byte{"jwt": jwt, "png": png, "svg": svg} {
		r := v.Verify(ctx, data)
		if p, _ := r.Check(verify.CheckProof); r.Verdict != verify.Verified || p.Outcome != verify.Pass {
			t.Fatalf("%s: %s %+v", name, r.Verdict, r.Checks)
		}
	}
}
