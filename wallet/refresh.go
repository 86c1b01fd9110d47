package wallet

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"badgewallet/store"
	"badgewallet/wallet/openbadges/verify"
)

// Refreshed is the new verdict of one badge.
type Refreshed struct {
	ID      int64          `json:"id"`
	Name    string         `json:"name"`
	Before  string         `json:"before"`
	Verdict verify.Verdict `json:"verdict"`
}

// Refresh re-verifies one badge (id > 0) or every badge (id == 0) —
// revocation, expiry — and keeps the new result and its time.
func (w *Wallet) Refresh(ctx context.Context, id int64, o VerifyOptions, progress func(Refreshed)) ([]Refreshed, error) {
	v, err := w.Verifier(ctx, o)
	if err != nil {
		return nil, err
	}
	rows, err := w.badgesFor(ctx, id)
	if err != nil {
		return nil, err
	}
	var out []Refreshed
	for _, b := range rows {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		data, err := w.db.BadgeOriginal(ctx, b.ID)
		if err != nil {
			return out, err
		}
		r := v.Verify(ctx, data)
		rep, _ := json.Marshal(r)
		rc, _ := r.Check(verify.CheckRecipient)
		if err := w.db.SetBadgeReport(ctx, b.ID, string(r.Verdict), r.CheckedAt, string(rep), rc.Outcome != verify.Pass); err != nil {
			return out, err
		}
		res := Refreshed{ID: b.ID, Name: b.Name, Before: b.Verification, Verdict: r.Verdict}
		out = append(out, res)
		if progress != nil {
			progress(res)
		}
	}
	return out, nil
}

// badgesFor returns badge id (id > 0) or every badge (id == 0), by name.
func (w *Wallet) badgesFor(ctx context.Context, id int64) ([]store.Badge, error) {
	if id > 0 {
		b, err := w.db.GetBadge(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			return nil, fmt.Errorf("badge %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return nil, err
		}
		return []store.Badge{b}, nil
	}
	var rows []store.Badge
	for offset := 0; ; offset += 500 {
		page, err := w.db.ListBadges(ctx, store.ListQuery{Limit: 500, Offset: offset, Sort: "name"})
		if err != nil {
			return nil, err
		}
		rows = append(rows, page...)
		if len(page) < 500 {
			return rows, nil
		}
	}
}
