// Package clipboard copies a share link or an embed snippet to the user's
// clipboard and says how it did it.
//
// It tries the system clipboard first (github.com/atotto/clipboard, which
// drives pbcopy, xclip, xsel, wl-copy, termux-clipboard-set or the Windows
// API), and falls back to OSC 52, the terminal escape sequence that asks the
// terminal emulator itself to set the clipboard. OSC 52 is used directly,
// without trying the system clipboard, when no clipboard tool is installed or
// when the wallet runs over SSH (SSH_TTY or SSH_CONNECTION set), where the
// "system" clipboard would be the remote machine's.
//
// Inside tmux (TMUX set) the OSC 52 sequence is wrapped in tmux's DCS
// passthrough (ESC P tmux; … ESC \, every inner ESC doubled), which needs
// `set -g allow-passthrough on` in tmux 3.3 and later; inside GNU screen
// (TERM=screen*, TMUX unset) it is wrapped in a plain DCS (ESC P … ESC \),
// split into 76-byte chunks because screen caps the length of one string
// sequence. The sequences come from github.com/aymanbagabas/go-osc52/v2.
//
// A terminal that does not understand OSC 52 ignores it silently, so a
// Result with Method OSC52 means "sent", not "confirmed"; Result.String says
// so to the user.
//
// Copy can block on an external program (xclip without a display, for one),
// so callers in the TUI run it inside a tea.Cmd and pass a context with a
// timeout. Errors say what failed and what the user can do instead, and
// ErrTooLong / ErrNoClipboard let callers offer the save-to-file option.
//
// It imports the standard library, github.com/atotto/clipboard and
// github.com/aymanbagabas/go-osc52/v2; never ui, bubbletea or lipgloss.
package clipboard
