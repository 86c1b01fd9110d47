package wallet

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"badgewallet/wallet/openbadges/fetch"
)

// ClaimOffer is what a claim link offers, before the email is proven.
type ClaimOffer struct {
	Issuer      string `json:"issuer"`
	Achievement string `json:"achievement"`
	Description string `json:"description"`
	EmailHint   string `json:"emailHint"`
	Retired     bool   `json:"retired"`
}

// ErrClaim is wrapped by every error the issuer answers in a claim.
var ErrClaim = errors.New("claim refused by the issuer")

// maxClaimBytes caps an issuer's answer (it carries baked badges).
const maxClaimBytes = 64 << 20

func claimClient(rt http.RoundTripper) *http.Client {
	return &http.Client{Transport: rt, Timeout: 30 * time.Second}
}

func checkClaimURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || !strings.Contains(u.Path, "/claim/") {
		return nil, fmt.Errorf("%q is not a claim link (it looks like https://issuer.example/claim/…)", raw)
	}
	return u, nil
}

// claimCall sends one request of the claim protocol and decodes the answer.
func claimCall(ctx context.Context, rt http.RoundTripper, method, u string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := claimClient(rt).Do(req)
	if err != nil {
		return fmt.Errorf("the issuer could not be reached: %w", err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxClaimBytes+1))
	if err != nil {
		return err
	}
	if len(data) > maxClaimBytes {
		return fmt.Errorf("the issuer's answer is over %d MiB", maxClaimBytes>>20)
	}
	if resp.StatusCode >= 300 {
		var e struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(data, &e) == nil && e.Error != "" {
			return fmt.Errorf("%w: %s", ErrClaim, e.Error)
		}
		return fmt.Errorf("%w: HTTP %d", ErrClaim, resp.StatusCode)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("the issuer's answer is not the expected JSON: %v", err)
		}
	}
	return nil
}

// ClaimOffer opens a claim link and returns what it offers. rt reaches the
// issuer (nil: the network; the embedded issuer's Transport in the demo).
func (w *Wallet) ClaimOffer(ctx context.Context, claimURL string, rt http.RoundTripper) (ClaimOffer, error) {
	u, err := checkClaimURL(claimURL)
	if err != nil {
		return ClaimOffer{}, err
	}
	var o ClaimOffer
	return o, claimCall(ctx, rt, http.MethodGet, u.String(), nil, &o)
}

// ClaimSendCode asks the issuer to send a confirmation code to email.
func (w *Wallet) ClaimSendCode(ctx context.Context, claimURL, email string, rt http.RoundTripper) error {
	u, err := checkClaimURL(claimURL)
	if err != nil {
		return err
	}
	return claimCall(ctx, rt, http.MethodPost, u.String()+"/code", map[string]string{"email": email}, nil)
}

// ClaimConfirm proves the email with the code, then stores every badge the
// issuer awarded to it (verified, matched, auto-accepted as usual) and
// records the email as a confirmed identity.
func (w *Wallet) ClaimConfirm(ctx context.Context, claimURL, email, code string, o ImportOptions, progress func(ImportEvent)) (ImportSummary, error) {
	u, err := checkClaimURL(claimURL)
	if err != nil {
		return ImportSummary{}, err
	}
	var claimed struct {
		Email string `json:"email"`
		All   []struct {
			CredentialID string `json:"credentialId"`
			Name         string `json:"name"`
			PNG          []byte `json:"png"`
		} `json:"all"`
	}
	if err := claimCall(ctx, o.Verify.Transport, http.MethodPost, u.String()+"/confirm", map[string]string{"email": email, "code": code}, &claimed); err != nil {
		return ImportSummary{}, err
	}
	if _, err := w.AddIdentity(ctx, claimed.Email, true); err != nil {
		return ImportSummary{}, err
	}
	v, err := w.Verifier(ctx, o.Verify)
	if err != nil {
		return ImportSummary{}, err
	}
	items := make([]importItem, 0, len(claimed.All))
	for _, b := range claimed.All {
		items = append(items, importItem{source: b.Name + " (" + u.Host + ")", data: b.PNG})
	}
	if o.Workers == 0 {
		// A claim brings a few badges: one worker stores them in the
		// issuer's order, so the wallet lists them the same way each time.
		o.Workers = 1
	}
	return w.importItems(ctx, v, fetch.Offline{}, items, nil, o, progress)
}
