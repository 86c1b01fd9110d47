// Package badge is the Badge page of the terminal UI: one badge in full —
// its artwork (half blocks, or a box with its initials), the facts as a
// definition list, the criteria rendered from Markdown (glamour), skills,
// evidence, description and the last verification report as a checklist —
// with keys to re-verify, make it public or private, share it, export the
// credential or the baked image, and accept or reject it while it is
// pending. The body scrolls.
//
// It may import ui/common, ui/thumb (through common), wallet and its
// subpackages (openbadges, verify), bubbletea, bubbles, lipgloss, glamour
// and x/ansi. It imports no other page.
package badge
