package issuer

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"badgewallet/issuer/mail"
	"badgewallet/wallet/openbadges/verify"
)

// smtpInbox is a real SMTP server (go-smtp) on loopback that keeps what
// it receives.
type smtpInbox struct {
	mu   sync.Mutex
	msgs []string
}

func (b *smtpInbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &smtpSession{b: b}, nil }

type smtpSession struct {
	b  *smtpInbox
	to string
}

func (s *smtpSession) Mail(string, *smtp.MailOptions) error      { return nil }
func (s *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error { s.to = to; return nil }
func (s *smtpSession) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.b.mu.Lock()
	s.b.msgs = append(s.b.msgs, "To-Envelope: "+s.to+"\r\n"+string(data))
	s.b.mu.Unlock()
	return nil
}
func (s *smtpSession) Reset()        {}
func (s *smtpSession) Logout() error { return nil }

func (b *smtpInbox) all() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.msgs...)
}

func startSMTP(t *testing.T) (*smtpInbox, string) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	inbox := &smtpInbox{}
	srv := smtp.NewServer(inbox)
	srv.Domain = "localhost"
	srv.ErrorLog = log.New(io.Discard, "", 0)
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return inbox, l.Addr().String()
}

// post sends JSON and decodes the JSON answer.
func post(t *testing.T, c *http.Client, url string, body any, out any) (int, map[string]string) {
	t.Helper()
	b, _ := json.Marshal(body)
	resp, err := c.Post(url, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var e map[string]string
	if resp.StatusCode >= 300 {
		json.Unmarshal(data, &e)
	} else if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s: %v: %s", url, err, data)
		}
	}
	return resp.StatusCode, e
}

var codePattern = regexp.MustCompile(`\b(\d{6})\b`)

// journey runs the earner's claim journey against an issuer reachable
// through client, with codes delivered by SMTP to inbox.
func journey(t *testing.T, is *Issuer, client *http.Client, inbox *smtpInbox) {
	ctx := context.Background()
	res, err := is.Award(ctx, "Demo@Example.com", "cl-900", day)
	if err != nil {
		t.Fatal(err)
	}
	claimURL := res.Awarded[0].ClaimURL
	// The notification reached the outbox and the SMTP server.
	if msgs := inbox.all(); len(msgs) != 1 || !strings.Contains(msgs[0], "To-Envelope: demo@example.com") || !strings.Contains(msgs[0], claimURL[len(claimURL)-20:]) {
		t.Fatalf("notification by SMTP: %q", msgs)
	}
	// Open the claim URL: the offer, with a masked email.
	resp, err := client.Get(claimURL)
	if err != nil {
		t.Fatal(err)
	}
	var offer Offer
	json.NewDecoder(resp.Body).Decode(&offer)
	resp.Body.Close()
	if resp.StatusCode != 200 || offer.Achievement != "Contoso Certified: Cloud Fundamentals" || offer.EmailHint != "d***@example.com" {
		t.Fatalf("offer: %d %+v", resp.StatusCode, offer)
	}
	// Another email cannot claim it.
	if code, e := post(t, client, claimURL+"/code", map[string]string{"email": "mallory@example.com"}, nil); code != 403 || e["reason"] != "wrong-email" || !strings.Contains(e["error"], "d***@example.com") {
		t.Fatalf("other email: %d %v", code, e)
	}
	// Confirming before any code was sent.
	if code, e := post(t, client, claimURL+"/confirm", map[string]string{"email": "demo@example.com", "code": "000000"}, nil); code != 409 || e["reason"] != "no-code" {
		t.Fatalf("confirm before code: %d %v", code, e)
	}
	// Ask for the code; it arrives by mail.
	if code, e := post(t, client, claimURL+"/code", map[string]string{"email": "demo@example.com"}, nil); code != 202 {
		t.Fatalf("code: %d %v", code, e)
	}
	msgs := inbox.all()
	m := codePattern.FindStringSubmatch(msgs[len(msgs)-1])
	if m == nil {
		t.Fatalf("no code in %q", msgs[len(msgs)-1])
	}
	code := m[1]
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	if st, e := post(t, client, claimURL+"/confirm", map[string]string{"email": "demo@example.com", "code": wrong}, nil); st != 401 || e["reason"] != "wrong-code" || !strings.Contains(e["error"], "4 attempts left") {
		t.Fatalf("wrong code: %d %v", st, e)
	}
	var claimed Claimed
	if st, e := post(t, client, claimURL+"/confirm", map[string]string{"email": "demo@example.com", "code": code}, &claimed); st != 200 {
		t.Fatalf("confirm: %d %v", st, e)
	}
	if claimed.Badge.CredentialID != res.Awarded[0].CredentialID || len(claimed.Badge.PNG) == 0 || claimed.Session == "" {
		t.Fatalf("claimed: %+v", claimed.Badge.CredentialID)
	}
	// The baked badge verifies, issued to this earner.
	r := verifier(t, is, "demo@example.com").Verify(ctx, claimed.Badge.PNG)
	if rc, _ := r.Check(verify.CheckRecipient); r.Verdict != verify.Verified || rc.Outcome != verify.Pass {
		t.Fatalf("verify: %s %+v", r.Verdict, r.Checks)
	}
	// A used code cannot be used again.
	if st, e := post(t, client, claimURL+"/confirm", map[string]string{"email": "demo@example.com", "code": code}, nil); st != 409 || e["reason"] != "code-used" {
		t.Fatalf("reused code: %d %v", st, e)
	}
	// An unknown token.
	if resp, _ := client.Get(is.BaseURL() + "/claim/nope"); resp.StatusCode != 404 {
		t.Fatalf("unknown token: %d", resp.StatusCode)
	}
	// Later awards (a retired one awarded back when it was live too) are
	// listed for the confirmed email; nothing is issued twice.
	if _, err := is.Award(ctx, "demo@example.com", "cl-303", day); err != nil {
		t.Fatal(err)
	}
	resp, err = client.Get(is.BaseURL() + "/session/" + claimed.Session + "/badges")
	if err != nil {
		t.Fatal(err)
	}
	var all []ClaimedBadge
	json.NewDecoder(resp.Body).Decode(&all)
	resp.Body.Close()
	if len(all) != 2 || all[1].AchievementID != "cl-303" {
		t.Fatalf("session badges: %d", len(all))
	}
	awards, _ := is.db.AwardsFor(ctx, "demo@example.com")
	if len(awards) != 2 {
		t.Fatalf("%d awards stored, want 2", len(awards))
	}
}

// TestClaimJourneyInProcess: the journey through the in-process transport.
func TestClaimJourneyInProcess(t *testing.T) {
	inbox, addr := startSMTP(t)
	is, err := Open(context.Background(), t.TempDir(), Options{Now: func() time.Time { return day }, Mailer: mail.SMTP{Addr: addr}})
	if err != nil {
		t.Fatal(err)
	}
	defer is.Close()
	journey(t, is, &http.Client{Transport: is.Transport(nil)}, inbox)
}

// TestClaimJourneyLoopback: the same journey over a real HTTP server on
// 127.0.0.1.
func TestClaimJourneyLoopback(t *testing.T) {
	inbox, addr := startSMTP(t)
	var h http.Handler
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	defer srv.Close()
	is, err := Open(context.Background(), t.TempDir(), Options{BaseURL: srv.URL, Now: func() time.Time { return day }, Mailer: mail.SMTP{Addr: addr}})
	if err != nil {
		t.Fatal(err)
	}
	defer is.Close()
	h = is.Handler()
	journey(t, is, srv.Client(), inbox)
}
