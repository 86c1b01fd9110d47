package artwork

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/srwiley/oksvg"
	"github.com/srwiley/rasterx"
)

// Sizes accepted by Rasterize, in pixels (the PNG is size×size).
const (
	DefaultSize = 256
	MinSize     = 32
	MaxSize     = 1024
)

// Caps on what Rasterize reads from an SVG.
const (
	maxSVGBytes  = 1 << 20
	maxTexts     = 64
	maxTextRunes = 512
)

// Rasterize draws svg (normally Render's output for s) as a size×size PNG:
// the shapes with oksvg/rasterx, then every <text> element with the Go
// fonts at its x, y, font-size, font-weight, fill, opacity, text-anchor
// and letter-spacing. Text must be placed with absolute x/y (transforms
// are not applied to text). A size of 0 means DefaultSize; other sizes
// outside MinSize..MaxSize are refused. s is validated the same way Render
// validates it, and when svg is empty Rasterize renders s first. The PNG
// is encoded at a fixed compression level, so the same input gives the
// same bytes.
func Rasterize(svg []byte, size int, s Spec) ([]byte, error) {
	if size == 0 {
		size = DefaultSize
	}
	if size < MinSize || size > MaxSize {
		return nil, fmt.Errorf("%w, got %d", ErrSize, size)
	}
	if _, err := parseColor(s.Color); err != nil {
		return nil, err
	}
	if len(svg) == 0 {
		var err error
		if svg, err = Render(s); err != nil {
			return nil, err
		}
	}
	if len(svg) > maxSVGBytes {
		return nil, fmt.Errorf("%w: %d bytes is more than %d", ErrSVG, len(svg), maxSVGBytes)
	}
	icon, err := oksvg.ReadIconStream(bytes.NewReader(svg), oksvg.IgnoreErrorMode)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSVG, err)
	}
	vb := icon.ViewBox
	if !(vb.W > 0 && vb.H > 0) {
		return nil, fmt.Errorf("%w: no viewBox or width and height", ErrSVG)
	}
	texts, err := readTexts(svg)
	if err != nil {
		return nil, err
	}

	img := image.NewRGBA(image.Rect(0, 0, size, size))
	// Keep the aspect ratio: scale to the longer side and centre.
	scale := float64(size) / max(vb.W, vb.H)
	offX := (float64(size) - vb.W*scale) / 2
	offY := (float64(size) - vb.H*scale) / 2
	icon.SetTarget(offX, offY, vb.W*scale, vb.H*scale)
	scanner := rasterx.NewScannerGV(size, size, img, img.Bounds())
	icon.Draw(rasterx.NewDasher(size, size, scanner), 1)

	f, err := loadFonts()
	if err != nil {
		return nil, err
	}
	for _, t := range texts {
		face := f.regular
		if t.bold {
			face = f.bold
		}
		px := t.size * scale
		if px < 1 || px > float64(size) || t.fill.A == 0 {
			continue
		}
		sp := t.spacing * scale
		x := offX + (t.x-vb.X)*scale
		y := offY + (t.y-vb.Y)*scale
		switch t.anchor {
		case "middle":
			x -= f.width(face, t.text, px, sp) / 2
		case "end":
			x -= f.width(face, t.text, px, sp)
		}
		if err := f.drawText(img, image.NewUniform(t.fill), face, t.text, x, y, px, sp); err != nil {
			return nil, fmt.Errorf("artwork: drawing text: %w", err)
		}
	}

	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	if err := enc.Encode(&out, unpremultiply(img)); err != nil {
		return nil, fmt.Errorf("artwork: encoding PNG: %w", err)
	}
	return out.Bytes(), nil
}

// textStyle is the inherited presentation of text.
type textStyle struct {
	size, spacing, opacity, fillOpacity float64
	bold                                bool
	anchor                              string
	fill                                color.NRGBA
	fillNone                            bool
}

// svgText is one <text> element to draw.
type svgText struct {
	text          string
	x, y          float64
	size, spacing float64
	bold          bool
	anchor        string
	fill          color.NRGBA
}

// readTexts collects the <text> elements of svg with their inherited
// styles, in document order. Nested <tspan> text joins its parent's.
func readTexts(svg []byte) ([]svgText, error) {
	dec := xml.NewDecoder(bytes.NewReader(svg))
	stack := []textStyle{{size: 16, opacity: 1, fillOpacity: 1, anchor: "start", fill: color.NRGBA{A: 255}}}
	var out []svgText
	var cur *svgText
	var content strings.Builder
	textDepth := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrSVG, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			st := stack[len(stack)-1]
			st.apply(tok.Attr)
			stack = append(stack, st)
			if len(stack) > 256 {
				return nil, fmt.Errorf("%w: elements nested too deeply", ErrSVG)
			}
			if cur != nil {
				textDepth++
				continue
			}
			if tok.Name.Local != "text" {
				continue
			}
			if len(out) == maxTexts {
				return nil, fmt.Errorf("%w: more than %d text elements", ErrSVG, maxTexts)
			}
			cur = &svgText{size: st.size, spacing: st.spacing, bold: st.bold, anchor: st.anchor, fill: st.fill}
			cur.fill.A = uint8(float64(cur.fill.A)*clamp01(st.opacity*st.fillOpacity) + 0.5)
			if st.fillNone {
				cur.fill.A = 0
			}
			for _, a := range tok.Attr {
				switch a.Name.Local {
				case "x":
					cur.x = clampCoord(firstNumber(a.Value))
				case "y":
					cur.y = clampCoord(firstNumber(a.Value))
				}
			}
			content.Reset()
			textDepth = 0
		case xml.EndElement:
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
			if cur == nil {
				continue
			}
			if textDepth > 0 {
				textDepth--
				continue
			}
			cur.text = strings.Join(strings.Fields(content.String()), " ")
			if r := []rune(cur.text); len(r) > maxTextRunes {
				cur.text = string(r[:maxTextRunes])
			}
			if cur.text != "" {
				out = append(out, *cur)
			}
			cur = nil
		case xml.CharData:
			if cur != nil && content.Len() < 4*maxTextRunes {
				content.Write(tok)
			}
		}
	}
	return out, nil
}

// apply reads the text presentation attributes (and the same properties
// in a style attribute) into st.
func (st *textStyle) apply(attrs []xml.Attr) {
	for _, a := range attrs {
		if a.Name.Local == "style" {
			for _, decl := range strings.Split(a.Value, ";") {
				if k, v, ok := strings.Cut(decl, ":"); ok {
					st.set(strings.TrimSpace(k), strings.TrimSpace(v))
				}
			}
			continue
		}
		st.set(a.Name.Local, strings.TrimSpace(a.Value))
	}
}

func (st *textStyle) set(k, v string) {
	switch k {
	case "font-size":
		if n := firstNumber(v); n > 0 && n <= 256 {
			st.size = n
		}
	case "letter-spacing":
		if v == "normal" {
			st.spacing = 0
		} else if n := firstNumber(v); n >= -100 && n <= 100 {
			st.spacing = n
		}
	case "font-weight":
		switch v {
		case "bold", "bolder":
			st.bold = true
		case "normal", "lighter":
			st.bold = false
		default:
			if n, err := strconv.Atoi(v); err == nil {
				st.bold = n >= 600
			}
		}
	case "text-anchor":
		if v == "start" || v == "middle" || v == "end" {
			st.anchor = v
		}
	case "fill":
		if v == "none" {
			st.fillNone = true
			return
		}
		if c, err := oksvg.ParseSVGColor(v); err == nil && c != nil {
			r, g, b, _ := c.RGBA()
			st.fill = color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 255}
			st.fillNone = false
		}
	case "fill-opacity":
		if n, err := strconv.ParseFloat(v, 64); err == nil {
			st.fillOpacity = clamp01(n)
		}
	case "opacity":
		if n, err := strconv.ParseFloat(v, 64); err == nil {
			st.opacity *= clamp01(n)
		}
	}
}

// firstNumber reads the leading number of an SVG length or list ("12",
// "12px", "12 20"); 0 when there is none.
func firstNumber(v string) float64 {
	v = strings.TrimSpace(v)
	digits := func(i int) int {
		for i < len(v) && v[i] >= '0' && v[i] <= '9' {
			i++
		}
		return i
	}
	end := 0
	if end < len(v) && (v[end] == '+' || v[end] == '-') {
		end++
	}
	end = digits(end)
	if end < len(v) && v[end] == '.' {
		end = digits(end + 1)
	}
	if end < len(v) && (v[end] == 'e' || v[end] == 'E') {
		e := end + 1
		if e < len(v) && (v[e] == '+' || v[e] == '-') {
			e++
		}
		if d := digits(e); d > e {
			end = d
		}
	}
	n, err := strconv.ParseFloat(v[:end], 64)
	if err != nil || math.IsInf(n, 0) || math.IsNaN(n) {
		return 0
	}
	return n
}

func clamp01(v float64) float64 { return min(max(v, 0), 1) }

// clampCoord keeps text positions within a generous range so that pixel
// arithmetic cannot overflow.
func clampCoord(v float64) float64 { return min(max(v, -1e5), 1e5) }

// unpremultiply converts img to NRGBA, which the PNG encoder writes
// without a per-pixel interface call. Integer arithmetic only, so the
// bytes are the same everywhere.
func unpremultiply(img *image.RGBA) *image.NRGBA {
	out := image.NewNRGBA(img.Rect)
	for i := 0; i+3 < len(img.Pix); i += 4 {
		a := uint32(img.Pix[i+3])
		switch a {
		case 0:
			continue
		case 255:
			copy(out.Pix[i:i+4], img.Pix[i:i+4])
		default:
			for c := range 3 {
				out.Pix[i+c] = uint8((uint32(img.Pix[i+c])*255 + a/2) / a)
			}
			out.Pix[i+3] = uint8(a)
		}
	}
	return out
}
