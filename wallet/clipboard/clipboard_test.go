package clipboard

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"os"
	"strings"
	"testing"

	atotto "github.com/atotto/clipboard"
)

// env returns a getenv over a fixed map, so tests never read the real
// environment.
func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

// fakeSystem records what it was asked to copy and returns err.
type fakeSystem struct {
	calls []string
	err   error
}

func (f *fakeSystem) write(s string) error {
	f.calls = append(f.calls, s)
	return f.err
}

type wrap int

const (
	plain wrap = iota
	tmux
	screen
)

// decode checks the framing of an OSC 52 sequence written in the given wrap
// and returns the decoded payload. It is written independently of go-osc52.
func decode(t *testing.T, seq string, w wrap) string {
	t.Helper()
	inner := seq
	switch w {
	case tmux:
		const pre, suf = "\x1bPtmux;", "\x1b\\"
		if !strings.HasPrefix(inner, pre) || !strings.HasSuffix(inner, suf) {
			t.Fatalf("not a tmux passthrough: %q", seq)
		}
		inner = inner[len(pre) : len(inner)-len(suf)]
		// Every ESC inside the passthrough must be doubled.
		for i := 0; i < len(inner); i++ {
			if inner[i] == 0x1b {
				if i+1 >= len(inner) || inner[i+1] != 0x1b {
					t.Fatalf("undoubled ESC at %d in tmux payload %q", i, inner)
				}
				i++
			}
		}
		inner = strings.ReplaceAll(inner, "\x1b\x1b", "\x1b")
	case screen:
		const pre, suf, join = "\x1bP", "\x1b\\", "\x1b\\\x1bP"
		if !strings.HasPrefix(inner, pre) || !strings.HasSuffix(inner, suf) {
			t.Fatalf("not a screen DCS: %q", seq)
		}
		inner = inner[len(pre) : len(inner)-len(suf)]
		chunks := strings.Split(inner, join)
		for i, c := range chunks {
			// The first chunk also carries "ESC ] 52 ; c ;", the last the BEL.
			if n := len(c); n > 76+len("\x1b]52;c;\x07") {
				t.Fatalf("screen DCS chunk %d is %d bytes, want <= 76 of base64", i, n)
			}
		}
		inner = strings.Join(chunks, "")
	}
	const pre, suf = "\x1b]52;c;", "\x07"
	if !strings.HasPrefix(inner, pre) || !strings.HasSuffix(inner, suf) {
		t.Fatalf("not an OSC 52 set-clipboard sequence: %q", inner)
	}
	b64 := inner[len(pre) : len(inner)-len(suf)]
	got, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatalf("payload %q is not standard base64: %v", b64, err)
	}
	return string(got)
}

func TestCopy(t *testing.T) {
	boom := errors.New("boom: exit status 1")
	long := strings.Repeat("https://badges.example/p/abc?x=1&y=2 ", 20) // > 76 bytes of base64
	untrusted := "evil\x1b]52;c;Zm9v\x07\x1b[2J\x00\x9b<img src=x>"

	tests := []struct {
		name      string
		text      string
		sysErr    error
		noSystem  bool // System nil and atotto.Unsupported forced true
		env       func(string) string
		noOut     bool
		max       int
		wantSys   bool // System must be called
		wantM     Method
		wantWrap  wrap
		wantSeq   string // exact sequence, when set
		wantErr   []string
		wantIs    []error
		wantNoOut bool // nothing written to Out
	}{
		{
			name: "system clipboard works", text: "https://badges.example/b/1",
			env: env(), wantSys: true, wantM: System, wantNoOut: true,
		},
		{
			name: "system clipboard preferred inside tmux", text: "hi",
			env: env("TMUX", "/tmp/tmux-0/default,1,0", "TERM", "screen-256color"), wantSys: true, wantM: System, wantNoOut: true,
		},
		{
			name: "system fails, falls back to OSC 52", text: "hi", sysErr: boom,
			env: env("TERM", "xterm-256color"), wantSys: true, wantM: OSC52,
			wantWrap: plain, wantSeq: "\x1b]52;c;aGk=\x07",
		},
		{
			name: "system fails, no terminal", text: "hi", sysErr: boom, noOut: true,
			env: env(), wantSys: true,
			wantErr: []string{"the system clipboard failed (boom: exit status 1)", "no terminal to send OSC 52 to", "save to a file"},
			wantIs:  []error{ErrNoClipboard, boom},
		},
		{
			name: "injected system reports no tool, no terminal", text: "hi", sysErr: ErrSystemUnavailable, noOut: true,
			env: env(), wantSys: true,
			wantErr: []string{"copy to clipboard: no clipboard tool (install xclip, xsel or wl-clipboard) and no terminal to send OSC 52 to"},
			wantIs:  []error{ErrNoClipboard},
		},
		{
			name: "atotto unsupported goes straight to OSC 52", text: "hi", noSystem: true,
			env: env("TERM", "xterm"), wantM: OSC52, wantWrap: plain, wantSeq: "\x1b]52;c;aGk=\x07",
		},
		{
			name: "atotto unsupported, no terminal", text: "hi", noSystem: true, noOut: true,
			env:     env(),
			wantErr: []string{"copy to clipboard: no clipboard tool (install xclip, xsel or wl-clipboard) and no terminal to send OSC 52 to; save to a file instead"},
			wantIs:  []error{ErrNoClipboard},
		},
		{
			name: "SSH_TTY skips the remote system clipboard", text: "hi",
			env: env("SSH_TTY", "/dev/pts/3", "TERM", "xterm-256color"), wantM: OSC52,
			wantWrap: plain, wantSeq: "\x1b]52;c;aGk=\x07",
		},
		{
			name: "SSH_CONNECTION skips the remote system clipboard", text: "hi",
			env: env("SSH_CONNECTION", "10.0.0.2 51234 10.0.0.1 22"), wantM: OSC52,
			wantWrap: plain, wantSeq: "\x1b]52;c;aGk=\x07",
		},
		{
			name: "SSH without a terminal", text: "hi", noOut: true,
			env:     env("SSH_TTY", "/dev/pts/3"),
			wantErr: []string{"over SSH the system clipboard is the remote machine's and no terminal to send OSC 52 to"},
			wantIs:  []error{ErrNoClipboard},
		},
		{
			name: "tmux passthrough (tmux sets TERM=screen too)", text: "hi",
			env:      env("SSH_TTY", "/dev/pts/3", "TMUX", "/tmp/tmux-1000/default,42,0", "TERM", "screen-256color"),
			wantM:    OSC52,
			wantWrap: tmux, wantSeq: "\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\",
		},
		{
			name: "GNU screen DCS", text: "hi",
			env:      env("SSH_TTY", "/dev/pts/3", "TERM", "screen"),
			wantM:    OSC52,
			wantWrap: screen, wantSeq: "\x1bP\x1b]52;c;aGk=\x07\x1b\\",
		},
		{
			name: "GNU screen with a TERM suffix, long text is chunked", text: long,
			env:   env("SSH_TTY", "/dev/pts/3", "TERM", "screen.xterm-256color"),
			wantM: OSC52, wantWrap: screen,
		},
		{
			name: "tmux, long text", text: long,
			env:   env("SSH_TTY", "/dev/pts/3", "TMUX", "x"),
			wantM: OSC52, wantWrap: tmux,
		},
		{
			name: "untrusted bytes are base64-encoded exactly", text: untrusted,
			env:   env("SSH_TTY", "/dev/pts/3"),
			wantM: OSC52, wantWrap: plain,
		},
		{
			name: "untrusted bytes inside tmux", text: untrusted,
			env:   env("SSH_TTY", "/dev/pts/3", "TMUX", "x"),
			wantM: OSC52, wantWrap: tmux,
		},
		{
			name: "at the limit", text: strings.Repeat("a", 10), max: 10,
			env: env("SSH_TTY", "x"), wantM: OSC52, wantWrap: plain,
		},
		{
			name: "over the limit", text: strings.Repeat("a", 11), max: 10,
			env: env("SSH_TTY", "x"), wantNoOut: true,
			wantErr: []string{"over SSH", "the snippet (11 bytes) is too long for the terminal clipboard (limit 10 bytes); use the save-to-file option instead"},
			wantIs:  []error{ErrTooLong},
		},
		{
			name: "over the limit after the system clipboard failed", text: strings.Repeat("a", 11), max: 10, sysErr: boom,
			env: env(), wantSys: true, wantNoOut: true,
			wantErr: []string{"the system clipboard failed (boom: exit status 1)", "too long for the terminal clipboard", "save-to-file"},
			wantIs:  []error{ErrTooLong, boom},
		},
		{
			name: "default limit accepts 100000 bytes", text: strings.Repeat("a", 100_000),
			env: env("SSH_TTY", "x"), wantM: OSC52, wantWrap: plain,
		},
		{
			name: "default limit refuses 100001 bytes", text: strings.Repeat("a", 100_001),
			env: env("SSH_TTY", "x"), wantNoOut: true,
			wantErr: []string{"(100001 bytes) is too long for the terminal clipboard (limit 100000 bytes)"},
			wantIs:  []error{ErrTooLong},
		},
		{
			name: "empty text", text: "",
			env: env("SSH_TTY", "x"), wantM: OSC52, wantWrap: plain, wantSeq: "\x1b]52;c;\x07",
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sys := &fakeSystem{err: tt.sysErr}
			var out bytes.Buffer
			c := Copier{System: sys.write, Env: tt.env, MaxOSC52: tt.max, Out: &out}
			if tt.noOut {
				c.Out = nil
			}
			if tt.noSystem {
				c.System = nil
				old := atotto.Unsupported
				atotto.Unsupported = true
				t.Cleanup(func() { atotto.Unsupported = old })
			}

			res, err := c.Copy(context.Background(), tt.text)

			if tt.wantSys {
				if len(sys.calls) != 1 || sys.calls[0] != tt.text {
					t.Fatalf("system clipboard calls = %q, want one call with the text", sys.calls)
				}
			} else if len(sys.calls) != 0 {
				t.Fatalf("system clipboard was called (%d times), want not", len(sys.calls))
			}

			if tt.wantErr != nil || tt.wantIs != nil {
				if err == nil {
					t.Fatalf("Copy = %+v, nil; want an error", res)
				}
				for _, s := range tt.wantErr {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("error %q does not contain %q", err, s)
					}
				}
				for _, target := range tt.wantIs {
					if !errors.Is(err, target) {
						t.Errorf("error %q is not %v", err, target)
					}
				}
				if res != (Result{}) {
					t.Errorf("Result = %+v on error, want zero", res)
				}
				if out.Len() != 0 {
					t.Errorf("wrote %q to the terminal on error", out.String())
				}
				return
			}
			if err != nil {
				t.Fatalf("Copy: %v", err)
			}
			if res.Method != tt.wantM || res.Bytes != len(tt.text) {
				t.Fatalf("Result = %+v, want {%s %d}", res, tt.wantM, len(tt.text))
			}
			if tt.wantNoOut || tt.wantM == System {
				if out.Len() != 0 {
					t.Fatalf("wrote %q to the terminal, want nothing", out.String())
				}
				return
			}
			if tt.wantSeq != "" && out.String() != tt.wantSeq {
				t.Errorf("sequence = %q, want %q", out.String(), tt.wantSeq)
			}
			if got := decode(t, out.String(), tt.wantWrap); got != tt.text {
				t.Errorf("decoded payload = %q, want %q", got, tt.text)
			}
		})
	}
}

// TestUntrustedTextCannotEscape checks that no byte of the copied text
// reaches the terminal raw: the only control bytes are the framing.
func TestUntrustedTextCannotEscape(t *testing.T) {
	text := "\x1b]52;c;Zm9v\x07\x1bP\x1b\\\x07\x00\x9c\x9d"
	var out bytes.Buffer
	c := Copier{Out: &out, Env: env("SSH_TTY", "x")}
	if _, err := c.Copy(context.Background(), text); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	body := s[len("\x1b]52;c;") : len(s)-1]
	for i := 0; i < len(body); i++ {
		if b := body[i]; b < 0x20 || b >= 0x7f {
			t.Fatalf("control or 8-bit byte %#x at %d in payload %q", b, i, body)
		}
	}
}

type failWriter struct{ short bool }

func (w failWriter) Write(p []byte) (int, error) {
	if w.short {
		return len(p) / 2, nil
	}
	return 0, errors.New("write /dev/pts/3: input/output error")
}

func TestCopyTerminalWriteFails(t *testing.T) {
	for _, tt := range []struct {
		name string
		w    failWriter
		want string
	}{
		{"error", failWriter{}, "writing the OSC 52 sequence to the terminal failed (write /dev/pts/3: input/output error); save to a file instead"},
		{"short write", failWriter{short: true}, "writing the OSC 52 sequence to the terminal failed (short write)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := Copier{Out: tt.w, Env: env("SSH_TTY", "x")}
			_, err := c.Copy(context.Background(), "hi")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
			if !errors.Is(err, ErrNoClipboard) {
				t.Errorf("err %v is not ErrNoClipboard", err)
			}
		})
	}
}

func TestCopyContext(t *testing.T) {
	t.Run("already cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		sys := &fakeSystem{}
		var out bytes.Buffer
		c := Copier{Out: &out, System: sys.write, Env: env()}
		_, err := c.Copy(ctx, "hi")
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if len(sys.calls) != 0 || out.Len() != 0 {
			t.Fatalf("copied anyway: system %q, terminal %q", sys.calls, out.String())
		}
	})
	t.Run("cancelled while the clipboard tool hangs", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		release := make(chan struct{})
		defer close(release)
		var out bytes.Buffer
		c := Copier{
			Out: &out,
			Env: env(),
			System: func(string) error {
				cancel() // the user gives up while xclip hangs
				<-release
				return nil
			},
		}
		_, err := c.Copy(ctx, "hi")
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if out.Len() != 0 {
			t.Fatalf("fell back to OSC 52 after cancellation: %q", out.String())
		}
	})
}

func TestZeroCopierHasNoOSC52(t *testing.T) {
	old := atotto.Unsupported
	atotto.Unsupported = true
	t.Cleanup(func() { atotto.Unsupported = old })
	_, err := Copier{Env: env()}.Copy(context.Background(), "hi")
	if !errors.Is(err, ErrNoClipboard) {
		t.Fatalf("err = %v, want ErrNoClipboard", err)
	}
}

func TestSequence(t *testing.T) {
	for _, tt := range []struct {
		env  func(string) string
		want string
	}{
		{env(), "\x1b]52;c;aGk=\x07"},
		{env("TERM", "xterm-256color"), "\x1b]52;c;aGk=\x07"},
		{env("TERM", "screen"), "\x1bP\x1b]52;c;aGk=\x07\x1b\\"},
		{env("TMUX", "x", "TERM", "tmux-256color"), "\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\"},
		{env("TMUX", "x", "TERM", "screen"), "\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\"},
	} {
		if got := Sequence("hi", tt.env); got != tt.want {
			t.Errorf("Sequence(TERM=%q TMUX=%q) = %q, want %q", tt.env("TERM"), tt.env("TMUX"), got, tt.want)
		}
	}
}

func TestResultString(t *testing.T) {
	for _, tt := range []struct {
		r    Result
		want string
	}{
		{Result{System, 1}, "Copied 1 byte to the system clipboard."},
		{Result{System, 42}, "Copied 42 bytes to the system clipboard."},
		{Result{OSC52, 42}, "Sent 42 bytes to the terminal clipboard (OSC 52); if nothing pastes, your terminal does not support OSC 52: save to a file instead."},
		{Result{}, "Nothing was copied."},
	} {
		if got := tt.r.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.r, got, tt.want)
		}
	}
}

// TestRealSystemClipboard round-trips through the real clipboard tool. It
// overwrites the user's clipboard, so it runs only when asked to.
func TestRealSystemClipboard(t *testing.T) {
	if os.Getenv("BADGEWALLET_TEST_CLIPBOARD") != "1" {
		t.Skip("set BADGEWALLET_TEST_CLIPBOARD=1 to test the real system clipboard (it overwrites your clipboard)")
	}
	if atotto.Unsupported {
		t.Skip("no system clipboard tool (xclip, xsel, wl-clipboard, pbcopy) on this machine")
	}
	const text = "badgewallet clipboard test: https://badges.example/share/✓"
	res, err := Copier{Env: env()}.Copy(context.Background(), text)
	if err != nil {
		t.Fatalf("Copy: %v", err)
	}
	if res.Method != System || res.Bytes != len(text) {
		t.Fatalf("Result = %+v", res)
	}
	got, err := atotto.ReadAll()
	if err != nil {
		t.Fatalf("ReadAll: %v", err)
	}
	if got != text {
		t.Fatalf("clipboard holds %q, want %q", got, text)
	}
}
