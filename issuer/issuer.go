package issuer

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	netmail "net/mail"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"badgewallet/assets"
	"badgewallet/issuer/mail"
	"badgewallet/store"
	"badgewallet/wallet/openbadges/dataintegrity"
)

// Artwork draws an achievement's picture in one of its designs.
type Artwork interface {
	Picture(a *Achievement, issuer, design string) (svg, png []byte, err error)
}

// Options configure Open.
type Options struct {
	// Catalog is the program; nil means the embedded demo catalog.
	Catalog *Catalog
	// BaseURL is where the issuer's documents are served; "" means the
	// catalog's issuer URL.
	BaseURL string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Artwork draws badges; nil means the built-in templates.
	Artwork Artwork
	// Mailer delivers outbox messages; nil keeps them in the outbox only.
	Mailer mail.Sender
}

// Issuer is the embedded Open Badges issuer. It is safe for concurrent use.
type Issuer struct {
	db     *store.DB
	keys   *Keys
	cat    *Catalog
	base   string
	now    func() time.Time
	loader *dataintegrity.Loader
	art    Artwork
	mailer mail.Sender

	pictures sync.Map // achievement id + " " + design → picture

	listMu     sync.Mutex
	signedList []byte // the signed status list for the revocations in listKey
	listKey    string
}

type picture struct{ svg, png []byte }

// Open opens (creating if needed) the issuer kept in dir: issuer.db and
// its key file issuer-keys.pem (mode 0600).
func Open(ctx context.Context, dir string, o Options) (*Issuer, error) {
	cat := o.Catalog
	if cat == nil {
		var err error
		if cat, err = LoadCatalog(dir); err != nil {
			return nil, err
		}
	}
	if o.Artwork == nil {
		o.Artwork = builtinArtwork{}
	}
	keys, _, err := LoadOrCreateKeys(filepath.Join(dir, "issuer-keys.pem"))
	if err != nil {
		return nil, err
	}
	db, err := store.OpenIssuer(ctx, filepath.Join(dir, "issuer.db"))
	if err != nil {
		return nil, fmt.Errorf("open issuer: %w", err)
	}
	loader, err := dataintegrity.NewLoader()
	if err != nil {
		db.Close()
		return nil, err
	}
	if o.Mailer == nil {
		o.Mailer = mail.Discard{}
	}
	is := &Issuer{db: db, keys: keys, cat: cat, base: strings.TrimRight(o.BaseURL, "/"), now: o.Now, loader: loader, art: o.Artwork, mailer: o.Mailer}
	if is.base == "" {
		is.base = strings.TrimRight(cat.Issuer.URL, "/")
	}
	if is.now == nil {
		is.now = time.Now
	}
	return is, nil
}

// CatalogFile is the editable catalog in an issuer's directory; without
// it the embedded demo catalog is used.
const CatalogFile = "catalog.json"

// maxCatalogBytes caps the catalog file.
const maxCatalogBytes = 4 << 20

// LoadCatalog reads dir/catalog.json if it exists, else the embedded demo
// catalog.
func LoadCatalog(dir string) (*Catalog, error) {
	path := filepath.Join(dir, CatalogFile)
	data, err := readCapped(path, maxCatalogBytes)
	if errors.Is(err, fs.ErrNotExist) {
		if data, err = assets.DemoCatalog(); err != nil {
			return nil, err
		}
		return ParseCatalog(data)
	}
	if err != nil {
		return nil, fmt.Errorf("catalog %s: %w", path, err)
	}
	c, err := ParseCatalog(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// WriteDemoCatalog writes the embedded demo catalog to dir/catalog.json
// for editing, unless the file exists. It reports whether it wrote it.
func WriteDemoCatalog(dir string) (bool, error) {
	path := filepath.Join(dir, CatalogFile)
	if _, err := os.Stat(path); err == nil {
		return false, nil
	}
	data, err := assets.DemoCatalog()
	if err != nil {
		return false, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return false, err
	}
	return true, os.WriteFile(path, data, 0o600)
}

func readCapped(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("over %d bytes", max)
	}
	return data, nil
}

// Close closes the database.
func (is *Issuer) Close() error { return is.db.Close() }

// Catalog returns the program.
func (is *Issuer) Catalog() *Catalog { return is.cat }

// ID is the issuer's id (its did:key).
func (is *Issuer) ID() string { return is.keys.DID() }

// BaseURL is where the issuer's documents are served.
func (is *Issuer) BaseURL() string { return is.base }

// ErrBadEmail: the text is not an email address.
var ErrBadEmail = errors.New("not an email address")

// NormalizeEmail checks an address and lower-cases it, as identity hashes
// are computed over lower-cased emails.
func NormalizeEmail(s string) (string, error) {
	a, err := netmail.ParseAddress(strings.TrimSpace(s))
	if err != nil || a.Name != "" || !strings.Contains(a.Address, "@") {
		return "", fmt.Errorf("%w: %q", ErrBadEmail, s)
	}
	return strings.ToLower(a.Address), nil
}

// Awarded is one badge issued by an award.
type Awarded struct {
	CredentialID  string
	AchievementID string
	Name          string
	ClaimURL      string
}

// AwardResult says what an award did.
type AwardResult struct {
	Email   string
	Awarded []Awarded
	Notes   []string
}

// Award records that email passed exam id (or awards certification id
// directly) on day on, applies the program's rules, and issues, signs and
// bakes every badge that follows, each with a notification in the outbox.
// Nothing is issued twice.
func (is *Issuer) Award(ctx context.Context, email, id string, on time.Time) (AwardResult, error) {
	email, err := NormalizeEmail(email)
	if err != nil {
		return AwardResult{}, err
	}
	res := AwardResult{Email: email}
	var posted []store.OutboxMessage
	err = is.db.WithTx(ctx, func(tx *sql.Tx) error {
		passed, err := is.db.ExamPasses(ctx, tx, email)
		if err != nil {
			return err
		}
		held, err := is.db.HeldAchievements(ctx, tx, email)
		if err != nil {
			return err
		}
		d, err := is.cat.Decide(id, on, passed, held)
		if err != nil {
			return err
		}
		res.Notes = d.Notes
		if d.Record != "" {
			if _, err := is.db.AddExamPass(ctx, tx, email, d.Record, on); err != nil {
				return err
			}
		}
		for _, bid := range d.Badges {
			a, _ := is.cat.Get(bid)
			aw, msg, err := is.issue(ctx, tx, email, a, on)
			if err != nil {
				return err
			}
			res.Awarded = append(res.Awarded, aw)
			posted = append(posted, msg)
		}
		return nil
	})
	if err != nil {
		return AwardResult{}, fmt.Errorf("award %s to %s: %w", id, email, err)
	}
	for _, m := range posted { // delivered after commit; failures stay recorded in the outbox
		if err := is.deliver(ctx, m.ID, m); err != nil {
			return res, err
		}
	}
	return res, nil
}

// issue signs, bakes and stores one badge, with its claim link and
// notification.
func (is *Issuer) issue(ctx context.Context, tx *sql.Tx, email string, a *Achievement, on time.Time) (Awarded, store.OutboxMessage, error) {
	idx, err := is.db.NextAwardID(ctx, tx)
	if err != nil {
		return Awarded{}, store.OutboxMessage{}, err
	}
	credID := "urn:uuid:" + newUUID()
	signed, err := is.credential(credID, email, a, on, idx)
	if err != nil {
		return Awarded{}, store.OutboxMessage{}, err
	}
	png, svg, err := is.bake(a, signed)
	if err != nil {
		return Awarded{}, store.OutboxMessage{}, err
	}
	if err := is.db.InsertAward(ctx, tx, store.Award{ID: idx, CredentialID: credID, Email: email, AchievementID: a.ID,
		AwardedOn: on, Credential: signed, BakedPNG: png, BakedSVG: svg}); err != nil {
		return Awarded{}, store.OutboxMessage{}, err
	}
	token := randomToken()
	if err := is.db.AddClaimLink(ctx, tx, token, idx, is.now()); err != nil {
		return Awarded{}, store.OutboxMessage{}, err
	}
	claim := is.base + "/claim/" + token
	msg := store.OutboxMessage{
		Kind: "award", To: email, Created: is.now(),
		Subject: fmt.Sprintf("You earned a badge: %s", a.Name),
		Body: fmt.Sprintf("Congratulations!\n\n%s has awarded you the badge \"%s\".\n\nClaim it here:\n%s\n\n"+
			"Sign in with this email address (%s); we will send you a confirmation code.\n", is.cat.Issuer.Name, a.Name, claim, email),
	}
	if msg.ID, err = is.db.AddOutbox(ctx, tx, msg); err != nil {
		return Awarded{}, store.OutboxMessage{}, err
	}
	return Awarded{CredentialID: credID, AchievementID: a.ID, Name: a.Name, ClaimURL: claim}, msg, nil
}

func newUUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

func randomToken() string {
	var b [24]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// sqlTx is the transaction type of store.DB.WithTx.
type sqlTx = sql.Tx

// Outbox lists the messages sent, newest first; to "" lists all.
func (is *Issuer) Outbox(ctx context.Context, to string, limit int) ([]store.OutboxMessage, error) {
	return is.db.Outbox(ctx, to, limit)
}

// Awards lists the credentials issued, newest first, at most limit of them
// (limit <= 0 lists 100): who got which achievement on which day, whether
// it was revoked and why, and when it was first claimed. The signed
// credential and baked images are left out (see CredentialJSON).
func (is *Issuer) Awards(ctx context.Context, limit int) ([]store.Award, error) {
	return is.db.Awards(ctx, limit)
}

// CredentialJSON returns an issued credential's signed JSON.
func (is *Issuer) CredentialJSON(ctx context.Context, credentialID string) ([]byte, error) {
	a, err := is.db.AwardByCredential(ctx, credentialID)
	if err != nil {
		return nil, err
	}
	return a.Credential, nil
}
