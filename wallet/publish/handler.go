package publish

import (
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"badgewallet/wallet"
)

// Handler serves the site live from w: every request reads the wallet, so
// a badge made public or private shows at once. base is as for Open.
func Handler(w *wallet.Wallet, base string) http.Handler {
	// What each badge's file gives the index is read once: a file never
	// changes, so GET / costs the wallet's list, not every file.
	kept := &factCache{}
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			rw.Header().Set("Allow", "GET, HEAD")
			http.Error(rw, "only GET and HEAD", http.StatusMethodNotAllowed)
			return
		}
		path := r.URL.Path
		// A badge's folder without its slash: relative links need it. Only
		// for a badge number ("/badges/" itself would loop: the mux cleans
		// "/badges//" back to it).
		if id, ok := strings.CutPrefix(path, "/badges/"); ok && id != "" && strings.Trim(id, "0123456789") == "" {
			http.Redirect(rw, r, path+"/", http.StatusMovedPermanently)
			return
		}
		site, err := Open(r.Context(), w, base)
		if err != nil {
			slog.Error("serve: open the site", "err", err)
			http.Error(rw, "the wallet could not be read", http.StatusInternalServerError)
			return
		}
		site.facts = kept
		f, ok, err := site.File(r.Context(), path)
		if err != nil {
			slog.Error("serve", "path", path, "err", err)
			http.Error(rw, "the wallet could not be read", http.StatusInternalServerError)
			return
		}
		if !ok {
			http.NotFound(rw, r)
			return
		}
		h := rw.Header()
		h.Set("Content-Type", f.Type)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
		h.Set("Cache-Control", "no-cache")
		h.Set("Content-Length", strconv.Itoa(len(f.Data)))
		if strings.HasSuffix(f.Type, "svg+xml") {
			h.Set("Content-Disposition", "inline") // scripts in an SVG never run: the CSP forbids them
		}
		if r.Method == http.MethodHead {
			return
		}
		rw.Write(f.Data)
	})
}
