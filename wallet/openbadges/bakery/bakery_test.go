package bakery_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"strings"
	"testing"

	"badgewallet/internal/fixtures"
	"badgewallet/wallet/openbadges/bakery"
)

// Images to bake into, from the shared corpus (plain and already baked).
var pngImages = []string{
	"fixtures/bakery/mozilla/unbaked.png",
	"fixtures/bakery/concentricsky/public_domain_heart.png",
	"fixtures/bakery/concentricsky/baked_heart.png",
	"fixtures/1edtech-validator/ob30/simple-json.png",
	"fixtures/1edtech-validator/ob30/simple-jwt.png",
	"fixtures/1edtech-validator/ob20/simple-badge.png",
}

var svgImages = []string{
	"fixtures/bakery/mozilla/unbaked.svg",
	"fixtures/bakery/mozilla/baked.svg",
	"fixtures/bakery/concentricsky/unbaked_example.svg",
	"fixtures/bakery/concentricsky/baked_example.svg",
	"fixtures/1edtech-validator/ob30/simple-json.svg",
	"fixtures/1edtech-validator/ob30/simple-jwt.svg",
}

// Payloads to bake: OB 2.0 JSON, OB 2.0 URL, OB 2.0 JWS, OB 3.0 JSON, OB 3.0 VC-JWT.
func payloads(t *testing.T) []bakery.Payload {
	ob2 := bytes.TrimSpace(fixtures.Read(t, "fixtures/1edtech-validator/ob20/basic-assertion.json"))
	ob2jws := bytes.TrimSpace(fixtures.Read(t, "fixtures/1edtech-validator/ob20/simple.jwt"))
	ob3 := bytes.TrimSpace(fixtures.Read(t, "fixtures/1edtech-validator/ob30/simple.json"))
	ob3jwt, err := bakery.UnbakePNG(fixtures.Read(t, "fixtures/1edtech-validator/ob30/simple-jwt.png"))
	if err != nil {
		t.Fatal(err)
	}
	return []bakery.Payload{
		{Version: bakery.V2, Text: ob2, Verify: "https://example.org/beths-robotics-badge.json"},
		{Version: bakery.V2, Text: []byte("https://example.org/beths-robotics-badge.json"), Verify: "https://example.org/beths-robotics-badge.json"},
		{Version: bakery.V2, Text: ob2jws, Verify: string(ob2jws)},
		{Version: bakery.V3, Text: ob3},
		{Version: bakery.V3, Text: ob3jwt.Text, Verify: string(ob3jwt.Text)},
		// JSON that contains the CDATA terminator must survive SVG baking.
		{Version: bakery.V3, Text: []byte(`{"name":"a ]]> b","x":"<&>'\""}`)},
	}
}

func TestRoundTripPNG(t *testing.T) {
	for _, img := range pngImages {
		src := fixtures.Read(t, img)
		for i, p := range payloads(t) {
			baked, err := bakery.BakePNG(src, p.Version, p.Text)
			if err != nil {
				t.Fatalf("%s #%d: bake: %v", img, i, err)
			}
			got, err := bakery.UnbakePNG(baked)
			if err != nil {
				t.Fatalf("%s #%d: unbake: %v", img, i, err)
			}
			if got.Version != p.Version || !bytes.Equal(got.Text, p.Text) {
				t.Fatalf("%s #%d: round trip gave %v %.60q, want %v %.60q", img, i, got.Version, got.Text, p.Version, p.Text)
			}
			again, err := bakery.BakePNG(baked, p.Version, p.Text)
			if err != nil || !bytes.Equal(again, baked) {
				t.Fatalf("%s #%d: baking twice is not byte-stable (err %v)", img, i, err)
			}
			if n := bytes.Count(baked, []byte("iTXtopenbadge")); n != 1 {
				t.Fatalf("%s #%d: %d badge chunks, want exactly 1", img, i, n)
			}
			// Right after IHDR: signature (8) + IHDR chunk (25).
			if !bytes.Equal(baked[37:41], []byte("iTXt")) {
				t.Fatalf("%s #%d: badge chunk is not right after IHDR", img, i)
			}
			if _, err := png.Decode(bytes.NewReader(baked)); err != nil {
				t.Fatalf("%s #%d: baked PNG no longer decodes: %v", img, i, err)
			}
		}
	}
}

func TestRoundTripSVG(t *testing.T) {
	for _, img := range svgImages {
		src := fixtures.Read(t, img)
		for i, p := range payloads(t) {
			baked, err := bakery.BakeSVG(src, p)
			if err != nil {
				t.Fatalf("%s #%d: bake: %v", img, i, err)
			}
			got, err := bakery.UnbakeSVG(baked)
			if err != nil {
				t.Fatalf("%s #%d: unbake: %v\n%s", img, i, err, baked)
			}
			if got.Version != p.Version || !bytes.Equal(got.Text, p.Text) || got.Verify != p.Verify {
				t.Fatalf("%s #%d: round trip gave %v %.60q verify=%.40q, want %v %.60q verify=%.40q", img, i, got.Version, got.Text, got.Verify, p.Version, p.Text, p.Verify)
			}
			again, err := bakery.BakeSVG(baked, p)
			if err != nil || !bytes.Equal(again, baked) {
				t.Fatalf("%s #%d: baking twice is not byte-stable (err %v)\n%s\n----\n%s", img, i, err, baked, again)
			}
			if n := strings.Count(string(baked), "<openbadges:"); n != 1 {
				t.Fatalf("%s #%d: %d badge elements, want 1", img, i, n)
			}
		}
	}
}

// TestBakeSVGReplacesOtherVersion bakes OB 3.0 into an OB 2.0-baked SVG:
// the old element goes and the namespace declaration is corrected.
func TestBakeSVGReplacesOtherVersion(t *testing.T) {
	src := fixtures.Read(t, "fixtures/bakery/concentricsky/baked_example.svg")
	out, err := bakery.BakeSVG(src, bakery.Payload{Version: bakery.V3, Text: []byte(`{"a":1}`)})
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	if strings.Contains(s, "openbadges:assertion") || strings.Contains(s, `"http://openbadges.org"`) {
		t.Fatalf("old OB 2.0 element or namespace left:\n%s", s)
	}
	if !strings.Contains(s, `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"`) {
		t.Fatalf("namespace not set:\n%s", s)
	}
}

func TestBakeSelfClosingSVG(t *testing.T) {
	out, err := bakery.BakeSVG([]byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), bakery.Payload{Version: bakery.V2, Text: []byte("https://example.org/a.json")})
	if err != nil {
		t.Fatal(err)
	}
	want := `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="https://example.org/a.json"></openbadges:assertion></svg>`
	if string(out) != want {
		t.Fatalf("got  %s\nwant %s", out, want)
	}
}

// pngChunk builds one chunk with a correct CRC.
func pngChunk(typ string, body []byte) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
	out = append(out, typ...)
	out = append(out, body...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[4:]))
}

func itxt(keyword string, compressed bool, text string) []byte {
	flag := byte(0)
	if compressed {
		flag = 1
	}
	return pngChunk("iTXt", append([]byte(keyword+"\x00"+string([]byte{flag, 0})+"\x00\x00"), text...))
}

func TestUnbakePNGErrors(t *testing.T) {
	sig := []byte("\x89PNG\r\n\x1a\n")
	ihdr := pngChunk("IHDR", []byte{0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0})
	iend := pngChunk("IEND", nil)
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	good := cat(sig, ihdr, itxt("openbadges", false, "https://example.org/a"), iend)
	badCRC := bytes.Clone(good)
	badCRC[len(sig)+len(ihdr)+10] ^= 0xff
	many := cat(sig, ihdr)
	for range 101 {
		many = append(many, pngChunk("tEXt", []byte("Comment\x00x"))...)
	}
	many = cat(many, itxt("openbadges", false, "https://example.org/a"), iend)

	tests := []struct {
		name string
		data []byte
		want error
		text string
	}{
		{"good", good, nil, "https://example.org/a"},
		{"legacy tEXt", cat(sig, ihdr, pngChunk("tEXt", []byte("openbadges\x00https://example.org/b")), iend), nil, "https://example.org/b"},
		{"ob3", cat(sig, ihdr, itxt("openbadgecredential", false, "{}"), iend), nil, "{}"},
		{"empty", nil, bakery.ErrMalformed, ""},
		{"signature only", sig[:5], bakery.ErrTruncated, ""},
		{"truncated chunk", good[:len(good)-20], bakery.ErrTruncated, ""},
		{"no IEND", good[:len(good)-12], bakery.ErrTruncated, ""},
		{"bad CRC", badCRC, bakery.ErrChecksum, ""},
		{"IHDR not first", cat(sig, iend), bakery.ErrMalformed, ""},
		{"data after IEND", cat(good, []byte("junk")), bakery.ErrMalformed, ""},
		{"compressed", cat(sig, ihdr, itxt("openbadges", true, "x"), iend), bakery.ErrCompressed, ""},
		{"not baked", cat(sig, ihdr, iend), bakery.ErrNotBaked, ""},
		{"two badge chunks", cat(sig, ihdr, itxt("openbadges", false, "a"), itxt("openbadgecredential", false, "b"), iend), bakery.ErrDuplicate, ""},
		{"too many chunks", many, bakery.ErrTooManyChunks, ""},
		{"huge length", cat(sig, ihdr, []byte{0xff, 0xff, 0xff, 0xff, 'i', 'T', 'X', 't', 0, 0, 0, 0}), bakery.ErrMalformed, ""},
		{"bad chunk type", cat(sig, ihdr, pngChunk("i\x00Xt", nil), iend), bakery.ErrMalformed, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := bakery.UnbakePNG(tc.data)
			if tc.want == nil {
				if err != nil || string(p.Text) != tc.text {
					t.Fatalf("got %q, %v; want %q", p.Text, err, tc.text)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}

func TestUnbakeSVGErrors(t *testing.T) {
	const ns = `xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org"`
	tests := []struct {
		name string
		data string
		want error
		text string
	}{
		{"verify only", `<svg ` + ns + `><openbadges:assertion verify="https://e.org/a"/></svg>`, nil, "https://e.org/a"},
		{"cdata", `<svg ` + ns + `><openbadges:assertion verify="u"><![CDATA[ {"a":1} ]]></openbadges:assertion></svg>`, nil, `{"a":1}`},
		{"undeclared prefix", `<svg><openbadges:credential verify="eyJ.a.b"/></svg>`, nil, "eyJ.a.b"},
		{"plain doctype", `<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg ` + ns + `><openbadges:assertion verify="u"/></svg>`, nil, "u"},
		{"entity", `<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg ` + ns + `><openbadges:assertion verify="&a;"/></svg>`, bakery.ErrEntity, ""},
		{"external entity", `<!DOCTYPE svg SYSTEM "file:///etc/passwd" [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg/>`, bakery.ErrEntity, ""},
		{"not svg root", `<html><openbadges:assertion verify="u"/></html>`, bakery.ErrMalformed, ""},
		{"truncated", `<svg ` + ns + `><openbadges:assertion verify="u">`, bakery.ErrTruncated, ""},
		{"not baked", `<svg ` + ns + `><rect/></svg>`, bakery.ErrNotBaked, ""},
		{"empty element", `<svg ` + ns + `><openbadges:assertion/></svg>`, bakery.ErrNotBaked, ""},
		{"two elements", `<svg ` + ns + `><openbadges:assertion verify="a"/><openbadges:assertion verify="b"/></svg>`, bakery.ErrDuplicate, ""},
		{"too many elements", `<svg>` + strings.Repeat("<g/>", 100_001) + `</svg>`, bakery.ErrTooManyElements, ""},
		{"undefined entity", `<svg ` + ns + `><openbadges:assertion verify="&nope;"/></svg>`, bakery.ErrMalformed, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := bakery.UnbakeSVG([]byte(tc.data))
			if tc.want == nil {
				if err != nil || string(p.Text) != tc.text {
					t.Fatalf("got %q, %v; want %q", p.Text, err, tc.text)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}

// typicalBadgePNG makes a deterministic 256×256 RGBA badge-like PNG of
// roughly 30-60 KB and bakes an OB 3.0 credential into it.
func typicalBadgePNG(tb testing.TB) []byte {
	tb.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 256, 256))
	r := rand.New(rand.NewPCG(1, 2))
	for y := range 256 {
		for x := range 256 {
			dx, dy := x-128, y-128
			if dx*dx+dy*dy > 120*120 {
				continue // transparent outside the round badge
			}
			n := uint8(r.IntN(24))
			img.Set(x, y, color.NRGBA{uint8(40 + x/3), uint8(90 + y/4), 200 - n, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	cred := bytes.TrimSpace(fixtures.Read(tb, "fixtures/1edtech-validator/ob30/simple.json"))
	baked, err := bakery.BakePNG(buf.Bytes(), bakery.V3, cred)
	if err != nil {
		tb.Fatal(err)
	}
	return baked
}

func TestTypicalBadgeSize(t *testing.T) {
	b := typicalBadgePNG(t)
	if len(b) < 30<<10 || len(b) > 60<<10 {
		t.Fatalf("typical badge is %d bytes, want 30-60 KB", len(b))
	}
}

// BenchmarkUnbakePNG unbakes a typical 30-60 KB badge PNG, every chunk
// CRC checked. Figures: b.N/s = unbakes per second on one core (-cpu 1).
func BenchmarkUnbakePNG(b *testing.B) {
	for _, bc := range []struct {
		name string
		data []byte
	}{
		{"typical", typicalBadgePNG(b)},
		{"1edtech-84KB", fixtures.Read(b, "fixtures/1edtech-validator/ob30/simple-json.png")},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bakery.UnbakePNG(bc.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkUnbakeSVG(b *testing.B) {
	data := fixtures.Read(b, "fixtures/1edtech-validator/ob30/simple-json.svg")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := bakery.UnbakeSVG(data); err != nil {
			b.Fatal(err)
		}
	}
}

// TestEveryCRCChecked corrupts one byte in each chunk of a typical badge in
// turn (the last IDAT byte included): every corruption must be caught.
func TestEveryCRCChecked(t *testing.T) {
	src := typicalBadgePNG(t)
	for p := 8; p < len(src); {
		n := int(binary.BigEndian.Uint32(src[p:]))
		typ := string(src[p+4 : p+8])
		bad := bytes.Clone(src)
		bad[p+8+n-1+boolInt(n == 0)] ^= 0x01 // last data byte (or the CRC itself when empty)
		if _, err := bakery.UnbakePNG(bad); !errors.Is(err, bakery.ErrChecksum) {
			t.Fatalf("corrupt %s at %d: got %v, want ErrChecksum", typ, p, err)
		}
		p += 12 + n
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestStripPNG: baking then stripping gives the picture back, byte for
// byte, whatever was baked; a broken PNG is an error.
func TestStripPNG(t *testing.T) {
	img, err := bakery.DefaultLimits().StripPNG(typicalBadgePNG(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bakery.UnbakePNG(img); !errors.Is(err, bakery.ErrNotBaked) {
		t.Fatalf("stripped PNG still baked: %v", err)
	}
	baked, err := bakery.BakePNG(img, bakery.V2, []byte(`{"a":1}`))
	if err != nil {
		t.Fatal(err)
	}
	got, err := bakery.DefaultLimits().StripPNG(baked)
	if err != nil || !bytes.Equal(got, img) {
		t.Fatalf("strip: %v, equal %v", err, bytes.Equal(got, img))
	}
	if _, err := bakery.DefaultLimits().StripPNG([]byte("\x89PNG\r\n\x1a\nxx")); err == nil {
		t.Fatal("broken PNG stripped")
	}
}
