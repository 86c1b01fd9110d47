package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"badgewallet/issuer"
	"badgewallet/ui/demo"
	"badgewallet/wallet"
	"badgewallet/wallet/safetext"
)

// embeddedIssuerDir returns the folder of the wallet database dbPath and
// whether the embedded issuer lives there (its issuer.db exists).
func embeddedIssuerDir(dbPath string) (string, bool) {
	dir := filepath.Dir(dbPath)
	_, err := os.Stat(filepath.Join(dir, "issuer.db"))
	return dir, err == nil
}

// embeddedTransport returns a RoundTripper that answers the embedded
// issuer's URLs in-process and sends the rest to the network, when the
// embedded issuer exists beside the wallet (issuer.db); else nil. The
// returned close func must be called.
func embeddedTransport(ctx context.Context, dbPath string) (http.RoundTripper, func(), error) {
	dir, ok := embeddedIssuerDir(dbPath)
	if !ok {
		return nil, func() {}, nil
	}
	is, err := issuer.Open(ctx, dir, issuer.Options{})
	if err != nil {
		return nil, func() {}, err
	}
	return is.Transport(http.DefaultTransport), func() { is.Close() }, nil
}

func newClaimCmd(opts *options, stdout, stderr io.Writer) *cobra.Command {
	var email, code string
	c := &cobra.Command{
		Use:   "claim [URL]",
		Short: "Claim a badge from a notification's claim link (no URL: the demo issuer's notifications to your emails)",
		Long: "claim with no URL lists the notifications the embedded demo issuer sent to your\n" +
			"emails, with their claim links. claim URL shows what a claim link offers. With --email\n" +
			"it asks the issuer to send a confirmation code to that address (the one the badge was\n" +
			"sent to); with --email and --code it confirms the address and adds every badge awarded\n" +
			"to it to the wallet.",
		Args: cobra.MaximumNArgs(1),
		RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, args []string) error {
			rt, done, err := embeddedTransport(ctx, opts.db)
			if err != nil {
				return err
			}
			defer done()
			if len(args) == 0 {
				return listNotifications(ctx, opts, w, rt, stdout)
			}
			link := safetext.Line(args[0]) // the link as typed or pasted: untrusted
			switch {
			case email == "":
				o, err := w.ClaimOffer(ctx, args[0], rt)
				if err != nil {
					return err
				}
				if opts.json {
					return writeJSONLine(stdout, o)
				}
				fmt.Fprintf(stdout, "%s offers you\n  %s\nIt was sent to %s. To claim it:\n  badgewallet claim %s --email YOUR-ADDRESS\n",
					safetext.Line(o.Issuer), safetext.Line(o.Achievement), safetext.Line(o.EmailHint), link)
				return nil
			case code == "":
				if err := w.ClaimSendCode(ctx, args[0], email, rt); err != nil {
					return err
				}
				return opts.say(stdout, map[string]any{"email": email, "claim": args[0], "codeSent": true},
					"A confirmation code was sent to %s. Then:\n  badgewallet claim %s --email %s --code CODE\n", safetext.Line(email), link, safetext.Line(email))
			}
			sum, err := w.ClaimConfirm(ctx, args[0], email, code, wallet.ImportOptions{Verify: wallet.VerifyOptions{Transport: rt}}, func(e wallet.ImportEvent) {
				if opts.json {
					return
				}
				line := fmt.Sprintf("%s: %s", safetext.Line(e.Source), e.Status)
				if e.Err != nil {
					line += " — " + safetext.Line(e.Err.Error())
				} else {
					line += fmt.Sprintf(" #%d (%s)", e.ID, e.Verdict)
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
				return writeJSONLine(stdout, map[string]int{"added": sum.Added, "duplicates": sum.Duplicates, "failed": sum.Failed})
			}
			fmt.Fprintf(stdout, "%s is confirmed. %d badge%s added, %d already in the wallet. See 'badgewallet inbox'.\n", safetext.Line(email), sum.Added, plural(sum.Added), sum.Duplicates)
			return nil
		}),
	}
	c.Flags().StringVar(&email, "email", "", "the address the badge was sent to")
	c.Flags().StringVar(&code, "code", "", "the confirmation code from the issuer's email")
	return c
}

// confirmIdentityCmd proves an email through an issuer: a code goes to the
// address, and the code (with the claim link it came through) makes the
// identity confirmed and brings in the badges waiting for it.
func confirmIdentityCmd(opts *options, stdout io.Writer) *cobra.Command {
	var claimURL, code string
	c := &cobra.Command{
		Use:   "confirm EMAIL [--claim URL] [--code CODE]",
		Short: "Confirm an email with an issuer's code (the badges waiting for it come too)",
		Long: "confirm asks the issuer behind a claim link to send a confirmation code to EMAIL;\n" +
			"run it again with --code to confirm. With the embedded demo issuer, --claim may be\n" +
			"left out: the newest claim link it sent to EMAIL is used.",
		Args: cobra.ExactArgs(1),
		RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, args []string) error {
			email, err := issuer.NormalizeEmail(args[0])
			if err != nil {
				return err
			}
			rt, done, err := embeddedTransport(ctx, opts.db)
			if err != nil {
				return err
			}
			defer done()
			if claimURL == "" {
				if claimURL, err = embeddedClaimLink(ctx, opts.db, email); err != nil {
					return err
				}
			}
			if code == "" {
				if err := w.ClaimSendCode(ctx, claimURL, email, rt); err != nil {
					return err
				}
				return opts.say(stdout, map[string]any{"email": email, "claim": claimURL, "codeSent": true},
					"A confirmation code was sent to %s. Then:\n  badgewallet identities confirm %s --claim %s --code CODE\n",
					safetext.Line(email), safetext.Line(email), safetext.Line(claimURL))
			}
			sum, err := w.ClaimConfirm(ctx, claimURL, email, code, wallet.ImportOptions{Verify: wallet.VerifyOptions{Transport: rt}}, nil)
			if err != nil {
				return err
			}
			return opts.say(stdout, map[string]any{"email": email, "confirmed": true, "added": sum.Added, "duplicates": sum.Duplicates, "failed": sum.Failed},
				"%s is confirmed. %d badge%s sent to it added (%d already in the wallet).\n", safetext.Line(email), sum.Added, plural(sum.Added), sum.Duplicates)
		}),
	}
	c.Flags().StringVar(&claimURL, "claim", "", "a claim link the issuer sent to EMAIL")
	c.Flags().StringVar(&code, "code", "", "the confirmation code from the issuer's email")
	return c
}

// embeddedClaimLink finds the newest claim link the embedded issuer sent to
// email.
func embeddedClaimLink(ctx context.Context, dbPath, email string) (string, error) {
	dir, ok := embeddedIssuerDir(dbPath)
	if !ok {
		return "", fmt.Errorf("say which issuer confirms %s with --claim URL (a claim link from its email)", email)
	}
	link, err := demo.LatestClaimLink(ctx, dir, email)
	if err != nil {
		return "", fmt.Errorf("%w: give one with --claim URL", err)
	}
	return link, nil
}

// listNotifications prints the embedded issuer's award notifications to the
// wallet's email identities, newest first.
func listNotifications(ctx context.Context, opts *options, w *wallet.Wallet, rt http.RoundTripper, stdout io.Writer) error {
	dir, ok := embeddedIssuerDir(opts.db)
	if !ok {
		return fmt.Errorf("give the claim link from your email: badgewallet claim URL (there is no demo issuer beside %s)", opts.db)
	}
	msgs, err := demo.Notifications(ctx, dir, w, rt)
	if err != nil {
		return err
	}
	if opts.json {
		return writeJSONLine(stdout, msgs)
	}
	if len(msgs) == 0 {
		fmt.Fprintln(stdout, "No badge notifications to your emails (see 'badgewallet identities list').")
		return nil
	}
	for _, m := range msgs {
		what := safetext.Line(m.Subject)
		if m.Achievement != "" {
			what = safetext.Line(m.Achievement) + " from " + safetext.Line(m.Issuer)
		}
		fmt.Fprintf(stdout, "%s  to %s: %s\n  badgewallet claim %s\n", m.Sent.Format("2 Jan 2006 15:04"), safetext.Line(m.To), what, safetext.Line(m.Claim))
		if m.Err != "" {
			fmt.Fprintf(stdout, "  (%s)\n", safetext.Line(m.Err))
		}
	}
	return nil
}
