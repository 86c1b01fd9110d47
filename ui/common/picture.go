package common

import (
	"context"
	"image"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"badgewallet/ui/thumb"
	"badgewallet/wallet"
	"badgewallet/wallet/safetext"
)

// LoadPicture returns badge id's picture: the newest artwork fetched from
// its issuer, else the baked original when it is an image. It returns nil
// and no error when the badge has no picture (a JSON or JWT credential).
// It reads the database and decodes: call it from a Cmd.
func LoadPicture(ctx context.Context, w *wallet.Wallet, id int64) (image.Image, error) {
	art, err := w.Artwork(ctx, id)
	if err != nil {
		return nil, err
	}
	for i := len(art) - 1; i >= 0; i-- {
		if img, err := thumb.Decode(art[i].Data); err == nil {
			return img, nil
		}
	}
	orig, err := w.Original(ctx, id)
	if err != nil {
		return nil, err
	}
	img, err := thumb.Decode(orig)
	if err != nil {
		return nil, nil // not a picture: the initials stand in
	}
	return img, nil
}

// Artwork draws img in cols×rows cells with half blocks in the colour
// profile lipgloss uses; without a picture, or without colour (NO_COLOR,
// ASCII), a bordered box with the badge's initials stands in.
func Artwork(img image.Image, name string, cols, rows int) string {
	p := lipgloss.ColorProfile()
	if img != nil && p != termenv.Ascii {
		if s := thumb.Render(img, cols, rows, p); s != "" {
			return s
		}
	}
	return InitialsBox(name, cols, rows)
}

// InitialsBox is a cols×rows rounded box with up to two initials of name
// in the middle.
func InitialsBox(name string, cols, rows int) string {
	if cols < 2 || rows < 1 {
		return ""
	}
	ini := safetext.Initials(name)
	if rows == 1 {
		return padCenter("["+ini+"]", cols)
	}
	inner := cols - 2
	lines := make([]string, rows)
	lines[0] = "╭" + strings.Repeat("─", inner) + "╮"
	lines[rows-1] = "╰" + strings.Repeat("─", inner) + "╯"
	mid := (rows - 1) / 2
	if rows == 2 {
		lines[0] = "╭" + padCenterRule(ini, inner) + "╮"
	}
	for i := 1; i < rows-1; i++ {
		content := strings.Repeat(" ", inner)
		if i == mid {
			content = padCenter(ini, inner)
		}
		lines[i] = "│" + content + "│"
	}
	return strings.Join(lines, "\n")
}

func padCenter(s string, w int) string {
	n := lipgloss.Width(s)
	if n >= w {
		return Clean(s, w)
	}
	left := (w - n) / 2
	return strings.Repeat(" ", left) + s + strings.Repeat(" ", w-n-left)
}

func padCenterRule(s string, w int) string {
	n := lipgloss.Width(s)
	if n >= w {
		return Clean(s, w)
	}
	left := (w - n) / 2
	return strings.Repeat("─", left) + s + strings.Repeat("─", w-n-left)
}
