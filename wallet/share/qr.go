package share

import (
	"fmt"
	"strings"

	qrcode "github.com/skip2/go-qrcode"
)

// QRSize is the width and height, in pixels, of the PNG made by QRCode
// (larger when a long URL needs more modules than that).
const QRSize = 256

// QRQuietZone is the light margin, in modules, around the terminal QR code.
const QRQuietZone = 2

// QRCode returns a PNG of the badge's verification URL (medium error
// recovery, QRSize pixels). It fails as VerifyURL does.
func QRCode(b Badge, c Context) (png []byte, err error) {
	q, err := newQR(b, c)
	if err != nil {
		return nil, err
	}
	png, err = q.PNG(QRSize)
	if err != nil {
		return nil, fmt.Errorf("share: QR code: %w", err)
	}
	return png, nil
}

// QRTerminal returns the badge's verification URL as a QR code drawn with
// half blocks ('▀', '▄', '█' and spaces), two terminal rows per line, with
// a quiet zone of QRQuietZone modules. Dark modules are drawn "on" (the
// glyph's foreground), so the code scans as is on a light background; on
// a dark terminal the caller renders it in reverse video. Every line has
// the same width; lines are separated by "\n", with none at the end. It
// fails as VerifyURL does.
func QRTerminal(b Badge, c Context) (string, error) {
	q, err := newQR(b, c)
	if err != nil {
		return "", err
	}
	q.DisableBorder = true
	return halfBlocks(q.Bitmap(), QRQuietZone), nil
}

func newQR(b Badge, c Context) (*qrcode.QRCode, error) {
	v, err := VerifyURL(b, c)
	if err != nil {
		return nil, err
	}
	q, err := qrcode.New(v, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("share: QR code: %w", err)
	}
	return q, nil
}

// halfBlocks draws bm (bm[y][x] true for a dark module) with a margin of
// quiet modules on every side, two module rows per line.
func halfBlocks(bm [][]bool, quiet int) string {
	n := len(bm)
	size := n + 2*quiet
	dark := func(x, y int) bool {
		x, y = x-quiet, y-quiet
		return y >= 0 && y < n && x >= 0 && x < len(bm[y]) && bm[y][x]
	}
	var b strings.Builder
	b.Grow((size + 1) / 2 * (size*3 + 1))
	for y := 0; y < size; y += 2 {
		if y > 0 {
			b.WriteByte('\n')
		}
		for x := 0; x < size; x++ {
			top, bottom := dark(x, y), y+1 < size && dark(x, y+1)
			switch {
			case top && bottom:
				b.WriteRune('█')
			case top:
				b.WriteRune('▀')
			case bottom:
				b.WriteRune('▄')
			default:
				b.WriteByte(' ')
			}
		}
	}
	return b.String()
}
