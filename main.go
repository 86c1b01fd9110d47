// Command badgewallet is a terminal wallet for Open Badges. With no
// arguments it opens the wallet in a terminal UI; subcommands work on
// files and the wallet from the command line.
//
// main.go is wiring only: it parses the command line, opens stores, builds
// services and starts the TUI or runs a subcommand.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/adrg/xdg"
	"github.com/spf13/cobra"

	"badgewallet/wallet"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// exitError carries an exit status for errors already reported.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// run executes the command line and returns the process exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	var ee exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.code
	default:
		fmt.Fprintln(stderr, "badgewallet:", err)
		return 1
	}
}

// options are the global flags.
type options struct {
	db   string
	json bool // --json: print one JSON value per result instead of text
}

// say prints v as one JSON line with --json, else the text.
func (o *options) say(w io.Writer, v any, format string, args ...any) error {
	if o.json {
		return writeJSONLine(w, v)
	}
	_, err := fmt.Fprintf(w, format, args...)
	return err
}

func defaultDBPath() string {
	if p := os.Getenv("BADGEWALLET_DB"); p != "" {
		return p
	}
	return filepath.Join(xdg.DataHome, "badgewallet", "wallet.db")
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	opts := &options{}
	root := &cobra.Command{
		Use:   "badgewallet",
		Short: "A terminal wallet for Open Badges",
		Long: "badgewallet holds, verifies and shares Open Badges (2.0 and 3.0).\n" +
			"With no command it opens the wallet in the terminal.",
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			w, err := wallet.Open(cmd.Context(), opts.db)
			if err != nil {
				return err
			}
			defer w.Close()
			return runTUI(cmd.Context(), w, opts.db)
		},
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.PersistentFlags().StringVar(&opts.db, "db", defaultDBPath(), "wallet database file (env BADGEWALLET_DB)")
	root.PersistentFlags().BoolVar(&opts.json, "json", false, "print JSON (one value per line) instead of text")
	root.AddCommand(newInspect(opts, stdout, stderr), newVerify(opts, stdout, stderr), newIssuerCmd(opts, stdout, stderr))
	root.AddCommand(newWalletCmds(opts, stdout, stderr)...)
	root.AddCommand(newClaimCmd(opts, stdout, stderr))
	root.AddCommand(newMoreWalletCmds(opts, stdout)...)
	root.AddCommand(newShareCmds(opts, stdout, stderr)...)
	root.AddCommand(newPublishCmds(opts, stdout)...)
	return root
}
