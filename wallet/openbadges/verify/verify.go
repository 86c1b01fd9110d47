package verify

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"badgewallet/wallet/openbadges"
	"badgewallet/wallet/openbadges/bakery"
	"badgewallet/wallet/openbadges/dataintegrity"
	"badgewallet/wallet/openbadges/fetch"
	"badgewallet/wallet/openbadges/qr"
)

// Identity is one of the holder's identities, matched against recipients.
type Identity struct {
	Kind  string // email, url, phone
	Value string
}

// Options configure a Verifier.
type Options struct {
	// Fetcher reads the network; nil means offline.
	Fetcher fetch.Fetcher
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Skew is the clock tolerance on validity dates (default 5 minutes).
	Skew time.Duration
	// Identities are the holder's; none means the recipient check is skipped.
	Identities []Identity
	// Limits for reading files (default openbadges.DefaultLimits()).
	Limits *openbadges.Limits
}

// Verifier checks badges. It is safe for concurrent use.
type Verifier struct {
	fetcher    fetch.Fetcher
	now        func() time.Time
	skew       time.Duration
	identities []Identity
	limits     openbadges.Limits
	loader     *dataintegrity.Loader
	lists      *sync.Map // sha256 of a status list credential → cachedList
}

// New returns a Verifier.
func New(o Options) (*Verifier, error) {
	l, err := dataintegrity.NewLoader()
	if err != nil {
		return nil, err
	}
	v := &Verifier{fetcher: o.Fetcher, now: o.Now, skew: o.Skew, identities: o.Identities, loader: l, limits: openbadges.DefaultLimits(), lists: &sync.Map{}}
	if v.fetcher == nil {
		v.fetcher = fetch.Offline{}
	}
	if v.now == nil {
		v.now = time.Now
	}
	if v.skew == 0 {
		v.skew = 5 * time.Minute
	}
	if o.Limits != nil {
		v.limits = *o.Limits
	}
	return v, nil
}

// WithIdentities returns a copy of v that matches recipients against ids.
func (v *Verifier) WithIdentities(ids []Identity) *Verifier {
	c := *v
	c.identities = ids
	return &c
}

// Verify reads a file (baked image, JSON, JWS or URL text) and verifies
// the badge in it.
func (v *Verifier) Verify(ctx context.Context, data []byte) *Report {
	r := &Report{CheckedAt: v.now().UTC()}
	x, err := v.limits.Read(data)
	if err != nil && errors.Is(err, bakery.ErrNotBaked) {
		// Not baked; but a certificate image may carry a QR code that
		// links to the credential.
		if text, qerr := qr.Decode(data); qerr == nil {
			return v.verifyQR(ctx, text)
		}
	}
	if err != nil {
		r.add(CheckStructure, Fail, "The file cannot be read as an Open Badge: "+err.Error()+".")
		r.decide()
		return r
	}
	return v.VerifyExtracted(ctx, x)
}

// VerifyExtracted verifies an already read file.
func (v *Verifier) VerifyExtracted(ctx context.Context, x *openbadges.Extracted) *Report {
	r := &Report{CheckedAt: v.now().UTC(), Badge: x.Badge}
	b := x.Badge
	switch {
	case b.Form == openbadges.FormHosted:
		v.verifyHosted(ctx, r, b.HostedURL, "The badge is only a link to its hosted assertion "+short(b.HostedURL))
	case b.Spec == openbadges.Spec1 || b.Spec == openbadges.Spec2:
		v.verifyOB2(ctx, r, x)
	case b.Form == openbadges.FormVCJWT:
		v.verifyJWT(ctx, r, b)
	case b.Kind == openbadges.KindDIDDocument:
		r.add(CheckStructure, Fail, "This is a DID document, not a credential: there is nothing to verify.")
	default:
		v.verifyCredential(ctx, r, b.Raw, nil)
	}
	r.decide()
	return r
}

// verifyQR verifies the credential a QR code links to.
func (v *Verifier) verifyQR(ctx context.Context, text string) *Report {
	r := &Report{CheckedAt: v.now().UTC()}
	u := strings.TrimSpace(text)
	if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
		r.add(CheckStructure, Fail, fmt.Sprintf("The image holds no baked badge, only a QR code that says %q, which is not a link to a credential.", safeShort(u)))
		r.decide()
		return r
	}
	// A QR code may carry a URL with literal spaces; send them escaped.
	u = strings.ReplaceAll(u, " ", "%20")
	v.verifyHosted(ctx, r, u, "The image holds no baked badge but a QR code linking to "+short(u))
	r.decide()
	return r
}

func safeShort(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// notBadgeMessage describes a non-badge document in the structure check.
func kindWords(b *openbadges.Badge) string {
	switch b.Spec {
	case openbadges.Spec3:
		return fmt.Sprintf("OB 3.0 %s (VC %s)", b.Kind, b.VCVersion)
	case openbadges.SpecVC:
		return fmt.Sprintf("Verifiable Credential (VC %s)", b.VCVersion)
	case openbadges.Spec1:
		return "OB 1.x " + string(b.Kind)
	}
	return "OB 2.0 " + string(b.Kind)
}
