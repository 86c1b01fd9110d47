package thumb

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// halves is a w×h picture, red on top, blue below.
func halves(w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.NRGBA{255, 0, 0, 255}
			if y >= h/2 {
				c = color.NRGBA{0, 0, 255, 255}
			}
			img.Set(x, y, c)
		}
	}
	return img
}

func TestRenderProfiles(t *testing.T) {
	for _, tc := range []struct {
		name    string
		p       termenv.Profile
		want    []string // substrings
		wantNot []string
	}{
		{"truecolor", termenv.TrueColor, []string{"▀", "38;2;255;0;0", "48;2;0;0;255"}, nil},
		{"256", termenv.ANSI256, []string{"▀", "38;5;", "48;5;"}, []string{";2;"}},
		{"16", termenv.ANSI, []string{"▀"}, []string{";2;", ";5;"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := Render(halves(4, 4), 2, 1, tc.p)
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("%q lacks %q", out, w)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(out, w) {
					t.Errorf("%q has %q", out, w)
				}
			}
			if ansi.StringWidth(out) != 2 {
				t.Errorf("width %d, want 2", ansi.StringWidth(out))
			}
		})
	}
	if out := Render(halves(4, 4), 2, 1, termenv.Ascii); out != "" {
		t.Errorf("NO_COLOR drew %q", out)
	}
}

func TestRenderShape(t *testing.T) {
	// Transparent: blank cells, every line cols wide.
	clear := image.NewNRGBA(image.Rect(0, 0, 10, 10))
	out := Render(clear, 6, 3, termenv.TrueColor)
	if out != "      \n      \n      " {
		t.Fatalf("transparent: %q", out)
	}
	// A wide picture is centred vertically: the first and last lines are blank.
	lines := strings.Split(Render(halves(8, 2), 4, 4, termenv.TrueColor), "\n")
	if len(lines) != 4 || lines[0] != "    " || lines[3] != "    " || !strings.ContainsAny(lines[1]+lines[2], "▀▄") {
		t.Fatalf("wide picture: %q", lines)
	}
	for _, l := range lines {
		if ansi.StringWidth(l) != 4 {
			t.Fatalf("line width %d: %q", ansi.StringWidth(l), l)
		}
	}
	if Render(clear, 0, 3, termenv.TrueColor) != "" || Render(clear, 3, 0, termenv.TrueColor) != "" {
		t.Fatal("empty size drew something")
	}
}

func TestDecode(t *testing.T) {
	var buf bytes.Buffer
	png.Encode(&buf, halves(16, 16))
	if img, err := Decode(buf.Bytes()); err != nil || img.Bounds().Dx() != 16 {
		t.Fatalf("png: %v", err)
	}
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#0f6cbd"/></svg>`
	img, err := Decode([]byte(svg))
	if err != nil {
		t.Fatalf("svg: %v", err)
	}
	if _, _, _, a := img.At(128, 128).RGBA(); a == 0 {
		t.Fatal("svg centre not drawn")
	}
	if _, _, _, a := img.At(1, 1).RGBA(); a != 0 {
		t.Fatal("svg corner drawn")
	}
	var tall bytes.Buffer
	png.Encode(&tall, image.NewGray(image.Rect(0, 0, 1, MaxPixels+1)))
	for name, data := range map[string][]byte{
		"garbage":   []byte("hello"),
		"truncated": buf.Bytes()[:40],
		"too tall":  tall.Bytes(),
		"too big":   append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, MaxBytes)...),
		"no size":   []byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`),
	} {
		if _, err := Decode(data); !errors.Is(err, ErrPicture) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func FuzzDecode(f *testing.F) {
	var buf bytes.Buffer
	png.Encode(&buf, halves(4, 4))
	f.Add(buf.Bytes())
	f.Add([]byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if img, err := Decode(data); err == nil {
			Render(img, 8, 4, termenv.TrueColor)
		}
	})
}

// BenchmarkThumbnail: a 600×600 badge picture to a 16×8-cell thumbnail.
func BenchmarkThumbnail(b *testing.B) {
	img := halves(600, 600)
	for b.Loop() {
		Render(img, 16, 8, termenv.TrueColor)
	}
}
