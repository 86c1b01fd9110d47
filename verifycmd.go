package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"badgewallet/wallet"
	"badgewallet/wallet/openbadges"
	"badgewallet/wallet/openbadges/verify"
	"badgewallet/wallet/safetext"
)

func newVerify(opts *options, stdout, stderr io.Writer) *cobra.Command {
	var (
		offline    bool
		recipients []string
	)
	cmd := &cobra.Command{
		Use:   "verify FILE|URL...",
		Short: "Check that badges are authentic: structure, proof, validity, status and recipient",
		Long: "verify checks each badge file (baked PNG or SVG, JSON, JWS / VC-JWT) or hosted URL and\n" +
			"prints every check with its outcome. The network is used only when a badge needs it\n" +
			"(hosted OB 2.0, did:web or https keys, remote status lists); --offline refuses it, and\n" +
			"a badge that needed it is reported unverifiable, never verified. The recipient is\n" +
			"matched against --recipient, else against the wallet's identities.\n" +
			"Exit status 0 only if every badge is verified.",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			w, err := wallet.Open(ctx, opts.db)
			if err != nil {
				return err
			}
			defer w.Close()
			rt, done, err := embeddedTransport(ctx, opts.db)
			if err != nil {
				return err
			}
			defer done()
			v, err := w.Verifier(ctx, wallet.VerifyOptions{Offline: offline, Recipients: recipients, Transport: rt})
			if err != nil {
				return err
			}
			allOK := true
			enc := json.NewEncoder(stdout)
			for i, arg := range args {
				if err := ctx.Err(); err != nil {
					return err
				}
				var r *verify.Report
				if strings.HasPrefix(arg, "https://") || strings.HasPrefix(arg, "http://") {
					r = v.Verify(ctx, []byte(arg))
				} else {
					data, err := openbadges.ReadFile(arg)
					if err != nil {
						fmt.Fprintf(stderr, "badgewallet: verify %s: %s\n", safetext.Line(arg), safetext.Line(err.Error()))
						allOK = false
						continue
					}
					r = v.Verify(ctx, data)
				}
				allOK = allOK && r.Verdict == verify.Verified
				if opts.json {
					if err := enc.Encode(struct {
						File string `json:"file"`
						*verify.Report
					}{arg, r}); err != nil {
						return err
					}
					continue
				}
				if i > 0 {
					fmt.Fprintln(stdout)
				}
				printReport(stdout, arg, r)
			}
			if !allOK {
				return exitError{1}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&offline, "offline", false, "never use the network")
	cmd.Flags().StringArrayVar(&recipients, "recipient", nil, "an identity (email, URL or phone) the badge should be issued to; repeatable")
	return cmd
}

// verdictLine is the glyph and words of a verdict: colour is never the
// only signal, and plain text carries it all.
func verdictLine(v verify.Verdict) string {
	switch v {
	case verify.Verified:
		return "✔ verified"
	case verify.Revoked:
		return "⊘ revoked"
	case verify.Expired:
		return "⌛ expired"
	case verify.NotYetValid:
		return "⌛ not yet valid"
	case verify.RecipientMismatch:
		return "✖ issued to someone else"
	case verify.UnverifiableOffline:
		return "? could not be verified without the network"
	}
	return "✖ invalid"
}

func outcomeGlyph(c verify.Check) string {
	switch {
	case c.NeedsNetwork:
		return "?"
	case c.Outcome == verify.Pass:
		return "✔"
	case c.Outcome == verify.Fail:
		return "✖"
	case c.Outcome == verify.Warning:
		return "!"
	}
	return "–"
}

// printReport writes a readable report; every string is sanitized.
func printReport(w io.Writer, name string, r *verify.Report) {
	title := safetext.Line(name)
	if r.Badge != nil && r.Badge.Name != "" {
		title += " — " + safetext.Truncate(safetext.Line(r.Badge.Name), 80)
	}
	fmt.Fprintf(w, "%s\n  %s\n", title, verdictLine(r.Verdict))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range r.Checks {
		name := string(c.Name)
		fmt.Fprintf(tw, "  %s %s\t%s\n", outcomeGlyph(c), strings.ToUpper(name[:1])+name[1:], safetext.Line(c.Message))
	}
	tw.Flush()
	fmt.Fprintf(w, "  checked %s\n", r.CheckedAt.Format("2 Jan 2006 15:04 MST"))
}
