package qr

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"io"
	"math"
	"regexp"

	"github.com/srwiley/oksvg"
	"github.com/srwiley/rasterx"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"badgewallet/wallet/openbadges/bakery"
	"golang.org/x/net/html/charset"
)

// Limits on SVG parsing and rasterisation. A QR code drawn one <rect> per
// module needs at most a few tens of thousands of elements and paints each
// canvas pixel about once.
const (
	maxSVGElements = 100_000
	// maxUseExpansion bounds (number of <use> elements) × (elements in
	// <defs>), an upper bound on the paths <use> expansion creates, and
	// maxUseBytes bounds (number of <use> elements) × (bytes inside <defs>),
	// an upper bound on the markup oksvg re-reads for them.
	maxUseExpansion = 250_000
	maxUseBytes     = 4 << 20
	// maxSegments bounds the points (subpath starts and line segments)
	// sent to the rasteriser after curve flattening and stroking; they are
	// buffered, 12 bytes each.
	maxSegments = 1_000_000
	// maxRowWork bounds the sum over segments of the canvas rows each
	// crosses (plus one), which is what the rasteriser's time follows.
	maxRowWork = 8_000_000
	// maxPaintedArea bounds the pixels painted (the sum of the clipped
	// bounding boxes of the paths), in canvases.
	maxPaintedArea = 32
)

// DecodeSVG reads the QR code drawn in an SVG document and returns its
// text. The document is checked (size, DOCTYPE, element count, <use>
// expansion), rasterised on white with its longest side SVGRasterSize
// pixels, then read like a PNG.
func DecodeSVG(data []byte) (string, error) {
	if len(data) > MaxSVGBytes {
		return "", fmt.Errorf("qr: svg is %d bytes, over the %d-byte limit: %w", len(data), MaxSVGBytes, ErrTooLarge)
	}
	if err := checkSVG(data); err != nil {
		return "", err
	}
	img, _, err := rasterize(data)
	if err != nil {
		return "", err
	}
	// The canvas size already gives every module several pixels, so the
	// 2× upscale retry is skipped.
	return decodeImage(img, false)
}

// checkSVG scans the document with a strict XML decoder before oksvg sees
// it: the root must be <svg>; a DOCTYPE is accepted only as a plain
// reference to an external DTD, before the root (the bakery package's
// rule); elements are counted; <use> is refused inside <defs> (oksvg would
// expand it recursively) and its total expansion is bounded.
func checkSVG(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charset.NewReaderLabel
	var (
		seenRoot           bool
		elements, depth    int
		defsDepth          int // depth of the outermost open <defs>, 0 if none
		defsStart          int64
		uses, defsElements int
		defsBytes          int64
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("qr: svg: %v: %w", err, ErrMalformed)
		}
		switch t := tok.(type) {
		case xml.Directive:
			if err := checkDirective(t, seenRoot); err != nil {
				return err
			}
		case xml.StartElement:
			elements++
			if elements > maxSVGElements {
				return fmt.Errorf("qr: svg: more than %d elements: %w", maxSVGElements, ErrTooLarge)
			}
			depth++
			if !seenRoot {
				seenRoot = true
				if t.Name.Local != "svg" {
					return fmt.Errorf("qr: svg: the root element is <%s>, not <svg>: %w", t.Name.Local, ErrMalformed)
				}
			}
			if defsDepth > 0 {
				defsElements++
			}
			switch t.Name.Local {
			case "defs":
				if defsDepth == 0 {
					defsDepth, defsStart = depth, d.InputOffset()
				}
			case "use":
				if defsDepth > 0 {
					return fmt.Errorf("qr: svg: <use> inside <defs> is not supported: %w", ErrUnsupported)
				}
				uses++
			}
		case xml.EndElement:
			if depth == defsDepth {
				defsDepth = 0
				defsBytes += d.InputOffset() - defsStart
			}
			depth--
		}
	}
	if !seenRoot {
		return fmt.Errorf("qr: svg: no root element: %w", ErrMalformed)
	}
	if uses > 0 && uses*defsElements > maxUseExpansion {
		return fmt.Errorf("qr: svg: %d <use> elements × %d elements in <defs> is over the %d limit: %w",
			uses, defsElements, maxUseExpansion, ErrTooLarge)
	}
	if int64(uses)*defsBytes > maxUseBytes {
		return fmt.Errorf("qr: svg: %d <use> elements × %d bytes in <defs> is over the %d limit: %w",
			uses, defsBytes, maxUseBytes, ErrTooLarge)
	}
	return nil
}

// checkDirective applies the bakery package's DOCTYPE rule, with this
// package's sentinels.
func checkDirective(t xml.Directive, seenRoot bool) error {
	err := bakery.CheckDirective(t, seenRoot)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, bakery.ErrEntity):
		return fmt.Errorf("qr: %v: %w", err, ErrEntity)
	}
	return fmt.Errorf("qr: %v: %w", err, ErrMalformed)
}

// errBudget is panicked by the scanner when the rasterisation budget is
// spent, to stop rasterx mid-path; rasterize recovers it.
var errBudget = errors.New("rasterisation budget exceeded")

// usage is the rasterisation work done, against the budget.
type usage struct {
	segments, rowWork, area int // area in pixels
}

// rasterize parses the SVG with oksvg and draws it on a white canvas.
func rasterize(data []byte) (img *image.RGBA, used usage, err error) {
	var sc *scanner
	defer func() {
		if r := recover(); r != nil {
			img = nil
			if e, ok := r.(error); ok && errors.Is(e, errBudget) {
				err = fmt.Errorf("qr: svg: over the rasterisation budget (%d segments, %d row crossings, %d canvases painted): %w",
					maxSegments, maxRowWork, maxPaintedArea, ErrTooLarge)
				return
			}
			err = fmt.Errorf("qr: svg: renderer failure: %v: %w", r, ErrMalformed)
		}
		if sc != nil {
			used = sc.usage
		}
	}()
	icon, err := oksvg.ReadIconStream(bytes.NewReader(fixScale(data)))
	if err != nil {
		return nil, used, fmt.Errorf("qr: svg: %v: %w", err, ErrMalformed)
	}
	vb := icon.ViewBox
	if !(vb.W > 0 && vb.H > 0) || math.IsInf(vb.W, 0) || math.IsInf(vb.H, 0) ||
		math.IsNaN(vb.X) || math.IsInf(vb.X, 0) || math.IsNaN(vb.Y) || math.IsInf(vb.Y, 0) {
		return nil, used, fmt.Errorf("qr: svg: no usable viewBox or width/height (%g %g %g %g): %w", vb.X, vb.Y, vb.W, vb.H, ErrMalformed)
	}
	scale := SVGRasterSize / math.Max(vb.W, vb.H)
	w := max(1, int(math.Round(vb.W*scale)))
	h := max(1, int(math.Round(vb.H*scale)))
	icon.SetTarget(0, 0, float64(w), float64(h))
	for i := range icon.SVGPaths {
		// Dash patterns never help a QR code and can multiply the work
		// per path without bound.
		icon.SVGPaths[i].Dash = nil
	}

	img = image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	sc = &scanner{dst: img, maxArea: maxPaintedArea * w * h}
	sc.Clear()
	icon.Draw(rasterx.NewDasher(w, h, sc), 1)
	return img, used, nil
}

// oneArgScale matches a one-argument scale() transform.
var oneArgScale = regexp.MustCompile(`(?i)(scale\s*\(\s*)([^\s,()]+)(\s*\))`)

// fixScale works around an oksvg bug: it reads scale(s) as scale(s, 0)
// instead of scale(s, s), flattening everything drawn under it. The
// rewrite is textual (a transform spelled with character references is
// not fixed, and rasterises flat as before).
func fixScale(data []byte) []byte {
	return oneArgScale.ReplaceAll(data, []byte("${1}${2} ${2}${3}"))
}

// scanner is a rasterx.Scanner over golang.org/x/image/vector that, unlike
// rasterx.ScannerGV, paints only the bounding box of each path rather than
// the whole canvas, and enforces the segment and area budget.
type scanner struct {
	dst     *image.RGBA
	clip    image.Rectangle
	src     image.Image
	pts     []scanPoint
	segs    [][2][2]float64 // clipped segments of the path being drawn
	ext     fixed.Rectangle26_6
	maxArea int
	usage
	ras vector.Rasterizer
}

type scanPoint struct {
	p     fixed.Point26_6
	start bool
}

func (s *scanner) extend(p fixed.Point26_6) {
	s.ext.Min.X = min(s.ext.Min.X, p.X)
	s.ext.Min.Y = min(s.ext.Min.Y, p.Y)
	s.ext.Max.X = max(s.ext.Max.X, p.X)
	s.ext.Max.Y = max(s.ext.Max.Y, p.Y)
}

func (s *scanner) Start(a fixed.Point26_6) {
	s.segments++
	if s.segments > maxSegments {
		panic(errBudget)
	}
	s.extend(a)
	s.pts = append(s.pts, scanPoint{a, true})
}

func (s *scanner) Line(b fixed.Point26_6) {
	s.segments++
	if s.segments > maxSegments {
		panic(errBudget)
	}
	s.extend(b)
	s.pts = append(s.pts, scanPoint{b, false})
}

func (s *scanner) Draw() {
	if len(s.pts) == 0 || s.src == nil {
		return
	}
	r := image.Rect(
		int(s.ext.Min.X.Floor()), int(s.ext.Min.Y.Floor()),
		int(s.ext.Max.X.Ceil())+1, int(s.ext.Max.Y.Ceil())+1,
	).Intersect(s.dst.Bounds())
	if !s.clip.Empty() {
		r = r.Intersect(s.clip)
	}
	if r.Empty() {
		return
	}
	s.area += r.Dx() * r.Dy()
	if s.area > s.maxArea {
		panic(errBudget)
	}
	// golang.org/x/image/vector walks every row a segment spans, above
	// the canvas too, and every column it spans, outside the canvas too:
	// segments are clipped to the box first (coverage is additive per
	// segment, so parts above or below it are dropped and parts left or
	// right of it become vertical segments on its edge), then their work
	// is counted.
	s.segs = s.segs[:0]
	ox, oy := float64(r.Min.X), float64(r.Min.Y)
	w, h := float64(r.Dx()), float64(r.Dy())
	var prev [2]float64
	for _, p := range s.pts {
		cur := [2]float64{float64(p.p.X)/64 - ox, float64(p.p.Y)/64 - oy}
		if !p.start {
			s.segs = clipSegment(s.segs, prev, cur, w, h)
		}
		prev = cur
	}
	for _, sg := range s.segs {
		s.rowWork += int(math.Abs(sg[1][1]-sg[0][1])+math.Abs(sg[1][0]-sg[0][0])) + 2
	}
	if s.rowWork > maxRowWork {
		panic(errBudget)
	}
	s.ras.Reset(r.Dx(), r.Dy())
	s.ras.DrawOp = draw.Over
	for _, sg := range s.segs {
		s.ras.MoveTo(float32(sg[0][0]), float32(sg[0][1]))
		s.ras.LineTo(float32(sg[1][0]), float32(sg[1][1]))
	}
	s.ras.Draw(s.dst, r, s.src, r.Min)
}

// clipSegment appends to segs the segment a→b clipped to the box
// [0,w]×[0,h] for non-zero-winding coverage: the parts above or below the
// box are dropped, the parts left or right of it are projected onto its
// left or right edge. Horizontal segments add no coverage and are dropped.
func clipSegment(segs [][2][2]float64, a, b [2]float64, w, h float64) [][2][2]float64 {
	if a[1] == b[1] || (a[1] <= 0 && b[1] <= 0) || (a[1] >= h && b[1] >= h) {
		return segs
	}
	// Clip y to [0, h] (parametric; the segment is not horizontal).
	at := func(p, q [2]float64, y float64) [2]float64 {
		t := (y - p[1]) / (q[1] - p[1])
		return [2]float64{p[0] + t*(q[0]-p[0]), y}
	}
	lo, hi := a, b
	if lo[1] > hi[1] {
		lo, hi = hi, lo
	}
	if lo[1] < 0 {
		lo = at(lo, hi, 0)
	}
	if hi[1] > h {
		hi = at(lo, hi, h)
	}
	if a[1] > b[1] {
		lo, hi = hi, lo // restore the direction (it carries the winding sign)
	}
	// Split at x = 0 and x = w, then project the outer parts on the edges.
	pts := [][2]float64{lo}
	xs := []float64{0, w}
	if lo[0] > hi[0] {
		xs = []float64{w, 0}
	}
	for _, x := range xs {
		if (lo[0] < x && x < hi[0]) || (hi[0] < x && x < lo[0]) {
			t := (x - lo[0]) / (hi[0] - lo[0])
			pts = append(pts, [2]float64{x, lo[1] + t*(hi[1]-lo[1])})
		}
	}
	pts = append(pts, hi)
	for i := 0; i+1 < len(pts); i++ {
		p, q := pts[i], pts[i+1]
		p[0], q[0] = min(max(p[0], 0), w), min(max(q[0], 0), w)
		if p[1] != q[1] {
			segs = append(segs, [2][2]float64{p, q})
		}
	}
	return segs
}

func (s *scanner) GetPathExtent() fixed.Rectangle26_6 { return s.ext }

func (s *scanner) SetBounds(w, h int) {}

func (s *scanner) SetColor(c interface{}) {
	switch c := c.(type) {
	case color.Color:
		s.src = image.NewUniform(c)
	case rasterx.ColorFunc:
		s.src = funcImage(c)
	default:
		s.src = nil
	}
}

// SetWinding is a no-op: golang.org/x/image/vector only does non-zero
// winding (as with rasterx.ScannerGV).
func (s *scanner) SetWinding(bool) {}

func (s *scanner) Clear() {
	s.pts = s.pts[:0]
	const big = fixed.Int26_6(math.MaxInt32)
	s.ext = fixed.Rectangle26_6{Min: fixed.Point26_6{X: big, Y: big}, Max: fixed.Point26_6{X: -big, Y: -big}}
}

func (s *scanner) SetClip(r image.Rectangle) { s.clip = r }

// funcImage is an unbounded image painted by a rasterx.ColorFunc
// (gradients).
type funcImage rasterx.ColorFunc

func (f funcImage) ColorModel() color.Model { return color.RGBAModel }

func (f funcImage) Bounds() image.Rectangle {
	return image.Rect(math.MinInt32/2, math.MinInt32/2, math.MaxInt32/2, math.MaxInt32/2)
}

func (f funcImage) At(x, y int) color.Color { return f(x, y) }
