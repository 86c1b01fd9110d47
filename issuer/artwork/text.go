package artwork

import (
	"fmt"
	"image"
	"image/draw"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// fonts holds the parsed Go fonts. Parsing is cheap (tables are read
// lazily), so each Render and Rasterize parses its own and nothing is
// shared between goroutines.
type fonts struct {
	regular, bold *sfnt.Font
	buf           sfnt.Buffer
}

func loadFonts() (*fonts, error) {
	r, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, fmt.Errorf("artwork: Go Regular: %w", err)
	}
	b, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return nil, fmt.Errorf("artwork: Go Bold: %w", err)
	}
	return &fonts{regular: r, bold: b}, nil
}

// ppem converts a font size in pixels to 26.6 fixed point.
func ppem(size float64) fixed.Int26_6 { return fixed.Int26_6(size*64 + 0.5) }

// width measures s in f at size pixels with letter-spacing added after
// every character, as SVG does. Kerning from the font's kern table is
// applied, as browsers do.
func (fs *fonts) width(f *sfnt.Font, s string, size, spacing float64) float64 {
	scale := ppem(size)
	sp := ppem(spacing)
	var w fixed.Int26_6
	var prev sfnt.GlyphIndex
	for i, r := range s {
		x, err := f.GlyphIndex(&fs.buf, r)
		if err != nil {
			x = 0
		}
		if i > 0 {
			if k, err := f.Kern(&fs.buf, prev, x, scale, font.HintingNone); err == nil {
				w += k
			}
		}
		if a, err := f.GlyphAdvance(&fs.buf, x, scale, font.HintingNone); err == nil {
			w += a
		}
		w += sp
		prev = x
	}
	return float64(w) / 64
}

// fit returns s at the largest of sizes at which it is at most max wide;
// when it fits at none, s is shortened with an ellipsis at the smallest.
func (fs *fonts) fit(f *sfnt.Font, s string, sizes []int, max, spacing float64) (string, int) {
	for _, sz := range sizes {
		if fs.width(f, s, float64(sz), spacing) <= max {
			return s, sz
		}
	}
	sz := sizes[len(sizes)-1]
	return fs.ellipsize(f, s, float64(sz), max, spacing), sz
}

// ellipsize shortens s until s+"…" is at most max wide: at a word
// boundary when that keeps at least two thirds of what cutting between
// characters would keep, else between characters.
func (fs *fonts) ellipsize(f *sfnt.Font, s string, size, max, spacing float64) string {
	fits := func(t string) bool { return fs.width(f, t+"…", size, spacing) <= max }
	r := []rune(strings.TrimSpace(s))
	for len(r) > 0 && !fits(strings.TrimRight(string(r), " ")) {
		r = r[:len(r)-1]
	}
	byChar := strings.TrimRight(string(r), " ")
	words := strings.Fields(s)
	for len(words) > 1 && !fits(strings.Join(words, " ")) {
		words = words[:len(words)-1]
	}
	if byWord := strings.Join(words, " "); fits(byWord) && 3*len([]rune(byWord)) >= 2*len([]rune(byChar)) {
		return byWord + "…"
	}
	return byChar + "…"
}

// wrapName breaks the name into lines for the largest size that needs no
// word broken and no more lines than that size allows. If none does, the
// name is wrapped at the smallest size, over-long words are broken, and
// the third line ends with an ellipsis when there is more.
func (fs *fonts) wrapName(name string) ([]string, int) {
	words := strings.Fields(name)
	for _, fit := range nameFits {
		if lines, ok := fs.wrap(words, float64(fit.size), false); ok && len(lines) <= fit.lines {
			return lines, fit.size
		}
	}
	last := nameFits[len(nameFits)-1]
	size := float64(last.size)
	lines, _ := fs.wrap(words, size, true)
	if len(lines) > last.lines {
		rest := strings.Join(lines[last.lines-1:], " ")
		lines = append(lines[:last.lines-1], fs.ellipsize(fs.bold, rest, size, nameMaxWidth, 0))
	}
	return lines, last.size
}

// wrap fills lines greedily. A word wider than a line makes ok false, or,
// when split is true, is broken between characters.
func (fs *fonts) wrap(words []string, size float64, split bool) (lines []string, ok bool) {
	ok = true
	cur := ""
	for _, w := range words {
		if fs.width(fs.bold, w, size, 0) > nameMaxWidth {
			ok = false
			if !split {
				return nil, false
			}
			if cur != "" {
				lines = append(lines, cur)
				cur = ""
			}
			for _, r := range w {
				if cur != "" && fs.width(fs.bold, cur+string(r), size, 0) > nameMaxWidth {
					lines = append(lines, cur)
					cur = ""
				}
				cur += string(r)
			}
			continue
		}
		switch {
		case cur == "":
			cur = w
		case fs.width(fs.bold, cur+" "+w, size, 0) <= nameMaxWidth:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines, ok
}

// drawText draws s onto dst with its baseline starting at (x, y) pixels,
// in f at size pixels with letter-spacing after every character.
func (fs *fonts) drawText(dst draw.Image, src image.Image, f *sfnt.Font, s string, x, y, size, spacing float64) error {
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return err
	}
	defer face.Close()
	scale := ppem(size)
	sp := ppem(spacing)
	dot := fixed.Point26_6{X: fixed.Int26_6(x*64 + 0.5), Y: fixed.Int26_6(y*64 + 0.5)}
	var prev sfnt.GlyphIndex
	for i, r := range s {
		gi, err := f.GlyphIndex(&fs.buf, r)
		if err != nil {
			gi = 0
		}
		if i > 0 {
			if k, err := f.Kern(&fs.buf, prev, gi, scale, font.HintingNone); err == nil {
				dot.X += k
			}
		}
		dr, mask, mp, adv, _ := face.Glyph(dot, r)
		if mask != nil && !dr.Empty() {
			draw.DrawMask(dst, dr, src, image.Point{}, mask, mp, draw.Over)
		}
		dot.X += adv + sp
		prev = gi
	}
	return nil
}
