package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"badgewallet/wallet"
	"badgewallet/wallet/safetext"
)

func newMoreWalletCmds(opts *options, stdout io.Writer) []*cobra.Command {
	var out string
	export := &cobra.Command{
		Use: "export ID -o FILE", Short: "Save a badge's file exactly as received (baked PNG/SVG, JSON or JWT)", Args: cobra.ExactArgs(1),
		RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			if out == "" {
				return fmt.Errorf("say where to save it with -o FILE")
			}
			data, err := w.Original(ctx, id)
			if err != nil {
				return err
			}
			if err := os.WriteFile(out, data, 0o644); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Saved badge #%d to %s (%d bytes, as received).\n", id, safetext.Line(out), len(data))
			return nil
		}),
	}
	export.Flags().StringVarP(&out, "output", "o", "", "file to write")

	var asJSON bool
	skills := &cobra.Command{
		Use: "skills", Short: "Skills from your accepted badges, with job-search links", Args: cobra.NoArgs,
		RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, _ []string) error {
			sk, err := w.Skills(ctx)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSONLine(stdout, sk)
			}
			if len(sk) == 0 {
				fmt.Fprintln(stdout, "No skills yet: accept badges that name skills.")
			}
			for _, s := range sk {
				fmt.Fprintf(stdout, "%s (%d badge%s)\n  jobs: %s\n", safetext.Line(s.Name), len(s.Badges), plural(len(s.Badges)), s.JobSearch)
			}
			return nil
		}),
	}
	skills.Flags().BoolVar(&asJSON, "json", false, "print JSON")

	var offline bool
	refresh := &cobra.Command{
		Use: "refresh [ID]", Short: "Re-verify one badge or all (revocation, expiry) and keep the result", Args: cobra.MaximumNArgs(1),
		RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, args []string) error {
			var id int64
			if len(args) == 1 {
				var err error
				if id, err = parseID(args[0]); err != nil {
					return err
				}
			}
			rt, done, err := embeddedTransport(ctx, opts.db)
			if err != nil {
				return err
			}
			defer done()
			_, err = w.Refresh(ctx, id, wallet.VerifyOptions{Offline: offline, Transport: rt}, func(r wallet.Refreshed) {
				fmt.Fprintf(stdout, "#%d %s: %s → %s\n", r.ID, safetext.Line(r.Name), r.Before, r.Verdict)
			})
			return err
		}),
	}
	refresh.Flags().BoolVar(&offline, "offline", false, "never use the network")

	backup := &cobra.Command{
		Use: "backup FILE", Short: "Save every badge file and your settings into one zip", Args: cobra.ExactArgs(1),
		RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, args []string) error {
			n, err := w.Backup(ctx, args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Backed up %d badges to %s.\n", n, safetext.Line(args[0]))
			return nil
		}),
	}
	restore := &cobra.Command{
		Use: "restore FILE", Short: "Add what a backup has and the wallet lacks (restoring twice is restoring once)", Args: cobra.ExactArgs(1),
		RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, args []string) error {
			s, err := w.Restore(ctx, args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Restored %d badges; %d were already in the wallet.\n", s.Added, s.AlreadyThere)
			return nil
		}),
	}
	return []*cobra.Command{export, skills, refresh, backup, restore}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
