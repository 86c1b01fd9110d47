package thumb

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"

	"github.com/muesli/termenv"
	"github.com/srwiley/oksvg"
	"github.com/srwiley/rasterx"
)

// Limits on pictures read.
const (
	MaxBytes  = 4 << 20 // a larger file is not drawn
	MaxPixels = 4096    // on either side
	svgPixels = 256     // an SVG is rasterized at this size first
	maxTaps   = 8       // source pixels read per target pixel, on each axis
)

// ErrPicture: the bytes are not a picture this package can draw.
var ErrPicture = errors.New("thumb: not a drawable PNG or SVG picture")

// Decode reads a PNG (baked or not) or an SVG picture.
func Decode(data []byte) (image.Image, error) {
	if len(data) > MaxBytes {
		return nil, fmt.Errorf("%w: %d bytes is more than %d", ErrPicture, len(data), MaxBytes)
	}
	if bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrPicture, err)
		}
		if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > MaxPixels || cfg.Height > MaxPixels {
			return nil, fmt.Errorf("%w: %d×%d pixels", ErrPicture, cfg.Width, cfg.Height)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrPicture, err)
		}
		return img, nil
	}
	icon, err := oksvg.ReadIconStream(bytes.NewReader(data), oksvg.IgnoreErrorMode)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrPicture, err)
	}
	vb := icon.ViewBox
	if !(vb.W > 0 && vb.H > 0) {
		return nil, fmt.Errorf("%w: an SVG with no size", ErrPicture)
	}
	img := image.NewRGBA(image.Rect(0, 0, svgPixels, svgPixels))
	scale := float64(svgPixels) / max(vb.W, vb.H)
	icon.SetTarget((svgPixels-vb.W*scale)/2, (svgPixels-vb.H*scale)/2, vb.W*scale, vb.H*scale)
	icon.Draw(rasterx.NewDasher(svgPixels, svgPixels, rasterx.NewScannerGV(svgPixels, svgPixels, img, img.Bounds())), 1)
	return img, nil
}

// Render draws img in cols×rows cells (2×rows pixels high), keeping its
// aspect ratio (a cell is taken to be twice as high as wide) and centring
// it. Transparent pixels leave the terminal's background. Lines are joined
// by "\n" and each is cols cells wide. Under termenv.Ascii it returns ""
// (no colour, no picture).
func Render(img image.Image, cols, rows int, p termenv.Profile) string {
	if cols <= 0 || rows <= 0 || p == termenv.Ascii {
		return ""
	}
	px := sample(img, cols, rows*2)
	var sb strings.Builder
	for y := 0; y < rows; y++ {
		if y > 0 {
			sb.WriteByte('\n')
		}
		for x := 0; x < cols; x++ {
			top, bottom := px[2*y*cols+x], px[(2*y+1)*cols+x]
			sb.WriteString(cell(top, bottom, p))
		}
	}
	return sb.String()
}

// cell is one half-block cell: the upper pixel as foreground of "▀", the
// lower as background; a transparent half shows the terminal's background.
func cell(top, bottom color.NRGBA, p termenv.Profile) string {
	const opaque = 128 // a pixel at least half covered is drawn
	switch {
	case top.A < opaque && bottom.A < opaque:
		return " "
	case top.A < opaque:
		return termenv.String("▄").Foreground(p.Color(hex(bottom))).String()
	case bottom.A < opaque:
		return termenv.String("▀").Foreground(p.Color(hex(top))).String()
	}
	return termenv.String("▀").Foreground(p.Color(hex(top))).Background(p.Color(hex(bottom))).String()
}

func hex(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// sample scales img into w×h pixels by averaging the source pixels each
// target pixel covers (premultiplied, so transparent edges do not darken),
// fitting the picture's aspect ratio (target pixels are square: a cell is
// one pixel wide and two high) and centring it on transparency.
func sample(img image.Image, w, h int) []color.NRGBA {
	out := make([]color.NRGBA, w*h)
	b := img.Bounds()
	if b.Dx() <= 0 || b.Dy() <= 0 {
		return out
	}
	// Fit: the same scale on both axes.
	scale := min(float64(w)/float64(b.Dx()), float64(h)/float64(b.Dy()))
	fw, fh := max(1, int(float64(b.Dx())*scale+0.5)), max(1, int(float64(b.Dy())*scale+0.5))
	ox, oy := (w-fw)/2, (h-fh)/2
	for ty := 0; ty < fh; ty++ {
		y0 := b.Min.Y + ty*b.Dy()/fh
		y1 := max(y0+1, b.Min.Y+(ty+1)*b.Dy()/fh)
		for tx := 0; tx < fw; tx++ {
			x0 := b.Min.X + tx*b.Dx()/fw
			x1 := max(x0+1, b.Min.X+(tx+1)*b.Dx()/fw)
			// At most maxTaps×maxTaps source pixels per target pixel.
			sy, sx := max(1, (y1-y0)/maxTaps), max(1, (x1-x0)/maxTaps)
			var r, g, bl, a, n uint64
			for y := y0; y < y1; y += sy {
				for x := x0; x < x1; x += sx {
					cr, cg, cb, ca := img.At(x, y).RGBA() // premultiplied, 16-bit
					r, g, bl, a, n = r+uint64(cr), g+uint64(cg), bl+uint64(cb), a+uint64(ca), n+1
				}
			}
			if a == 0 {
				continue
			}
			// Un-premultiply the average.
			out[(oy+ty)*w+ox+tx] = color.NRGBA{
				R: uint8(r * 0xff / a), G: uint8(g * 0xff / a), B: uint8(bl * 0xff / a),
				A: uint8(a / n >> 8),
			}
		}
	}
	return out
}
