// Package artwork draws the picture of an achievement: Render fills one of
// the SVG templates in assets/artwork (a 512×512 badge with the
// achievement's name, level, short code, issuer and accent colour) and
// Rasterize turns that SVG into a PNG of the same picture.
//
// oksvg does not draw <text>, so Rasterize draws the shapes with
// oksvg/rasterx and then draws every <text> element of the SVG itself with
// the embedded Go fonts; the words in the PNG are therefore the words in
// the SVG, in the same places.
//
// Every string in a Spec is untrusted: control, format and bidi characters
// are removed, whitespace is collapsed, lengths are capped, and everything
// is XML-escaped before it reaches a template. Output is deterministic:
// the same Spec gives the same SVG bytes, and the same SVG, size and Spec
// give the same PNG bytes (on one architecture; floating-point fusion may
// differ between architectures, so PNG bytes are not promised across them).
//
// It imports only the standard library, assets, github.com/srwiley/oksvg,
// github.com/srwiley/rasterx and golang.org/x/image.
package artwork
