package clipboard

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	atotto "github.com/atotto/clipboard"
	osc52 "github.com/aymanbagabas/go-osc52/v2"
)

// Method says how the text reached the clipboard.
type Method string

const (
	// System is the operating system's clipboard (pbcopy, xclip, xsel,
	// wl-copy, termux-clipboard-set, the Windows API).
	System Method = "system clipboard"
	// OSC52 is the terminal's clipboard, set with the OSC 52 escape sequence.
	OSC52 Method = "terminal clipboard (OSC 52)"
)

// DefaultMaxOSC52 is the largest text, in bytes before base64 encoding, that
// Copy sends through OSC 52 when Copier.MaxOSC52 is not set.
const DefaultMaxOSC52 = 100_000

var (
	// ErrTooLong is wrapped by the error Copy returns when the text is longer
	// than the terminal clipboard accepts and no system clipboard took it.
	ErrTooLong = errors.New("too long for the terminal clipboard")
	// ErrNoClipboard is wrapped by the error Copy returns when there is
	// neither a usable system clipboard nor a terminal to send OSC 52 to.
	ErrNoClipboard = errors.New("no clipboard available")
	// ErrSystemUnavailable may be returned (or wrapped) by an injected
	// Copier.System to say that no system clipboard tool exists; Copy then
	// treats it like atotto's clipboard.Unsupported.
	ErrSystemUnavailable = errors.New("no system clipboard tool")
)

// Result tells the caller what was copied and how.
type Result struct {
	Method Method
	Bytes  int // length of the copied text in bytes
}

// String is a short message for the status bar.
func (r Result) String() string {
	switch r.Method {
	case System:
		return fmt.Sprintf("Copied %s to the system clipboard.", plural(r.Bytes))
	case OSC52:
		return fmt.Sprintf("Sent %s to the terminal clipboard (OSC 52); if nothing pastes, your terminal does not support OSC 52: save to a file instead.", plural(r.Bytes))
	}
	return "Nothing was copied."
}

func plural(n int) string {
	if n == 1 {
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}

// Copier copies text to a clipboard. The zero value uses the system
// clipboard only (no OSC 52, since it has no terminal to write to).
type Copier struct {
	// Out is the terminal, for OSC 52. Nil disables OSC 52. The sequence is
	// written with a single Write call.
	Out io.Writer
	// System writes text to the system clipboard. Nil means atotto's
	// clipboard.WriteAll when clipboard.Unsupported is false, and no system
	// clipboard otherwise. An injected System may return
	// ErrSystemUnavailable to mean "no clipboard tool here".
	System func(string) error
	// Env reads an environment variable. Nil means os.Getenv.
	Env func(string) string
	// MaxOSC52 is the largest text, in bytes before base64 encoding, sent
	// through OSC 52. Zero or negative means DefaultMaxOSC52; some
	// terminals cap lower.
	MaxOSC52 int
}

// Copy puts text on the clipboard: the system clipboard first, unless there
// is no clipboard tool or the session is over SSH, then OSC 52 on Out. The
// text is copied byte for byte (OSC 52 carries it base64-encoded, so
// untrusted text cannot inject escape sequences).
//
// If the system clipboard fails and OSC 52 is possible, Copy falls back to
// OSC 52. A context that ends while the system clipboard tool runs makes
// Copy return ctx.Err() (wrapped); the tool itself is left to finish.
func (c Copier) Copy(ctx context.Context, text string) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, fmt.Errorf("copy to clipboard: %w", err)
	}
	getenv := c.Env
	if getenv == nil {
		getenv = os.Getenv
	}
	ssh := getenv("SSH_TTY") != "" || getenv("SSH_CONNECTION") != ""

	// why explains, for the final error, why the system clipboard was not used.
	var why string
	var sysErr error
	write, haveSystem := c.systemWriter()
	switch {
	case ssh:
		why = "over SSH the system clipboard is the remote machine's"
	case !haveSystem:
		why = "no clipboard tool (install xclip, xsel or wl-clipboard)"
	default:
		err := runSystem(ctx, write, text)
		if err == nil {
			return Result{Method: System, Bytes: len(text)}, nil
		}
		if ctxErr := ctx.Err(); ctxErr != nil && errors.Is(err, ctxErr) {
			return Result{}, fmt.Errorf("copy to clipboard: %w", err)
		}
		if errors.Is(err, ErrSystemUnavailable) {
			why = "no clipboard tool (install xclip, xsel or wl-clipboard)"
		} else {
			sysErr = err
			why = fmt.Sprintf("the system clipboard failed (%v)", err)
		}
	}

	if c.Out == nil {
		return Result{}, &copyError{
			msg: fmt.Sprintf("copy to clipboard: %s and no terminal to send OSC 52 to; save to a file instead", why),
			is:  ErrNoClipboard, cause: sysErr,
		}
	}
	limit := c.MaxOSC52
	if limit <= 0 {
		limit = DefaultMaxOSC52
	}
	if len(text) > limit {
		return Result{}, &copyError{
			msg: fmt.Sprintf("copy to clipboard: %s, and the snippet (%s) is too long for the terminal clipboard (limit %s); use the save-to-file option instead", why, plural(len(text)), plural(limit)),
			is:  ErrTooLong, cause: sysErr,
		}
	}
	if err := ctx.Err(); err != nil {
		return Result{}, fmt.Errorf("copy to clipboard: %w", err)
	}
	seq := Sequence(text, getenv)
	n, err := io.WriteString(c.Out, seq)
	if err == nil && n < len(seq) {
		err = io.ErrShortWrite
	}
	if err != nil {
		return Result{}, &copyError{
			msg:   fmt.Sprintf("copy to clipboard: %s, and writing the OSC 52 sequence to the terminal failed (%v); save to a file instead", why, err),
			is:    ErrNoClipboard,
			cause: err,
		}
	}
	return Result{Method: OSC52, Bytes: len(text)}, nil
}

// Sequence returns the OSC 52 sequence that sets the clipboard to text,
// wrapped for tmux (TMUX set) or GNU screen (TERM=screen*, TMUX unset)
// according to getenv (nil means os.Getenv). It applies no size limit.
func Sequence(text string, getenv func(string) string) string {
	if getenv == nil {
		getenv = os.Getenv
	}
	s := osc52.New(text) // SystemClipboard ('c'), set operation, no limit
	switch {
	case getenv("TMUX") != "":
		s = s.Tmux()
	case strings.HasPrefix(getenv("TERM"), "screen"):
		s = s.Screen()
	}
	return s.String()
}

// systemWriter returns the function that writes the system clipboard and
// whether there is one.
func (c Copier) systemWriter() (func(string) error, bool) {
	if c.System != nil {
		return c.System, true
	}
	if atotto.Unsupported {
		return nil, false
	}
	return atotto.WriteAll, true
}

// runSystem runs write, giving up when ctx ends.
func runSystem(ctx context.Context, write func(string) error, text string) error {
	done := make(chan error, 1)
	go func() { done <- write(text) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// copyError carries a user-facing message while matching a sentinel
// (ErrTooLong, ErrNoClipboard) and the underlying cause with errors.Is/As.
type copyError struct {
	msg   string
	is    error
	cause error
}

func (e *copyError) Error() string { return e.msg }

func (e *copyError) Unwrap() []error {
	if e.cause == nil {
		return []error{e.is}
	}
	return []error{e.is, e.cause}
}
