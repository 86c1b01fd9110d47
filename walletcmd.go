package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"badgewallet/wallet"
	"badgewallet/wallet/safetext"
)

// withWallet opens the wallet for a command.
func withWallet(opts *options, fn func(ctx context.Context, w *wallet.Wallet, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		w, err := wallet.Open(cmd.Context(), opts.db)
		if err != nil {
			return err
		}
		defer w.Close()
		return fn(cmd.Context(), w, args)
	}
}

func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%q is not a badge number (see 'badgewallet list')", s)
	}
	return id, nil
}

func writeJSONLine(w io.Writer, v any) error { return json.NewEncoder(w).Encode(v) }

func newWalletCmds(opts *options, stdout, stderr io.Writer) []*cobra.Command {
	jsonFlag := func(c *cobra.Command) *cobra.Command {
		return c
	}
	printList := func(items []wallet.Summary, total, offset int) error {
		if opts.json {
			return writeJSONLine(stdout, map[string]any{"total": total, "badges": items})
		}
		if len(items) == 0 {
			fmt.Fprintln(stdout, "No badges.")
			return nil
		}
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tISSUER\tISSUED\tSTATE")
		for _, b := range items {
			state := b.Verification + " · " + b.Privacy + " · " + b.Acceptance
			if b.NotAddressed {
				state += " · not addressed to you"
			}
			issued := ""
			if !b.Issued.IsZero() {
				issued = b.Issued.Format("Jan 2006")
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", b.ID, safetext.Truncate(safetext.Line(b.Name), 50), safetext.Truncate(safetext.Line(b.IssuerName), 30), issued, state)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		switch end := offset + len(items); {
		case end < total:
			fmt.Fprintf(stdout, "(%d–%d of %d; --offset %d for the next page)\n", offset+1, end, total, end)
		case total > len(items):
			fmt.Fprintf(stdout, "(%d–%d of %d)\n", offset+1, end, total)
		}
		return nil
	}

	var search, sortBy string
	var limit int
	var listAll bool
	var offset int
	list := jsonFlag(&cobra.Command{
		Use: "list", Short: "List the badges in the wallet (accepted ones; --all for every state)", Args: cobra.NoArgs,
		RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, _ []string) error {
			state := acceptanceFilter
			if listAll {
				state = ""
			}
			p, err := w.List(ctx, wallet.ListOptions{Search: search, Sort: sortBy, Limit: limit, Offset: offset, Acceptance: state})
			if err != nil {
				return err
			}
			return printList(p.Items, p.Total, p.Offset)
		}),
	})
	list.Flags().StringVar(&search, "search", "", "only badges whose name, issuer or description contains this")
	list.Flags().StringVar(&sortBy, "sort", "", "added (default), issued, name, issuer, expires")
	list.Flags().IntVar(&limit, "limit", 50, "how many")
	list.Flags().StringVar(&acceptanceFilter, "state", "accepted", "accepted, pending, rejected, or '' for all")
	list.Flags().BoolVar(&listAll, "all", false, "badges in every state")
	list.Flags().IntVar(&offset, "offset", 0, "skip this many (the next page)")

	inbox := jsonFlag(&cobra.Command{
		Use: "inbox", Short: "Badges waiting for you to accept or reject", Args: cobra.NoArgs,
		RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, _ []string) error {
			p, err := w.List(ctx, wallet.ListOptions{Acceptance: "pending", Limit: 1000})
			if err != nil {
				return err
			}
			return printList(p.Items, p.Total, p.Offset)
		}),
	})

	show := jsonFlag(&cobra.Command{
		Use: "show ID", Short: "One badge with its last verification report", Args: cobra.ExactArgs(1),
		RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			d, err := w.Badge(ctx, id)
			if err != nil {
				return err
			}
			if opts.json {
				return writeJSONLine(stdout, d)
			}
			fmt.Fprintf(stdout, "#%d %s\n  issuer     %s\n  state      %s · %s · %s\n", d.ID, safetext.Line(d.Name), safetext.Line(d.IssuerName), d.Verification, d.Privacy, d.Acceptance)
			if d.NotAddressed {
				fmt.Fprintf(stdout, "  recipient  not addressed to you: it names %s (add that identity, or reject it)\n", safetext.Line(d.Named))
			}
			if d.Report != nil {
				printReport(stdout, "  verification", d.Report)
			}
			return nil
		}),
	})

	var verifyOpts wallet.VerifyOptions
	imp := jsonFlag(&cobra.Command{
		Use: "import PATH|URL...", Short: "Add badge files, folders (recursively) or hosted URLs to the wallet", Args: cobra.MinimumNArgs(1),
		RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, args []string) error {
			rt, done, err := embeddedTransport(ctx, opts.db)
			if err != nil {
				return err
			}
			defer done()
			verifyOpts.Transport = rt
			sum, err := w.Import(ctx, args, wallet.ImportOptions{Verify: verifyOpts}, func(e wallet.ImportEvent) {
				if opts.json {
					ev := map[string]any{"done": e.Done, "total": e.Total, "source": e.Source, "status": e.Status, "id": e.ID, "name": e.Name, "verdict": e.Verdict, "notAddressed": e.NotAddressed, "autoAccepted": e.AutoAccepted}
					if e.Err != nil {
						ev["error"] = e.Err.Error()
					}
					writeJSONLine(stdout, ev)
					return
				}
				line := fmt.Sprintf("[%d/%d] %s: %s", e.Done, e.Total, safetext.Line(e.Source), e.Status)
				switch {
				case e.Err != nil:
					line += " — " + safetext.Line(e.Err.Error())
				default:
					line += fmt.Sprintf(" #%d %s (%s)", e.ID, safetext.Line(e.Name), e.Verdict)
					if e.NotAddressed {
						line += " — not addressed to you"
					}
					if e.AutoAccepted {
						line += " — accepted automatically"
					}
				}
				fmt.Fprintln(stdout, line)
			})
			if err != nil {
				return err
			}
			if opts.json {
				writeJSONLine(stdout, map[string]int{"added": sum.Added, "duplicates": sum.Duplicates, "failed": sum.Failed})
			} else {
				fmt.Fprintf(stdout, "%d added, %d already in the wallet, %d failed.\n", sum.Added, sum.Duplicates, sum.Failed)
			}
			if sum.Failed > 0 {
				return exitError{1}
			}
			return nil
		}),
	})
	imp.Flags().BoolVar(&verifyOpts.Offline, "offline", false, "never use the network while verifying")

	var all bool
	accept := &cobra.Command{
		Use: "accept ID|--all", Short: "Accept a badge from the inbox (--all: every one addressed to you)", Args: cobra.MaximumNArgs(1),
		RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, args []string) error {
			if all {
				n, skipped, err := w.AcceptAll(ctx)
				if err != nil {
					return err
				}
				return opts.say(stdout, map[string]int{"accepted": n, "skipped": skipped},
					"Accepted %d badges; %d not addressed to you stay in the inbox.\n", n, skipped)
			}
			if len(args) != 1 {
				return fmt.Errorf("name a badge number, or use --all")
			}
			return idAction(opts, args[0], w.Accept, stdout, "Accepted")(ctx)
		}),
	}
	accept.Flags().BoolVar(&all, "all", false, "accept every pending badge addressed to you")

	simple := func(use, short, done string, act func(*wallet.Wallet) func(context.Context, int64) error) *cobra.Command {
		return &cobra.Command{
			Use: use, Short: short, Args: cobra.ExactArgs(1),
			RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, args []string) error {
				return idAction(opts, args[0], act(w), stdout, done)(ctx)
			}),
		}
	}
	reject := simple("reject ID", "Reject a badge (kept as rejected; restore-rejected brings it back)", "Rejected", func(w *wallet.Wallet) func(context.Context, int64) error { return w.Reject })
	restore := simple("restore-rejected ID", "Move a rejected badge back to the inbox", "Restored", func(w *wallet.Wallet) func(context.Context, int64) error { return w.RestoreRejected })

	privacy := &cobra.Command{
		Use: "privacy ID public|private", Short: "Make one badge public or private", Args: cobra.ExactArgs(2),
		RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			pub, err := publicArg(args[1])
			if err != nil {
				return err
			}
			if err := w.SetPrivacy(ctx, id, pub); err != nil {
				return err
			}
			return opts.say(stdout, map[string]any{"id": id, "privacy": args[1]}, "Badge #%d is now %s.\n", id, args[1])
		}),
	}
	profile := &cobra.Command{
		Use: "profile public|private", Short: "Make your whole profile public or private", Args: cobra.ExactArgs(1),
		RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, args []string) error {
			pub, err := publicArg(args[0])
			if err != nil {
				return err
			}
			if err := w.SetProfilePublic(ctx, pub); err != nil {
				return err
			}
			return opts.say(stdout, map[string]any{"profile": args[0]}, "Your profile is now %s.\n", args[0])
		}),
	}
	var forIssuer string
	auto := &cobra.Command{
		Use: "auto-accept on|off", Short: "Accept verified badges addressed to you automatically (for all issuers, or --issuer ID)", Args: cobra.ExactArgs(1),
		RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, args []string) error {
			on := args[0] == "on"
			if !on && args[0] != "off" {
				return fmt.Errorf("say on or off, not %q", args[0])
			}
			if err := w.SetAutoAccept(ctx, on, forIssuer); err != nil {
				return err
			}
			who := "every issuer"
			if forIssuer != "" {
				who = safetext.Line(forIssuer)
			}
			return opts.say(stdout, map[string]any{"autoAccept": on, "issuer": forIssuer}, "Auto-accept is %s for %s.\n", args[0], who)
		}),
	}
	auto.Flags().StringVar(&forIssuer, "issuer", "", "only for this issuer id")

	identities := &cobra.Command{Use: "identities", Short: "Your emails, URLs and phone numbers that badges are matched against"}
	identities.AddCommand(
		&cobra.Command{
			Use: "add EMAIL|URL|PHONE", Short: "Add an identity (self-declared; claiming confirms an email); badges already sent to it count as yours", Args: cobra.ExactArgs(1),
			RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, args []string) error {
				rt, done, err := embeddedTransport(ctx, opts.db)
				if err != nil {
					return err
				}
				defer done()
				id, n, err := w.MergeIdentity(ctx, args[0], wallet.VerifyOptions{Transport: rt})
				if err != nil {
					return err
				}
				state := "self-declared"
				if id.Confirmed {
					state = "already confirmed"
				}
				mine := ""
				if n > 0 {
					mine = fmt.Sprintf(" %d badge%s in the wallet now addressed to you.", n, plural(n))
				}
				return opts.say(stdout, id, "Added %s %s (%s).%s\n", id.Kind, safetext.Line(id.Value), state, mine)
			}),
		},
		confirmIdentityCmd(opts, stdout),
		jsonFlag(&cobra.Command{
			Use: "list", Short: "List your identities", Args: cobra.NoArgs,
			RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, _ []string) error {
				ids, err := w.Identities(ctx)
				if err != nil {
					return err
				}
				if opts.json {
					return writeJSONLine(stdout, ids)
				}
				if len(ids) == 0 {
					fmt.Fprintln(stdout, "No identities yet: add your email with 'badgewallet identities add'.")
				}
				for _, id := range ids {
					state := "self-declared"
					if id.Confirmed {
						state = "confirmed"
					}
					fmt.Fprintf(stdout, "%s\t%s\t%s\n", id.Kind, safetext.Line(id.Value), state)
				}
				return nil
			}),
		}),
	)
	return []*cobra.Command{list, show, imp, inbox, accept, reject, restore, privacy, profile, auto, identities}
}

// acceptanceFilter backs list --state.
var acceptanceFilter string

func idAction(opts *options, arg string, act func(context.Context, int64) error, stdout io.Writer, done string) func(context.Context) error {
	return func(ctx context.Context) error {
		id, err := parseID(arg)
		if err != nil {
			return err
		}
		if err := act(ctx, id); err != nil {
			return err
		}
		return opts.say(stdout, map[string]any{"id": id, "done": strings.ToLower(done)}, "%s badge #%d.\n", done, id)
	}
}

func publicArg(s string) (bool, error) {
	switch s {
	case "public":
		return true, nil
	case "private":
		return false, nil
	}
	return false, fmt.Errorf("say public or private, not %q", s)
}
