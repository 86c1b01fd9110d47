package artwork

import (
	"fmt"
	"math"
)

// rgb is an opaque sRGB colour.
type rgb struct{ r, g, b uint8 }

var (
	white = rgb{255, 255, 255}
	black = rgb{0, 0, 0}
)

// parseColor accepts exactly "#RRGGBB" (either case) and nothing else.
func parseColor(s string) (rgb, error) {
	if len(s) != 7 || s[0] != '#' {
		return rgb{}, fmt.Errorf("%w, got %q", ErrColor, truncate(s, 16))
	}
	var v [3]uint8
	for i := range v {
		hi, ok1 := hexDigit(s[1+2*i])
		lo, ok2 := hexDigit(s[2+2*i])
		if !ok1 || !ok2 {
			return rgb{}, fmt.Errorf("%w, got %q", ErrColor, s)
		}
		v[i] = hi<<4 | lo
	}
	return rgb{v[0], v[1], v[2]}, nil
}

func hexDigit(c byte) (uint8, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

func (c rgb) String() string { return fmt.Sprintf("#%02x%02x%02x", c.r, c.g, c.b) }

// mix moves c pct percent of the way to t, in integers so that every
// architecture gets the same bytes.
func mix(c, t rgb, pct int) rgb {
	m := func(a, b uint8) uint8 {
		return uint8((int(a)*(100-pct) + int(b)*pct + 50) / 100)
	}
	return rgb{m(c.r, t.r), m(c.g, t.g), m(c.b, t.b)}
}

// luminance is the WCAG relative luminance.
func (c rgb) luminance() float64 {
	ch := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.r) + 0.7152*ch(c.g) + 0.0722*ch(c.b)
}

// contrast is the WCAG contrast ratio of two colours (1 to 21).
func contrast(a, b rgb) float64 {
	la, lb := a.luminance(), b.luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// darkenUntil mixes c towards black, starting at from percent, in steps of
// 5%, until it has at least ratio contrast with bg.
func darkenUntil(c, bg rgb, from int, ratio float64) rgb {
	for pct := from; pct < 100; pct += 5 {
		if d := mix(c, black, pct); contrast(d, bg) >= ratio {
			return d
		}
	}
	return black
}

func makePalette(c rgb) palette {
	panel := mix(c, white, 94)
	return palette{
		Accent: c.String(),
		Light:  mix(c, white, 45).String(),
		Tint:   mix(c, white, 82).String(),
		Panel:  panel.String(),
		Dark:   mix(c, black, 30).String(),
		Darker: mix(c, black, 50).String(),
		Ink:    darkenUntil(c, panel, 15, 5).String(),
		Banner: darkenUntil(c, white, 20, 4.5).String(),
		Deep:   darkenUntil(c, white, 45, 8).String(),
	}
}
