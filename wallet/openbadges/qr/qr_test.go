package qr

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"net/url"
	"path"
	"strconv"
	"strings"
	"testing"

	goqrcode "github.com/skip2/go-qrcode"
	"github.com/srwiley/oksvg"
	"github.com/srwiley/rasterx"

	"badgewallet/internal/fixtures"
)

const fixtureBase = "https://digitalcredentials.github.io/vc-test-fixtures/"

// qrRows returns the qr-png and qr-svg rows of expected.tsv.
func qrRows(t testing.TB) (pngs, svgs []fixtures.Row) {
	for _, r := range fixtures.Rows(t) {
		switch r.Format {
		case "qr-png":
			pngs = append(pngs, r)
		case "qr-svg":
			svgs = append(svgs, r)
		}
	}
	return pngs, svgs
}

// networkURL is the URL on the left of " -> " in a network column.
func networkURL(t testing.TB, r fixtures.Row) string {
	u, _, ok := strings.Cut(r.Network, " -> ")
	if !ok {
		t.Fatalf("%s: network column %q has no \" -> \"", r.Path, r.Network)
	}
	return strings.TrimSpace(u)
}

func TestCorpusPNG(t *testing.T) {
	pngs, _ := qrRows(t)
	if len(pngs) != 91 {
		t.Errorf("%d qr-png rows, want 91", len(pngs))
	}
	decoded, exact := 0, 0
	for _, r := range pngs {
		t.Run(r.Path, func(t *testing.T) {
			want := networkURL(t, r)
			data := fixtures.Read(t, r.Path)
			got, err := DecodePNG(data)
			if err != nil {
				t.Fatalf("DecodePNG: %v", err)
			}
			if got != want {
				// One code holds a literal space in its URL; expected.tsv
				// lists the URL with it percent-encoded.
				if strings.ReplaceAll(got, " ", "%20") != want {
					t.Fatalf("decoded %q, want %q", got, want)
				}
				t.Logf("decoded %q: equal to %q once its spaces are percent-encoded", got, want)
			} else {
				exact++
			}
			// Decode sniffs the same result.
			if got2, err := Decode(data); err != nil || got2 != got {
				t.Fatalf("Decode = %q, %v; want %q", got2, err, got)
			}
			decoded++
		})
	}
	t.Logf("%d/%d corpus QR PNGs decoded to their network URL (%d exactly, %d once spaces are percent-encoded)",
		decoded, len(pngs), exact, decoded-exact)
}

// corpusSVGText is what the corpus's one QR SVG encodes: not the sibling
// PNG's URL (expected.tsv only presumes that) but a qr.codes short link.
// Checked independently: librsvg's rendering of the SVG read with zbar
// gives the same text.
const corpusSVGText = "https://qr.codes/J1wDKT"

func TestCorpusSVG(t *testing.T) {
	pngs, svgs := qrRows(t)
	if len(svgs) != 1 {
		t.Errorf("%d qr-svg rows, want 1", len(svgs))
	}
	byPath := map[string]fixtures.Row{}
	for _, r := range pngs {
		byPath[r.Path] = r
	}
	for _, r := range svgs {
		t.Run(r.Path, func(t *testing.T) {
			data := fixtures.Read(t, r.Path)
			got, err := DecodeSVG(data)
			if err != nil {
				t.Fatalf("DecodeSVG: %v", err)
			}
			t.Logf("%s decodes to %q", path.Base(r.Path), got)
			if u, err := url.Parse(got); err != nil || u.Scheme != "https" || u.Host == "" {
				t.Errorf("decoded %q, not an https URL", got)
			}
			if got != corpusSVGText {
				t.Errorf("decoded %q, want %q", got, corpusSVGText)
			}
			if got2, err := Decode(data); err != nil || got2 != got {
				t.Errorf("Decode = %q, %v; want %q", got2, err, got)
			}
			sibling, ok := byPath[strings.TrimSuffix(r.Path, ".svg")+".png"]
			if !ok {
				t.Fatalf("no qr-png row for the sibling of %s", r.Path)
			}
			if s := networkURL(t, sibling); got != s {
				t.Logf("differs from the sibling PNG's URL %q (and is not under %s): expected.tsv's network column for this row is a guess", s, fixtureBase)
			}
			_, used, err := rasterize(data)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("rasterisation used %d/%d segments, %d/%d row crossings, %.2f/%d canvases",
				used.segments, maxSegments, used.rowWork, maxRowWork,
				float64(used.area)/SVGRasterSize/SVGRasterSize, maxPaintedArea)
			if used.segments > maxSegments/10 || used.rowWork > maxRowWork/10 || used.area > maxPaintedArea*SVGRasterSize*SVGRasterSize/10 {
				t.Errorf("a real QR SVG uses over a tenth of the rasterisation budget: %+v", used)
			}
		})
	}
}

func TestNoCode(t *testing.T) {
	data := fixtures.Read(t, "fixtures/bakery/mozilla/unbaked.png")
	_, err := DecodePNG(data)
	if !errors.Is(err, ErrNoCode) {
		t.Fatalf("DecodePNG(unbaked.png) = %v, want ErrNoCode", err)
	}
	if _, err := Decode(data); !errors.Is(err, ErrNoCode) {
		t.Fatalf("Decode(unbaked.png) = %v, want ErrNoCode", err)
	}
	// A blank white image, and a blank SVG.
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 50, 50))); err != nil {
		t.Fatal(err)
	}
	if _, err := Decode(buf.Bytes()); !errors.Is(err, ErrNoCode) {
		t.Errorf("Decode(black PNG) = %v, want ErrNoCode", err)
	}
	if _, err := Decode([]byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#fff"/></svg>`)); !errors.Is(err, ErrNoCode) {
		t.Errorf("Decode(blank SVG) = %v, want ErrNoCode", err)
	}
}

// pngHeader returns a PNG signature and IHDR chunk declaring w×h RGBA
// pixels, followed by nothing: a decoder that trusted it would allocate
// w×h×4 bytes.
func pngHeader(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	var b bytes.Buffer
	b.Write(pngMagic)
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

func TestOversizedPNG(t *testing.T) {
	for _, sz := range [][2]uint32{{100000, 100000}, {MaxDimension + 1, 1}, {1, MaxDimension + 1}} {
		data := pngHeader(sz[0], sz[1])
		// Refused from the header alone: the file has no pixel data at all,
		// so reaching the decoder would fail differently.
		_, err := DecodePNG(data)
		if !errors.Is(err, ErrTooLarge) {
			t.Errorf("%d×%d: err = %v, want ErrTooLarge", sz[0], sz[1], err)
		}
		if _, err := Decode(data); !errors.Is(err, ErrTooLarge) {
			t.Errorf("Decode %d×%d: err = %v, want ErrTooLarge", sz[0], sz[1], err)
		}
	}
	// At the limit the header is accepted (the missing pixel data then
	// makes it malformed).
	if _, err := DecodePNG(pngHeader(MaxDimension, MaxDimension)); errors.Is(err, ErrTooLarge) || !errors.Is(err, ErrMalformed) {
		t.Errorf("%d×%d header only: err = %v, want ErrMalformed", MaxDimension, MaxDimension, err)
	}
}

func TestRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		text  string
		level goqrcode.RecoveryLevel
		size  int
	}{
		{"https://example.org/credentials/1234", goqrcode.Medium, 256},
		{"hello", goqrcode.Low, 64},
		{fixtureBase + "verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-OBSpecExample.json", goqrcode.Highest, 512},
		{"Ünïcödé ✓ " + strings.Repeat("x", 300), goqrcode.Medium, 600},
	} {
		data, err := goqrcode.Encode(tc.text, tc.level, tc.size)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Decode(data)
		if err != nil || got != tc.text {
			t.Errorf("round trip of %q (size %d): got %q, %v", tc.text, tc.size, got, err)
		}
		// Without a quiet zone (the padding retry), and as an SVG.
		q, err := goqrcode.New(tc.text, tc.level)
		if err != nil {
			t.Fatal(err)
		}
		q.DisableBorder = true
		bm := q.Bitmap()
		img := image.NewGray(image.Rect(0, 0, 4*len(bm), 4*len(bm)))
		var svg strings.Builder
		svg.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
			`<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">` + "\n")
		n := len(bm) + 8
		svg.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="-4 -4 ` + strconv.Itoa(n) + ` ` + strconv.Itoa(n) + `"><path d="`)
		for y, row := range bm {
			for x, black := range row {
				c := color.Gray{255}
				if black {
					c = color.Gray{0}
					svg.WriteString("M" + strconv.Itoa(x) + " " + strconv.Itoa(y) + "h1v1h-1z")
				}
				for dy := 0; dy < 4; dy++ {
					for dx := 0; dx < 4; dx++ {
						img.SetGray(4*x+dx, 4*y+dy, c)
					}
				}
			}
		}
		svg.WriteString(`"/></svg>`)
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		if got, err := Decode(buf.Bytes()); err != nil || got != tc.text {
			t.Errorf("borderless round trip of %q: got %q, %v", tc.text, got, err)
		}
		if got, err := Decode([]byte(svg.String())); err != nil || got != tc.text {
			t.Errorf("SVG round trip of %q: got %q, %v", tc.text, got, err)
		}
	}
}

// TestTransparent reads a code drawn black on a transparent background
// (composited over white), and refuses to see one drawn white on
// transparent (over white it vanishes).
func TestTransparent(t *testing.T) {
	const text = "https://example.org/transparent"
	q, err := goqrcode.New(text, goqrcode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	bm := q.Bitmap()
	black := image.NewNRGBA(image.Rect(0, 0, 3*len(bm), 3*len(bm)))
	white := image.NewNRGBA(black.Bounds())
	for y := range black.Bounds().Dy() {
		for x := range black.Bounds().Dx() {
			if bm[y/3][x/3] {
				black.SetNRGBA(x, y, color.NRGBA{0, 0, 0, 255})
				white.SetNRGBA(x, y, color.NRGBA{255, 255, 255, 255})
			} else {
				black.SetNRGBA(x, y, color.NRGBA{255, 0, 0, 0})
				white.SetNRGBA(x, y, color.NRGBA{0, 0, 0, 0})
			}
		}
	}
	for _, tc := range []struct {
		img  image.Image
		want error
	}{{black, nil}, {white, ErrNoCode}} {
		var buf bytes.Buffer
		if err := png.Encode(&buf, tc.img); err != nil {
			t.Fatal(err)
		}
		got, err := DecodePNG(buf.Bytes())
		if tc.want == nil && (err != nil || got != text) {
			t.Errorf("black on transparent: got %q, %v", got, err)
		}
		if tc.want != nil && !errors.Is(err, tc.want) {
			t.Errorf("white on transparent: got %q, %v; want ErrNoCode", got, err)
		}
	}
}

func TestSVGRefused(t *testing.T) {
	const qrish = `<rect width="10" height="10"/>`
	for _, tc := range []struct {
		name string
		svg  string
		want error
	}{
		{"entity", `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">&x;</svg>`, ErrEntity},
		{"internal subset", `<!DOCTYPE svg [ ]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>`, ErrEntity},
		{"doctype after root", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><!DOCTYPE svg></svg>`, ErrMalformed},
		{"not svg root", `<?xml version="1.0"?><html/>`, ErrMalformed},
		{"unclosed", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><g>`, ErrMalformed},
		{"recursive use", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><defs><use id="a" xlink:href="#a"/></defs><use xlink:href="#a"/></svg>`, ErrUnsupported},
		{"no viewBox", `<svg xmlns="http://www.w3.org/2000/svg">` + qrish + `</svg>`, ErrMalformed},
		{"huge", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">` + strings.Repeat(" ", MaxSVGBytes) + `</svg>`, ErrTooLarge},
		{"too many elements", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">` + strings.Repeat("<g/>", maxSVGElements) + `</svg>`, ErrTooLarge},
		{"use expansion", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><g id="a">` + strings.Repeat(qrish, 1000) + `</g></defs>` + strings.Repeat(`<use href="#a"/>`, 1000) + `</svg>`, ErrTooLarge},
		{"use bytes", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><path id="a" d="M0 0` + strings.Repeat(" l1 1", 100_000) + `"/></defs>` + strings.Repeat(`<use href="#a"/>`, 20) + `</svg>`, ErrTooLarge},
		// oksvg pops its style stack below empty replaying this <use>
		// and panics; the panic comes back as an error.
		{"renderer panic", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><g><g><rect id="a" width="1" height="1"/></g></g></defs><use href="#a"/><use href="#a"/><use href="#a"/></svg>`, ErrMalformed},
		{"overdraw", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">` + strings.Repeat(qrish, 100) + `</svg>`, ErrTooLarge},
		{"curve segments", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">` + strings.Repeat(`<path d="M0 0C1e6 1e6 -1e6 1e6 0 0z"/>`, 400) + `</svg>`, ErrTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The work budgets bound the cost; timing is for benchmarks, not
			// assertions, so only the outcome is checked here.
			_, err := DecodeSVG([]byte(tc.svg))
			if !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestUnsupported(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("GIF89a"), []byte("{}"), []byte("<html></html>")} {
		if _, err := Decode(data); !errors.Is(err, ErrUnsupported) {
			t.Errorf("Decode(%q) = %v, want ErrUnsupported", data, err)
		}
	}
	if _, err := DecodePNG([]byte("not a png")); !errors.Is(err, ErrMalformed) {
		t.Errorf("DecodePNG(junk) = %v, want ErrMalformed", err)
	}
}

func BenchmarkDecodePNG(b *testing.B) {
	pngs, _ := qrRows(b)
	r := pngs[0]
	data := fixtures.Read(b, r.Path)
	want := networkURL(b, r)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		got, err := DecodePNG(data)
		if err != nil || got != want {
			b.Fatalf("got %q, %v", got, err)
		}
	}
}

// TestScannerMatchesScannerGV compares the budgeted scanner with rasterx's
// own ScannerGV on modules drawn as the corpus SVG draws them, shapes that
// cross every edge of the canvas, curves, strokes, opacity and a gradient:
// the clipping must not change coverage.
func TestScannerMatchesScannerGV(t *testing.T) {
	docs := []string{
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1023 1023"><g fill="#000000">
			<g transform="translate(310,62) scale(5.3216666666667)"><rect width="6" height="6"/></g>
			<g transform="translate(341,62) scale(5.3216666666667)"><rect width="6" height="6"/></g>
			<g transform="translate(-10,1000) scale(5.3216666666667)"><rect width="6" height="6"/></g>
		</g></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
			<rect x="-5" y="-5" width="8" height="8"/>
			<path d="M-20 12 L5 -30 L30 12 z" fill="#808080" fill-opacity="0.5"/>
			<circle cx="9" cy="9" r="3" fill="none" stroke="#000" stroke-width="0.7"/>
			<path d="M1 9 C 3 -4, 12 20, 11 2" fill="#333"/>
			<g transform="rotate(30 5 5)"><rect x="4" y="-2" width="1" height="14" fill="#f00"/></g>
		</svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10">
			<defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#000"/><stop offset="1" stop-color="#fff"/></linearGradient></defs>
			<rect x="-3" y="2" width="26" height="6" fill="url(#g)"/>
			<polygon points="0,0 20,10 0,10 20,0"/>
		</svg>`,
	}
	for i, doc := range docs {
		img, _, err := rasterize([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		icon, err := oksvg.ReadIconStream(strings.NewReader(string(fixScale([]byte(doc)))))
		if err != nil {
			t.Fatal(err)
		}
		w, h := img.Bounds().Dx(), img.Bounds().Dy()
		icon.SetTarget(0, 0, float64(w), float64(h))
		ref := image.NewRGBA(img.Bounds())
		draw.Draw(ref, ref.Bounds(), image.White, image.Point{}, draw.Src)
		icon.Draw(rasterx.NewDasher(w, h, rasterx.NewScannerGV(w, h, ref, ref.Bounds())), 1)
		diff, worst := 0, 0
		for j := range img.Pix {
			d := int(img.Pix[j]) - int(ref.Pix[j])
			if d < 0 {
				d = -d
			}
			if d > 2 {
				diff++
			}
			worst = max(worst, d)
		}
		t.Logf("document %d: %d of %d channel values differ by more than 2 (worst %d)", i, diff, len(img.Pix), worst)
		if diff > len(img.Pix)/1000 {
			t.Errorf("document %d: the budgeted scanner's rendering differs from ScannerGV's", i)
		}
	}
}

// TestFarGeometryIsCheap draws paths whose points lie millions of pixels
// outside the canvas (within the painted-area budget): unclipped, the
// rasteriser would walk the billions of rows and columns they span.
func TestFarGeometryIsCheap(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">` +
		strings.Repeat(`<path d="M-100000 -100000 L100000 -99000 L5 5 L100000 100000 L-100000 99000 z"/>`, 30) + `</svg>`
	_, err := DecodeSVG([]byte(svg))
	if !errors.Is(err, ErrNoCode) {
		t.Errorf("err = %v, want ErrNoCode", err)
	}
}
