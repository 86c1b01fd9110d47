package share

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"
)

func decodeQR(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatalf("bitmap: %v", err)
	}
	res, err := zxqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	return res.GetText()
}

func qrBadges() map[string]Badge {
	long := normal()
	long.ID = strings.Repeat("very-long-slug-", 12)
	return map[string]Badge{"normal": normal(), "hostile": hostile(), "long": long}
}

func TestQRCode(t *testing.T) {
	for name, b := range qrBadges() {
		t.Run(name, func(t *testing.T) {
			data, err := QRCode(b, ctx)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("png: %v", err)
			}
			if r := img.Bounds(); r.Dx() != r.Dy() || r.Dx() < QRSize {
				t.Errorf("size %v, want at least %dx%[2]d, square", r, QRSize)
			}
			want, _ := VerifyURL(b, ctx)
			if got := decodeQR(t, img); got != want {
				t.Errorf("decoded %q, want %q", got, want)
			}
		})
	}
	private := normal()
	private.Public = false
	if _, err := QRCode(private, ctx); !errors.Is(err, ErrPrivate) {
		t.Errorf("private: err = %v", err)
	}
	if _, err := QRTerminal(normal(), Context{ProfilePublic: true}); !errors.Is(err, ErrNoBaseURL) {
		t.Errorf("no base: err = %v", err)
	}
}

// terminalModules turns the half-block drawing back into modules.
func terminalModules(t *testing.T, s string) [][]bool {
	t.Helper()
	lines := strings.Split(s, "\n")
	width := utf8.RuneCountInString(lines[0])
	var mods [][]bool
	for i, l := range lines {
		if n := utf8.RuneCountInString(l); n != width {
			t.Fatalf("line %d is %d wide, want %d", i, n, width)
		}
		top, bottom := make([]bool, 0, width), make([]bool, 0, width)
		for _, r := range l {
			switch r {
			case '█':
				top, bottom = append(top, true), append(bottom, true)
			case '▀':
				top, bottom = append(top, true), append(bottom, false)
			case '▄':
				top, bottom = append(top, false), append(bottom, true)
			case ' ':
				top, bottom = append(top, false), append(bottom, false)
			default:
				t.Fatalf("line %d: rune %q not allowed", i, r)
			}
		}
		mods = append(mods, top, bottom)
	}
	return mods
}

func TestQRTerminal(t *testing.T) {
	for name, b := range qrBadges() {
		t.Run(name, func(t *testing.T) {
			s, err := QRTerminal(b, ctx)
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasSuffix(s, "\n") || strings.ContainsAny(s, "\x1b\r\t") {
				t.Errorf("unexpected trailing newline or control")
			}
			same, err := Snippet(FormatQR, b, ctx)
			if err != nil || same != s {
				t.Errorf("Snippet(qr) differs from QRTerminal (%v)", err)
			}
			mods := terminalModules(t, s)
			size := len(mods[0])
			// Symbol sizes are 21 + 4k modules; with the quiet zone the drawing
			// is that plus 4, and an odd count leaves a blank bottom half row.
			if (size-2*QRQuietZone-21)%4 != 0 || len(mods) != size+1 {
				t.Fatalf("drawing %dx%d modules", size, len(mods))
			}
			for i := 0; i < size; i++ {
				for q := 0; q < QRQuietZone; q++ {
					if mods[q][i] || mods[size-1-q][i] || mods[i][q] || mods[i][size-1-q] || mods[size][i] {
						t.Fatalf("quiet zone not blank at %d", i)
					}
				}
			}
			if !mods[QRQuietZone][QRQuietZone] || mods[QRQuietZone-1][QRQuietZone] {
				t.Error("finder pattern not where expected")
			}
			// Render the modules (4 px each, with a wide light margin) and
			// decode them: the terminal drawing is a working QR code.
			const scale, margin = 4, 16
			img := image.NewGray(image.Rect(0, 0, size*scale+2*margin, size*scale+2*margin))
			for i := range img.Pix {
				img.Pix[i] = 0xff
			}
			for y := 0; y < size; y++ {
				for x := 0; x < size; x++ {
					if !mods[y][x] {
						continue
					}
					for dy := 0; dy < scale; dy++ {
						for dx := 0; dx < scale; dx++ {
							img.SetGray(margin+x*scale+dx, margin+y*scale+dy, color.Gray{})
						}
					}
				}
			}
			want, _ := VerifyURL(b, ctx)
			if got := decodeQR(t, img); got != want {
				t.Errorf("decoded %q, want %q", got, want)
			}
		})
	}
}
