package badge

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// TestCriteriaWrap: at every width and colour profile, criteria lines fit
// the width and no line ends early — the next word would not have fit
// (glamour's own wrap leaves lone words at some widths when a line holds
// bold text).
func TestCriteriaWrap(t *testing.T) {
	defer lipgloss.SetColorProfile(termenv.Ascii)
	const md = "Pass exam **CL-303** with a score of 700 or more. It is one of the two exams of the Solutions Architect Expert certification, see [the guide](https://example.org/guide)."
	for _, p := range []termenv.Profile{termenv.TrueColor, termenv.Ascii} {
		lipgloss.SetColorProfile(p)
		for w := 30; w <= 120; w++ {
			lines := strings.Split(ansi.Strip(renderMarkdown(md, w)), "\n")
			for i, l := range lines {
				if lw := ansi.StringWidth(l); lw > w {
					t.Fatalf("profile %v width %d: line %d is %d wide: %q", p, w, i, lw, l)
				}
				if i+1 < len(lines) {
					next := strings.Fields(lines[i+1])
					if len(next) > 0 && ansi.StringWidth(strings.TrimRight(l, " "))+1+ansi.StringWidth(next[0]) <= w {
						t.Fatalf("profile %v width %d: line %d ends early: %q then %q", p, w, i, l, lines[i+1])
					}
				}
			}
		}
	}
}

func BenchmarkRenderCriteria(b *testing.B) {
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	for b.Loop() {
		renderMarkdown("Pass exam **CL-303** with a score of 700 or more. It is one of the two exams of the Solutions Architect Expert certification.\n\n- one\n- two **three**\n\nValid for two years.", 76)
	}
}
