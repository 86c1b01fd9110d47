package badge

import (
	"github.com/charmbracelet/glamour"
	"github.com/charmbracelet/glamour/ansi"
	"github.com/charmbracelet/glamour/styles"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// newRenderer builds a glamour renderer that wraps at width, in the
// colour profile lipgloss draws with: the plain ASCII ("notty") style
// without colour, else the dark or light style. The document margin is
// dropped (the page indents itself). It runs in a Cmd: building it reads
// the terminal's background once, through lipgloss.
func newRenderer(width int) *glamour.TermRenderer {
	p := lipgloss.ColorProfile()
	var cfg ansi.StyleConfig
	switch {
	case p == termenv.Ascii:
		cfg = styles.NoTTYStyleConfig
	case lipgloss.HasDarkBackground():
		cfg = styles.DarkStyleConfig
	default:
		cfg = styles.LightStyleConfig
	}
	var zero uint
	cfg.Document.Margin = &zero
	cfg.Document.BlockPrefix, cfg.Document.BlockSuffix = "", ""
	r, err := glamour.NewTermRenderer(glamour.WithStyles(cfg), glamour.WithColorProfile(p), glamour.WithWordWrap(width))
	if err != nil { // only a bad style option fails, and these are fixed
		panic(err)
	}
	return r
}
