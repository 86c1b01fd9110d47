package artwork

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"text/template"
	"unicode"
	"unicode/utf8"

	"badgewallet/assets"
)

// Spec describes one achievement's artwork. Every string is untrusted.
type Spec struct {
	Name   string // the achievement's name, wrapped on up to three lines
	Level  string // e.g. "Associate", "Expert", "Exam"; drawn on the ribbon
	Code   string // a short code such as "CL-900"; initials of Name when empty
	Issuer string // the issuing organisation, e.g. "Contoso Learning"
	Color  string // the accent colour, exactly "#RRGGBB"
	Design string // "" for the default design, or a template base name such as "badge-2024"
}

// DefaultDesign is the design used when Spec.Design is empty.
const DefaultDesign = "badge"

// Errors returned by Render and Rasterize (wrapped with detail).
var (
	ErrColor  = errors.New("artwork: colour must be #RRGGBB")
	ErrName   = errors.New("artwork: the achievement has no name")
	ErrDesign = errors.New("artwork: unknown design")
	ErrSize   = errors.New("artwork: size must be between 32 and 1024 pixels")
	ErrSVG    = errors.New("artwork: cannot rasterize SVG")
)

// Caps on the cleaned fields, in runes, before any fitting to the picture.
const (
	maxNameRunes   = 160
	maxLevelRunes  = 40
	maxCodeRunes   = 16
	maxIssuerRunes = 64
)

// Layout of the text, in viewBox units (the templates are 512×512). The
// templates place their shapes around these; Go places the words because
// wrapping and fitting need font metrics.
const (
	viewBox = 512

	codeY        = 134
	codeMaxWidth = 170
	codeSpacing  = 1

	nameCentreY  = 209 // visual centre of the name block
	nameMaxWidth = 276

	issuerY        = 285
	issuerMaxWidth = 270
	issuerSpacing  = 2

	levelY        = 332
	levelMaxWidth = 330
	levelSpacing  = 2
)

var (
	codeSizes   = []int{30, 28, 26, 24, 22, 20}
	issuerSizes = []int{15, 14, 13, 12, 11}
	levelSizes  = []int{24, 22, 20, 18, 16}
	// nameFits lists the name's font sizes, largest first, with the most
	// lines allowed at that size.
	nameFits = []struct{ size, lines int }{{36, 2}, {32, 2}, {28, 3}, {25, 3}, {22, 3}}
)

// Designs lists the available designs (template base names), sorted.
func Designs() ([]string, error) {
	names, err := fs.Glob(assets.Artwork(), "artwork/*.svg.tmpl")
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(names))
	for _, n := range names {
		out = append(out, strings.TrimSuffix(path.Base(n), ".svg.tmpl"))
	}
	slices.Sort(out)
	return out, nil
}

// line is one line of text placed in the picture; Text is XML-escaped.
type line struct {
	Text    string
	Y       int
	Size    int
	Spacing int // letter-spacing
}

// palette holds the accent colour and the shades derived from it, each
// "#rrggbb".
type palette struct {
	Accent string // the Spec's colour
	Light  string // accent mixed 45% towards white
	Tint   string // accent mixed 82% towards white
	Panel  string // accent mixed 94% towards white: the light text panel
	Dark   string // accent mixed 30% towards black
	Darker string // accent mixed 50% towards black
	Ink    string // accent darkened until it reads on Panel (contrast ≥ 5)
	Banner string // accent darkened until white reads on it (contrast ≥ 4.5)
	Deep   string // accent darkened until white reads on it (contrast ≥ 8)
}

// tmplData is what a template sees. Every string is already XML-escaped
// (or is a validated colour), so a template can print any field as it is.
type tmplData struct {
	Title     string // "Name — Level", for <title> and aria-label
	Desc      string // "Code · Issuer", for <desc>
	Name      string // the whole cleaned name on one line
	NameLines []line // one to three lines
	Code      line
	Level     line // Text is upper-cased; empty when there is no level
	Issuer    line // Text is upper-cased; empty when there is no issuer
	Font      string
	C         palette
}

// fontFamily is what browsers are asked for; the PNG uses the Go fonts.
const fontFamily = "Go, &#39;Helvetica Neue&#39;, Helvetica, Arial, sans-serif"

// Render fills the Spec's design and returns the SVG. The same Spec gives
// the same bytes.
func Render(s Spec) ([]byte, error) {
	c, err := parseColor(s.Color)
	if err != nil {
		return nil, err
	}
	design, err := designName(s.Design)
	if err != nil {
		return nil, err
	}
	src, err := assets.Artwork().ReadFile("artwork/" + design + ".svg.tmpl")
	if err != nil {
		return nil, fmt.Errorf("%w %q", ErrDesign, design)
	}
	tmpl, err := template.New(design).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("artwork: design %q: %w", design, err)
	}
	f, err := loadFonts()
	if err != nil {
		return nil, err
	}
	data, err := layout(s, c, f)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("artwork: design %q: %w", design, err)
	}
	return buf.Bytes(), nil
}

func designName(d string) (string, error) {
	if d == "" {
		return DefaultDesign, nil
	}
	if len(d) > 40 {
		return "", fmt.Errorf("%w %q", ErrDesign, d[:40])
	}
	for i, r := range d {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' && i > 0
		if !ok {
			return "", fmt.Errorf("%w %q", ErrDesign, d)
		}
	}
	return d, nil
}

// layout cleans the Spec's strings, fits them to the picture and escapes
// them.
func layout(s Spec, c rgb, f *fonts) (tmplData, error) {
	name := clean(s.Name, maxNameRunes)
	if name == "" {
		return tmplData{}, ErrName
	}
	level := strings.ToUpper(clean(s.Level, maxLevelRunes))
	code := clean(s.Code, maxCodeRunes)
	if code == "" {
		code = initials(name)
	}
	issuer := strings.ToUpper(clean(s.Issuer, maxIssuerRunes))

	d := tmplData{Font: fontFamily, C: makePalette(c), Name: esc(name)}
	d.Title = esc(name)
	if level != "" {
		d.Title = esc(name + " — " + clean(s.Level, maxLevelRunes))
	}
	switch {
	case code != "" && issuer != "":
		d.Desc = esc(code + " · " + clean(s.Issuer, maxIssuerRunes))
	case code != "":
		d.Desc = esc(code)
	default:
		d.Desc = esc(clean(s.Issuer, maxIssuerRunes))
	}

	lines, size := f.wrapName(name)
	lh := (size*118 + 50) / 100 // line height 1.18em
	// Centre the block on the cap height (≈0.72em) of its lines.
	first := nameCentreY - (len(lines)-1)*lh/2 + (size*36+50)/100
	for i, l := range lines {
		d.NameLines = append(d.NameLines, line{Text: esc(l), Y: first + i*lh, Size: size})
	}
	if code != "" {
		t, sz := f.fit(f.bold, code, codeSizes, codeMaxWidth, codeSpacing)
		d.Code = line{Text: esc(t), Y: codeY, Size: sz, Spacing: codeSpacing}
	}
	if level != "" {
		t, sz := f.fit(f.bold, level, levelSizes, levelMaxWidth, levelSpacing)
		d.Level = line{Text: esc(t), Y: levelY, Size: sz, Spacing: levelSpacing}
	}
	if issuer != "" {
		t, sz := f.fit(f.bold, issuer, issuerSizes, issuerMaxWidth, issuerSpacing)
		d.Issuer = line{Text: esc(t), Y: issuerY, Size: sz, Spacing: issuerSpacing}
	}
	return d, nil
}

// esc XML-escapes s for use in character data and in quoted attributes.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder never fails
	return b.String()
}

// clean makes an untrusted string safe and tidy to draw: invalid UTF-8,
// control (C0, DEL, C1), format (zero-width, bidi overrides, soft hyphen),
// private-use and non-characters are removed, every run of white space
// becomes one space, the ends are trimmed, and a longer result keeps its
// first max runes followed by "…".
func clean(s string, max int) string {
	var b strings.Builder
	n := 0
	space := false
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w
		switch {
		case r == utf8.RuneError: // invalid UTF-8, or U+FFFD itself
			continue
		case unicode.IsSpace(r):
			space = n > 0
			continue
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), unicode.Is(unicode.Co, r),
			unicode.Is(unicode.Cs, r), isNonCharacter(r):
			continue
		}
		if n == max {
			return strings.TrimRightFunc(b.String(), unicode.IsSpace) + "…"
		}
		if space {
			b.WriteByte(' ')
			n++
			space = false
			if n == max {
				return strings.TrimRightFunc(b.String(), unicode.IsSpace) + "…"
			}
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

func isNonCharacter(r rune) bool {
	return r >= 0xFDD0 && r <= 0xFDEF || r&0xFFFE == 0xFFFE
}

// stopWords are skipped when a code is made from a name's initials.
var stopWords = map[string]bool{"a": true, "an": true, "and": true, "for": true, "in": true, "of": true, "on": true, "the": true, "to": true, "with": true}

// initials makes a short code from up to four words of a name.
func initials(name string) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.FieldsFunc(name, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if stopWords[strings.ToLower(w)] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
		if n++; n == 4 {
			break
		}
	}
	return b.String()
}
