package wallet

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"badgewallet/wallet/share"
)

// SetBaseURL sets where the public profile is published (see publish).
func (w *Wallet) SetBaseURL(ctx context.Context, u string) error {
	u = strings.TrimRight(strings.TrimSpace(u), "/")
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" || p.User != nil || p.RawQuery != "" || p.Fragment != "" {
		return fmt.Errorf("%q is not a web address like https://you.example/badges", u)
	}
	return w.db.SetSetting(ctx, settingBaseURL, u)
}

// BaseURL is the public base URL, "" if never set.
func (w *Wallet) BaseURL(ctx context.Context) (string, error) {
	v, _, err := w.db.Setting(ctx, settingBaseURL)
	return v, err
}

// shareInput maps a badge and the settings to the share package's input.
func (w *Wallet) shareInput(ctx context.Context, id int64) (share.Badge, share.Context, error) {
	d, err := w.Badge(ctx, id)
	if err != nil {
		return share.Badge{}, share.Context{}, err
	}
	base, err := w.BaseURL(ctx)
	if err != nil {
		return share.Badge{}, share.Context{}, err
	}
	pub, err := w.ProfilePublic(ctx)
	if err != nil {
		return share.Badge{}, share.Context{}, err
	}
	b := share.Badge{
		ID: strconv.FormatInt(d.ID, 10), CredentialID: d.CredentialID, Name: d.Name, Description: d.Description,
		IssuerName: d.IssuerName, Issued: d.Issued, Expires: d.Expires, Public: d.Privacy == "public",
	}
	if strings.HasPrefix(d.IssuerID, "http") {
		b.IssuerURL = d.IssuerID
	}
	if base != "" {
		ext := "png"
		if d.Container == "svg" {
			ext = "svg"
		}
		b.ImageURL = base + "/badges/" + b.ID + "/badge." + ext
	}
	return b, share.Context{BaseURL: base, ProfilePublic: pub}, nil
}

// Share returns the snippet of a badge in a format. Formats that link to
// the public page need a public badge, a public profile and a base URL,
// and say so otherwise.
func (w *Wallet) Share(ctx context.Context, id int64, f share.Format) (string, error) {
	b, c, err := w.shareInput(ctx, id)
	if err != nil {
		return "", err
	}
	return share.Snippet(f, b, c)
}

// ShareQRPNG returns the QR code (PNG) of a badge's verification URL.
func (w *Wallet) ShareQRPNG(ctx context.Context, id int64) ([]byte, error) {
	b, c, err := w.shareInput(ctx, id)
	if err != nil {
		return nil, err
	}
	return share.QRCode(b, c)
}
