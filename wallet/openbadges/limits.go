package openbadges

import "badgewallet/wallet/openbadges/bakery"

// Limits caps what is read. Start from DefaultLimits.
type Limits struct {
	// Bakery holds the image limits (file size, PNG chunks, SVG elements).
	Bakery bakery.Limits
	// MaxFileBytes is the largest input of any kind.
	MaxFileBytes int
	// MaxJSONBytes is the largest JSON document (or JWS) parsed.
	MaxJSONBytes int
	// MaxJSONDepth is the deepest nesting of JSON objects and arrays.
	MaxJSONDepth int
}

// DefaultLimits: files 16 MiB, JSON 2 MiB, JSON nesting 64, SVG 100,000
// elements, 100 PNG chunks before the badge chunk.
func DefaultLimits() Limits {
	return Limits{
		Bakery:       bakery.DefaultLimits(),
		MaxFileBytes: 16 << 20,
		MaxJSONBytes: 2 << 20,
		MaxJSONDepth: 64,
	}
}
