package mail

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"net/textproto"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// ErrInvalidMessage is wrapped by every error that comes from the message
// itself (a missing or malformed field, an attempted header injection) rather
// than from delivery. Such a message will never be accepted, so retrying it is
// pointless.
var ErrInvalidMessage = errors.New("mail: invalid message")

// MessageIDDomain is the right-hand side of every Message-ID header.
const MessageIDDomain = "badgewallet.local"

// Message is one notification: who it is for, what it says and when it was
// written. It is plain data so that the issuer can keep it in its outbox.
type Message struct {
	// ID identifies the message in the outbox. It becomes the Message-ID
	// (<ID@badgewallet.local>) and seeds the MIME boundary, so it must be
	// non-empty and made of RFC 5322 atext characters and dots (a UUID, a
	// ULID or a number all qualify).
	ID string
	// From and To are single RFC 5322 addresses, with or without a display
	// name ("Demo Issuer <issuer@example.org>"). Their address parts are the
	// SMTP envelope sender and recipient.
	From, To string
	// Subject is free text; non-ASCII text is RFC 2047 encoded.
	Subject string
	// Text is the text/plain body. Line breaks may be LF, CRLF or CR.
	Text string
	// HTML, when set, is sent next to Text as multipart/alternative.
	HTML string
	// Date is the Date header. It must be set: Bytes never reads the clock.
	Date time.Time
	// Headers are extra header fields, e.g. X-Badgewallet-Claim. Names are
	// canonicalized and written in sorted order; the fields Bytes writes
	// itself (and Cc/Bcc, which would not match the envelope) are refused.
	Headers map[string]string
}

// reserved are the header fields Bytes writes itself or refuses to take
// from Message.Headers, in canonical form.
var reserved = map[string]bool{
	"Date":                      true,
	"From":                      true,
	"To":                        true,
	"Cc":                        true,
	"Bcc":                       true,
	"Subject":                   true,
	"Message-Id":                true,
	"Mime-Version":              true,
	"Content-Type":              true,
	"Content-Transfer-Encoding": true,
}

const (
	foldAt        = 78  // RFC 5322 2.1.1: lines SHOULD be at most 78 characters
	maxLineLength = 998 // RFC 5322 2.1.1: lines MUST be at most 998 characters
	maxIDLength   = 200
)

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalidMessage, fmt.Sprintf(format, args...))
}

// addresses parses From and To; their Address fields are the SMTP envelope
// and their String forms the header values.
func (m Message) addresses() (from, to *netmail.Address, err error) {
	from, err = parseAddress("From", m.From)
	if err != nil {
		return nil, nil, err
	}
	to, err = parseAddress("To", m.To)
	if err != nil {
		return nil, nil, err
	}
	return from, to, nil
}

func parseAddress(field, value string) (*netmail.Address, error) {
	if value == "" {
		return nil, invalid("%s is empty", field)
	}
	if err := checkHeaderValue(field, value); err != nil {
		return nil, err
	}
	a, err := netmail.ParseAddress(value)
	if err != nil {
		return nil, invalid("%s %q: %v", field, value, err)
	}
	return a, nil
}

// checkHeaderValue refuses CR, LF and every other control character except
// TAB (header injection, NUL and friends), and invalid UTF-8.
func checkHeaderValue(field, value string) error {
	if !utf8.ValidString(value) {
		return invalid("%s is not valid UTF-8", field)
	}
	for _, r := range value {
		if r == '\r' || r == '\n' {
			return invalid("%s contains a line break (header injection refused)", field)
		}
		if (r < ' ' && r != '\t') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return invalid("%s contains control character %U", field, r)
		}
	}
	return nil
}

// checkFieldName accepts RFC 5322 field names: printable ASCII except ':'.
func checkFieldName(name string) error {
	if name == "" {
		return invalid("empty header name")
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < '!' || c > '~' || c == ':' {
			return invalid("header name %q contains %q", name, c)
		}
	}
	return nil
}

// checkID accepts RFC 5322 atext characters and dots, so that
// <ID@badgewallet.local> is a valid msg-id (dot-atom-text on the left).
func checkID(id string) error {
	if id == "" {
		return invalid("ID is empty")
	}
	if len(id) > maxIDLength {
		return invalid("ID is longer than %d bytes", maxIDLength)
	}
	if id[0] == '.' || id[len(id)-1] == '.' || strings.Contains(id, "..") {
		return invalid("ID %q: misplaced dot", id)
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("!#$%&'*+-/=?^_`{|}~.", c) >= 0:
		default:
			return invalid("ID %q contains %q", id, c)
		}
	}
	return nil
}

// boundary returns the MIME boundary used for the message with this ID. It
// starts with "=_", a sequence quoted-printable output can never contain
// (every literal '=' is encoded as "=3D"), so it cannot collide with a part.
func boundary(id string) string {
	sum := sha256.Sum256([]byte(id))
	return "=_bw_" + hex.EncodeToString(sum[:16])
}

// Bytes renders the message as RFC 5322 text with CRLF line endings, ending
// in CRLF. The output depends only on m. Errors wrap ErrInvalidMessage.
func (m Message) Bytes() ([]byte, error) {
	if err := checkID(m.ID); err != nil {
		return nil, err
	}
	if m.Date.IsZero() {
		return nil, invalid("Date is not set")
	}
	from, to, err := m.addresses()
	if err != nil {
		return nil, err
	}
	if err := checkHeaderValue("Subject", m.Subject); err != nil {
		return nil, err
	}

	extra := make(map[string]string, len(m.Headers))
	for name, value := range m.Headers {
		if err := checkFieldName(name); err != nil {
			return nil, err
		}
		canon := textproto.CanonicalMIMEHeaderKey(name)
		if reserved[canon] {
			return nil, invalid("header %s is written by the package and cannot be set in Headers", canon)
		}
		if _, dup := extra[canon]; dup {
			return nil, invalid("header %s given twice", canon)
		}
		if err := checkHeaderValue(canon, value); err != nil {
			return nil, err
		}
		extra[canon] = value
	}

	var b bytes.Buffer
	h := headerWriter{b: &b}
	h.write("Date", m.Date.Format(time.RFC1123Z))
	h.write("From", from.String())
	h.write("To", to.String())
	h.write("Subject", mime.QEncoding.Encode("utf-8", m.Subject))
	h.write("Message-ID", "<"+m.ID+"@"+MessageIDDomain+">")
	h.write("MIME-Version", "1.0")
	for _, name := range slices.Sorted(maps.Keys(extra)) {
		h.write(name, mime.QEncoding.Encode("utf-8", extra[name]))
	}
	if h.err != nil {
		return nil, h.err
	}

	if m.HTML == "" {
		h.write("Content-Type", "text/plain; charset=utf-8")
		h.write("Content-Transfer-Encoding", "quoted-printable")
		b.WriteString("\r\n")
		if err := writeQP(&b, m.Text); err != nil {
			return nil, err
		}
		if !bytes.HasSuffix(b.Bytes(), []byte("\r\n")) {
			b.WriteString("\r\n")
		}
		return b.Bytes(), nil
	}

	bnd := boundary(m.ID)
	h.write("Content-Type", mime.FormatMediaType("multipart/alternative", map[string]string{"boundary": bnd}))
	b.WriteString("\r\n")
	mw := multipart.NewWriter(&b)
	if err := mw.SetBoundary(bnd); err != nil {
		return nil, fmt.Errorf("mail: boundary: %w", err)
	}
	for _, part := range []struct{ ctype, body string }{
		{"text/plain; charset=utf-8", m.Text},
		{"text/html; charset=utf-8", m.HTML},
	} {
		w, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {part.ctype},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return nil, err
		}
		if err := writeQP(w, part.body); err != nil {
			return nil, err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeQP writes text quoted-printable encoded with CRLF line breaks.
// CRLF and lone CR are turned into LF first: the encoder would turn them into
// CRLF too, but it loses the LF of "\r<encoded byte>\n" (found by FuzzBytes).
func writeQP(w io.Writer, text string) error {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	qp := quotedprintable.NewWriter(w)
	if _, err := qp.Write([]byte(text)); err != nil {
		return err
	}
	return qp.Close()
}

// headerWriter writes folded header fields and remembers the first error.
type headerWriter struct {
	b   *bytes.Buffer
	err error
}

func (h *headerWriter) write(name, value string) {
	if h.err != nil {
		return
	}
	lines := fold(name + ": " + value)
	for _, l := range lines {
		if len(l) > maxLineLength {
			h.err = invalid("header %s: a line would be longer than %d characters", name, maxLineLength)
			return
		}
	}
	h.b.WriteString(strings.Join(lines, "\r\n"))
	h.b.WriteString("\r\n")
}

// fold splits a header line before spaces so that lines stay within foldAt
// characters where possible (RFC 5322 2.2.3). It folds only at a space that
// follows a non-space character and is followed by more non-space text, so no
// line is ever empty or whitespace only, and unfolding (removing the CRLFs)
// gives back the original line. Encoded words from mime.QEncoding are
// separated by spaces, so long encoded values fold cleanly.
func fold(line string) []string {
	var lines []string
	start := strings.IndexByte(line, ':') + 2 // never fold right after "Name:"
	for len(line) > foldAt {
		end := len(strings.TrimRight(line, " \t")) // text after a fold must reach here
		cut := -1
		for i := start; i < end; i++ {
			if line[i] != ' ' || line[i-1] == ' ' {
				continue
			}
			if i > foldAt && cut != -1 {
				break
			}
			cut = i
			if i > foldAt {
				break
			}
		}
		if cut == -1 {
			break
		}
		lines = append(lines, line[:cut])
		line = line[cut:]
		start = 1
	}
	return append(lines, line)
}
