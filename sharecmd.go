package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"badgewallet/wallet"
	"badgewallet/wallet/clipboard"
	"badgewallet/wallet/safetext"
	"badgewallet/wallet/share"
)

func newShareCmds(opts *options, stdout, stderr io.Writer) []*cobra.Command {
	var as, qrPNG string
	var copyIt bool
	var names []string
	for _, f := range share.Formats() {
		names = append(names, string(f.Format))
	}
	sh := &cobra.Command{
		Use:   "share ID --as FORMAT [--copy]",
		Short: "A share link or embed snippet for a badge: " + strings.Join(names, ", "),
		Args:  cobra.ExactArgs(1),
		RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			f := share.Format(as)
			if _, ok := share.Lookup(f); !ok {
				return fmt.Errorf("--as %q: choose one of %s", as, strings.Join(names, ", "))
			}
			if qrPNG != "" {
				png, err := w.ShareQRPNG(ctx, id)
				if err != nil {
					return err
				}
				if err := os.WriteFile(qrPNG, png, 0o644); err != nil {
					return err
				}
			}
			s, err := w.Share(ctx, id, f)
			if err != nil {
				return err
			}
			if !opts.json {
				fmt.Fprintln(stdout, s)
			}
			copied := ""
			if copyIt {
				// OSC 52 goes to the terminal itself, never into a pipe.
				tty, done := terminalOut()
				defer done()
				res, err := clipboard.Copier{Out: tty}.Copy(ctx, s)
				if err != nil {
					return err
				}
				copied = string(res.Method)
			}
			if opts.json {
				return writeJSONLine(stdout, map[string]string{"format": as, "snippet": s, "copiedTo": copied})
			}
			if copied != "" {
				fmt.Fprintf(stderr, "✔ Copied to the %s.\n", copied)
			}
			return nil
		}),
	}
	sh.Flags().StringVar(&as, "as", "url", "format: "+strings.Join(names, ", "))
	sh.Flags().BoolVar(&copyIt, "copy", false, "copy it to the clipboard (system clipboard, or OSC 52 in the terminal)")
	sh.Flags().StringVar(&qrPNG, "qr-png", "", "also save the QR code of the verification link as a PNG file")

	publicURL := &cobra.Command{
		Use: "public-url URL", Short: "Where your public profile is published (share links point there)", Args: cobra.ExactArgs(1),
		RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, args []string) error {
			if err := w.SetBaseURL(ctx, args[0]); err != nil {
				return err
			}
			u, err := w.BaseURL(ctx) // as stored (normalized)
			if err != nil {
				return err
			}
			return opts.say(stdout, map[string]string{"publicUrl": u}, "Share links now point to %s.\n", safetext.Line(u))
		}),
	}
	return []*cobra.Command{sh, publicURL}
}

// terminalOut returns the user's terminal for OSC 52: the controlling
// terminal, else stderr or stdout when one is a terminal; nil when there is
// none (output piped, no terminal), so the sequence never lands in a file.
func terminalOut() (io.Writer, func()) {
	if f, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		return f, func() { f.Close() }
	}
	for _, f := range []*os.File{os.Stderr, os.Stdout} {
		if term.IsTerminal(f.Fd()) {
			return f, func() {}
		}
	}
	return nil, func() {}
}
