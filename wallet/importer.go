package wallet

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"badgewallet/store"
	"badgewallet/wallet/openbadges"
	"badgewallet/wallet/openbadges/fetch"
	"badgewallet/wallet/openbadges/verify"
)

// Import outcomes.
const (
	ImportAdded     = "added"
	ImportDuplicate = "duplicate"
	ImportFailed    = "failed"
)

// ImportEvent reports one item of an import, as soon as it is done.
type ImportEvent struct {
	Done, Total  int
	Source       string
	Status       string // added | duplicate | failed
	ID           int64  // the badge in the wallet (added or duplicate)
	Name         string
	Verdict      verify.Verdict
	NotAddressed bool   // the badge names none of the holder's identities
	Named        string // the identity it names, when not addressed
	AutoAccepted bool
	Err          error
}

// ImportSummary sums up an import.
type ImportSummary struct {
	Added, Duplicates, Failed int
	Failures                  []ImportEvent
}

// ImportOptions configure Import.
type ImportOptions struct {
	Verify VerifyOptions
	// Workers verifying in parallel (default GOMAXPROCS).
	Workers int
}

type importItem struct {
	source string
	url    bool
	data   []byte // given bytes (claimed badges), read nothing
}

// expand turns files, folders (recursively) and URLs into items, sorted
// for a stable order.
func expand(sources []string) ([]importItem, []ImportEvent) {
	var items []importItem
	var bad []ImportEvent
	for _, s := range sources {
		if strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") {
			items = append(items, importItem{source: s, url: true})
			continue
		}
		st, err := os.Stat(s)
		if err != nil {
			bad = append(bad, ImportEvent{Source: s, Status: ImportFailed, Err: err})
			continue
		}
		if !st.IsDir() {
			items = append(items, importItem{source: s})
			continue
		}
		var found []string
		err = filepath.WalkDir(s, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				bad = append(bad, ImportEvent{Source: p, Status: ImportFailed, Err: err})
				return nil
			}
			if d.IsDir() && p != s && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if d.Type().IsRegular() && !strings.HasPrefix(d.Name(), ".") {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			bad = append(bad, ImportEvent{Source: s, Status: ImportFailed, Err: err})
		}
		sort.Strings(found)
		for _, p := range found {
			items = append(items, importItem{source: p})
		}
	}
	return items, bad
}

// verified is a read and verified item on its way to the database.
type verified struct {
	item   importItem
	data   []byte
	x      *openbadges.Extracted
	report *verify.Report
	err    error
}

// Import adds badge files, folders (recursively) and hosted URLs to the
// wallet. Each item is read, verified and matched against the holder's
// identities; a badge already in the wallet (same bytes, or same
// credential id from the same issuer) is not stored twice; a badge addressed to none of the
// holder's identities is kept as pending and flagged. Badges are stored in
// batches (one transaction each, a savepoint per badge), so a failed item
// never undoes the others. progress, if set, gets one event per item
// reported, each with its Source and Status; once ctx is cancelled no new
// item starts, and the items already under way are reported as well (those
// that could not be stored as failed, with an error wrapping ctx's error).
// The summary counts every item reported; after a cancel it comes with
// ctx's error.
func (w *Wallet) Import(ctx context.Context, sources []string, o ImportOptions, progress func(ImportEvent)) (ImportSummary, error) {
	v, err := w.Verifier(ctx, o.Verify)
	if err != nil {
		return ImportSummary{}, err
	}
	items, bad := expand(sources)
	return w.importItems(ctx, v, w.network(o.Verify), items, bad, o, progress)
}

// importItems runs the import pipeline over items.
func (w *Wallet) importItems(ctx context.Context, v *verify.Verifier, urls fetch.Fetcher, items []importItem, bad []ImportEvent, o ImportOptions, progress func(ImportEvent)) (ImportSummary, error) {
	total := len(items) + len(bad)
	var sum ImportSummary
	done := 0
	emit := func(e ImportEvent) {
		done++
		e.Done, e.Total = done, total
		switch e.Status {
		case ImportAdded:
			sum.Added++
		case ImportDuplicate:
			sum.Duplicates++
		default:
			sum.Failed++
			sum.Failures = append(sum.Failures, e)
		}
		if progress != nil {
			progress(e)
		}
	}
	for _, e := range bad {
		emit(e)
	}

	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	in := make(chan importItem)
	out := make(chan verified, maxBatch) // verifiers go on while the writer commits
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range in {
				out <- w.readAndVerify(ctx, v, urls, it)
			}
		}()
	}
	go func() {
		defer close(in)
		for _, it := range items {
			select {
			case in <- it:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(out) }()

	// One writer: duplicate checks and inserts are serialized. It stores
	// whatever the verifiers have ready in one transaction (a savepoint per
	// badge), so that commits stop being the bottleneck when verifying
	// outpaces them.
	autoAccept := map[string]bool{}
	for r := range out {
		batch := []verified{r}
	more:
		for len(batch) < maxBatch {
			select {
			case r, ok := <-out:
				if !ok {
					break more
				}
				batch = append(batch, r)
			default:
				break more
			}
		}
		for _, e := range w.storeBatch(ctx, batch, autoAccept) {
			emit(e)
		}
	}
	return sum, ctx.Err()
}

// maxBatch is the most badges stored in one transaction.
const maxBatch = 64

// badgeWriter is a *store.DB or a *store.Batch.
type badgeWriter interface {
	BadgeByCredential(ctx context.Context, credentialID, issuerID string) (store.Badge, bool, error)
	InsertBadge(ctx context.Context, b store.Badge, original []byte) (int64, bool, error)
}

// storeBatch stores verified items in one transaction and returns their
// events, one per item, each with its Source and Status. If the
// transaction cannot start or commit (the import was cancelled, the disk
// is full), none of the batch is stored: every item it would have added,
// or found as a duplicate of one added in the same batch, or never got to,
// is reported failed with that error (wrapping the context's error when
// the import was cancelled). Items that failed on their own keep their
// reason, and duplicates of badges stored before stand. autoAccept caches
// the auto-accept setting per issuer for the import.
func (w *Wallet) storeBatch(ctx context.Context, batch []verified, autoAccept map[string]bool) []ImportEvent {
	events := make([]ImportEvent, len(batch))
	err := w.db.WithBatch(ctx, func(bt *store.Batch) error {
		for i, r := range batch {
			events[i] = w.storeIn(ctx, bt, r, autoAccept)
		}
		return nil
	})
	if err == nil {
		return events
	}
	err = fmt.Errorf("store: %w", withCancel(ctx, err))
	rolledBack := map[int64]bool{} // ids the batch added, rolled back with it
	for _, e := range events {
		if e.Status == ImportAdded {
			rolledBack[e.ID] = true
		}
	}
	for i, r := range batch {
		e := &events[i]
		switch {
		case e.Status == ImportFailed:
			// Its own reason stands.
		case e.Status == ImportDuplicate && !rolledBack[e.ID]:
			// Already in the wallet before this batch.
		case e.Status == "" && r.err != nil:
			// The transaction never started: the item failed anyway.
			*e = ImportEvent{Source: r.item.source, Status: ImportFailed, Err: r.err}
		default:
			*e = ImportEvent{Source: r.item.source, Status: ImportFailed, Name: e.Name, Verdict: e.Verdict, Err: err}
		}
	}
	return events
}

// withCancel wraps ctx's error into err once ctx is done (the driver may
// report an interrupted statement in words of its own), so that callers
// can tell an item the cancel interrupted with errors.Is.
func withCancel(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return fmt.Errorf("%w: %w", cerr, err)
	}
	return err
}

func (w *Wallet) readAndVerify(ctx context.Context, v *verify.Verifier, urls fetch.Fetcher, it importItem) verified {
	r := verified{item: it}
	if it.data != nil {
		r.data = it.data
	} else if it.url {
		resp, err := urls.Fetch(ctx, it.source)
		switch {
		case err != nil:
			r.err = err
			return r
		case resp.Status != 200:
			r.err = fmt.Errorf("%s answered HTTP %d", it.source, resp.Status)
			return r
		}
		r.data = resp.Body
		if x, err := w.limits.Read(r.data); err == nil && x.Badge.Form == openbadges.FormHosted {
			r.data = []byte(it.source) // the URL is the badge
		}
	} else {
		data, err := w.limits.ReadFile(it.source)
		if err != nil {
			r.err = err
			return r
		}
		r.data = data
	}
	x, err := w.limits.Read(r.data)
	if err != nil {
		r.err = err
		return r
	}
	if !x.Badge.IsBadge() {
		r.err = fmt.Errorf("%w: the file holds an Open Badges %s", ErrNotABadge, x.Badge.Kind)
		return r
	}
	r.x = x
	r.report = v.VerifyExtracted(ctx, x)
	return r
}

// store writes one verified item.
func (w *Wallet) storeIn(ctx context.Context, db badgeWriter, r verified, autoAccept map[string]bool) ImportEvent {
	e := ImportEvent{Source: r.item.source}
	if r.err != nil {
		e.Status, e.Err = ImportFailed, r.err
		return e
	}
	b := r.x.Badge
	if r.report.Badge != nil { // a hosted badge's fetched copy knows more
		b = r.report.Badge
	}
	e.Name, e.Verdict = b.Name, r.report.Verdict
	if dup, ok, err := db.BadgeByCredential(ctx, b.ID, b.Issuer.ID); err != nil {
		e.Status, e.Err = ImportFailed, withCancel(ctx, err)
		return e
	} else if ok {
		e.Status, e.ID = ImportDuplicate, dup.ID
		return e
	}
	rc, _ := r.report.Check(verify.CheckRecipient)
	notAddressed := rc.Outcome != verify.Pass
	if notAddressed {
		e.NotAddressed, e.Named = true, firstOf(b.Recipient.Identity, b.Recipient.SubjectID)
	}
	acceptance := "pending"
	if !notAddressed && r.report.Verdict == verify.Verified {
		auto, ok := autoAccept[b.Issuer.ID]
		if !ok {
			var err error
			if auto, err = w.AutoAccepts(ctx, b.Issuer.ID); err != nil {
				e.Status, e.Err = ImportFailed, withCancel(ctx, err)
				return e
			}
			autoAccept[b.Issuer.ID] = auto
		}
		if auto {
			acceptance, e.AutoAccepted = "accepted", true
		}
	}
	rep, _ := json.Marshal(r.report)
	row := summaryRow(r.x, b, w)
	row.Acceptance, row.Verification, row.VerifiedAt = acceptance, string(r.report.Verdict), r.report.CheckedAt
	row.NotAddressed, row.NamedIdentity, row.Report = notAddressed, e.Named, string(rep)
	id, added, err := db.InsertBadge(ctx, row, r.data)
	switch {
	case err != nil:
		e.Status, e.Err = ImportFailed, fmt.Errorf("store: %w", withCancel(ctx, err))
	case !added:
		e.Status, e.ID = ImportDuplicate, id
	default:
		e.Status, e.ID = ImportAdded, id
	}
	return e
}

func firstOf(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// summaryRow is the listing row of a badge.
func summaryRow(x *openbadges.Extracted, b *openbadges.Badge, w *Wallet) store.Badge {
	row := store.Badge{
		CredentialID: b.ID, Container: string(x.Container), SpecVersion: string(b.Spec),
		Name: b.Name, Description: b.Description, IssuerName: b.Issuer.Name, IssuerID: b.Issuer.ID,
		Issued: b.Issued, Expires: b.ValidUntil, Recipient: firstOf(b.Recipient.Identity, b.Recipient.SubjectID),
		Added: w.now().UTC(), ImageType: imageType(x.Container),
	}
	if row.Name == "" {
		row.Name = firstOf(b.AchievementID, b.HostedURL, "(unnamed badge)")
	}
	return row
}
