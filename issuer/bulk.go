package issuer

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// RowResult is the outcome of one CSV row.
type RowResult struct {
	Row     int // 1-based, counting the header
	Email   string
	ID      string
	Awarded []Awarded
	Notes   []string
	Err     error
}

// CSVReport sums up a bulk award.
type CSVReport struct {
	Rows    []RowResult
	Awarded int // badges issued
	Failed  int // rows that failed
}

// maxCSVBytes caps a bulk award file.
const maxCSVBytes = 64 << 20

// AwardCSV awards from CSV rows "email,achievement[,date]" (a header row
// naming those columns is optional; date is YYYY-MM-DD, default today).
// Each row is its own award: a failed row is reported and never stops or
// undoes the others. progress, if set, is called after every row.
func (is *Issuer) AwardCSV(ctx context.Context, r io.Reader, progress func(done int, row RowResult)) (CSVReport, error) {
	cr := csv.NewReader(io.LimitReader(r, maxCSVBytes))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	var rep CSVReport
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		res := RowResult{Row: n}
		switch {
		case err != nil:
			res.Err = fmt.Errorf("not CSV: %v", err)
		case n == 1 && len(rec) > 0 && strings.EqualFold(strings.TrimSpace(rec[0]), "email"):
			continue // header
		case len(rec) < 2 || len(rec) > 3:
			res.Err = fmt.Errorf("%d columns, want email,achievement[,date]", len(rec))
		default:
			res.Email, res.ID = strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1])
			on := is.now()
			if len(rec) == 3 && strings.TrimSpace(rec[2]) != "" {
				on, err = time.Parse(time.DateOnly, strings.TrimSpace(rec[2]))
				if err != nil {
					res.Err = fmt.Errorf("date %q is not YYYY-MM-DD", rec[2])
				}
			}
			if res.Err == nil {
				var ar AwardResult
				ar, res.Err = is.Award(ctx, res.Email, res.ID, on)
				res.Awarded, res.Notes = ar.Awarded, ar.Notes
			}
		}
		if res.Err != nil {
			rep.Failed++
		}
		rep.Awarded += len(res.Awarded)
		rep.Rows = append(rep.Rows, res)
		if progress != nil {
			progress(len(rep.Rows), res)
		}
	}
	return rep, nil
}
