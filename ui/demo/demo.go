package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"badgewallet/issuer"
	"badgewallet/wallet"
)

// Awards returns the exams (and certifications) demo mode records for the
// earner: a single-exam certification (its badge, not the exam's), one
// exam of a two-exam expert certification (the exam's own badge), and an
// associate certification.
func Awards() []string { return []string{"cl-900", "cl-303", "cl-104"} }

// DemoBaseURL is the public base URL demo mode sets when none is set: this
// computer's loopback address, where a demo serves the public pages.
const DemoBaseURL = "http://127.0.0.1:8080"

// Result says what Start did.
type Result struct {
	Email   string
	Awarded []issuer.Awarded // new badges; none when every one was already awarded
	Notes   []string
}

// Start turns demo mode on for email: it writes the demo catalog and the
// issuer's keys and database into dir (beside the wallet) if missing, adds
// email to the wallet's identities (self-declared until a claim confirms
// it), sets the public base URL to DemoBaseURL when none is set, and
// awards Awards() to it on day now, each badge with a notification in
// the issuer's outbox. Running it again awards nothing twice.
func Start(ctx context.Context, dir string, w *wallet.Wallet, email string, now time.Time) (Result, error) {
	email, err := issuer.NormalizeEmail(email)
	if err != nil {
		return Result{}, err
	}
	if _, err := issuer.WriteDemoCatalog(dir); err != nil {
		return Result{}, fmt.Errorf("demo mode: %w", err)
	}
	is, err := issuer.Open(ctx, dir, issuer.Options{Now: func() time.Time { return now }})
	if err != nil {
		return Result{}, fmt.Errorf("demo mode: %w", err)
	}
	defer is.Close()
	if _, err := w.AddIdentity(ctx, email, false); err != nil {
		return Result{}, fmt.Errorf("demo mode: %w", err)
	}
	res := Result{Email: email}
	if base, err := w.BaseURL(ctx); err != nil {
		return Result{}, fmt.Errorf("demo mode: %w", err)
	} else if base == "" {
		// Share links need somewhere to point: this computer, where the
		// wallet serves its public pages in a demo.
		if err := w.SetBaseURL(ctx, DemoBaseURL); err != nil {
			return Result{}, fmt.Errorf("demo mode: %w", err)
		}
		res.Notes = append(res.Notes, "share links point to "+DemoBaseURL+" on this computer (Settings changes it)")
	}
	for _, id := range Awards() {
		r, err := is.Award(ctx, email, id, now)
		if errors.Is(err, issuer.ErrAlreadyHeld) {
			continue
		}
		if err != nil {
			return res, fmt.Errorf("demo mode: award %s: %w", id, err)
		}
		res.Awarded = append(res.Awarded, r.Awarded...)
		res.Notes = append(res.Notes, r.Notes...)
	}
	return res, nil
}
