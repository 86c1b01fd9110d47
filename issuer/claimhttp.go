package issuer

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
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
