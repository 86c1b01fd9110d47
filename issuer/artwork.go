package issuer

import "badgewallet/issuer/artwork"

// builtinArtwork draws badges from the embedded SVG templates.
type builtinArtwork struct{}

// Picture renders the achievement's design and rasterizes it (256 px).
func (builtinArtwork) Picture(a *Achievement, issuerName, design string) (svg, png []byte, err error) {
	spec := artwork.Spec{Name: a.Name, Level: a.Level, Code: a.Code, Issuer: issuerName, Color: a.Color, Design: design}
	if svg, err = artwork.Render(spec); err != nil {
		return nil, nil, err
	}
	if png, err = artwork.Rasterize(svg, 256, spec); err != nil {
		return nil, nil, err
	}
	return svg, png, nil
}
