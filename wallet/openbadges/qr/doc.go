// Package qr reads the QR code printed on some certificates and returns
// the text it encodes, typically the URL of a verifiable credential (the
// credential itself is then fetched and verified by the rest of the
// wallet; this package neither fetches nor interprets the text).
//
// Two image formats are read:
//
//   - PNG (DecodePNG): the header is read first and images larger than
//     MaxDimension pixels on either side are refused before any pixel is
//     decompressed, so a small file cannot make the decoder allocate
//     gigabytes. Transparent pixels are composited over white.
//   - SVG (DecodeSVG): documents over MaxSVGBytes, with an entity
//     declaration or internal DOCTYPE subset (the rule the bakery package
//     applies), with too many elements or with <use> expansions that could
//     blow up are refused; the rest is rasterised on a white canvas whose
//     longest side is SVGRasterSize pixels, under a fixed budget of line
//     segments and painted pixels, then read like a PNG.
//
// Decode sniffs the format. Reading is deterministic: the QR reader runs
// with the TRY_HARDER hint on the image as given, then with a white quiet
// zone added, then on a 2× nearest-neighbour upscale of that, and the first
// success wins. When no QR code can be read the error wraps ErrNoCode.
//
// It imports the standard library, the bakery package (format sniffing),
// github.com/makiuchi-d/gozxing (QR detection and decoding),
// github.com/srwiley/oksvg and github.com/srwiley/rasterx (SVG parsing and
// rasterisation) and golang.org/x/image/vector (the rasteriser behind
// rasterx), plus golang.org/x/net/html/charset for SVG text encodings, as
// oksvg does.
package qr
