package qr

import (
	"errors"
	"image"
	"testing"

	goqrcode "github.com/skip2/go-qrcode"

	"badgewallet/internal/fixtures"
)

// FuzzDecode checks that Decode never panics and that every error it
// returns wraps one of the package's exported errors.
func FuzzDecode(f *testing.F) {
	pngs, svgs := qrRows(f)
	f.Add(fixtures.Read(f, pngs[0].Path))
	f.Add(fixtures.Read(f, svgs[0].Path))
	f.Add(fixtures.Read(f, "fixtures/bakery/mozilla/unbaked.png"))
	if small, err := goqrcode.Encode("https://example.org/1", goqrcode.Low, 42); err == nil {
		f.Add(small)
	}
	f.Add(pngHeader(MaxDimension+1, 1))
	for _, s := range []string{
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path d="M0 0h7v7h-7zM1 1v5h5v-5zM2 2h3v3h-3z"/><g transform="scale(2)"><rect x="3" y="3" width="1" height="1"/></g></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle cx="5" cy="5" r="4" stroke="#000" stroke-dasharray="1 1"/><use href="#a"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"><stop offset="0" stop-color="#000"/><stop offset="1" stop-color="#fff"/></linearGradient><rect id="a" width="3" height="3"/></defs><use href="#a" x="2"/><rect fill="url(#g)" width="10" height="10"/></svg>`,
		`<?xml version="1.0" encoding="ISO-8859-1"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg viewBox="0 0 1 1"/>`,
	} {
		f.Add([]byte(s))
	}
	known := []error{ErrNoCode, ErrTooLarge, ErrMalformed, ErrEntity, ErrUnsupported}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64<<10 {
			return
		}
		_, err := Decode(data)
		if err == nil {
			return
		}
		for _, k := range known {
			if errors.Is(err, k) {
				return
			}
		}
		t.Fatalf("error wraps no exported error: %v", err)
	})
}

// FuzzDecodeImage feeds arbitrary pixels to the QR reader stage (PNG
// mutations mostly die on a CRC before reaching it): the first byte is the
// width, the rest 8-bit gray pixels. It checks that the reader never
// panics and that failures wrap ErrNoCode.
func FuzzDecodeImage(f *testing.F) {
	for _, text := range []string{"https://example.org/1", "hello"} {
		q, err := goqrcode.New(text, goqrcode.Low)
		if err != nil {
			f.Fatal(err)
		}
		bm := q.Bitmap() // with its quiet zone
		n := 2 * len(bm)
		seed := []byte{byte(n)}
		for y := range n {
			for x := range n {
				v := byte(255)
				if bm[y/2][x/2] {
					v = 0
				}
				seed = append(seed, v)
			}
		}
		f.Add(seed)
	}
	f.Add([]byte{1, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 || data[0] == 0 || len(data) > 64<<10 {
			return
		}
		w := int(data[0])
		h := (len(data) - 1) / w
		if h == 0 {
			return
		}
		img := &image.Gray{Pix: data[1 : 1+w*h], Stride: w, Rect: image.Rect(0, 0, w, h)}
		if _, err := decodeImage(img, true); err != nil && !errors.Is(err, ErrNoCode) {
			t.Fatalf("error does not wrap ErrNoCode: %v", err)
		}
	})
}
