package bakery

import "errors"

// Sentinel errors. Every error returned by this package wraps one of them
// (test with errors.Is) and says where in the file the problem was found.
var (
	// ErrNotBaked: the image is valid but carries no Open Badges data.
	ErrNotBaked = errors.New("the image holds no Open Badges data (it is not a baked badge)")
	// ErrTooLarge: the input is over a size limit.
	ErrTooLarge = errors.New("over the size limit")
	// ErrTruncated: the file ends in the middle of a structure.
	ErrTruncated = errors.New("the file is truncated")
	// ErrChecksum: a PNG chunk's CRC does not match its content.
	ErrChecksum = errors.New("CRC mismatch: the file is corrupted")
	// ErrCompressed: a compressed badge iTXt chunk, which the spec forbids.
	ErrCompressed = errors.New("the badge iTXt chunk is compressed, which the Open Badges baking spec forbids")
	// ErrMalformed: the structure of the image is not valid.
	ErrMalformed = errors.New("malformed image")
	// ErrTooManyChunks: too many PNG chunks before the badge chunk.
	ErrTooManyChunks = errors.New("too many PNG chunks before the badge data")
	// ErrTooManyElements: an SVG with more elements than allowed.
	ErrTooManyElements = errors.New("too many SVG elements")
	// ErrEntity: an SVG that declares entities or an internal DTD subset.
	ErrEntity = errors.New("the SVG declares a DOCTYPE with entities or an internal subset, which is refused for safety")
	// ErrDuplicate: more than one badge chunk or element.
	ErrDuplicate = errors.New("more than one Open Badges payload in the image (the spec allows exactly one)")
)
