package issuer

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"badgewallet/store"
)

// Handler serves the issuer's public documents: the status list,
// achievements and their pictures, and issued credentials (JSON, baked PNG
// and SVG). Paths are relative to BaseURL.
func (is *Issuer) Handler() http.Handler {
	mux := http.NewServeMux()
	is.claimRoutes(mux)
	is.ob2Routes(mux)
	mux.HandleFunc("GET /status/1", func(w http.ResponseWriter, r *http.Request) {
		b, err := is.StatusList(r.Context())
		if err != nil {
			http.Error(w, "status list unavailable", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/vc+ld+json")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(b)
	})
	mux.HandleFunc("GET /achievements/{id}", is.achievementDoc(is.achievementJSON))
	mux.HandleFunc("GET /achievements/{id}/{file}", func(w http.ResponseWriter, r *http.Request) {
		a, ok := is.cat.Get(r.PathValue("id"))
		if !ok {
			http.NotFound(w, r)
			return
		}
		// image.png / image.svg is the current design; image-DESIGN.png an
		// older or newer one.
		name := r.PathValue("file")
		design, ext, found := strings.Cut(strings.TrimPrefix(name, "image"), ".")
		if !found || !strings.HasPrefix(name, "image") {
			http.NotFound(w, r)
			return
		}
		design = strings.TrimPrefix(design, "-")
		if design == "" && strings.TrimPrefix(name, "image") == "."+ext {
			design = a.Design()
		} else if !hasDesign(a, design) {
			http.NotFound(w, r)
			return
		}
		pic, err := is.picture(a, design)
		if err != nil {
			http.Error(w, "artwork unavailable", http.StatusInternalServerError)
			return
		}
		switch ext {
		case "png":
			w.Header().Set("Content-Type", "image/png")
			w.Write(pic.png)
		case "svg":
			w.Header().Set("Content-Type", "image/svg+xml")
			w.Write(pic.svg)
		default:
			http.NotFound(w, r)
		}
	})
	mux.HandleFunc("GET /credentials/{id}", func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("id")
		ext := ""
		if i := strings.LastIndexByte(id, '.'); i > 0 {
			id, ext = id[:i], id[i+1:]
		}
		a, err := is.db.AwardByCredential(r.Context(), "urn:uuid:"+id)
		if errors.Is(err, store.ErrNotFound) {
			http.NotFound(w, r)
			return
		} else if err != nil {
			http.Error(w, "unavailable", http.StatusInternalServerError)
			return
		}
		switch ext {
		case "", "json":
			w.Header().Set("Content-Type", "application/vc+ld+json")
			w.Write(a.Credential)
		case "png":
			w.Header().Set("Content-Type", "image/png")
			w.Write(a.BakedPNG)
		case "svg":
			w.Header().Set("Content-Type", "image/svg+xml")
			w.Write(a.BakedSVG)
		default:
			http.NotFound(w, r)
		}
	})
	return mux
}

// achievementDoc serves a JSON document made from the achievement named
// by the {id} path value.
func (is *Issuer) achievementDoc(doc func(*Achievement) map[string]any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a, ok := is.cat.Get(r.PathValue("id"))
		if !ok {
			http.NotFound(w, r)
			return
		}
		writeJSON(w, doc(a))
	}
}

func hasDesign(a *Achievement, d string) bool {
	for _, x := range a.Designs {
		if x == d {
			return true
		}
	}
	return d == "" && len(a.Designs) == 0
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	if err := jsonEncode(w, v); err != nil {
		http.Error(w, "encoding failed", http.StatusInternalServerError)
	}
}

// Transport answers requests for the issuer's base URL in-process (no
// socket): the wallet's HTTP client reaches the embedded issuer through
// it, so the demo needs no network. Other hosts go to next (nil: refused).
func (is *Issuer) Transport(next http.RoundTripper) http.RoundTripper {
	return roundTripper{is: is, h: is.Handler(), next: next}
}

type roundTripper struct {
	is   *Issuer
	h    http.Handler
	next http.RoundTripper
}

func (rt roundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	if !strings.HasPrefix(req.URL.String(), rt.is.base+"/") {
		if rt.next == nil {
			return nil, errors.New("only the embedded issuer is reachable here: " + req.URL.Host)
		}
		return rt.next.RoundTrip(req)
	}
	r := req.Clone(req.Context())
	r.URL.Path = strings.TrimPrefix(req.URL.String(), rt.is.base)
	if i := strings.IndexAny(r.URL.Path, "?#"); i >= 0 {
		r.URL.Path = r.URL.Path[:i]
	}
	r.RequestURI = r.URL.Path
	rec := newRecorder()
	rt.h.ServeHTTP(rec, r.WithContext(context.WithoutCancel(req.Context())))
	return rec.response(req), nil
}
