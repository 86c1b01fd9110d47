package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"badgewallet/issuer"
	"badgewallet/wallet"
	"badgewallet/wallet/publish"
)

func newPublishCmds(opts *options, stdout io.Writer) []*cobra.Command {
	var out, baseURL, name string
	pub := &cobra.Command{
		Use:   "publish --out DIR [--base-url URL] [--name NAME]",
		Short: "Write your public profile as a static site (public badges only; incremental)",
		Long: "publish writes index.html, a page per public badge with its verification result, the\n" +
			"credential files byte for byte, and a stylesheet into DIR. Publishing again writes only\n" +
			"what changed and removes what it published before and no longer should. A private\n" +
			"profile publishes an empty site that says so.",
		Args: cobra.NoArgs,
		RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, _ []string) error {
			if out == "" {
				return errors.New("say where with --out DIR")
			}
			if name != "" {
				if err := w.SetProfileName(ctx, name); err != nil {
					return err
				}
			}
			if baseURL != "" {
				if err := w.SetBaseURL(ctx, baseURL); err != nil {
					return fmt.Errorf("--base-url: %w", err)
				}
			}
			site, err := publish.Open(ctx, w, "")
			if err != nil {
				return err
			}
			start := time.Now()
			rep, err := site.Publish(ctx, out)
			if err != nil {
				return err
			}
			took := time.Since(start).Round(time.Millisecond)
			if rep.Private {
				return opts.say(stdout, rep, "Your profile is private: %s now holds an empty site that says so (%d old files removed).\n", out, rep.Removed)
			}
			return opts.say(stdout, rep, "Published %d public badge%s into %s in %s: %d files, %.1f MB; %d written, %d unchanged, %d removed.\n",
				rep.Badges, plural(rep.Badges), out, took, rep.Files, float64(rep.Bytes)/1e6, rep.Written, rep.Unchanged, rep.Removed)
		}),
	}
	pub.Flags().StringVar(&out, "out", "", "folder to write the site into")
	pub.Flags().StringVar(&baseURL, "base-url", "", "where the site will be served (remembered; share links use it)")
	pub.Flags().StringVar(&name, "name", "", "your name on the profile (remembered)")

	var addr string
	var public bool
	serve := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080] [--public]",
		Short: "Serve your public profile live from the wallet (and the demo issuer under /issuer/ in demo mode)",
		Args:  cobra.NoArgs,
		RunE: withWallet(opts, func(ctx context.Context, w *wallet.Wallet, _ []string) error {
			if err := checkServeAddr(addr, public); err != nil {
				return err
			}
			// The demo issuer beside the wallet is served unless demo mode
			// was turned off (the command line's `issuer init` never turns
			// it on: only the TUI asks).
			demoOn, chosen, err := w.DemoMode(ctx)
			if err != nil {
				return err
			}
			var is *issuer.Issuer
			if dir, ok := embeddedIssuerDir(opts.db); ok && (demoOn || !chosen) {
				if is, err = issuer.Open(ctx, dir, issuer.Options{}); err != nil {
					return err
				}
				defer is.Close()
			}
			l, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			srv := &http.Server{Handler: serveHandler(w, is), ReadHeaderTimeout: 10 * time.Second}
			fmt.Fprintf(stdout, "Serving your public profile on http://%s/", l.Addr())
			if is != nil {
				fmt.Fprintf(stdout, " and the demo issuer on http://%s/issuer/", l.Addr())
			}
			fmt.Fprintln(stdout, " — Ctrl-C stops.")
			go func() {
				<-ctx.Done()
				sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				srv.Shutdown(sctx)
			}()
			if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		}),
	}
	serve.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	serve.Flags().BoolVar(&public, "public", false, "allow a non-loopback address")
	return []*cobra.Command{pub, serve}
}

// serveHandler is what serve answers: the public profile from the wallet,
// and with the demo issuer (is not nil) its documents and claim pages
// under /issuer/ (where the demo catalog puts them,
// http://127.0.0.1:8080/issuer) and at its own host when its catalog names
// another one.
func serveHandler(w *wallet.Wallet, is *issuer.Issuer) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/", publish.Handler(w, ""))
	if is == nil {
		return mux
	}
	ih := is.Handler()
	mux.Handle("/issuer/", http.StripPrefix("/issuer", ih))
	if u, err := url.Parse(is.BaseURL()); err == nil && u.Host != "" && u.Hostname() != "127.0.0.1" && u.Hostname() != "localhost" {
		path := strings.TrimRight(u.Path, "/")
		mux.Handle(u.Host+path+"/", http.StripPrefix(path, ih))
	}
	return mux
}

// checkServeAddr refuses an --addr that is not host:port, and one that
// other machines can reach (not loopback) unless public.
func checkServeAddr(addr string, public bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--addr %q is not host:port (like 127.0.0.1:8080): %v", addr, err)
	}
	if ip := net.ParseIP(host); !public && host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("--addr %s is not a loopback address: add --public to serve other machines", addr)
	}
	return nil
}
