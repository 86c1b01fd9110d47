package qr

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"

	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"

	"badgewallet/wallet/openbadges/bakery"
)

// Limits on the images read.
const (
	// MaxDimension is the largest width or height, in pixels, of a PNG
	// that is decoded. It is checked on the header, before decompression.
	MaxDimension = 4096
	// MaxSVGBytes is the largest SVG document read.
	MaxSVGBytes = 2 << 20
	// SVGRasterSize is the longest side, in pixels, of the canvas an SVG is
	// rasterised on: a version-40 QR code (177 modules plus a quiet zone)
	// still gets more than 4 pixels a module.
	SVGRasterSize = 800
)

var (
	// ErrNoCode means that no readable QR code was found in the image.
	ErrNoCode = errors.New("no readable QR code in the image")
	// ErrTooLarge means that the image is over a size limit (dimensions,
	// bytes, element count or rasterisation budget).
	ErrTooLarge = errors.New("image over the size limit")
	// ErrMalformed means that the image could not be parsed.
	ErrMalformed = errors.New("malformed image")
	// ErrEntity means that an SVG declares entities or a DOCTYPE internal
	// subset, which is refused for safety.
	ErrEntity = errors.New("the SVG declares a DOCTYPE with entities or an internal subset, which is refused for safety")
	// ErrUnsupported means that the data is neither a PNG nor an SVG, or
	// uses an SVG construct that is refused.
	ErrUnsupported = errors.New("unsupported image")
)

var pngMagic = []byte("\x89PNG\r\n\x1a\n")

// Decode reads the QR code in a PNG or SVG image, sniffing the format.
func Decode(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, pngMagic):
		return DecodePNG(data)
	case bakery.IsSVG(data):
		return DecodeSVG(data)
	}
	return "", fmt.Errorf("qr: neither a PNG nor an SVG image: %w", ErrUnsupported)
}

// DecodePNG reads the QR code in a PNG image and returns its text.
// Images over MaxDimension pixels on a side are refused from the header.
func DecodePNG(data []byte) (string, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return "", fmt.Errorf("qr: png header: %v: %w", err, ErrMalformed)
	}
	if cfg.Width > MaxDimension || cfg.Height > MaxDimension {
		return "", fmt.Errorf("qr: png is %d×%d pixels, over the %d×%d limit: %w",
			cfg.Width, cfg.Height, MaxDimension, MaxDimension, ErrTooLarge)
	}
	if cfg.Width == 0 || cfg.Height == 0 {
		return "", fmt.Errorf("qr: png is %d×%d pixels: %w", cfg.Width, cfg.Height, ErrNoCode)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return "", fmt.Errorf("qr: png: %v: %w", err, ErrMalformed)
	}
	return decodeImage(img, true)
}

// decodeImage finds and reads a QR code in an image, trying a 2× upscale
// last if upscale is set.
func decodeImage(img image.Image, upscale bool) (string, error) {
	g := toGray(img)
	if g.w == 0 || g.h == 0 {
		return "", fmt.Errorf("qr: empty image: %w", ErrNoCode)
	}
	text, err := g.read(tryHarder)
	if err == nil {
		return text, nil
	}
	// A generated code (crisp modules on a clean background) can be read
	// without the finder-pattern detector, which misjudges some of them.
	if text, err2 := g.read(pure); err2 == nil {
		return text, nil
	}
	// A code drawn edge to edge has no quiet zone, which the detector
	// needs: add 4 modules' worth of white, assuming the code fills the
	// image (1/5 of the side covers a version-1 code).
	p := g.pad(max(8, (max(g.w, g.h)+4)/5))
	if text, err2 := p.read(tryHarder); err2 == nil {
		return text, nil
	}
	// Small modules: a nearest-neighbour 2× upscale sharpens the
	// binariser's view of them. Large images have large enough modules
	// already and would cost too much memory.
	if upscale && max(p.w, p.h) <= MaxDimension/2 {
		if text, err2 := p.upscale2().read(tryHarder); err2 == nil {
			return text, nil
		}
	}
	return "", fmt.Errorf("qr: %v: %w", err, ErrNoCode)
}

// Hints for the QR reader.
var (
	tryHarder = map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}
	pure      = map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_PURE_BARCODE: true}
)

// gray is an 8-bit luminance image, row-major, no padding.
type gray struct {
	w, h int
	pix  []byte
}

// toGray converts an image to luminance, compositing it over white. The
// luminance formula is gozxing's: (r + 2g + b) / 4.
func toGray(img image.Image) *gray {
	b := img.Bounds()
	g := &gray{w: b.Dx(), h: b.Dy()}
	g.pix = make([]byte, g.w*g.h)
	i := 0
	switch m := img.(type) {
	case *image.NRGBA:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			row := m.Pix[m.PixOffset(b.Min.X, y):]
			for x := 0; x < g.w; x++ {
				p := row[4*x : 4*x+4 : 4*x+4]
				a := uint32(p[3])
				l := (uint32(p[0]) + 2*uint32(p[1]) + uint32(p[2])) / 4
				g.pix[i] = byte((l*a + 255*(255-a)) / 255)
				i++
			}
		}
	case *image.Gray:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			o := m.PixOffset(b.Min.X, y)
			copy(g.pix[i:i+g.w], m.Pix[o:o+g.w])
			i += g.w
		}
	default:
		// Premultiplied 16-bit RGBA: over white, each channel is
		// c + (0xffff - a).
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				r, gg, bb, a := img.At(x, y).RGBA()
				w := 0xffff - a
				l := (r + w + 2*(gg+w) + bb + w) / 4
				g.pix[i] = byte(l >> 8)
				i++
			}
		}
	}
	return g
}

// pad returns the image with a white border of n pixels.
func (g *gray) pad(n int) *gray {
	p := &gray{w: g.w + 2*n, h: g.h + 2*n}
	p.pix = bytes.Repeat([]byte{0xff}, p.w*p.h)
	for y := 0; y < g.h; y++ {
		copy(p.pix[(y+n)*p.w+n:], g.pix[y*g.w:(y+1)*g.w])
	}
	return p
}

// upscale2 returns the image scaled 2× by pixel replication.
func (g *gray) upscale2() *gray {
	u := &gray{w: 2 * g.w, h: 2 * g.h}
	u.pix = make([]byte, u.w*u.h)
	for y := 0; y < g.h; y++ {
		src := g.pix[y*g.w : (y+1)*g.w]
		dst := u.pix[2*y*u.w : (2*y+1)*u.w]
		for x, v := range src {
			dst[2*x], dst[2*x+1] = v, v
		}
		copy(u.pix[(2*y+1)*u.w:(2*y+2)*u.w], dst)
	}
	return u
}

// read runs gozxing's QR reader with the given hints. A panic in the
// reader (it is a port of Java code, written for well-formed input) is
// turned into an error.
func (g *gray) read(hints map[gozxing.DecodeHintType]interface{}) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			text, err = "", fmt.Errorf("QR reader failure: %v", r)
		}
	}()
	bmp, err := gozxing.NewBinaryBitmap(gozxing.NewHybridBinarizer(&lumSource{gozxing.LuminanceSourceBase{Width: g.w, Height: g.h}, g}))
	if err != nil {
		return "", err
	}
	res, err := zxqr.NewQRCodeReader().Decode(bmp, hints)
	if err != nil {
		return "", err
	}
	return res.GetText(), nil
}

// lumSource exposes a gray image to gozxing without copying it.
type lumSource struct {
	gozxing.LuminanceSourceBase
	g *gray
}

func (s *lumSource) GetRow(y int, row []byte) ([]byte, error) {
	if y < 0 || y >= s.g.h {
		return row, fmt.Errorf("row %d outside the image", y)
	}
	if len(row) < s.g.w {
		row = make([]byte, s.g.w)
	}
	copy(row, s.g.pix[y*s.g.w:(y+1)*s.g.w])
	return row, nil
}

func (s *lumSource) GetMatrix() []byte { return s.g.pix }

func (s *lumSource) Invert() gozxing.LuminanceSource { return gozxing.LuminanceSourceInvert(s) }

func (s *lumSource) String() string { return gozxing.LuminanceSourceString(s) }
