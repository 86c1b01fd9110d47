// Package bakery bakes Open Badges metadata into PNG and SVG images and
// unbakes it again, following the Open Badges 2.0 and 3.0 baking rules:
//
//   - PNG: one iTXt chunk (uncompressed) with keyword "openbadges" (OB 2.0)
//     or "openbadgecredential" (OB 3.0); a legacy tEXt "openbadges" chunk
//     holding a URL is read but never written.
//   - SVG: an <openbadges:assertion> element in the http://openbadges.org
//     namespace (OB 2.0) or an <openbadges:credential> element in the
//     https://purl.imsglobal.org/ob/v3p0 namespace (OB 3.0), carrying JSON in
//     CDATA or a URL / compact JWS in its verify attribute.
//
// Every input is treated as hostile: chunk lengths and CRCs are checked,
// sizes and counts are capped (see Limits), and SVG is read with a
// streaming decoder that refuses entity declarations.
//
// It imports only the standard library.
package bakery
