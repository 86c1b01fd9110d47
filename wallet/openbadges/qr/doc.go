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
//     segments and painted pixels, then read like a PNG. A one-argument
//     scale(s) transform is rewritten scale(s s) first: oksvg reads it as
//     scale(s, 0).
//
// Decode sniffs the format. Reading is deterministic: gozxing's QR reader
// runs with the TRY_HARDER hint on the image as given; then with the
// PURE_BARCODE hint (a generated code, read without the finder-pattern
// detector, which misjudges a few crisp generated codes); then with the
// TRY_HARDER hint on the image with a white quiet zone added; then (PNG
// only) on a 2× nearest-neighbour upscale of that. The first success wins.
// When no QR code can be read the error wraps ErrNoCode.
//
// The text is returned as encoded, not normalised: a QR code can hold a
// URL with a literal space (one corpus code does), which a caller fetching
// it must percent-encode.
//
// It imports the standard library; the bakery package (SVG sniffing);
// github.com/makiuchi-d/gozxing (QR detection and decoding);
// github.com/srwiley/oksvg and github.com/srwiley/rasterx (SVG parsing,
// transforms, curve flattening and stroking); golang.org/x/image/vector and
// math/fixed (the rasteriser behind rasterx, driven here through a
// budgeted scanner that paints each path's bounding box only); and
// golang.org/x/net/html/charset (non-UTF-8 SVG encodings, as oksvg reads
// them). Tests also use github.com/skip2/go-qrcode to generate codes.
package qr
