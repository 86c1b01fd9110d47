package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"badgewallet/wallet"
	"badgewallet/wallet/safetext"
)

func newMoreWalletCmds(opts *options, stdout io.Writer) []*cobra.Command {
	var out, as string
	export := &cobra.Command{
		Use:   "export ID [-o FILE] [--as original|credential|url]",
		Short: "Save a badge's file exactly as received (baked PNG/SVG, JSON or JWT), its credential, or its verification URL",
		Args:  cobra.ExactArgs(1),
		RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			x, err := w.Export(ctx, id, wallet.ExportAs(as))
			if err != nil {
				return err
			}
			if out == "" && as != string(wallet.ExportURL) {
				return fmt.Errorf("say where to save it with -o FILE (for example -o badge-%d%s)", id, x.Ext)
			}
			if out == "" {
				if opts.json {
					return writeJSONLine(stdout, map[string]any{"id": id, "as": as, "url": strings.TrimSpace(string(x.Data))})
				}
				_, err := stdout.Write(x.Data)
				return err
			}
			if err := writeFileAtomic(out, x.Data); err != nil {
				return err
			}
			return opts.say(stdout, map[string]any{"id": id, "as": as, "file": out, "bytes": len(x.Data), "type": x.Type},
				"Saved badge #%d (%s) to %s: %d bytes.\n", id, as, safetext.Line(out), len(x.Data))
		}),
	}
	export.Flags().StringVarP(&out, "output", "o", "", "file to write")
	export.Flags().StringVar(&as, "as", string(wallet.ExportOriginal), "original (the file as received), credential (the JSON or JWT inside), url (the verification URL) or artwork (the newest picture from the issuer)")

	skills := &cobra.Command{
		Use: "skills", Short: "Skills from your accepted badges, with job-search links", Args: cobra.NoArgs,
		RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, _ []string) error {
			sk, err := w.Skills(ctx)
			if err != nil {
				return err
			}
			if opts.json {
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

	var offline, artwork bool
	refresh := &cobra.Command{
		Use: "refresh [ID] [--artwork]", Short: "Re-verify one badge or all (revocation, expiry) and keep the result; --artwork also looks for newer pictures", Args: cobra.MaximumNArgs(1),
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
			vo := wallet.VerifyOptions{Offline: offline, Transport: rt}
			if _, err = w.Refresh(ctx, id, vo, func(r wallet.Refreshed) {
				opts.say(stdout, r, "#%d %s: %s → %s\n", r.ID, safetext.Line(r.Name), r.Before, r.Verdict)
			}); err != nil || !artwork {
				return err
			}
			_, err = w.RefreshArtwork(ctx, id, vo, func(r wallet.ArtworkResult) {
				text := fmt.Sprintf("#%d %s: artwork %s", r.ID, safetext.Line(r.Name), r.Status)
				switch r.Status {
				case "newer":
					text += fmt.Sprintf(" — kept beside the old (%d version%s from the issuer; export --as artwork)", r.Versions, plural(r.Versions))
				case "failed":
					text += " — " + safetext.Line(r.Err)
				}
				opts.say(stdout, map[string]any{"artwork": r}, "%s\n", text)
			})
			return err
		}),
	}
	refresh.Flags().BoolVar(&offline, "offline", false, "never use the network")
	refresh.Flags().BoolVar(&artwork, "artwork", false, "also fetch each badge's picture from its issuer and keep it when it is newer (the old stays)")

	backup := &cobra.Command{
		Use: "backup FILE", Short: "Save every badge file and your settings into one zip", Args: cobra.ExactArgs(1),
		RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, args []string) error {
			n, err := w.Backup(ctx, args[0])
			if err != nil {
				return err
			}
			return opts.say(stdout, map[string]any{"file": args[0], "badges": n}, "Backed up %d badges to %s.\n", n, safetext.Line(args[0]))
		}),
	}
	restore := &cobra.Command{
		Use: "restore FILE", Short: "Add what a backup has and the wallet lacks (restoring twice is restoring once)", Args: cobra.ExactArgs(1),
		RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, args []string) error {
			s, err := w.Restore(ctx, args[0])
			if err != nil {
				return err
			}
			return opts.say(stdout, s, "Restored %d badges; %d were already in the wallet.\n", s.Added, s.AlreadyThere)
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

// writeFileAtomic writes data to a temporary file beside path and renames
// it into place, so that path is never left half written.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".badgewallet-*")
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	return nil
}
