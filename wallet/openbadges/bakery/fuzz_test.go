package bakery_test

import (
	"bytes"
	"errors"
	"testing"

	"badgewallet/internal/fixtures"
	"badgewallet/wallet/openbadges/bakery"
)

// FuzzUnbakePNG: unbaking never panics; an accepted image can be re-baked
// with its own payload and gives the payload back.
func FuzzUnbakePNG(f *testing.F) {
	for _, p := range pngImages {
		f.Add(fixtures.Read(f, p))
	}
	f.Add([]byte("\x89PNG\r\n\x1a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := bakery.UnbakePNG(data)
		if err != nil {
			if p.Text != nil {
				t.Fatalf("error %v with a payload", err)
			}
			return
		}
		if p.Legacy {
			return // tEXt is read, never written
		}
		text := bytes.Clone(p.Text)
		baked, err := bakery.BakePNG(data, p.Version, text)
		if err != nil {
			if errors.Is(err, bakery.ErrTooLarge) {
				return
			}
			t.Fatalf("unbake accepted it, bake refused: %v", err)
		}
		q, err := bakery.UnbakePNG(baked)
		if err != nil || !bytes.Equal(q.Text, text) || q.Version != p.Version {
			t.Fatalf("re-bake round trip: %v", err)
		}
	})
}

// FuzzUnbakeSVG: unbaking never panics; an accepted SVG bakes again and
// round-trips its own payload.
func FuzzUnbakeSVG(f *testing.F) {
	for _, p := range svgImages {
		f.Add(fixtures.Read(f, p))
	}
	f.Add([]byte(`<svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="x"/></svg>`))
	f.Add([]byte(`<!DOCTYPE svg [<!ENTITY a "b">]><svg/>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := bakery.UnbakeSVG(data)
		if err != nil {
			return
		}
		baked, err := bakery.BakeSVG(data, p)
		if err != nil {
			t.Fatalf("unbake accepted it, bake refused: %v", err)
		}
		q, err := bakery.UnbakeSVG(baked)
		if err != nil {
			t.Fatalf("baked SVG does not unbake: %v\n%q", err, baked)
		}
		// XML normalizes white space in attributes, so compare trimmed
		// JSON payloads only (URLs and JWS have no white space).
		if q.Version != p.Version || (len(p.Text) > 0 && p.Text[0] == '{' && !bytes.Equal(q.Text, bytes.TrimSpace(p.Text))) {
			t.Fatalf("re-bake round trip changed the payload:\n%q\n%q", p.Text, q.Text)
		}
	})
}
