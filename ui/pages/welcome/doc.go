// Package welcome is the first-run page: an empty wallet asks for the
// holder's email (or takes the demo address) and offers demo mode, which
// starts the embedded Contoso Learning issuer, awards a few badges to that
// address and leaves their notifications in the inbox.
//
// It may import ui/common, ui/demo, issuer, wallet, bubbletea, bubbles and
// lipgloss.
package welcome
