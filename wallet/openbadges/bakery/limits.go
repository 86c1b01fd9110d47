package bakery

// Limits caps what the bakery reads. The zero value is not useful; start
// from DefaultLimits.
type Limits struct {
	// MaxFileBytes is the largest image accepted (bytes).
	MaxFileBytes int
	// MaxChunksBeforeBadge is how many PNG chunks may precede the badge
	// chunk before unbaking gives up.
	MaxChunksBeforeBadge int
	// MaxSVGElements is the largest number of elements in an SVG document.
	MaxSVGElements int
	// MaxPayloadBytes is the largest badge payload (JSON, JWS or URL) read
	// from an image.
	MaxPayloadBytes int
}

// DefaultLimits returns the limits badgewallet uses: 16 MiB files, 100 PNG
// chunks before the badge chunk, 100,000 SVG elements and 2 MiB payloads.
func DefaultLimits() Limits {
	return Limits{
		MaxFileBytes:         16 << 20,
		MaxChunksBeforeBadge: 100,
		MaxSVGElements:       100_000,
		MaxPayloadBytes:      2 << 20,
	}
}

// Version tells which Open Badges baking a payload uses.
type Version int

// Baking versions.
const (
	V2 Version = 2 // OB 2.0 (and 1.x): PNG keyword "openbadges", SVG <openbadges:assertion>
	V3 Version = 3 // OB 3.0: PNG keyword "openbadgecredential", SVG <openbadges:credential>
)

// String returns "OB 2.0" or "OB 3.0".
func (v Version) String() string {
	switch v {
	case V2:
		return "OB 2.0"
	case V3:
		return "OB 3.0"
	}
	return "unknown"
}

// Payload is what an image carries.
type Payload struct {
	// Version is the baking convention that was found (from the PNG keyword
	// or the SVG element's namespace).
	Version Version
	// Text is the payload: JSON, a compact JWS, or a URL. For SVG it is the
	// element's CDATA text when present, else its verify attribute.
	Text []byte
	// Verify is the SVG verify attribute, if any (a URL or a JWS).
	Verify string
	// Legacy is true for a PNG tEXt chunk (a URL, OB 1.x style).
	Legacy bool
}

// Keyword is the PNG keyword for a version.
func (v Version) Keyword() string {
	if v == V3 {
		return KeywordOB3
	}
	return KeywordOB2
}

// PNG keywords.
const (
	KeywordOB2 = "openbadges"
	KeywordOB3 = "openbadgecredential"
)

// SVG namespaces.
const (
	NamespaceOB2 = "http://openbadges.org"
	NamespaceOB3 = "https://purl.imsglobal.org/ob/v3p0"
)
