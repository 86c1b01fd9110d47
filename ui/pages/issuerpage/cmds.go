package issuerpage

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"badgewallet/issuer"
	"badgewallet/store"
)

// awardedMsg is the outcome of one award.
type awardedMsg struct {
	req int
	res issuer.AwardResult
	err error
}

// award awards achievement id to email on day on.
func award(ctx context.Context, is *issuer.Issuer, email, id string, on time.Time, req int) tea.Cmd {
	return func() tea.Msg {
		res, err := is.Award(ctx, email, id, on)
		return awardedMsg{req: req, res: res, err: err}
	}
}

// bulkStartMsg says a bulk award started: rows come on ch, one Msg each,
// then a bulkDoneMsg.
type bulkStartMsg struct {
	req   int
	ch    <-chan tea.Msg
	total int // data rows in the file (without the header)
	err   error
}

// bulkRowMsg is one CSV row done.
type bulkRowMsg struct {
	req  int
	done int
	row  issuer.RowResult
}

// bulkDoneMsg ends a bulk award.
type bulkDoneMsg struct {
	req int
	rep issuer.CSVReport
	err error
}

// maxCSV caps the file a bulk award reads (the issuer's own cap).
const maxCSV = 64 << 20

// startBulk reads the CSV file at path and awards its rows in a goroutine
// that sends one Msg per row into a channel; waitBulk reads them one at a
// time. The goroutine stops when ctx ends.
func startBulk(ctx context.Context, is *issuer.Issuer, path string, req int) tea.Cmd {
	return func() tea.Msg {
		data, err := readCSV(path)
		if err != nil {
			return bulkStartMsg{req: req, err: err}
		}
		ch := make(chan tea.Msg)
		send := func(msg tea.Msg) {
			select {
			case ch <- msg:
			case <-ctx.Done():
			}
		}
		go func() {
			defer close(ch)
			rep, err := is.AwardCSV(ctx, bytes.NewReader(data), func(done int, row issuer.RowResult) {
				send(bulkRowMsg{req: req, done: done, row: row})
			})
			send(bulkDoneMsg{req: req, rep: rep, err: err})
		}()
		return bulkStartMsg{req: req, ch: ch, total: countRows(data)}
	}
}

// waitBulk waits for the next Msg of a bulk award.
func waitBulk(ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		return msg
	}
}

// readCSV reads a bulk award file ("~/" is the home folder).
func readCSV(path string) ([]byte, error) {
	path = strings.TrimSpace(path)
	if path == "" {
		return nil, errors.New("type the path of a CSV file")
	}
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			path = filepath.Join(home, rest)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no file %s: check the path", path)
		}
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s is a folder: type the path of a CSV file", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxCSV+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxCSV {
		return nil, fmt.Errorf("%s is over %d MB", path, maxCSV>>20)
	}
	return data, nil
}

// countRows counts the rows AwardCSV will report, as it reads them.
func countRows(data []byte) int {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	n := 0
	for i := 1; i <= len(data)+1; i++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if i == 1 && err == nil && len(rec) > 0 && strings.EqualFold(strings.TrimSpace(rec[0]), "email") {
			continue
		}
		n++
	}
	return n
}

// awardsMsg is the list of issued credentials, newest first (summary
// fields only: no signed credential or images).
type awardsMsg struct {
	req  int
	rows []store.Award
	err  error
}

// maxAwards caps the revoke list.
const maxAwards = 5000

// loadAwards lists the open issuer's awards, newest first.
func loadAwards(ctx context.Context, is *issuer.Issuer, req int) tea.Cmd {
	return func() tea.Msg {
		rows, err := is.Awards(ctx, maxAwards)
		return awardsMsg{req: req, rows: rows, err: err}
	}
}

// revokedMsg is the outcome of a revocation.
type revokedMsg struct {
	req  int
	row  store.Award
	err  error
	why  string
	name string
}

// revoke revokes one credential with a reason.
func revoke(ctx context.Context, is *issuer.Issuer, row store.Award, why, name string, req int) tea.Cmd {
	return func() tea.Msg {
		err := is.Revoke(ctx, row.CredentialID, why)
		return revokedMsg{req: req, row: row, err: err, why: why, name: name}
	}
}

// outboxMsg is the issuer's outbox, newest first.
type outboxMsg struct {
	req  int
	msgs []store.OutboxMessage
	err  error
}

// maxOutbox is how many messages the outbox view shows.
const maxOutbox = 1000

// loadOutbox reads every message the issuer sent.
func loadOutbox(ctx context.Context, is *issuer.Issuer, req int) tea.Cmd {
	return func() tea.Msg {
		msgs, err := is.Outbox(ctx, "", maxOutbox)
		return outboxMsg{req: req, msgs: msgs, err: err}
	}
}
