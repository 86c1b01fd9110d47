package mail

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// received is one message as the test SMTP server saw it.
type received struct {
	From string
	To   []string
	Data []byte
	TLS  bool   // the transaction ran over STARTTLS
	User string // the AUTH PLAIN user, if any
}

// backend is an in-memory go-smtp backend that records what it receives
// and can be told to refuse a step or to stall in DATA.
type backend struct {
	users      map[string]string // AUTH PLAIN accounts; nil: no AUTH offered
	rejectMail error
	rejectRcpt error
	rejectData error
	stall      chan struct{} // when set, Data waits for it to close

	mu   sync.Mutex
	msgs []received
}

func (b *backend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &session{b: b, conn: c}, nil
}

func (b *backend) messages() []received {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.msgs)
}

type session struct {
	b    *backend
	conn *smtp.Conn
	user string
	cur  received
}

var _ smtp.AuthSession = (*session)(nil)

func (s *session) AuthMechanisms() []string {
	if s.b.users == nil {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if pw, ok := s.b.users[username]; !ok || pw != password || identity != "" {
			return smtp.ErrAuthFailed
		}
		s.user = username
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.b.rejectMail != nil {
		return s.b.rejectMail
	}
	_, tlsOn := s.conn.TLSConnectionState()
	s.cur = received{From: from, TLS: tlsOn, User: s.user}
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if s.b.rejectRcpt != nil {
		return s.b.rejectRcpt
	}
	s.cur.To = append(s.cur.To, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	if s.b.stall != nil {
		<-s.b.stall
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if s.b.rejectData != nil {
		return s.b.rejectData
	}
	s.cur.Data = data
	s.b.mu.Lock()
	s.b.msgs = append(s.b.msgs, s.cur)
	s.b.mu.Unlock()
	return nil
}

func (s *session) Reset()        { s.cur = received{} }
func (s *session) Logout() error { return nil }

// startServer runs a real go-smtp server for be on 127.0.0.1 and returns its
// address. configure may adjust the server before it starts.
func startServer(t *testing.T, be *backend, configure func(*smtp.Server)) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := smtp.NewServer(be)
	srv.Domain = "localhost"
	srv.ErrorLog = log.New(io.Discard, "", 0)
	if configure != nil {
		configure(srv)
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return l.Addr().String()
}

// startSilentServer accepts connections on 127.0.0.1 and never says a word
// (not even the greeting). onAccept, if set, runs for each connection.
func startSilentServer(t *testing.T, onAccept func()) string {
	return startMuteServer(t, "", onAccept, nil)
}

// startMuteServer accepts connections on 127.0.0.1, sends greeting (if not
// empty) and then answers nothing. onAccept runs for each connection and
// onLine for each line the client sends, when set.
func startMuteServer(t *testing.T, greeting string, onAccept func(), onLine func(string)) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			if onAccept != nil {
				onAccept()
			}
			go func() { // hold the connection until the client gives up
				defer c.Close()
				if greeting != "" {
					io.WriteString(c, greeting+"\r\n")
				}
				sc := bufio.NewScanner(c)
				for sc.Scan() {
					if onLine != nil {
						onLine(sc.Text())
					}
				}
			}()
		}
	}()
	return l.Addr().String()
}

// testTLS returns a server config with a fresh self-signed certificate for
// 127.0.0.1 and a client config that trusts it.
func testTLS(t *testing.T) (server, client *tls.Config) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "badgewallet test smtp"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	server = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}
	client = &tls.Config{RootCAs: pool} // ServerName comes from Addr
	return server, client
}

// send runs s.Send with a watchdog, so that a broken implementation fails
// the test instead of hanging it.
func send(t *testing.T, ctx context.Context, s Sender, m Message) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- s.Send(ctx, m) }()
	select {
	case err := <-done:
		return err
	case <-time.After(20 * time.Second):
		t.Fatal("Send did not return")
		return nil
	}
}

func TestSMTPSend(t *testing.T) {
	serverTLS, clientTLS := testTLS(t)
	users := map[string]string{"issuer": "s3cret"}
	tests := []struct {
		name      string
		modify    func(*Message)
		tls       bool
		auth      *PlainAuth
		insecure  bool // server offers AUTH without TLS
		wantTLS   bool
		wantUser  string
		wantHello string
	}{
		{name: "plain text", modify: func(*Message) {}},
		{name: "non-ASCII subject and names", modify: func(m *Message) {
			m.Subject = "Badge obtenu : « Go » ✓"
			m.From = "Université Démo <issuer@badgewallet.local>"
			m.To = "Zoë <zoe@example.org>"
		}},
		{name: "HTML alternative", modify: func(m *Message) {
			m.HTML = `<p>Claim <a href="https://issuer.badgewallet.local/claim/abc123">your badge</a> — merci</p>`
		}},
		{name: "lines starting with a dot", modify: func(m *Message) {
			m.Text = ".\n.hidden\n..two dots\nend\n."
			m.HTML = ".<p>x</p>\n."
		}},
		{name: "STARTTLS", modify: func(*Message) {}, tls: true, wantTLS: true},
		{name: "STARTTLS and AUTH PLAIN", modify: func(*Message) {}, tls: true, auth: &PlainAuth{Username: "issuer", Password: "s3cret"}, wantTLS: true, wantUser: "issuer"},
		{name: "AUTH PLAIN to loopback without TLS", modify: func(*Message) {}, insecure: true, auth: &PlainAuth{Username: "issuer", Password: "s3cret"}, wantUser: "issuer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			be := &backend{users: users}
			addr := startServer(t, be, func(s *smtp.Server) {
				s.TLSConfig = serverTLS
				s.AllowInsecureAuth = tt.insecure
			})
			m := testMessage()
			tt.modify(&m)
			sender := SMTP{Addr: addr, Hello: "issuer.badgewallet.local", Timeout: 10 * time.Second, Auth: tt.auth}
			if tt.tls {
				sender.TLS = clientTLS
			}
			if err := send(t, context.Background(), sender, m); err != nil {
				t.Fatalf("Send: %v", err)
			}

			want, err := m.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			msgs := be.messages()
			if len(msgs) != 1 {
				t.Fatalf("server received %d messages, want 1", len(msgs))
			}
			got := msgs[0]
			from, _ := parseAddress("From", m.From)
			to, _ := parseAddress("To", m.To)
			if got.From != from.Address {
				t.Errorf("MAIL FROM = %q, want %q", got.From, from.Address)
			}
			if !slices.Equal(got.To, []string{to.Address}) {
				t.Errorf("RCPT TO = %q, want [%q]", got.To, to.Address)
			}
			if string(got.Data) != string(want) {
				t.Errorf("DATA differs from Message.Bytes:\ngot:\n%s\nwant:\n%s", got.Data, want)
			}
			checkMessage(t, m, got.Data)
			if got.TLS != tt.wantTLS {
				t.Errorf("TLS = %v, want %v", got.TLS, tt.wantTLS)
			}
			if got.User != tt.wantUser {
				t.Errorf("AUTH user = %q, want %q", got.User, tt.wantUser)
			}
		})
	}
}

func TestSMTPSendsSeveralMessages(t *testing.T) {
	be := &backend{}
	sender := SMTP{Addr: startServer(t, be, nil), Timeout: 10 * time.Second}
	for i, id := range []string{"m1", "m2", "m3"} {
		m := testMessage()
		m.ID = id
		m.To = id + "@example.org"
		if err := send(t, context.Background(), sender, m); err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
	}
	var to []string
	for _, r := range be.messages() {
		to = append(to, r.To...)
	}
	if want := []string{"m1@example.org", "m2@example.org", "m3@example.org"}; !slices.Equal(to, want) {
		t.Errorf("recipients = %q, want %q", to, want)
	}
}

// TestSMTPRefused covers a server saying no at each step: the error names
// the step and carries the server's reply.
func TestSMTPRefused(t *testing.T) {
	serverTLS, clientTLS := testTLS(t)
	tests := []struct {
		name      string
		be        *backend
		serverTLS bool
		sender    func(*SMTP)
		wantOp    string
		wantCode  int
		wantText  string
		permanent bool
	}{
		{
			name:   "RCPT rejected",
			be:     &backend{rejectRcpt: &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user here"}},
			wantOp: "RCPT", wantCode: 550, wantText: "5.1.1 no such user here", permanent: true,
		},
		{
			name:   "RCPT deferred",
			be:     &backend{rejectRcpt: &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}},
			wantOp: "RCPT", wantCode: 451, wantText: "4.3.0 try again later", permanent: false,
		},
		{
			name:   "MAIL rejected",
			be:     &backend{rejectMail: &smtp.SMTPError{Code: 553, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "sender not allowed"}},
			wantOp: "MAIL", wantCode: 553, wantText: "5.7.1 sender not allowed", permanent: true,
		},
		{
			name:   "DATA rejected",
			be:     &backend{rejectData: &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "content rejected"}},
			wantOp: "DATA", wantCode: 554, wantText: "5.6.0 content rejected", permanent: true,
		},
		{
			name:      "AUTH wrong password",
			be:        &backend{users: map[string]string{"issuer": "s3cret"}},
			serverTLS: true,
			sender: func(s *SMTP) {
				s.TLS = clientTLS
				s.Auth = &PlainAuth{Username: "issuer", Password: "wrong"}
			},
			wantOp: "AUTH", wantCode: 535, wantText: "5.7.8 Authentication failed", permanent: true,
		},
		{
			name:   "AUTH not offered",
			be:     &backend{},
			sender: func(s *SMTP) { s.Auth = &PlainAuth{Username: "issuer", Password: "s3cret"} },
			wantOp: "AUTH", wantText: "does not offer AUTH PLAIN",
		},
		{
			name:   "STARTTLS required but not offered",
			be:     &backend{},
			sender: func(s *SMTP) { s.TLS = clientTLS },
			wantOp: "STARTTLS", wantText: "STARTTLS",
		},
		{
			name:      "STARTTLS with an untrusted certificate",
			be:        &backend{},
			serverTLS: true,
			sender:    func(s *SMTP) { s.TLS = &tls.Config{} },
			wantOp:    "STARTTLS", wantText: "certificate",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr := startServer(t, tt.be, func(s *smtp.Server) {
				if tt.serverTLS {
					s.TLSConfig = serverTLS
				}
			})
			sender := SMTP{Addr: addr, Timeout: 10 * time.Second}
			if tt.sender != nil {
				tt.sender(&sender)
			}
			err := send(t, context.Background(), sender, testMessage())
			if err == nil {
				t.Fatal("Send succeeded")
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T %v is not an *Error", err, err)
			}
			if e.Op != tt.wantOp || e.Code != tt.wantCode || e.Addr != addr {
				t.Errorf("Op, Code, Addr = %q, %d, %q; want %q, %d, %q", e.Op, e.Code, e.Addr, tt.wantOp, tt.wantCode, addr)
			}
			if tt.wantCode != 0 && e.Reply != tt.wantText {
				t.Errorf("Reply = %q, want %q", e.Reply, tt.wantText)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.wantOp) || !strings.Contains(msg, tt.wantText) {
				t.Errorf("error %q does not name %s and %q", msg, tt.wantOp, tt.wantText)
			}
			if e.Permanent() != tt.permanent {
				t.Errorf("Permanent() = %v, want %v", e.Permanent(), tt.permanent)
			}
			if n := len(tt.be.messages()); n != 0 {
				t.Errorf("server stored %d messages", n)
			}
		})
	}
}

func TestSMTPDialError(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there any more

	err = send(t, context.Background(), SMTP{Addr: addr, Timeout: 10 * time.Second}, testMessage())
	var e *Error
	if !errors.As(err, &e) || e.Op != "dial" || e.Code != 0 {
		t.Fatalf("error = %v, want a dial *Error", err)
	}
	var opErr *net.OpError
	if !errors.As(err, &opErr) {
		t.Errorf("error %v does not wrap the *net.OpError", err)
	}
	if !strings.Contains(err.Error(), "dial") || !strings.Contains(err.Error(), addr) {
		t.Errorf("error %q does not say dial and %s", err, addr)
	}
	if e.Permanent() {
		t.Error("a dial failure is not permanent")
	}

	for _, bad := range []string{"", "no-port", "127.0.0.1"} {
		err := SMTP{Addr: bad}.Send(context.Background(), testMessage())
		if !errors.As(err, &e) || e.Op != "dial" {
			t.Errorf("Addr %q: error = %v, want a dial *Error", bad, err)
		}
	}
}

// TestSMTPUnresponsive covers a server that accepts the connection and then
// never answers: Send must give up with an error when its Timeout or the
// context ends.
func TestSMTPUnresponsive(t *testing.T) {
	tests := []struct {
		name   string
		start  func(t *testing.T, cancel context.CancelFunc) string
		ctx    func() (context.Context, context.CancelFunc)
		sender SMTP
		wantOp string
		want   error
	}{
		{
			name:   "no greeting, SMTP.Timeout",
			start:  func(t *testing.T, _ context.CancelFunc) string { return startSilentServer(t, nil) },
			sender: SMTP{Timeout: 100 * time.Millisecond},
			wantOp: "EHLO", want: context.DeadlineExceeded,
		},
		{
			name:  "no greeting, context deadline",
			start: func(t *testing.T, _ context.CancelFunc) string { return startSilentServer(t, nil) },
			ctx: func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(context.Background(), 100*time.Millisecond)
			},
			wantOp: "EHLO", want: context.DeadlineExceeded,
		},
		{
			name: "no answer to EHLO, context cancelled",
			start: func(t *testing.T, cancel context.CancelFunc) string {
				// Greets, then cancels the client's context when EHLO arrives.
				return startMuteServer(t, "220 localhost ESMTP", nil, func(line string) {
					if strings.HasPrefix(line, "EHLO ") {
						cancel()
					}
				})
			},
			wantOp: "EHLO", want: context.Canceled,
		},
		{
			name: "no greeting, STARTTLS, SMTP.Timeout",
			start: func(t *testing.T, _ context.CancelFunc) string {
				return startSilentServer(t, nil)
			},
			sender: SMTP{Timeout: 100 * time.Millisecond, TLS: &tls.Config{}},
			wantOp: "STARTTLS", want: context.DeadlineExceeded,
		},
		{
			name: "stalls in DATA",
			start: func(t *testing.T, _ context.CancelFunc) string {
				be := &backend{stall: make(chan struct{})}
				addr := startServer(t, be, nil)
				t.Cleanup(func() { close(be.stall) }) // runs before the server closes
				return addr
			},
			sender: SMTP{Timeout: 200 * time.Millisecond},
			wantOp: "DATA", want: context.DeadlineExceeded,
		},
		{
			name:  "context already cancelled",
			start: func(t *testing.T, _ context.CancelFunc) string { return startSilentServer(t, nil) },
			ctx: func() (context.Context, context.CancelFunc) {
				ctx, cancel := context.WithCancel(context.Background())
				cancel()
				return ctx, cancel
			},
			wantOp: "dial", want: context.Canceled,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			if tt.ctx != nil {
				ctx, cancel = tt.ctx()
			}
			defer cancel()
			sender := tt.sender
			sender.Addr = tt.start(t, cancel)

			err := send(t, ctx, sender, testMessage())
			if err == nil {
				t.Fatal("Send succeeded")
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("error %v is not %v", err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.Op != tt.wantOp || e.Code != 0 {
				t.Errorf("error = %#v, want Op %q without a reply code", err, tt.wantOp)
			}
		})
	}
}

func TestSMTPRefusesInvalidMessageBeforeDialling(t *testing.T) {
	accepted := make(chan struct{}, 1)
	addr := startSilentServer(t, func() { accepted <- struct{}{} })
	m := testMessage()
	m.Subject = "hi\r\nBcc: victim@example.org"
	err := send(t, context.Background(), SMTP{Addr: addr, Timeout: 10 * time.Second}, m)
	if !errors.Is(err, ErrInvalidMessage) {
		t.Fatalf("error = %v, want ErrInvalidMessage", err)
	}
	select {
	case <-accepted:
		t.Error("Send connected to the server for an invalid message")
	default:
	}
}

func TestPasswordNeedsTLSOrLoopback(t *testing.T) {
	tests := map[string]bool{
		"127.0.0.1":        true,
		"127.0.0.2":        true,
		"::1":              true,
		"localhost":        true,
		"LOCALHOST":        true,
		"192.0.2.1":        false,
		"smtp.example.org": false,
		"localhost.evil":   false,
	}
	for host, want := range tests {
		if got := isLoopback(host); got != want {
			t.Errorf("isLoopback(%q) = %v, want %v", host, got, want)
		}
	}
}

func TestDiscard(t *testing.T) {
	var s Sender = Discard{}
	if err := s.Send(context.Background(), testMessage()); err != nil {
		t.Errorf("Discard refused a valid message: %v", err)
	}
	bad := testMessage()
	bad.To = "learner@example.org\r\nBcc: victim@example.org"
	if err := s.Send(context.Background(), bad); !errors.Is(err, ErrInvalidMessage) {
		t.Errorf("Discard accepted an invalid message: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Send(ctx, testMessage()); !errors.Is(err, context.Canceled) {
		t.Errorf("Discard ignored a cancelled context: %v", err)
	}
}
