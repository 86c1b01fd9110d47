package assets

import "embed"

//go:embed artwork/*.tmpl
var artworkFiles embed.FS

// Artwork returns the badge artwork templates: artwork/<design>.svg.tmpl,
// text/template sources for a 512×512 SVG that issuer/artwork fills in
// per achievement (name, level, code, issuer, colours). The design named
// "badge" is the default.
func Artwork() embed.FS {
	return artworkFiles
}
