package artwork

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode"
)

var examples = []Spec{
	{Name: "Contoso Certified: Cloud Fundamentals", Level: "Fundamentals", Code: "CL-900", Issuer: "Contoso Learning", Color: "#2f6fde"},
	{Name: "Azure Security", Level: "Exam", Code: "SC-200", Issuer: "Contoso Learning", Color: "#FFD400"},
	{Name: "Designing and Implementing Resilient Distributed Data Platforms at Scale", Level: "Expert", Code: "CL-303", Issuer: "Contoso Learning", Color: "#8a3ffc"},
	{Name: "Legacy Stack Specialist", Level: "Retired", Issuer: "Contoso Learning", Color: "#2e8b57", Design: "badge-2024"},
	{Name: "X", Color: "#000000"},
	{Name: "Supercalifragilisticexpialidociousnessmanagementcertificationprogramme", Level: "Associate", Code: "CL-9999999999999", Issuer: strings.Repeat("Contoso Learning ", 10), Color: "#ffffff"},
}

// svgDoc is the part of a rendered SVG the tests look at.
type svgDoc struct {
	XMLName xml.Name `xml:"svg"`
	ViewBox string   `xml:"viewBox,attr"`
	Label   string   `xml:"aria-label,attr"`
	Title   string   `xml:"title"`
	Desc    string   `xml:"desc"`
}

// parseSVG checks that svg is well-formed XML with no script and returns
// its title, description and texts.
func parseSVG(t testing.TB, svg []byte) (svgDoc, []svgText) {
	t.Helper()
	if bytes.Contains(bytes.ToLower(svg), []byte("<script")) {
		t.Fatalf("SVG contains <script:\n%s", svg)
	}
	dec := xml.NewDecoder(bytes.NewReader(svg))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, svg)
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch strings.ToLower(se.Name.Local) {
			case "script", "foreignobject", "iframe", "a", "image", "use":
				t.Fatalf("SVG has a <%s> element", se.Name.Local)
			}
			for _, a := range se.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
					t.Fatalf("SVG has an event attribute %s", a.Name.Local)
				}
			}
		}
	}
	var doc svgDoc
	if err := xml.Unmarshal(svg, &doc); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	texts, err := readTexts(svg)
	if err != nil {
		t.Fatalf("readTexts: %v", err)
	}
	return doc, texts
}

func TestRenderExamples(t *testing.T) {
	designs, err := Designs()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(designs, ",") != "badge,badge-2024" {
		t.Fatalf("Designs() = %v, want [badge badge-2024]", designs)
	}
	for _, s := range examples {
		for _, d := range designs {
			s := s
			s.Design = d
			t.Run(d+"/"+s.Name[:min(len(s.Name), 20)], func(t *testing.T) {
				svg, err := Render(s)
				if err != nil {
					t.Fatal(err)
				}
				again, err := Render(s)
				if err != nil || !bytes.Equal(svg, again) {
					t.Fatalf("Render is not deterministic (err %v)", err)
				}
				if !bytes.HasPrefix(svg, []byte("<?xml")) {
					t.Errorf("SVG starts %q", svg[:min(len(svg), 20)])
				}
				doc, texts := parseSVG(t, svg)
				if doc.ViewBox != "0 0 512 512" {
					t.Errorf("viewBox %q", doc.ViewBox)
				}
				if !strings.HasPrefix(doc.Title, clean(s.Name, maxNameRunes)) || doc.Label != doc.Title {
					t.Errorf("title %q, aria-label %q, name %q", doc.Title, doc.Label, s.Name)
				}
				d, _ := layout(s, mustColor(t, s.Color), mustFonts(t))
				if n := len(d.NameLines); n < 1 || n > 3 {
					t.Errorf("%d name lines", n)
				}
				want := 1 + len(d.NameLines) // code (given or initials) + name
				if s.Level != "" {
					want++
				}
				if s.Issuer != "" {
					want++
				}
				if len(texts) != want {
					t.Errorf("%d <text> elements, want %d: %+v", len(texts), want, texts)
				}
				if !strings.Contains(string(svg), strings.ToLower(s.Color)) {
					t.Errorf("accent colour %s not used", s.Color)
				}
			})
		}
	}
}

func mustColor(t testing.TB, s string) rgb {
	t.Helper()
	c, err := parseColor(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustFonts(t testing.TB) *fonts {
	t.Helper()
	f, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestNameWrapsOnAtMostThreeLines(t *testing.T) {
	f := mustFonts(t)
	for _, name := range []string{
		"Cloud",
		"Contoso Certified: Cloud Fundamentals",
		"Designing and Implementing Resilient Distributed Data Platforms at Scale",
		strings.Repeat("word ", 80),
		strings.Repeat("W", 160),
		"Ünïcödé Ωμέγα Кириллица naïve café — “quoted” 2026",
	} {
		lines, size := f.wrapName(clean(name, maxNameRunes))
		if len(lines) < 1 || len(lines) > 3 {
			t.Errorf("%q: %d lines", name, len(lines))
		}
		for _, l := range lines {
			if w := f.width(f.bold, l, float64(size), 0); w > nameMaxWidth {
				t.Errorf("%q: line %q is %.1f wide at %d, more than %d", name, l, w, size, nameMaxWidth)
			}
		}
		joined := strings.Join(lines, " ")
		if len(joined) < len(strings.TrimSpace(name)) && !strings.HasSuffix(joined, "…") {
			t.Errorf("%q was shortened to %q without an ellipsis", name, joined)
		}
	}
	// Short names stay large and on one or two lines.
	if lines, size := f.wrapName("Azure Security"); len(lines) != 1 || size != 36 {
		t.Errorf("Azure Security: %q at %d", lines, size)
	}
	// A long name is shortened at a word boundary.
	lines, _ := f.wrapName("Designing and Implementing Resilient Distributed Data Platforms at Scale")
	if last := lines[len(lines)-1]; !strings.HasSuffix(last, "…") || strings.Contains(last, "Platfor…") {
		t.Errorf("last line %q", last)
	}
}

func TestRenderEscapesUntrustedText(t *testing.T) {
	hostile := `<script>alert(1)</script> & "quotes" 'apostrophes' ]]> <!-- --> <![CDATA[x]]>`
	s := Spec{
		Name:   hostile,
		Level:  `"><script>alert(2)</script>`,
		Code:   "&amp;<b>",
		Issuer: "Evil\x00Corp\x1b[31m\u202eReversed\u200b\x7f\u0085\r\n\tInc\xff",
		Color:  "#123abc",
	}
	for _, d := range []string{"", "badge-2024"} {
		s.Design = d
		svg, err := Render(s)
		if err != nil {
			t.Fatal(err)
		}
		doc, texts := parseSVG(t, svg)
		for _, bad := range []string{"\x00", "\x1b", "\u202e", "\u200b", "\x7f", "\u0085", "\r", "\t", "\ufffd", "<b>"} {
			if strings.Contains(string(svg), bad) {
				t.Errorf("SVG contains %q", bad)
			}
		}
		// Escaped, not lost: the words come back out of the XML.
		if want := clean(hostile, maxNameRunes) + " — " + clean(s.Level, maxLevelRunes); doc.Title != want {
			t.Errorf("title\n got %q\nwant %q", doc.Title, want)
		}
		var all []string
		for _, tx := range texts {
			all = append(all, tx.text)
		}
		joined := strings.Join(all, "|")
		for _, want := range []string{"&amp;<b>", "EVILCORP[31MREVERSED INC", `<script>alert(1)`} {
			if !strings.Contains(joined, want) {
				t.Errorf("texts %q lack %q", joined, want)
			}
		}
	}
}

func TestRenderRefuses(t *testing.T) {
	for _, c := range []string{"", "red", "#fff", "#12345g", "#1234567", " #123456", "#123456\n", "#12 456", "123456#", "#１２３４５６"} {
		if _, err := Render(Spec{Name: "A", Color: c}); !errors.Is(err, ErrColor) {
			t.Errorf("colour %q: err %v, want ErrColor", c, err)
		}
		if _, err := Rasterize(nil, 64, Spec{Name: "A", Color: c}); !errors.Is(err, ErrColor) {
			t.Errorf("Rasterize colour %q: err %v, want ErrColor", c, err)
		}
	}
	for _, d := range []string{"nope", "../badge", "Badge", "-badge", "badge.svg", "badge/x", strings.Repeat("a", 50)} {
		if _, err := Render(Spec{Name: "A", Color: "#000000", Design: d}); !errors.Is(err, ErrDesign) {
			t.Errorf("design %q: err %v, want ErrDesign", d, err)
		}
	}
	for _, n := range []string{"", "   ", "\x00\x1b\u202e"} {
		if _, err := Render(Spec{Name: n, Color: "#000000"}); !errors.Is(err, ErrName) {
			t.Errorf("name %q: err %v, want ErrName", n, err)
		}
	}
}

func TestClean(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"  Cloud \t\n Fundamentals  ", "Cloud Fundamenta…"},
		{"a\x00b\x1b[0mc", "ab[0mc"},
		{"l\u202etr\u2066x\u2069", "ltrx"},
		{"soft\u00adhyphen zero\u200bwidth", "softhyphen zerow…"},
		{"bad\xffutf8\ufffd", "badutf8"},
		{"non\ufffechar\U0010ffff", "nonchar"},
		{"Ωμέγα café", "Ωμέγα café"},
		{strings.Repeat("a", 20), strings.Repeat("a", 16) + "…"},
		{strings.Repeat("a ", 20), strings.Repeat("a ", 7) + "a…"},
	} {
		if got := clean(c.in, 16); got != c.want {
			t.Errorf("clean(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, r := range clean("x\u0001\u009f\u2028y", 16) {
		if unicode.IsControl(r) {
			t.Errorf("control %U kept", r)
		}
	}
}

func TestInitials(t *testing.T) {
	for in, want := range map[string]string{
		"Contoso Certified: Cloud Fundamentals": "CCCF",
		"Legacy Stack Specialist":               "LSS",
		"Master of the Universe":                "MU",
		"azure security":                        "AS",
		"—":                                     "",
	} {
		if got := initials(in); got != want {
			t.Errorf("initials(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPaletteContrast(t *testing.T) {
	for _, c := range []string{"#2f6fde", "#ffd400", "#ffffff", "#000000", "#8a3ffc", "#00ff00"} {
		p := makePalette(mustColor(t, c))
		pairs := []struct {
			name   string
			fg, bg string
			min    float64
		}{
			{"ink on panel", p.Ink, p.Panel, 5},
			{"white on banner", "#ffffff", p.Banner, 4.5},
			{"white on deep", "#ffffff", p.Deep, 8},
			{"name on panel", "#1d2230", p.Panel, 7},
		}
		for _, pr := range pairs {
			if got := contrast(mustColor(t, pr.fg), mustColor(t, pr.bg)); got < pr.min {
				t.Errorf("%s %s: %s on %s contrast %.2f < %.1f", c, pr.name, pr.fg, pr.bg, got, pr.min)
			}
		}
	}
}

// FuzzRender: whatever the strings, the SVG is well-formed, has no
// script, and carries the cleaned name.
func FuzzRender(f *testing.F) {
	f.Add("Cloud Fundamentals", "Expert", "CL-900", "Contoso Learning")
	f.Add(`<script>alert(1)</script> & "quotes"`, "]]>", "<!--", "\x00\xff\u202e")
	f.Add(strings.Repeat("Ω ", 200), "", "", "")
	f.Fuzz(func(t *testing.T, name, level, code, issuer string) {
		svg, err := Render(Spec{Name: name, Level: level, Code: code, Issuer: issuer, Color: "#336699"})
		if errors.Is(err, ErrName) && clean(name, maxNameRunes) == "" {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := parseSVG(t, svg)
		if !strings.HasPrefix(doc.Title, clean(name, maxNameRunes)) {
			t.Fatalf("title %q does not start with %q", doc.Title, clean(name, maxNameRunes))
		}
	})
}
