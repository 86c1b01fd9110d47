package wallet

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Setting keys.
const (
	settingAutoAccept    = "auto_accept"         // "on" | "off"
	settingAutoAcceptFor = "auto_accept_issuer:" // + issuer id → "on" | "off"
	settingProfilePublic = "profile_public"      // "on" | "off"
	settingBaseURL       = "public_base_url"
	settingDemoMode      = "demo_mode" // "on" | "off"; unset: never chosen
	settingProfileName   = "profile_name"
)

func (w *Wallet) flag(ctx context.Context, key string) (value, ok bool, err error) {
	v, ok, err := w.db.Setting(ctx, key)
	if err != nil || !ok {
		return false, ok, err
	}
	return v == "on", true, nil
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// SetAutoAccept turns auto-accept on or off, for every issuer (issuerID
// "") or for one issuer (overriding the global setting for it).
func (w *Wallet) SetAutoAccept(ctx context.Context, on bool, issuerID string) error {
	key := settingAutoAccept
	if issuerID != "" {
		key = settingAutoAcceptFor + issuerID
	}
	return w.db.SetSetting(ctx, key, onOff(on))
}

// AutoAccepts reports whether badges from issuerID are accepted
// automatically (when verified and addressed to the holder).
func (w *Wallet) AutoAccepts(ctx context.Context, issuerID string) (bool, error) {
	if issuerID != "" {
		if v, ok, err := w.flag(ctx, settingAutoAcceptFor+issuerID); err != nil || ok {
			return v, err
		}
	}
	v, _, err := w.flag(ctx, settingAutoAccept)
	return v, err
}

// SetProfilePublic makes the earner's profile public or private.
func (w *Wallet) SetProfilePublic(ctx context.Context, public bool) error {
	return w.db.SetSetting(ctx, settingProfilePublic, onOff(public))
}

// ProfilePublic reports whether the profile is public (default private).
func (w *Wallet) ProfilePublic(ctx context.Context) (bool, error) {
	v, _, err := w.flag(ctx, settingProfilePublic)
	return v, err
}

// SetProfileName sets the name the public profile shows ("" removes it).
func (w *Wallet) SetProfileName(ctx context.Context, name string) error {
	name = strings.TrimSpace(name)
	if len(name) > 200 {
		return fmt.Errorf("the profile name is %d bytes long: keep it under 200", len(name))
	}
	return w.db.SetSetting(ctx, settingProfileName, name)
}

// ProfileName is the name the public profile shows, "" if none was set.
func (w *Wallet) ProfileName(ctx context.Context) (string, error) {
	v, _, err := w.db.Setting(ctx, settingProfileName)
	return v, err
}

// SetDemoMode records whether the embedded demo issuer runs beside the
// wallet (the TUI's welcome and Settings choose it).
func (w *Wallet) SetDemoMode(ctx context.Context, on bool) error {
	return w.db.SetSetting(ctx, settingDemoMode, onOff(on))
}

// DemoMode reports whether demo mode is on, and whether it was ever chosen
// (a wallet that never chose is a first run when it is also empty).
func (w *Wallet) DemoMode(ctx context.Context) (on, chosen bool, err error) {
	return w.flag(ctx, settingDemoMode)
}

// SetPrivacy makes one badge public or private.
func (w *Wallet) SetPrivacy(ctx context.Context, id int64, public bool) error {
	p := "private"
	if public {
		p = "public"
	}
	if err := w.db.SetBadgePrivacy(ctx, id, p); err != nil {
		return fmt.Errorf("badge %d: %w", id, err)
	}
	return nil
}

// Identity is one of the holder's identities.
type Identity struct {
	Kind      string `json:"kind"` // email | url | phone
	Value     string `json:"value"`
	Confirmed bool   `json:"confirmed"`
}

// AddIdentity adds an identity; one typed by hand is self-declared, one
// proven by an issuer's code is confirmed. Adding another address of the
// same person merges accounts: badges to either then count as theirs.
func (w *Wallet) AddIdentity(ctx context.Context, value string, confirmed bool) (Identity, error) {
	kind := IdentityKind(value)
	v := strings.TrimSpace(value)
	if kind == "email" {
		v = strings.ToLower(v)
		if !strings.Contains(v, "@") || strings.ContainsAny(v, " \t\r\n<>") {
			return Identity{}, fmt.Errorf("%q is not an email address", value)
		}
	}
	id, err := w.db.AddIdentity(ctx, kind, v, confirmed)
	if err != nil {
		return Identity{}, err
	}
	return Identity{Kind: id.Kind, Value: id.Value, Confirmed: id.Confirmed}, nil
}

// Identities lists the holder's identities.
func (w *Wallet) Identities(ctx context.Context) ([]Identity, error) {
	ids, err := w.db.ListIdentities(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Identity, len(ids))
	for i, id := range ids {
		out[i] = Identity{Kind: id.Kind, Value: id.Value, Confirmed: id.Confirmed}
	}
	return out, nil
}

// IssuerSummary is one issuer of badges in the wallet.
type IssuerSummary struct {
	ID     string `json:"id"`
	Name   string `json:"name"` // as its badges name it; sanitize before display
	Badges int    `json:"badges"`
}

// Issuers lists the issuers of the wallet's badges by name, with how many
// badges each issued (for per-issuer settings).
func (w *Wallet) Issuers(ctx context.Context) ([]IssuerSummary, error) {
	rows, err := w.db.Issuers(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]IssuerSummary, len(rows))
	for i, r := range rows {
		out[i] = IssuerSummary{ID: r.ID, Name: r.Name, Badges: r.Badges}
	}
	return out, nil
}

// NotAddressed lists the ids of the badges that name none of the holder's
// identities (as last checked).
func (w *Wallet) NotAddressed(ctx context.Context) ([]int64, error) {
	return w.db.NotAddressedIDs(ctx)
}

// MergeIdentity adds another of the holder's identities (a duplicate
// account's address, say) and checks again the badges that named none of
// the holder's identities, so that those sent to it count as the holder's
// at once. It returns how many became addressed to the holder. Checking
// again is a verification (see Refresh): o says how it may reach the
// network.
func (w *Wallet) MergeIdentity(ctx context.Context, value string, o VerifyOptions) (Identity, int, error) {
	before, err := w.NotAddressed(ctx)
	if err != nil {
		return Identity{}, 0, err
	}
	id, err := w.AddIdentity(ctx, value, false)
	if err != nil {
		return Identity{}, 0, err
	}
	for _, b := range before {
		if _, err := w.Refresh(ctx, b, o, nil); err != nil && !errors.Is(err, ErrNotFound) {
			return id, 0, fmt.Errorf("added %s, but checking badge %d again failed: %w", id.Value, b, err)
		}
	}
	after, err := w.NotAddressed(ctx)
	if err != nil {
		return id, 0, err
	}
	return id, max(len(before)-len(after), 0), nil
}
