package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Badge is the summary row of a stored badge (never the file bytes; see
// [DB.BadgeOriginal]). Empty strings and zero times are stored as NULL where
// the column allows it; times are kept in UTC to the second.
type Badge struct {
	ID           int64
	ContentHash  string // hex sha256 of the original bytes
	CredentialID string
	Container    string // png | svg | json | jws | url
	SpecVersion  string // "2.0", "3.0"...
	Name         string
	Description  string
	IssuerName   string
	IssuerID     string
	Issued       time.Time
	Expires      time.Time
	Recipient    string
	Verification string // "" is stored as "unchecked"
	VerifiedAt   time.Time
	Privacy      string // private | public; "" is stored as "private"
	Acceptance   string // pending | accepted | rejected; "" is stored as "pending"
	Added        time.Time
	ImageType    string // "image/png", "image/svg+xml" or ""
	// NotAddressed: the recipient matches none of the holder's identities.
	NotAddressed bool
	// NamedIdentity is the recipient the badge names (hash or plain).
	NamedIdentity string
	// Report is the last verification report, as JSON.
	Report string
}

// Column values the schema's CHECK constraints allow, and defaults.
var (
	privacyValues    = []string{"private", "public"}
	acceptanceValues = []string{"pending", "accepted", "rejected"}
)

const (
	defaultPrivacy      = "private"
	defaultAcceptance   = "pending"
	defaultVerification = "unchecked"
)

// oneOf checks that v is one of allowed.
func oneOf(field, v string, allowed []string) error {
	if slices.Contains(allowed, v) {
		return nil
	}
	return fmt.Errorf("%s %q: want one of %s", field, v, strings.Join(allowed, ", "))
}

const badgeColumns = `id, content_hash, credential_id, container, spec_version,
	name, description, issuer_name, issuer_id, issued, expires, recipient,
	verification, verified_at, privacy, acceptance, added, image_type,
	not_addressed, named_identity, report`

// scanBadge reads one row selected with badgeColumns.
func scanBadge(row interface{ Scan(...any) error }) (Badge, error) {
	var (
		b                                                  Badge
		credID, desc, issuerName, issuerID, recip, imgType sql.NullString
		issued, expires, verifiedAt, added                 sql.NullString
	)
	var named, report sql.NullString
	err := row.Scan(&b.ID, &b.ContentHash, &credID, &b.Container, &b.SpecVersion,
		&b.Name, &desc, &issuerName, &issuerID, &issued, &expires, &recip,
		&b.Verification, &verifiedAt, &b.Privacy, &b.Acceptance, &added, &imgType,
		&b.NotAddressed, &named, &report)
	b.NamedIdentity, b.Report = named.String, report.String
	if err != nil {
		return Badge{}, err
	}
	b.CredentialID, b.Description, b.IssuerName = credID.String, desc.String, issuerName.String
	b.IssuerID, b.Recipient, b.ImageType = issuerID.String, recip.String, imgType.String
	for _, t := range []struct {
		field string
		s     sql.NullString
		dst   *time.Time
	}{
		{"issued", issued, &b.Issued},
		{"expires", expires, &b.Expires},
		{"verified_at", verifiedAt, &b.VerifiedAt},
		{"added", added, &b.Added},
	} {
		if *t.dst, err = parseTime(t.field, t.s); err != nil {
			return Badge{}, fmt.Errorf("badge %d: %w", b.ID, err)
		}
	}
	return b, nil
}

// InsertBadge stores a badge summary and its original bytes in one
// transaction. b.ID is ignored. b.ContentHash is computed from original when
// empty (and must match it otherwise); b.Added defaults to now; empty
// Privacy, Acceptance and Verification get the column defaults.
//
// If a badge with the same content hash is already stored, InsertBadge
// returns its id and inserted == false, and changes nothing.
func (db *DB) InsertBadge(ctx context.Context, b Badge, original []byte) (id int64, inserted bool, err error) {
	row, err := db.checkBadge(b, original)
	if err != nil {
		return 0, false, err
	}
	err = db.WithTx(ctx, func(tx *sql.Tx) error {
		id, inserted, err = insertBadgeTx(ctx, tx, row)
		return err
	})
	if err != nil {
		return 0, false, fmt.Errorf("insert badge %s into %s: %w", row.hash[:16], db.path, err)
	}
	return id, inserted, nil
}

// checkedBadge is a badge ready to insert.
type checkedBadge struct {
	b        Badge
	hash     string
	times    [4]any
	original []byte
}

// checkBadge fills in defaults and checks a badge before insertion.
func (db *DB) checkBadge(b Badge, original []byte) (checkedBadge, error) {
	if len(original) == 0 {
		return checkedBadge{}, errors.New("insert badge: no original bytes")
	}
	sum := sha256.Sum256(original)
	hash := hex.EncodeToString(sum[:])
	if b.ContentHash != "" && !strings.EqualFold(b.ContentHash, hash) {
		return checkedBadge{}, fmt.Errorf("insert badge: content hash %q is not the sha256 of the original bytes (%s)", b.ContentHash, hash)
	}
	fail := func(err error) (checkedBadge, error) {
		return checkedBadge{}, fmt.Errorf("insert badge %s into %s: %w", hash[:16], db.path, err)
	}
	if b.Container == "" || b.SpecVersion == "" {
		return fail(errors.New("container and spec version are required"))
	}
	if b.Privacy == "" {
		b.Privacy = defaultPrivacy
	}
	if b.Acceptance == "" {
		b.Acceptance = defaultAcceptance
	}
	if b.Verification == "" {
		b.Verification = defaultVerification
	}
	if err := oneOf("privacy", b.Privacy, privacyValues); err != nil {
		return fail(err)
	}
	if err := oneOf("acceptance", b.Acceptance, acceptanceValues); err != nil {
		return fail(err)
	}
	if b.Added.IsZero() {
		b.Added = time.Now()
	}
	row := checkedBadge{b: b, hash: hash, original: original}
	for i, t := range []struct {
		field string
		t     time.Time
	}{{"issued", b.Issued}, {"expires", b.Expires}, {"verified_at", b.VerifiedAt}, {"added", b.Added}} {
		var err error
		if row.times[i], err = nullTime(t.field, t.t); err != nil {
			return fail(err)
		}
	}
	return row, nil
}

// Batch is a write transaction that stores many badges at once; each
// InsertBadge in it stands alone (a savepoint), so one failure leaves the
// others in. Nothing is stored unless the batch commits.
type Batch struct {
	db *DB
	tx *sql.Tx
}

// WithBatch runs fn in one write transaction, committed when fn returns
// nil.
func (db *DB) WithBatch(ctx context.Context, fn func(*Batch) error) error {
	return db.WithTx(ctx, func(tx *sql.Tx) error { return fn(&Batch{db: db, tx: tx}) })
}

// InsertBadge is DB.InsertBadge inside the batch.
func (bt *Batch) InsertBadge(ctx context.Context, b Badge, original []byte) (id int64, inserted bool, err error) {
	row, err := bt.db.checkBadge(b, original)
	if err != nil {
		return 0, false, err
	}
	if _, err := bt.tx.ExecContext(ctx, `SAVEPOINT badge`); err != nil {
		return 0, false, fmt.Errorf("insert badge %s into %s: %w", row.hash[:16], bt.db.path, err)
	}
	id, inserted, err = insertBadgeTx(ctx, bt.tx, row)
	if err != nil {
		_, rbErr := bt.tx.ExecContext(ctx, `ROLLBACK TO badge`)
		_, relErr := bt.tx.ExecContext(ctx, `RELEASE badge`)
		return 0, false, errors.Join(fmt.Errorf("insert badge %s into %s: %w", row.hash[:16], bt.db.path, err), rbErr, relErr)
	}
	if _, err := bt.tx.ExecContext(ctx, `RELEASE badge`); err != nil {
		return 0, false, fmt.Errorf("insert badge %s into %s: %w", row.hash[:16], bt.db.path, err)
	}
	return id, inserted, nil
}

// BadgeByCredential is DB.BadgeByCredential inside the batch: it sees the
// batch's own inserts.
func (bt *Batch) BadgeByCredential(ctx context.Context, credentialID, issuerID string) (Badge, bool, error) {
	return badgeByCredential(ctx, bt.tx, credentialID, issuerID)
}

// insertBadgeTx inserts a checked badge inside tx unless its bytes are
// already stored.
func insertBadgeTx(ctx context.Context, tx *sql.Tx, row checkedBadge) (id int64, inserted bool, err error) {
	hash, b, times, original := row.hash, row.b, row.times, row.original
	err = tx.QueryRowContext(ctx, `SELECT id FROM badges WHERE content_hash = ?`, hash).Scan(&id)
	if err == nil {
		return id, false, nil // already stored
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, false, err
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO badges (
		content_hash, credential_id, container, spec_version, name, description,
		issuer_name, issuer_id, issued, expires, recipient, verification,
		verified_at, privacy, acceptance, added, image_type,
		not_addressed, named_identity, report
	) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		hash, nullString(b.CredentialID), b.Container, b.SpecVersion, b.Name, nullString(b.Description),
		nullString(b.IssuerName), nullString(b.IssuerID), times[0], times[1], nullString(b.Recipient), b.Verification,
		times[2], b.Privacy, b.Acceptance, times[3], nullString(b.ImageType),
		b.NotAddressed, nullString(b.NamedIdentity), nullString(b.Report),
	).Scan(&id)
	if err != nil {
		return 0, false, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO badge_files (badge_id, original) VALUES (?, ?)`, id, original); err != nil {
		return 0, false, err
	}
	return id, true, nil
}

// GetBadge returns the summary of badge id, or an error wrapping
// [ErrNotFound].
func (db *DB) GetBadge(ctx context.Context, id int64) (Badge, error) {
	b, err := scanBadge(db.sql.QueryRowContext(ctx, `SELECT `+badgeColumns+` FROM badges WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	if err != nil {
		return Badge{}, fmt.Errorf("get badge %d from %s: %w", id, db.path, err)
	}
	return b, nil
}

// BadgeOriginal returns the bytes badge id was stored with, or an error
// wrapping [ErrNotFound].
func (db *DB) BadgeOriginal(ctx context.Context, id int64) ([]byte, error) {
	var original []byte
	err := db.sql.QueryRowContext(ctx, `SELECT original FROM badge_files WHERE badge_id = ?`, id).Scan(&original)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("get original of badge %d from %s: %w", id, db.path, err)
	}
	return original, nil
}

// ListQuery selects and orders a page of badges.
type ListQuery struct {
	// Search keeps badges whose name, issuer name or description contains
	// it, ignoring case: a search of three characters or more goes through
	// a trigram full-text index and folds case across Unicode; a shorter one
	// folds ASCII letters only, as SQLite's LIKE. Leading and trailing
	// spaces are ignored; "" keeps every badge.
	Search string
	// Fuzzy matches each word of Search as a subsequence instead: its
	// letters in order with anything between ("ccf" finds "Contoso
	// Certified: Cloud Fundamentals"). It always reads every row (LIKE),
	// for when the plain search finds nothing.
	Fuzzy bool
	// Acceptance keeps badges in that state: pending, accepted, rejected;
	// "" keeps every badge.
	Acceptance string
	// Sort is one of "added", "issued", "name", "issuer", "expires". The
	// order is ascending, or descending with Desc; missing dates and issuer
	// names come last either way; ties are broken by id. The zero value ""
	// is the default order: newest added first (Desc is then ignored).
	Sort string
	Desc bool
	// Limit is the page size: 0 means 50, at most 1000. Offset skips rows.
	Limit, Offset int
	// Matches and Of, when both are known (> 0), say how many badges the
	// search matches out of how many the Acceptance filter keeps (from
	// CountBadges). They only help ListBadges pick its plan.
	Matches, Of int
}

const (
	defaultLimit = 50
	maxLimit     = 1000
)

// sortKeys maps ListQuery.Sort to SQL. Only these strings ever reach ORDER BY.
var sortKeys = map[string]struct {
	expr     string
	nullable bool
}{
	"added":   {"added", false},
	"issued":  {"issued", true},
	"name":    {"name COLLATE NOCASE", false},
	"issuer":  {"issuer_name COLLATE NOCASE", true},
	"expires": {"expires", true},
}

// escapeLike makes s match itself literally in a LIKE pattern with ESCAPE '\'.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// likeSearch is the search condition without the trigram index; its three
// arguments are the same escaped LIKE pattern.
const likeSearch = `(name LIKE ? ESCAPE '\' OR issuer_name LIKE ? ESCAPE '\' OR description LIKE ? ESCAPE '\')`

// minFTS is the shortest search the trigram index can answer.
const minFTS = 3

// maxWords caps the words of a search (each is one more condition).
const maxWords = 8

// searchWords splits a search into its words, in any order: a badge
// matches when its name, issuer or description contains every word (so
// "contoso fund" finds "Contoso Certified: Cloud Fundamentals"). Beyond
// maxWords the rest stays one last word.
func searchWords(s string) []string {
	words := strings.Fields(s)
	if len(words) > maxWords {
		words = append(words[:maxWords-1], strings.Join(words[maxWords-1:], " "))
	}
	return words
}

// useFTS reports whether search s goes through the trigram index: every
// word three characters or more, and no NUL (which ends an FTS5 query
// string early).
func useFTS(s string) bool {
	words := searchWords(s)
	for _, w := range words {
		if utf8.RuneCountInString(w) < minFTS {
			return false
		}
	}
	return len(words) > 0 && !strings.ContainsRune(s, 0)
}

// ftsPhrase quotes s as one FTS5 phrase: with the trigram tokenizer it
// matches any text containing s.
func ftsPhrase(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// ftsQuery is the FTS5 query of a search: every word as a phrase.
func ftsQuery(s string) string {
	words := searchWords(s)
	for i, w := range words {
		words[i] = ftsPhrase(w)
	}
	return strings.Join(words, " AND ")
}

// likeExpr is the search as LIKE conditions (likeSearch per word, joined
// by AND) and their arguments; fuzzy puts "%" between a word's letters
// (a subsequence match).
func likeExpr(s string, fuzzy bool) (string, []any) {
	words := searchWords(s)
	conds := make([]string, len(words))
	var args []any
	for i, w := range words {
		conds[i] = likeSearch
		pattern := "%" + escapeLike(w) + "%"
		if fuzzy {
			var b strings.Builder
			b.WriteByte('%')
			for _, r := range w {
				b.WriteString(escapeLike(string(r)))
				b.WriteByte('%')
			}
			pattern = b.String()
		}
		args = append(args, pattern, pattern, pattern)
	}
	if len(conds) == 1 {
		return likeSearch, args
	}
	return "(" + strings.Join(conds, " AND ") + ")", args
}

// search is the trimmed search text.
func (q ListQuery) search() string { return strings.TrimSpace(q.Search) }

// where builds the WHERE clause (with its leading space, or "") and its
// arguments. With fts the search goes through the trigram index (the
// search must be minFTS characters or more); without, through LIKE.
func (q ListQuery) where(fts bool) (string, []any, error) {
	var conds []string
	var args []any
	if q.Acceptance != "" {
		if err := oneOf("acceptance", q.Acceptance, acceptanceValues); err != nil {
			return "", nil, err
		}
		conds = append(conds, `acceptance = ?`)
		args = append(args, q.Acceptance)
	}
	if s := q.search(); s != "" {
		if fts {
			conds = append(conds, `id IN (SELECT rowid FROM badges_fts WHERE badges_fts MATCH ?)`)
			args = append(args, ftsQuery(s))
		} else {
			expr, likeArgs := likeExpr(s, q.Fuzzy)
			conds = append(conds, expr)
			args = append(args, likeArgs...)
		}
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args, nil
}

// orderBy builds the ORDER BY clause from the whitelist.
func (q ListQuery) orderBy() (string, error) {
	if q.Sort == "" {
		return " ORDER BY added DESC, id DESC", nil
	}
	key, ok := sortKeys[q.Sort]
	if !ok {
		return "", fmt.Errorf("unknown sort %q", q.Sort)
	}
	dir := " ASC"
	if q.Desc {
		dir = " DESC"
	}
	nulls := ""
	if key.nullable {
		nulls = " NULLS LAST"
	}
	return " ORDER BY " + key.expr + dir + nulls + ", id" + dir, nil
}

// scanFactor bounds the first plan of a search: it reads at most
// scanFactor rows per wanted row in sort order before giving up.
const scanFactor = 8

// ListBadges returns one page of badge summaries.
//
// A search of minFTS characters or more has two plans. Common words are
// answered fastest by walking the sort order's index and testing each row,
// which stops as soon as the page is full; rare words by the trigram index,
// which yields the few matching rows to sort. ListBadges first walks at most
// scanFactor rows per wanted row and, when that does not fill the page,
// asks the trigram index. Both plans give the same rows for ASCII searches;
// searches with other characters always use the trigram index, which folds
// case beyond ASCII.
func (db *DB) ListBadges(ctx context.Context, q ListQuery) ([]Badge, error) {
	fail := func(err error) ([]Badge, error) {
		return nil, fmt.Errorf("list badges in %s: %w", db.path, err)
	}
	order, err := q.orderBy()
	if err != nil {
		return fail(err)
	}
	limit := q.Limit
	switch {
	case limit < 0 || q.Offset < 0:
		return fail(fmt.Errorf("negative limit %d or offset %d", q.Limit, q.Offset))
	case limit == 0:
		limit = defaultLimit
	case limit > maxLimit:
		limit = maxLimit
	}
	window := page(limit, q.Offset)
	s := q.search()
	fts := useFTS(s) && !q.Fuzzy
	// Walking the sort order pays when at least one row in scanFactor
	// matches; when the counts say fewer do, go to the trigram index.
	dense := q.Matches <= 0 || q.Of <= 0 || q.Matches*scanFactor >= q.Of
	if fts && isASCII(s) && dense {
		badges, ok, err := db.listByScan(ctx, q, order, limit)
		if err != nil {
			return fail(err)
		}
		if ok {
			return badges, nil
		}
	}
	where, args, err := q.where(fts)
	if err != nil {
		return fail(err)
	}
	badges, err := db.queryBadges(ctx, `SELECT `+badgeColumns+` FROM badges`+where+order+window, args, limit)
	if err != nil {
		return fail(err)
	}
	return badges, nil
}

// listByScan is the first plan of a search: it walks the badges in sort
// order, SQLite testing each with LIKE and handing over only the id and the
// outcome, until the page is full or scanFactor rows per wanted row have
// been read (ok false: the caller should use the trigram index).
func (db *DB) listByScan(ctx context.Context, q ListQuery, order string, limit int) (badges []Badge, ok bool, err error) {
	unfiltered := q
	unfiltered.Search = ""
	where, args, err := unfiltered.where(false)
	if err != nil {
		return nil, false, err
	}
	want := q.Offset + limit
	bound := want * scanFactor
	// SQLite tests each row (the LIKEs of likeExpr) and hands over only
	// the id and the outcome, so that a row not kept costs little.
	hit, likeArgs := likeExpr(q.search(), q.Fuzzy)
	rows, err := db.sql.QueryContext(ctx, `SELECT id, coalesce(`+hit+`, 0) FROM badges`+
		where+order+fmt.Sprintf(" LIMIT %d", bound), append(likeArgs, args...)...)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	var ids []int64
	matched, scanned := 0, 0
	for matched < want && rows.Next() {
		scanned++
		var id int64
		var hit bool
		if err := rows.Scan(&id, &hit); err != nil {
			return nil, false, err
		}
		if !hit {
			continue
		}
		if matched >= q.Offset {
			ids = append(ids, id)
		}
		matched++
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	rows.Close()
	if matched < want && scanned == bound {
		return nil, false, nil // the page may go on past the rows read
	}
	if len(ids) == 0 {
		return []Badge{}, true, nil
	}
	marks := strings.Repeat(",?", len(ids))[1:]
	idArgs := make([]any, len(ids))
	for i, id := range ids {
		idArgs[i] = id
	}
	badges, err = db.queryBadges(ctx, `SELECT `+badgeColumns+` FROM badges WHERE id IN (`+marks+`)`+order, idArgs, len(ids))
	return badges, err == nil, err
}

// page is the LIMIT clause of a page.
func page(limit, offset int) string { return fmt.Sprintf(" LIMIT %d OFFSET %d", limit, offset) }

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// queryBadges runs a query selecting badgeColumns.
func (db *DB) queryBadges(ctx context.Context, query string, args []any, limit int) ([]Badge, error) {
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	badges := make([]Badge, 0, min(limit, 64))
	for rows.Next() {
		b, err := scanBadge(rows)
		if err != nil {
			return nil, err
		}
		badges = append(badges, b)
	}
	return badges, rows.Err()
}

// CountBadges returns how many badges q's Search and Acceptance select
// (Sort, Desc, Limit and Offset are ignored).
func (db *DB) CountBadges(ctx context.Context, q ListQuery) (int, error) {
	fts := useFTS(q.search()) && !q.Fuzzy
	where, args, err := q.where(fts)
	if err != nil {
		return 0, fmt.Errorf("count badges in %s: %w", db.path, err)
	}
	query := `SELECT count(*) FROM badges` + where
	if fts && q.Acceptance == "" {
		// The index alone knows: no badge row is read.
		query, args = `SELECT count(*) FROM badges_fts WHERE badges_fts MATCH ?`, []any{ftsQuery(q.search())}
	}
	var n int
	if err := db.sql.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count badges in %s: %w", db.path, err)
	}
	return n, nil
}

// updateBadge runs an UPDATE of one badge row and reports ErrNotFound when
// there is no such row.
func (db *DB) updateBadge(ctx context.Context, what string, id int64, set string, args ...any) error {
	res, err := db.sql.ExecContext(ctx, `UPDATE badges SET `+set+` WHERE id = ?`, append(args, id)...)
	if err == nil {
		var n int64
		if n, err = res.RowsAffected(); err == nil && n == 0 {
			err = ErrNotFound
		}
	}
	if err != nil {
		return fmt.Errorf("set %s of badge %d in %s: %w", what, id, db.path, err)
	}
	return nil
}

// SetBadgeAcceptance sets badge id's acceptance: pending, accepted or
// rejected.
func (db *DB) SetBadgeAcceptance(ctx context.Context, id int64, state string) error {
	if err := oneOf("acceptance", state, acceptanceValues); err != nil {
		return fmt.Errorf("set acceptance of badge %d: %w", id, err)
	}
	return db.updateBadge(ctx, "acceptance", id, `acceptance = ?`, state)
}

// SetBadgePrivacy sets badge id's privacy: private or public.
func (db *DB) SetBadgePrivacy(ctx context.Context, id int64, privacy string) error {
	if err := oneOf("privacy", privacy, privacyValues); err != nil {
		return fmt.Errorf("set privacy of badge %d: %w", id, err)
	}
	return db.updateBadge(ctx, "privacy", id, `privacy = ?`, privacy)
}

// SetBadgeVerification records the outcome of verifying badge id (a state
// the wallet defines, not empty) and when it was checked (zero: unknown).
func (db *DB) SetBadgeVerification(ctx context.Context, id int64, state string, at time.Time) error {
	if state == "" {
		return fmt.Errorf("set verification of badge %d: empty state", id)
	}
	when, err := nullTime("verified_at", at)
	if err != nil {
		return fmt.Errorf("set verification of badge %d: %w", id, err)
	}
	return db.updateBadge(ctx, "verification", id, `verification = ?, verified_at = ?`, state, when)
}

// BadgeByCredential returns the badge with a credential id from an
// issuer, if any (ids are only unique per issuer in practice: sample
// credentials reuse the specification's example ids).
func (db *DB) BadgeByCredential(ctx context.Context, credentialID, issuerID string) (Badge, bool, error) {
	return badgeByCredential(ctx, db.sql, credentialID, issuerID)
}

func badgeByCredential(ctx context.Context, q querier, credentialID, issuerID string) (Badge, bool, error) {
	if credentialID == "" {
		return Badge{}, false, nil
	}
	b, err := scanBadge(q.QueryRowContext(ctx, `SELECT `+badgeColumns+` FROM badges WHERE credential_id = ? AND COALESCE(issuer_id, '') = ? ORDER BY id LIMIT 1`, credentialID, issuerID))
	if errors.Is(err, sql.ErrNoRows) {
		return Badge{}, false, nil
	}
	if err != nil {
		return Badge{}, false, fmt.Errorf("badge by credential: %w", err)
	}
	return b, true, nil
}

// SetBadgeReport stores a verification outcome with its report.
func (db *DB) SetBadgeReport(ctx context.Context, id int64, verification string, at time.Time, report string, notAddressed bool) error {
	return db.updateBadge(ctx, "report", id, `verification = ?, verified_at = ?, report = ?, not_addressed = ?`,
		verification, at.UTC().Format(time.RFC3339), report, notAddressed)
}

// Generation returns a number that changes whenever a badge is added,
// removed, renamed or changes acceptance state, from any process: figures
// derived from the list (CountBadges) stay right while it is the same.
func (db *DB) Generation(ctx context.Context) (int64, error) {
	var n int64
	if err := db.sql.QueryRowContext(ctx, `SELECT n FROM generation WHERE id = 1`).Scan(&n); err != nil {
		return 0, fmt.Errorf("read generation of %s: %w", db.path, err)
	}
	return n, nil
}

// IssuerCount is one issuer of badges in the wallet.
type IssuerCount struct {
	ID, Name string
	Badges   int
}

// Issuers lists the issuers of the wallet's badges (any acceptance), by
// name, each with how many badges it issued; badges without an issuer id
// are left out. One grouped query: it reads no badge twice.
func (db *DB) Issuers(ctx context.Context) ([]IssuerCount, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT issuer_id, coalesce(max(issuer_name), ''), count(*) FROM badges
		WHERE issuer_id IS NOT NULL AND issuer_id != '' GROUP BY issuer_id ORDER BY 2 COLLATE NOCASE, 1`)
	if err != nil {
		return nil, fmt.Errorf("list issuers in %s: %w", db.path, err)
	}
	defer rows.Close()
	out := []IssuerCount{}
	for rows.Next() {
		var c IssuerCount
		if err := rows.Scan(&c.ID, &c.Name, &c.Badges); err != nil {
			return nil, fmt.Errorf("list issuers in %s: %w", db.path, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list issuers in %s: %w", db.path, err)
	}
	return out, nil
}

// NotAddressedIDs lists the badges that name none of the holder's
// identities, oldest first.
func (db *DB) NotAddressedIDs(ctx context.Context) ([]int64, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT id FROM badges WHERE not_addressed = 1 ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list badges not addressed to you in %s: %w", db.path, err)
	}
	defer rows.Close()
	out := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("list badges not addressed to you in %s: %w", db.path, err)
		}
		out = append(out, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list badges not addressed to you in %s: %w", db.path, err)
	}
	return out, nil
}
