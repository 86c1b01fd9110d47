package issuer

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"badgewallet/issuer/mail"
	"badgewallet/store"
)

// Claim errors; each message says what to do.
var (
	ErrUnknownClaim    = errors.New("unknown claim link: check the link in your email, or ask the issuer to send it again")
	ErrWrongEmail      = errors.New("this badge was sent to another email address")
	ErrNoCode          = errors.New("no confirmation code was requested for this claim: ask for one first")
	ErrWrongCode       = errors.New("wrong confirmation code")
	ErrCodeUsed        = errors.New("this confirmation code was already used: ask for a new one")
	ErrCodeExpired     = errors.New("this confirmation code has expired: ask for a new one")
	ErrTooManyAttempts = errors.New("too many wrong codes: ask for a new one")
	ErrSession         = errors.New("unknown or expired session: confirm your email again")
)

// Limits of the claim flow.
const (
	codeLifetime    = 15 * time.Minute
	maxCodeAttempts = 5
	sessionLifetime = 24 * time.Hour
)

// Offer is what a claim link offers, shown before the email is proven.
type Offer struct {
	Token       string `json:"token"`
	Issuer      string `json:"issuer"`
	Achievement string `json:"achievement"`
	Description string `json:"description"`
	Image       string `json:"image"`
	EmailHint   string `json:"emailHint"` // d***@example.com
	Retired     bool   `json:"retired,omitempty"`
}

// EmailHint masks an address: the first letter of the local part, then ***.
func EmailHint(email string) string {
	local, domain, ok := strings.Cut(email, "@")
	if !ok || local == "" {
		return "***"
	}
	return local[:1] + "***@" + domain
}

// Offer returns what a claim link offers.
func (is *Issuer) Offer(ctx context.Context, token string) (Offer, error) {
	a, err := is.db.AwardByClaimToken(ctx, token)
	if errors.Is(err, store.ErrNotFound) {
		return Offer{}, ErrUnknownClaim
	} else if err != nil {
		return Offer{}, err
	}
	ach, _ := is.cat.Get(a.AchievementID)
	o := Offer{Token: token, Issuer: is.cat.Issuer.Name, EmailHint: EmailHint(a.Email), Image: is.AchievementURL(a.AchievementID) + "/image.png"}
	if ach != nil {
		o.Achievement, o.Description, o.Retired = ach.Name, ach.Description, !ach.RetiredOn().IsZero()
	}
	return o, nil
}

// SendCode sends a confirmation code to email, which must be the address
// the badge was awarded to.
func (is *Issuer) SendCode(ctx context.Context, token, email string) error {
	a, err := is.db.AwardByClaimToken(ctx, token)
	if errors.Is(err, store.ErrNotFound) {
		return ErrUnknownClaim
	} else if err != nil {
		return err
	}
	email, err = NormalizeEmail(email)
	if err != nil {
		return err
	}
	if email != a.Email {
		return fmt.Errorf("%w (%s): sign in with that address, or add it to your wallet", ErrWrongEmail, EmailHint(a.Email))
	}
	code, err := newCode()
	if err != nil {
		return err
	}
	now := is.now()
	if _, err := is.db.AddConfirmation(ctx, store.Confirmation{Token: token, Email: email, CodeHash: codeHash(token, code), Created: now, Expires: now.Add(codeLifetime)}); err != nil {
		return err
	}
	msg := store.OutboxMessage{Kind: "code", To: email, Created: now,
		Subject: fmt.Sprintf("Your %s confirmation code: %s", is.cat.Issuer.Name, code),
		Body: fmt.Sprintf("Your confirmation code is %s\n\nIt proves that %s is yours, to claim your badge. It expires in %d minutes.\n"+
			"If you did not ask for it, ignore this message.\n", code, email, int(codeLifetime.Minutes())),
	}
	return is.post(ctx, msg)
}

// post stores a message in the outbox and delivers it.
func (is *Issuer) post(ctx context.Context, m store.OutboxMessage) error {
	var id int64
	err := is.db.WithTx(ctx, func(tx *sqlTx) error {
		var err error
		id, err = is.db.AddOutbox(ctx, tx, m)
		return err
	})
	if err != nil {
		return err
	}
	return is.deliver(ctx, id, m)
}

// deliver sends an outbox message through the mailer and records the
// outcome. A delivery failure is recorded, not returned: the message stays
// readable in the outbox.
func (is *Issuer) deliver(ctx context.Context, id int64, m store.OutboxMessage) error {
	err := is.mailer.Send(ctx, mail.Message{
		ID: fmt.Sprintf("outbox-%d", id), From: is.cat.Issuer.Email, To: m.To, Subject: m.Subject, Text: m.Body, Date: m.Created,
	})
	return is.db.MarkDelivered(ctx, id, is.now(), err)
}

// ClaimedBadge is a badge handed over to its earner.
type ClaimedBadge struct {
	CredentialID  string `json:"credentialId"`
	AchievementID string `json:"achievementId"`
	Name          string `json:"name"`
	Credential    []byte `json:"credential"` // JSON, base64 in JSON
	PNG           []byte `json:"png"`
	SVG           []byte `json:"svg"`
	Revoked       bool   `json:"revoked,omitempty"`
}

// Claimed is the result of a confirmed claim: the claimed badge, every
// badge awarded to the same email, and a session to fetch them again.
type Claimed struct {
	Email   string         `json:"email"`
	Session string         `json:"session"`
	Badge   ClaimedBadge   `json:"badge"`
	All     []ClaimedBadge `json:"all"`
}

// Confirm checks the code sent for a claim and hands over the badges.
func (is *Issuer) Confirm(ctx context.Context, token, email, code string) (Claimed, error) {
	a, err := is.db.AwardByClaimToken(ctx, token)
	if errors.Is(err, store.ErrNotFound) {
		return Claimed{}, ErrUnknownClaim
	} else if err != nil {
		return Claimed{}, err
	}
	email, err = NormalizeEmail(email)
	if err != nil {
		return Claimed{}, err
	}
	if email != a.Email {
		return Claimed{}, fmt.Errorf("%w (%s)", ErrWrongEmail, EmailHint(a.Email))
	}
	c, err := is.db.LatestConfirmation(ctx, token)
	if errors.Is(err, store.ErrNotFound) {
		return Claimed{}, ErrNoCode
	} else if err != nil {
		return Claimed{}, err
	}
	now := is.now()
	switch {
	case c.Used:
		return Claimed{}, ErrCodeUsed
	case now.After(c.Expires):
		return Claimed{}, ErrCodeExpired
	case c.Attempts >= maxCodeAttempts:
		return Claimed{}, ErrTooManyAttempts
	}
	if subtle.ConstantTimeCompare([]byte(codeHash(token, strings.TrimSpace(code))), []byte(c.CodeHash)) != 1 {
		if err := is.db.CountConfirmationAttempt(ctx, c.ID); err != nil {
			return Claimed{}, err
		}
		return Claimed{}, fmt.Errorf("%w: %d attempts left", ErrWrongCode, maxCodeAttempts-c.Attempts-1)
	}
	if ok, err := is.db.UseConfirmation(ctx, c.ID, now); err != nil {
		return Claimed{}, err
	} else if !ok {
		return Claimed{}, ErrCodeUsed
	}
	session := randomToken()
	if err := is.db.AddSession(ctx, session, email, now, now.Add(sessionLifetime)); err != nil {
		return Claimed{}, err
	}
	if err := is.db.MarkClaimed(ctx, a.ID, now); err != nil {
		return Claimed{}, err
	}
	all, err := is.badgesFor(ctx, email)
	if err != nil {
		return Claimed{}, err
	}
	out := Claimed{Email: email, Session: session, All: all}
	for _, b := range all {
		if b.CredentialID == a.CredentialID {
			out.Badge = b
		}
	}
	return out, nil
}

// SessionBadges lists every badge awarded to a session's email: awards
// made before or after the first claim, retired achievements included.
func (is *Issuer) SessionBadges(ctx context.Context, session string) ([]ClaimedBadge, error) {
	email, err := is.db.SessionEmail(ctx, session, is.now())
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrSession
	} else if err != nil {
		return nil, err
	}
	return is.badgesFor(ctx, email)
}

func (is *Issuer) badgesFor(ctx context.Context, email string) ([]ClaimedBadge, error) {
	awards, err := is.db.AwardsFor(ctx, email)
	if err != nil {
		return nil, err
	}
	out := make([]ClaimedBadge, 0, len(awards))
	for _, a := range awards {
		name := a.AchievementID
		if ach, ok := is.cat.Get(a.AchievementID); ok {
			name = ach.Name
		}
		out = append(out, ClaimedBadge{CredentialID: a.CredentialID, AchievementID: a.AchievementID, Name: name,
			Credential: a.Credential, PNG: a.BakedPNG, SVG: a.BakedSVG, Revoked: a.Revoked})
	}
	return out, nil
}

func newCode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

func codeHash(token, code string) string {
	h := sha256.Sum256([]byte(token + ":" + code))
	return hex.EncodeToString(h[:])
}
