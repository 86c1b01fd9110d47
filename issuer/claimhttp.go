package issuer

import (
	"bytes"
	"encoding/json"
	"errors"
	"html/template"
	"io"
	"net/http"
	"strings"
)

// claimRoutes adds the claim protocol to the issuer's handler:
//
//	GET  /claim/{token}          → Offer
//	POST /claim/{token}/code     {"email"}          → a code is sent
//	POST /claim/{token}/confirm  {"email","code"}   → Claimed
//	GET  /session/{session}/badges                  → []ClaimedBadge
//
// Errors are JSON {"error": sentence, "reason": word} with a fitting status.
func (is *Issuer) claimRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /claim/{token}", func(w http.ResponseWriter, r *http.Request) {
		o, err := is.Offer(r.Context(), r.PathValue("token"))
		if err != nil {
			claimError(w, err)
			return
		}
		if strings.Contains(r.Header.Get("Accept"), "text/html") {
			is.claimPage(w, o) // a person opened the mail's link in a browser
			return
		}
		writeJSON(w, o)
	})
	mux.HandleFunc("POST /claim/{token}/code", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Email string `json:"email"`
		}
		if !readJSON(w, r, &in) {
			return
		}
		if err := is.SendCode(r.Context(), r.PathValue("token"), in.Email); err != nil {
			claimError(w, err)
			return
		}
		w.WriteHeader(http.StatusAccepted)
		writeJSON(w, map[string]any{"sent": true})
	})
	mux.HandleFunc("POST /claim/{token}/confirm", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Email string `json:"email"`
			Code  string `json:"code"`
		}
		if !readJSON(w, r, &in) {
			return
		}
		c, err := is.Confirm(r.Context(), r.PathValue("token"), in.Email, in.Code)
		if err != nil {
			claimError(w, err)
			return
		}
		writeJSON(w, c)
	})
	mux.HandleFunc("GET /session/{session}/badges", func(w http.ResponseWriter, r *http.Request) {
		b, err := is.SessionBadges(r.Context(), r.PathValue("session"))
		if err != nil {
			claimError(w, err)
			return
		}
		writeJSON(w, b)
	})
}

func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	d := json.NewDecoder(io.LimitReader(r.Body, 64<<10))
	if err := d.Decode(v); err != nil {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		jsonEncode(w, map[string]string{"error": "the request body is not the expected JSON: " + err.Error(), "reason": "bad-request"})
		return false
	}
	return true
}

// claimError maps claim errors to statuses and reasons.
func claimError(w http.ResponseWriter, err error) {
	status, reason := http.StatusInternalServerError, "internal"
	switch {
	case errors.Is(err, ErrUnknownClaim):
		status, reason = http.StatusNotFound, "unknown-claim"
	case errors.Is(err, ErrWrongEmail):
		status, reason = http.StatusForbidden, "wrong-email"
	case errors.Is(err, ErrNoCode):
		status, reason = http.StatusConflict, "no-code"
	case errors.Is(err, ErrWrongCode):
		status, reason = http.StatusUnauthorized, "wrong-code"
	case errors.Is(err, ErrCodeUsed):
		status, reason = http.StatusConflict, "code-used"
	case errors.Is(err, ErrCodeExpired):
		status, reason = http.StatusGone, "code-expired"
	case errors.Is(err, ErrTooManyAttempts):
		status, reason = http.StatusTooManyRequests, "too-many-attempts"
	case errors.Is(err, ErrSession):
		status, reason = http.StatusUnauthorized, "session"
	case errors.Is(err, ErrBadEmail):
		status, reason = http.StatusBadRequest, "bad-email"
	}
	msg := err.Error()
	if status == http.StatusInternalServerError {
		msg = "the issuer could not do that right now"
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	jsonEncode(w, map[string]string{"error": msg, "reason": reason})
}

// claimPageTmpl is what a browser sees at a claim link: the offer, and how
// to claim it with a wallet (the claim itself is the wallet's JSON
// exchange). html/template escapes every field.
var claimPageTmpl = template.Must(template.New("claim").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Claim your badge — {{.Offer.Issuer}}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1d1b22}code{background:#f1eef8;padding:.1rem .3rem;border-radius:.3rem;overflow-wrap:anywhere}</style>
</head><body><main>
<h1>{{.Offer.Achievement}}</h1>
<p>{{.Offer.Issuer}} awarded you this badge. It was sent to {{.Offer.EmailHint}}.</p>
{{if .Offer.Description}}<p>{{.Offer.Description}}</p>{{end}}
<h2>Claim it</h2>
<p>Open this link in your badge wallet. With badgewallet: Inbox, <kbd>c</kbd>, paste the link — or run</p>
<p><code>badgewallet claim {{.Link}}</code></p>
<p>The wallet asks for the address the badge was sent to, mails a code to it, and adds the badge once you type the code.</p>
</main></body></html>
`))

func (is *Issuer) claimPage(w http.ResponseWriter, o Offer) {
	var buf bytes.Buffer
	link := is.base + "/claim/" + o.Token
	if err := claimPageTmpl.Execute(&buf, map[string]any{"Offer": o, "Link": link}); err != nil {
		http.Error(w, "claim page unavailable", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	// The page holds the claim link: no shared cache keeps it, no link
	// on it sends it on.
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	w.Write(buf.Bytes())
}
