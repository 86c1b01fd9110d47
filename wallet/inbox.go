package wallet

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"badgewallet/store"
	"badgewallet/wallet/openbadges/verify"
)

// ErrNotFound: no badge with that id in the wallet.
var ErrNotFound = errors.New("no such badge in the wallet")

func (w *Wallet) setAcceptance(ctx context.Context, id int64, from []string, to string) error {
	b, err := w.db.GetBadge(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("badge %d: %w", id, ErrNotFound)
	} else if err != nil {
		return err
	}
	ok := false
	for _, f := range from {
		ok = ok || b.Acceptance == f
	}
	if !ok {
		return fmt.Errorf("badge %d is %s, not %v", id, b.Acceptance, from)
	}
	return w.db.SetBadgeAcceptance(ctx, id, to)
}

// Accept moves a pending (or rejected) badge into the wallet.
func (w *Wallet) Accept(ctx context.Context, id int64) error {
	return w.setAcceptance(ctx, id, []string{"pending", "rejected"}, "accepted")
}

// Reject keeps a badge as rejected (never deleted; Restore brings it back).
func (w *Wallet) Reject(ctx context.Context, id int64) error {
	return w.setAcceptance(ctx, id, []string{"pending", "accepted"}, "rejected")
}

// RestoreRejected moves a rejected badge back to the inbox (pending).
func (w *Wallet) RestoreRejected(ctx context.Context, id int64) error {
	return w.setAcceptance(ctx, id, []string{"rejected"}, "pending")
}

// AcceptAll accepts every pending badge that is addressed to the holder;
// the others (not addressed to you) stay pending. It reports both counts.
func (w *Wallet) AcceptAll(ctx context.Context) (accepted, skipped int, err error) {
	for {
		page, err := w.db.ListBadges(ctx, store.ListQuery{Acceptance: "pending", Limit: 1000, Offset: skipped})
		if err != nil {
			return accepted, skipped, err
		}
		if len(page) == 0 {
			return accepted, skipped, nil
		}
		for _, b := range page {
			if b.NotAddressed {
				skipped++
				continue
			}
			if err := w.db.SetBadgeAcceptance(ctx, b.ID, "accepted"); err != nil {
				return accepted, skipped, err
			}
			accepted++
		}
	}
}

// Detail is one badge with its last verification report.
type Detail struct {
	Summary
	Report *verify.Report
}

// Badge returns one badge with its last report.
func (w *Wallet) Badge(ctx context.Context, id int64) (Detail, error) {
	b, err := w.db.GetBadge(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return Detail{}, fmt.Errorf("badge %d: %w", id, ErrNotFound)
	} else if err != nil {
		return Detail{}, err
	}
	d := Detail{Summary: summaryOf(b)}
	if b.Report != "" {
		var r verify.Report
		if json.Unmarshal([]byte(b.Report), &r) == nil {
			d.Report = &r
		}
	}
	return d, nil
}

// Original returns the badge file exactly as it was received.
func (w *Wallet) Original(ctx context.Context, id int64) ([]byte, error) {
	b, err := w.db.BadgeOriginal(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("badge %d: %w", id, ErrNotFound)
	}
	return b, err
}
