package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Sender delivers one message. Implementations must honour ctx.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// Discard is the Sender used when no SMTP server is configured: the message
// stays in the outbox only. Send still validates the message, so an invalid
// message fails the same way whichever Sender is in use.
type Discard struct{}

// Send validates m and drops it.
func (Discard) Send(ctx context.Context, m Message) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	_, err := m.Bytes()
	return err
}

// DefaultTimeout bounds an SMTP exchange when SMTP.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// backstop is how much later than the context go-smtp's own per-command
// deadlines fire.
const backstop = 5 * time.Second

// quitTimeout bounds the QUIT that follows an accepted message.
const quitTimeout = 5 * time.Second

// PlainAuth holds the credentials for SMTP AUTH PLAIN (RFC 4616). Identity
// (the authorization identity) is usually empty.
type PlainAuth struct {
	Identity string
	Username string
	Password string
}

// SMTP delivers messages to one SMTP server (a relay or a local catcher)
// through github.com/emersion/go-smtp's client. The zero Hello and Timeout
// are usable; Addr is required.
type SMTP struct {
	// Addr is host:port, e.g. "127.0.0.1:1025".
	Addr string
	// Hello is the name sent in EHLO; "localhost" when empty.
	Hello string
	// Timeout bounds the whole exchange, dial to QUIT, on top of any
	// deadline in the context; DefaultTimeout when zero or negative.
	Timeout time.Duration
	// TLS, when set, makes STARTTLS mandatory: a server that does not offer
	// it is an error, never a silent downgrade. An empty ServerName is taken
	// from Addr. The EHLO before STARTTLS always says "localhost".
	TLS *tls.Config
	// Auth, when set, authenticates with AUTH PLAIN after STARTTLS. Without
	// TLS the password is only sent to a loopback server.
	Auth *PlainAuth
}

var _ Sender = SMTP{}
var _ Sender = Discard{}

// Error reports a failed SMTP delivery: the step that failed, and the
// server's reply when there was one.
type Error struct {
	// Op is the step that failed: "dial", "STARTTLS" (which includes the TLS
	// handshake and the EHLO that follows it), "EHLO", "AUTH", "MAIL",
	// "RCPT" or "DATA" (sending the message or the server's final verdict).
	Op string
	// Addr is the server's address as configured.
	Addr string
	// Code is the server's reply code (e.g. 550); zero when the server did
	// not reply (network failure, timeout, cancellation).
	Code int
	// Reply is the server's reply text, enhanced status code first when the
	// server sent one ("5.1.1 no such user").
	Reply string
	// Err is the underlying error: the go-smtp *smtp.SMTPError for a
	// rejection, the network error, or the context's cause (which matches
	// context.DeadlineExceeded or context.Canceled under errors.Is).
	Err error
}

func (e *Error) Error() string {
	if e.Code != 0 {
		reply := strings.ReplaceAll(e.Reply, "\n", " / ")
		return fmt.Sprintf("mail: smtp %s: %s refused: server replied %d %s", e.Addr, e.Op, e.Code, reply)
	}
	return fmt.Sprintf("mail: smtp %s: %s failed: %v", e.Addr, e.Op, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Permanent reports whether the server refused with a 5xx reply: sending
// the same message to the same server again will fail the same way. Network
// failures, timeouts and 4xx replies are worth retrying.
func (e *Error) Permanent() bool { return e.Code >= 500 && e.Code <= 599 }

// timeoutError is the context cause when SMTP.Timeout runs out.
type timeoutError struct{ d time.Duration }

func (e timeoutError) Error() string { return "no answer within " + e.d.String() }
func (timeoutError) Unwrap() error   { return context.DeadlineExceeded }
func (timeoutError) Timeout() bool   { return true }
func (timeoutError) Temporary() bool { return true }

// Send delivers m: dial, EHLO, STARTTLS when TLS is set, AUTH PLAIN when
// Auth is set, MAIL FROM, RCPT TO, DATA, QUIT. The envelope sender and
// recipient are the address parts of m.From and m.To. An invalid message
// fails before dialling with an error wrapping ErrInvalidMessage; a delivery
// failure is an *Error. Once the server has accepted the message, a failing
// QUIT is ignored (the message is delivered; retrying would duplicate it).
func (s SMTP) Send(ctx context.Context, m Message) error {
	raw, err := m.Bytes()
	if err != nil {
		return err
	}
	from, to, err := m.addresses()
	if err != nil {
		return err
	}
	host, _, err := net.SplitHostPort(s.Addr)
	if err != nil {
		return &Error{Op: "dial", Addr: s.Addr, Err: err}
	}

	timeout := s.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeoutCause(ctx, timeout, timeoutError{timeout})
	defer cancel()

	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", s.Addr)
	if err != nil {
		return s.fail(ctx, "dial", err)
	}
	defer conn.Close()
	// go-smtp manages its own per-command deadlines; closing the connection
	// is what interrupts it when the context ends, whatever it is doing.
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()

	var c *smtp.Client
	helloOp := "EHLO"
	if s.TLS != nil {
		cfg := s.TLS
		if cfg.ServerName == "" {
			cfg = cfg.Clone()
			cfg.ServerName = host
		}
		c, err = smtp.NewClientStartTLS(conn, cfg)
		if err != nil {
			return s.fail(ctx, "STARTTLS", err)
		}
		helloOp = "STARTTLS" // the handshake happens during the next EHLO
	} else {
		c = smtp.NewClient(conn)
	}
	defer c.Close()
	// The context is the clock; go-smtp's own deadlines are only a backstop
	// set later, so that a timeout is reported as the context's cause.
	c.CommandTimeout = timeout + backstop
	c.SubmissionTimeout = timeout + backstop

	hello := s.Hello
	if hello == "" {
		hello = "localhost"
	}
	if err := c.Hello(hello); err != nil {
		return s.fail(ctx, helloOp, err)
	}

	if s.Auth != nil {
		if _, encrypted := c.TLSConnectionState(); !encrypted && !isLoopback(host) {
			return &Error{Op: "AUTH", Addr: s.Addr, Err: errors.New("refusing to send a password over an unencrypted connection to a non-loopback server (set TLS)")}
		}
		if !c.SupportsAuth(sasl.Plain) {
			return &Error{Op: "AUTH", Addr: s.Addr, Err: errors.New("server does not offer AUTH PLAIN")}
		}
		if err := c.Auth(sasl.NewPlainClient(s.Auth.Identity, s.Auth.Username, s.Auth.Password)); err != nil {
			return s.fail(ctx, "AUTH", err)
		}
	}

	opts := &smtp.MailOptions{Size: int64(len(raw))}
	if !isASCII(from.Address) || !isASCII(to.Address) {
		opts.UTF8 = true
	}
	if err := c.Mail(from.Address, opts); err != nil {
		return s.fail(ctx, "MAIL", err)
	}
	if err := c.Rcpt(to.Address, nil); err != nil {
		return s.fail(ctx, "RCPT", err)
	}
	w, err := c.Data()
	if err != nil {
		return s.fail(ctx, "DATA", err)
	}
	if _, err := w.Write(raw); err != nil {
		return s.fail(ctx, "DATA", err)
	}
	if err := w.Close(); err != nil {
		return s.fail(ctx, "DATA", err)
	}

	c.CommandTimeout = min(timeout, quitTimeout)
	_ = c.Quit()
	return nil
}

// fail wraps err as an *Error for op. A server reply is kept as code and
// text; when the context has ended, its cause replaces the "use of closed
// network connection" that closing the socket produced.
func (s SMTP) fail(ctx context.Context, op string, err error) error {
	e := &Error{Op: op, Addr: s.Addr, Err: err}
	var se *smtp.SMTPError
	switch {
	case errors.As(err, &se):
		e.Code = se.Code
		e.Reply = se.Message
		if ec := se.EnhancedCode; ec != smtp.EnhancedCodeNotSet && ec != smtp.NoEnhancedCode {
			e.Reply = strconv.Itoa(ec[0]) + "." + strconv.Itoa(ec[1]) + "." + strconv.Itoa(ec[2]) + " " + se.Message
		}
	case ctx.Err() != nil:
		e.Err = context.Cause(ctx)
	}
	return e
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
