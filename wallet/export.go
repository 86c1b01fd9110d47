package wallet

import (
	"context"
	"fmt"

	"badgewallet/wallet/openbadges"
	"badgewallet/wallet/safetext"
	"badgewallet/wallet/share"
)

// ExportAs names what Export writes.
type ExportAs string

const (
	// ExportOriginal is the file exactly as received: baked PNG or SVG,
	// JSON, or JWT.
	ExportOriginal ExportAs = "original"
	// ExportCredential is the signed document inside it: the JSON
	// credential or assertion, or the compact JWS / VC-JWT.
	ExportCredential ExportAs = "credential"
	// ExportURL is the badge's verification URL, as share --as url gives it.
	ExportURL ExportAs = "url"
	// ExportArtwork is the newest picture fetched from the issuer (see
	// RefreshArtwork).
	ExportArtwork ExportAs = "artwork"
)

// Exported is what Export produced.
type Exported struct {
	Data []byte `json:"-"`
	// Ext is the usual file extension for Data, with its dot.
	Ext string `json:"ext"`
	// Type is Data's media type.
	Type string `json:"type"`
}

// Export returns badge id as a file to save: see ExportAs.
func (w *Wallet) Export(ctx context.Context, id int64, as ExportAs) (Exported, error) {
	switch as {
	case ExportURL:
		u, err := w.Share(ctx, id, share.FormatURL)
		if err != nil {
			return Exported{}, err
		}
		return Exported{Data: []byte(u + "\n"), Ext: ".url.txt", Type: "text/plain"}, nil
	case ExportArtwork:
		kept, err := w.Artwork(ctx, id)
		if err != nil {
			return Exported{}, err
		}
		if len(kept) == 0 {
			return Exported{}, fmt.Errorf("badge %d: no newer artwork from its issuer is kept (refresh --artwork looks for one; --as original is the badge as received)", id)
		}
		a := kept[len(kept)-1]
		return Exported{Data: a.Data, Ext: pictureExt(a.ContentType), Type: a.ContentType}, nil
	case ExportOriginal, ExportCredential:
	default:
		return Exported{}, fmt.Errorf("export as %q: say original, credential, url or artwork", string(as))
	}
	data, err := w.Original(ctx, id)
	if err != nil {
		return Exported{}, err
	}
	x, err := openbadges.Read(data)
	if err != nil {
		return Exported{}, fmt.Errorf("badge %d: the stored file no longer reads: %w", id, err)
	}
	if as == ExportOriginal {
		switch x.Container {
		case openbadges.ContainerPNG:
			return Exported{Data: data, Ext: ".png", Type: pngType}, nil
		case openbadges.ContainerSVG:
			return Exported{Data: data, Ext: ".svg", Type: svgType}, nil
		}
	}
	switch x.Badge.Form {
	case openbadges.FormJWS, openbadges.FormVCJWT:
		return Exported{Data: x.Payload, Ext: ".jwt", Type: "application/jwt"}, nil
	case openbadges.FormHosted:
		return Exported{}, fmt.Errorf("badge %d holds only the address of its hosted assertion (%s): export it as original, or as url", id, safetext.Line(string(x.Payload)))
	}
	return Exported{Data: x.Payload, Ext: ".json", Type: "application/json"}, nil
}
