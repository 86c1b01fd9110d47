package issuer

import (
	"context"
	"strings"
	"testing"
)

func TestAwardCSV(t *testing.T) {
	is := openIssuer(t)
	in := "email,achievement,date\n" +
		"ann@example.org,cl-900,2026-01-10\n" +
		"bob@example.org,cl-303\n" +
		"bob@example.org,cl-304,2026-02-01\n" +
		"not-an-email,cl-900\n" +
		"cat@example.org,cl-010\n" +
		"dan@example.org,cl-900,yesterday\n" +
		"only-one-column\n" +
		"ann@example.org,cl-900\n"
	var calls int
	rep, err := is.AwardCSV(context.Background(), strings.NewReader(in), func(done int, _ RowResult) { calls = done })
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Rows) != 8 || calls != 8 || rep.Awarded != 4 || rep.Failed != 4 {
		t.Fatalf("rows %d calls %d awarded %d failed %d", len(rep.Rows), calls, rep.Awarded, rep.Failed)
	}
	wantErr := map[int]string{5: "not an email", 6: "legacy", 7: "YYYY-MM-DD", 8: "columns"}
	for _, r := range rep.Rows {
		if w, ok := wantErr[r.Row]; ok {
			if r.Err == nil || !strings.Contains(r.Err.Error(), w) {
				t.Errorf("row %d: %v, want %q", r.Row, r.Err, w)
			}
		} else if r.Err != nil {
			t.Errorf("row %d: %v", r.Row, r.Err)
		}
	}
	if last := rep.Rows[7]; len(last.Awarded) != 0 || !strings.Contains(strings.Join(last.Notes, " "), "already held") {
		t.Errorf("repeated row: %+v", last)
	}
}
