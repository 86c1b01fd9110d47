package wallet

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"

	"badgewallet/store"
	"badgewallet/wallet/openbadges"
	"badgewallet/wallet/openbadges/bakery"
	"badgewallet/wallet/openbadges/fetch"
	"badgewallet/wallet/safetext"
)

// ArtworkResult says what refreshing one badge's artwork found.
type ArtworkResult struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// URL is the picture's address in the badge.
	URL string `json:"url,omitempty"`
	// Status is "newer" (a different picture was fetched and kept), "same"
	// (the issuer serves the picture the wallet has), "kept" (the issuer's
	// picture is in another format than the badge file, so newness cannot
	// be told: it is kept beside it), "embedded" (the
	// picture is inside the badge: nothing to fetch), "none" (the badge
	// names no picture) or "failed" (see Err).
	Status string `json:"status"`
	// Versions is how many pictures from the issuer are kept for the badge.
	Versions int    `json:"versions"`
	Err      string `json:"error,omitempty"`
}

// RefreshArtwork asks the issuer of badge id (or of every badge, id == 0)
// for the badge's picture and keeps it when it differs from the newest one
// the wallet has (the baked file, then pictures fetched before). The badge
// file is never changed: older pictures stay. A failure for one badge is
// reported in its result and does not stop the others.
func (w *Wallet) RefreshArtwork(ctx context.Context, id int64, o VerifyOptions, progress func(ArtworkResult)) ([]ArtworkResult, error) {
	if o.Offline {
		return nil, fmt.Errorf("refresh artwork: %w", fetch.ErrOffline)
	}
	f := w.network(o)
	rows, err := w.badgesFor(ctx, id)
	if err != nil {
		return nil, err
	}
	var out []ArtworkResult
	for _, b := range rows {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		r := w.refreshArtwork(ctx, f, b)
		out = append(out, r)
		if progress != nil {
			progress(r)
		}
	}
	return out, nil
}

func (w *Wallet) refreshArtwork(ctx context.Context, f fetch.Fetcher, b store.Badge) ArtworkResult {
	res := ArtworkResult{ID: b.ID, Name: b.Name}
	failed := func(format string, args ...any) ArtworkResult {
		res.Status, res.Err = "failed", fmt.Sprintf(format, args...)
		return res
	}
	kept, err := w.db.ArtworkOf(ctx, b.ID)
	if err != nil {
		return failed("%v", err)
	}
	res.Versions = len(kept)
	original, err := w.db.BadgeOriginal(ctx, b.ID)
	if err != nil {
		return failed("%v", err)
	}
	x, err := openbadges.Read(original)
	if err != nil {
		return failed("the stored file no longer reads: %v", err)
	}
	res.URL = x.Badge.Image.ID
	switch {
	case res.URL == "":
		res.Status = "none"
		return res
	case strings.HasPrefix(res.URL, "data:"):
		res.URL, res.Status = "", "embedded"
		return res
	}
	resp, err := f.Fetch(ctx, res.URL)
	if err != nil {
		return failed("%v", err)
	}
	if resp.Status != http.StatusOK {
		return failed("the issuer answered %d %s for the picture", resp.Status, http.StatusText(resp.Status))
	}
	pic := resp.Body
	typ, ok := pictureType(pic)
	if !ok {
		return failed("the picture is neither PNG nor SVG (served as %q)", safetext.Line(resp.ContentType))
	}
	if typ == pngType {
		// A picture served baked is compared and kept without its badge.
		if pic, err = bakery.DefaultLimits().StripPNG(pic); err != nil {
			return failed("the picture is not a readable PNG: %v", err)
		}
	}
	if len(kept) > 0 {
		if sum := sha256.Sum256(pic); hex.EncodeToString(sum[:]) == kept[len(kept)-1].SHA256 {
			res.Status = "same"
			return res
		}
	} else if sameAsBaked(x, original, pic) {
		res.Status = "same"
		return res
	}
	otherFormat := len(kept) == 0 && "."+string(x.Container) != pictureExt(typ)
	added, err := w.db.AddArtwork(ctx, store.Artwork{BadgeID: b.ID, SourceURL: res.URL, ContentType: typ, Data: pic, Fetched: w.now()})
	if err != nil {
		return failed("%v", err)
	}
	res.Status = "same" // an older picture come back is not kept twice
	if added {
		res.Status = "newer"
		if otherFormat {
			res.Status = "kept"
		}
		res.Versions++
	}
	return res
}

// Media types of pictures.
const (
	pngType = "image/png"
	svgType = "image/svg+xml"
)

// pictureType tells a PNG from an SVG by its bytes.
func pictureType(data []byte) (string, bool) {
	switch {
	case bakery.IsPNG(data):
		return pngType, true
	case bakery.IsSVG(data):
		return svgType, true
	}
	return "", false
}

// pictureExt is the file extension, with its dot, for a picture type.
func pictureExt(typ string) string {
	if typ == svgType {
		return ".svg"
	}
	return ".png"
}

// sameAsBaked reports whether pic is the picture the badge file was baked
// from: the PNG without its badge chunk, or the SVG that baking the same
// payload into gives the file back.
func sameAsBaked(x *openbadges.Extracted, original, pic []byte) bool {
	switch x.Container {
	case openbadges.ContainerPNG:
		plain, err := bakery.DefaultLimits().StripPNG(original)
		return err == nil && bytes.Equal(plain, pic)
	case openbadges.ContainerSVG:
		p, err := bakery.UnbakeSVG(original)
		if err != nil || !bakery.IsSVG(pic) {
			return false
		}
		again, err := bakery.BakeSVG(pic, p)
		return err == nil && bytes.Equal(again, original)
	}
	return false
}

// Artwork lists the pictures fetched from badge id's issuer, oldest first.
func (w *Wallet) Artwork(ctx context.Context, id int64) ([]store.Artwork, error) {
	if _, err := w.Badge(ctx, id); err != nil {
		return nil, err
	}
	return w.db.ArtworkOf(ctx, id)
}
