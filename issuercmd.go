package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"badgewallet/issuer"
	"badgewallet/issuer/mail"
	"badgewallet/wallet/safetext"
)

// issuerOptions are the flags shared by the issuer commands.
type issuerOptions struct {
	baseURL string
	smtp    string
}

func newIssuerCmd(opts *options, stdout, stderr io.Writer) *cobra.Command {
	iopts := &issuerOptions{}
	cmd := &cobra.Command{
		Use:   "issuer",
		Short: "The embedded demo issuer (Contoso Learning): award, notify, revoke, serve",
		Long: "The embedded issuer keeps its own database (issuer.db) and keys (issuer-keys.pem, mode 0600)\n" +
			"beside the wallet's database. It awards OB 3.0 badges signed with eddsa-rdfc-2022, writes a\n" +
			"notification with a claim link to its outbox (and sends it by SMTP with --smtp), and serves\n" +
			"what verifiers and the claim flow need.",
	}
	cmd.PersistentFlags().StringVar(&iopts.baseURL, "base-url", "", "where the issuer's documents are served (default: the catalog's issuer URL)")
	cmd.PersistentFlags().StringVar(&iopts.smtp, "smtp", "", "deliver outbox messages to this SMTP server (host:port)")
	open := func(ctx context.Context) (*issuer.Issuer, error) {
		o := issuer.Options{BaseURL: iopts.baseURL}
		if iopts.smtp != "" {
			o.Mailer = mail.SMTP{Addr: iopts.smtp}
		}
		return issuer.Open(ctx, filepath.Dir(opts.db), o)
	}
	cmd.AddCommand(
		&cobra.Command{
			Use: "init", Short: "Create the issuer's keys and database (if missing) and show its identity", Args: cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				wrote, err := issuer.WriteDemoCatalog(filepath.Dir(opts.db))
				if err != nil {
					return err
				}
				is, err := open(cmd.Context())
				if err != nil {
					return err
				}
				defer is.Close()
				fmt.Fprintf(stdout, "%s is ready.\n  id        %s\n  documents %s\n  data      %s\n", is.Catalog().Issuer.Name, is.ID(), is.BaseURL(), filepath.Dir(opts.db))
				if wrote {
					fmt.Fprintf(stdout, "  catalog   %s (edit it to change the program)\n", filepath.Join(filepath.Dir(opts.db), issuer.CatalogFile))
				}
				return nil
			},
		},
		catalogCmd(opts, open, stdout),
		awardCmd(open, stdout),
		awardCSVCmd(open, stdout, stderr),
		outboxCmd(opts, open, stdout),
		&cobra.Command{
			Use: "revoke CREDENTIAL_ID [REASON]", Short: "Revoke a credential (its status list bit is set)", Args: cobra.RangeArgs(1, 2),
			RunE: func(cmd *cobra.Command, args []string) error {
				is, err := open(cmd.Context())
				if err != nil {
					return err
				}
				defer is.Close()
				reason := ""
				if len(args) == 2 {
					reason = args[1]
				}
				if err := is.Revoke(cmd.Context(), args[0], reason); err != nil {
					return err
				}
				fmt.Fprintf(stdout, "Revoked %s. Verifiers see it on their next check.\n", safetext.Line(args[0]))
				return nil
			},
		},
		serveCmd(open, stdout),
	)
	return cmd
}

type openIssuer func(context.Context) (*issuer.Issuer, error)

func catalogCmd(opts *options, open openIssuer, stdout io.Writer) *cobra.Command {
	c := &cobra.Command{
		Use: "catalog", Short: "List the achievements and the program's rules", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			is, err := open(cmd.Context())
			if err != nil {
				return err
			}
			defer is.Close()
			cat := is.Catalog()
			if opts.json {
				enc := json.NewEncoder(stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(cat)
			}
			tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tKIND\tNAME\tRULE")
			for _, a := range cat.Achievements {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", a.ID, a.Kind, safetext.Line(a.Name), cat.Rule(a))
			}
			return tw.Flush()
		},
	}
	return c
}

func awardCmd(open openIssuer, stdout io.Writer) *cobra.Command {
	var date string
	c := &cobra.Command{
		Use: "award EMAIL ACHIEVEMENT", Short: "Record an exam pass (or award a certification) and issue the badges that follow", Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			on := time.Now()
			if date != "" {
				t, err := time.Parse(time.DateOnly, date)
				if err != nil {
					return fmt.Errorf("--date %q: use YYYY-MM-DD", date)
				}
				on = t
			}
			is, err := open(cmd.Context())
			if err != nil {
				return err
			}
			defer is.Close()
			res, err := is.Award(cmd.Context(), args[0], args[1], on)
			if err != nil {
				return err
			}
			for _, n := range res.Notes {
				fmt.Fprintln(stdout, safetext.Line(n))
			}
			for _, a := range res.Awarded {
				fmt.Fprintf(stdout, "Awarded %s to %s\n  credential %s\n  claim      %s\n", safetext.Line(a.Name), res.Email, a.CredentialID, a.ClaimURL)
			}
			if len(res.Awarded) == 0 {
				fmt.Fprintln(stdout, "No badge was issued.")
			}
			return nil
		},
	}
	c.Flags().StringVar(&date, "date", "", "the day of the pass (YYYY-MM-DD, default today)")
	return c
}

func awardCSVCmd(open openIssuer, stdout, stderr io.Writer) *cobra.Command {
	return &cobra.Command{
		Use: "award-csv FILE", Short: "Award from a CSV of email,achievement[,date] rows, with a per-row report", Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := os.Open(args[0])
			if err != nil {
				return err
			}
			defer f.Close()
			is, err := open(cmd.Context())
			if err != nil {
				return err
			}
			defer is.Close()
			start := time.Now()
			rep, err := is.AwardCSV(cmd.Context(), f, func(done int, r issuer.RowResult) {
				switch {
				case r.Err != nil:
					fmt.Fprintf(stdout, "row %d: %s: %s\n", r.Row, safetext.Line(r.Email), safetext.Line(r.Err.Error()))
				case len(r.Awarded) == 0:
					fmt.Fprintf(stdout, "row %d: %s: no badge (%s)\n", r.Row, safetext.Line(r.Email), safetext.Line(strings.Join(r.Notes, " ")))
				default:
					names := make([]string, len(r.Awarded))
					for i, a := range r.Awarded {
						names[i] = a.Name
					}
					fmt.Fprintf(stdout, "row %d: %s: %s\n", r.Row, safetext.Line(r.Email), safetext.Line(strings.Join(names, ", ")))
				}
				if done%1000 == 0 {
					fmt.Fprintf(stderr, "… %d rows in %s\n", done, time.Since(start).Round(time.Millisecond))
				}
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%d rows: %d badges issued, %d rows failed (%s)\n", len(rep.Rows), rep.Awarded, rep.Failed, time.Since(start).Round(time.Millisecond))
			if rep.Failed > 0 {
				return exitError{1}
			}
			return nil
		},
	}
}

func outboxCmd(opts *options, open openIssuer, stdout io.Writer) *cobra.Command {
	var to string
	c := &cobra.Command{
		Use: "outbox", Short: "Read the messages the issuer sent (newest first)", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			is, err := open(cmd.Context())
			if err != nil {
				return err
			}
			defer is.Close()
			if to != "" {
				if to, err = issuer.NormalizeEmail(to); err != nil {
					return err
				}
			}
			msgs, err := is.Outbox(cmd.Context(), to, 100)
			if err != nil {
				return err
			}
			if opts.json {
				return json.NewEncoder(stdout).Encode(msgs)
			}
			if len(msgs) == 0 {
				fmt.Fprintln(stdout, "The outbox is empty.")
			}
			for i, m := range msgs {
				if i > 0 {
					fmt.Fprintln(stdout)
				}
				fmt.Fprintf(stdout, "#%d %s to %s — %s\n%s\n", m.ID, m.Created.Format("2 Jan 2006 15:04"), m.To, safetext.Line(m.Subject), safetext.Text(m.Body))
			}
			return nil
		},
	}
	c.Flags().StringVar(&to, "to", "", "only messages to this address")
	return c
}

func serveCmd(open openIssuer, stdout io.Writer) *cobra.Command {
	var addr string
	var public bool
	c := &cobra.Command{
		Use: "serve", Short: "Serve the issuer's documents and claim endpoints over HTTP", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if addr == "" {
				addr = "127.0.0.1:8081"
				if is, err := open(cmd.Context()); err == nil {
					// A demo issuer on this computer listens where its documents say.
					if u, err := url.Parse(is.BaseURL()); err == nil && u.Scheme == "http" && u.Port() != "" {
						addr = u.Host
					}
					is.Close()
				}
			}
			if err := checkServeAddr(addr, public); err != nil {
				return err
			}
			is, err := open(cmd.Context())
			if err != nil {
				return err
			}
			defer is.Close()
			l, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			srv := &http.Server{Handler: issuerHandler(is), ReadHeaderTimeout: 10 * time.Second}
			fmt.Fprintf(stdout, "Serving %s's documents (%s) on http://%s — Ctrl-C stops.\n", is.Catalog().Issuer.Name, is.BaseURL(), l.Addr())
			go func() {
				<-cmd.Context().Done()
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				srv.Shutdown(ctx)
			}()
			if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		},
	}
	c.Flags().StringVar(&addr, "addr", "", "address to listen on (default: the base URL's, for an issuer on this computer; else 127.0.0.1:8081)")
	c.Flags().BoolVar(&public, "public", false, "allow a non-loopback address")
	return c
}

// issuerHandler serves the issuer's documents where its base URL puts
// them: at the root, or under the base's path (the demo issuer lives at
// http://127.0.0.1:8080/issuer, beside the public profile).
func issuerHandler(is *issuer.Issuer) http.Handler {
	h := is.Handler()
	u, err := url.Parse(is.BaseURL())
	if err != nil || strings.Trim(u.Path, "/") == "" {
		return h
	}
	prefix := "/" + strings.Trim(u.Path, "/")
	mux := http.NewServeMux()
	mux.Handle(prefix+"/", http.StripPrefix(prefix, h))
	return mux
}
