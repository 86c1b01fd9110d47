package artwork

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

func decodePNG(t testing.TB, b []byte) image.Image {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("not a PNG: % x", b[:min(len(b), 8)])
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("png.Decode: %v", err)
	}
	return img
}

// lum is the 0–255 luma of a pixel composited on white (the PNG has a
// transparent background).
func lum(c color.Color) float64 {
	r, g, b, a := c.RGBA()
	bg := 0xffff - a
	return (0.299*float64(r+bg) + 0.587*float64(g+bg) + 0.114*float64(b+bg)) / 257
}

// lumRange is the darkest and lightest luma in the rectangle given in
// viewBox units (0–512).
func lumRange(img image.Image, x0, y0, x1, y1 int) (lo, hi float64) {
	s := float64(img.Bounds().Dx()) / 512
	lo, hi = 255, 0
	for y := int(float64(y0) * s); y < int(float64(y1)*s); y++ {
		for x := int(float64(x0) * s); x < int(float64(x1)*s); x++ {
			l := lum(img.At(x, y))
			lo, hi = min(lo, l), max(hi, l)
		}
	}
	return lo, hi
}

var textElement = regexp.MustCompile(`(?s)<text .*?</text>`)

func TestRasterize(t *testing.T) {
	for _, s := range examples {
		for _, size := range []int{0, 32, 256, 512} {
			svg, err := Render(s)
			if err != nil {
				t.Fatal(err)
			}
			b, err := Rasterize(svg, size, s)
			if err != nil {
				t.Fatalf("%q at %d: %v", s.Name, size, err)
			}
			img := decodePNG(t, b)
			want := size
			if want == 0 {
				want = DefaultSize
			}
			if img.Bounds() != image.Rect(0, 0, want, want) {
				t.Fatalf("%q: bounds %v, want %d×%d", s.Name, img.Bounds(), want, want)
			}
			first := img.At(0, 0)
			same := true
			for y := 0; y < want && same; y += 3 {
				for x := 0; x < want && same; x += 3 {
					same = img.At(x, y) == first
				}
			}
			if same {
				t.Fatalf("%q at %d: every pixel is %v", s.Name, want, first)
			}
			if _, _, _, a := img.At(0, 0).RGBA(); a != 0 {
				t.Errorf("%q: the corner is not transparent", s.Name)
			}
		}
	}
}

func TestRasterizeDrawsText(t *testing.T) {
	for _, design := range []string{"badge", "badge-2024"} {
		s := examples[0]
		s.Design = design
		svg, err := Render(s)
		if err != nil {
			t.Fatal(err)
		}
		withText, err := Rasterize(svg, 256, s)
		if err != nil {
			t.Fatal(err)
		}
		noText, err := Rasterize(textElement.ReplaceAll(svg, nil), 256, s)
		if err != nil {
			t.Fatal(err)
		}
		a, b := decodePNG(t, withText), decodePNG(t, noText)
		// Name block, code and ribbon: dark and light both present where
		// there are words, and one flat colour where there are none.
		for _, r := range []struct {
			name           string
			x0, y0, x1, y1 int
		}{
			{"code", 200, 112, 312, 136},
			{"name", 140, 168, 372, 258},
			{"level", 150, 310, 362, 340},
		} {
			lo, hi := lumRange(a, r.x0, r.y0, r.x1, r.y1)
			if hi-lo < 120 {
				t.Errorf("%s %s: luma %.0f..%.0f, want strong contrast", design, r.name, lo, hi)
			}
			lo, hi = lumRange(b, r.x0, r.y0, r.x1, r.y1)
			if hi-lo > 8 {
				t.Errorf("%s %s without text: luma %.0f..%.0f, want a flat area", design, r.name, lo, hi)
			}
		}
	}
}

func TestRasterizeDeterministic(t *testing.T) {
	s := examples[2]
	svg, err := Render(s)
	if err != nil {
		t.Fatal(err)
	}
	a, err := Rasterize(svg, 256, s)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Rasterize(svg, 256, s)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Rasterize(nil, 0, s) // renders s itself
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) || !bytes.Equal(a, c) {
		t.Fatal("Rasterize is not deterministic")
	}
}

func TestRasterizeRefuses(t *testing.T) {
	s := examples[0]
	svg, err := Render(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{-1, 1, 31, 1025, 1 << 20} {
		if _, err := Rasterize(svg, size, s); !errors.Is(err, ErrSize) {
			t.Errorf("size %d: err %v, want ErrSize", size, err)
		}
	}
	for _, bad := range []string{
		"not xml at all <",
		`<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"/></svg>`, // no viewBox or size
		`<svg viewBox="0 0 10 10"><text>` + string(bytes.Repeat([]byte("x"), maxSVGBytes)) + `</text></svg>`,
		`<svg viewBox="0 0 10 10">` + string(bytes.Repeat([]byte(`<text x="1" y="1">a</text>`), maxTexts+1)) + `</svg>`,
	} {
		if _, err := Rasterize([]byte(bad), 64, s); !errors.Is(err, ErrSVG) {
			t.Errorf("%.40q: err %v, want ErrSVG", bad, err)
		}
	}
}

func TestReadTexts(t *testing.T) {
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
<g font-size="20" fill="#ff0000" font-weight="bold" opacity="0.5">
<text x="10" y="20px" text-anchor="middle" letter-spacing="2">  Hello
  <tspan>wide</tspan>   world </text>
<text x="1e1" y="2.5em" style="font-weight: 400; fill: #00ff00; fill-opacity: 0.5">two</text>
<text x="0" y="0" fill="none">hidden</text>
<text x="0" y="0"> </text>
</g></svg>`)
	got, err := readTexts(svg)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d texts: %+v", len(got), got)
	}
	if g := got[0]; g.text != "Hello wide world" || g.x != 10 || g.y != 20 || g.size != 20 || !g.bold ||
		g.anchor != "middle" || g.spacing != 2 || g.fill != (color.NRGBA{255, 0, 0, 128}) {
		t.Errorf("first: %+v", g)
	}
	if g := got[1]; g.text != "two" || g.x != 10 || g.y != 2.5 || g.bold || g.fill != (color.NRGBA{0, 255, 0, 64}) {
		t.Errorf("second: %+v", g)
	}
	if got[2].fill.A != 0 {
		t.Errorf("fill=none text is visible: %+v", got[2])
	}
}

// TestWriteExamples writes the examples as SVG and PNG to
// $ARTWORK_DIR (or a temporary directory) for a person to look at.
func TestWriteExamples(t *testing.T) {
	dir := os.Getenv("ARTWORK_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	for i, s := range examples[:4] {
		for _, design := range []string{"badge", "badge-2024"} {
			s.Design = design
			svg, err := Render(s)
			if err != nil {
				t.Fatal(err)
			}
			b, err := Rasterize(svg, 512, s)
			if err != nil {
				t.Fatal(err)
			}
			base := filepath.Join(dir, design+"-"+string(rune('a'+i)))
			if err := os.WriteFile(base+".svg", svg, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(base+".png", b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Logf("examples written to %s", dir)
}

func BenchmarkRender(b *testing.B) {
	s := examples[2]
	for b.Loop() {
		if _, err := Render(s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRasterize(b *testing.B) {
	s := examples[2]
	svg, err := Render(s)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Rasterize(svg, DefaultSize, s); err != nil {
			b.Fatal(err)
		}
	}
}
