package demo

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"time"

	"badgewallet/issuer"
	"badgewallet/wallet"
)

// claimLinkPattern finds claim links in the issuer's messages.
var claimLinkPattern = regexp.MustCompile(`https?://[^\s"<>]+/claim/[A-Za-z0-9_-]+`)

// Notification is an award email the embedded issuer sent to one of the
// holder's addresses, with what its claim link offers. Every string comes
// from the issuer's outbox or the claim offer: sanitize before display.
type Notification struct {
	To          string    `json:"to"`
	Sent        time.Time `json:"sent"`
	Subject     string    `json:"subject"`
	Claim       string    `json:"claim"`
	Issuer      string    `json:"issuer,omitempty"`
	Achievement string    `json:"achievement,omitempty"`
	Err         string    `json:"error,omitempty"` // the offer could not be read
}

// awardMessages lists the award notifications with a claim link that the
// issuer in dir sent to emails, newest first.
func awardMessages(ctx context.Context, dir string, emails []string) ([]Notification, error) {
	is, err := issuer.Open(ctx, dir, issuer.Options{})
	if err != nil {
		return nil, fmt.Errorf("demo issuer: %w", err)
	}
	defer is.Close()
	out := []Notification{}
	for _, e := range emails {
		msgs, err := is.Outbox(ctx, e, 200)
		if err != nil {
			return nil, fmt.Errorf("demo issuer: %w", err)
		}
		for _, m := range msgs {
			if link := claimLinkPattern.FindString(m.Body); m.Kind == "award" && link != "" {
				out = append(out, Notification{To: m.To, Sent: m.Created, Subject: m.Subject, Claim: link})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Notification) int { return b.Sent.Compare(a.Sent) })
	return out, nil
}

// Notifications lists the award notifications the demo issuer in dir sent
// to the wallet's email identities, newest first, each with what its claim
// link offers (asked through rt).
func Notifications(ctx context.Context, dir string, w *wallet.Wallet, rt http.RoundTripper) ([]Notification, error) {
	ids, err := w.Identities(ctx)
	if err != nil {
		return nil, err
	}
	var emails []string
	for _, id := range ids {
		if id.Kind == "email" {
			emails = append(emails, id.Value)
		}
	}
	out, err := awardMessages(ctx, dir, emails)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if o, err := w.ClaimOffer(ctx, out[i].Claim, rt); err != nil {
			out[i].Err = err.Error()
		} else {
			out[i].Issuer, out[i].Achievement = o.Issuer, o.Achievement
		}
	}
	return out, nil
}

// LatestClaimLink returns the newest claim link the demo issuer in dir sent
// to email.
func LatestClaimLink(ctx context.Context, dir, email string) (string, error) {
	out, err := awardMessages(ctx, dir, []string{email})
	if err != nil {
		return "", err
	}
	if len(out) == 0 {
		return "", fmt.Errorf("the demo issuer sent no claim link to %s", email)
	}
	return out[0].Claim, nil
}
