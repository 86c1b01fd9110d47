package mail

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"slices"
	"strings"
	"testing"
	"time"
)

var testDate = time.Date(2025, time.March, 14, 9, 26, 53, 0, time.FixedZone("CET", 3600))

func testMessage() Message {
	return Message{
		ID:      "01JQ8Z3V6X4Y",
		From:    "Demo Issuer <issuer@badgewallet.local>",
		To:      "learner@example.org",
		Subject: "You earned a badge: Go Fundamentals",
		Text:    "Hello!\n\nClaim it at https://issuer.badgewallet.local/claim/abc123\n",
		Date:    testDate,
		Headers: map[string]string{"X-Badgewallet-Claim": "https://issuer.badgewallet.local/claim/abc123"},
	}
}

// parsed is what a mail reader sees in a rendered message.
type parsed struct {
	header       netmail.Header
	from, to     *netmail.Address
	subject      string
	subjectErr   error
	text, html   string
	multipart    bool
	textEncoding string // Content-Transfer-Encoding of the text part
}

func decodeQP(t *testing.T, r io.Reader) string {
	t.Helper()
	b, err := io.ReadAll(quotedprintable.NewReader(r))
	if err != nil {
		t.Fatalf("quoted-printable body: %v", err)
	}
	return string(b)
}

// parse reads raw with net/mail and mime the way a mail client would.
func parse(t *testing.T, raw []byte) parsed {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("net/mail cannot read the message: %v\n%s", err, raw)
	}
	var p parsed
	p.header = msg.Header
	if p.from, err = netmail.ParseAddress(msg.Header.Get("From")); err != nil {
		t.Fatalf("From: %v", err)
	}
	if p.to, err = netmail.ParseAddress(msg.Header.Get("To")); err != nil {
		t.Fatalf("To: %v", err)
	}
	p.subject, p.subjectErr = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatalf("Content-Type: %v", err)
	}
	switch mediaType {
	case "text/plain":
		if params["charset"] != "utf-8" {
			t.Errorf("charset = %q, want utf-8", params["charset"])
		}
		p.textEncoding = msg.Header.Get("Content-Transfer-Encoding")
		p.text = decodeQP(t, msg.Body)
	case "multipart/alternative":
		p.multipart = true
		mr := multipart.NewReader(msg.Body, params["boundary"])
		var types []string
		for {
			// NextRawPart: NextPart would decode quoted-printable itself
			// and hide the header we want to check.
			part, err := mr.NextRawPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("multipart: %v", err)
			}
			if enc := part.Header.Get("Content-Transfer-Encoding"); enc != "quoted-printable" {
				t.Errorf("part %q: Content-Transfer-Encoding = %q", part.Header.Get("Content-Type"), enc)
			}
			ct := part.Header.Get("Content-Type")
			types = append(types, ct)
			switch ct {
			case "text/plain; charset=utf-8":
				p.textEncoding = "quoted-printable"
				p.text = decodeQP(t, part)
			case "text/html; charset=utf-8":
				p.html = decodeQP(t, part)
			}
		}
		want := []string{"text/plain; charset=utf-8", "text/html; charset=utf-8"}
		if !slices.Equal(types, want) {
			t.Errorf("parts = %q, want %q (plain first: the last part is the preferred one)", types, want)
		}
	default:
		t.Fatalf("Content-Type %q", mediaType)
	}
	return p
}

// crlf gives the line-break form the message carries: every LF, CRLF or
// lone CR becomes CRLF.
func crlf(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.ReplaceAll(s, "\n", "\r\n")
}

// wantText is the decoded text/plain body for m: CRLF line breaks, and a
// single-part body always ends with a line break.
func wantText(m Message) string {
	s := crlf(m.Text)
	if m.HTML == "" && s != "" && !strings.HasSuffix(s, "\r\n") {
		s += "\r\n"
	}
	return s
}

// checkMessage asserts that raw is m as a mail reader sees it.
func checkMessage(t *testing.T, m Message, raw []byte) {
	t.Helper()
	checkWellFormed(t, raw)
	p := parse(t, raw)
	wantFrom, _ := netmail.ParseAddress(m.From)
	wantTo, _ := netmail.ParseAddress(m.To)
	if *p.from != *wantFrom {
		t.Errorf("From = %+v, want %+v", *p.from, *wantFrom)
	}
	if *p.to != *wantTo {
		t.Errorf("To = %+v, want %+v", *p.to, *wantTo)
	}
	// net/textproto trims a header value and joins folded lines with one
	// space, so compare with whitespace runs collapsed.
	if p.subjectErr != nil || spaces(p.subject) != spaces(m.Subject) {
		t.Errorf("Subject = %q (%v), want %q", p.subject, p.subjectErr, m.Subject)
	}
	if got := p.header.Get("Message-Id"); got != "<"+m.ID+"@badgewallet.local>" {
		t.Errorf("Message-ID = %q", got)
	}
	if got := p.header.Get("Mime-Version"); got != "1.0" {
		t.Errorf("MIME-Version = %q", got)
	}
	date, err := p.header.Date()
	if err != nil || !date.Equal(m.Date) {
		t.Errorf("Date = %v (%v), want %v", date, err, m.Date)
	}
	for name, value := range m.Headers {
		got, err := new(mime.WordDecoder).DecodeHeader(p.header.Get(name))
		if err != nil || spaces(got) != spaces(value) {
			t.Errorf("%s = %q (%v), want %q", name, got, err, value)
		}
	}
	if p.textEncoding != "quoted-printable" {
		t.Errorf("text Content-Transfer-Encoding = %q", p.textEncoding)
	}
	if p.text != wantText(m) {
		t.Errorf("text body = %q, want %q", p.text, wantText(m))
	}
	if p.multipart != (m.HTML != "") {
		t.Errorf("multipart = %v with HTML %q", p.multipart, m.HTML)
	}
	if p.html != crlf(m.HTML) {
		t.Errorf("html body = %q, want %q", p.html, crlf(m.HTML))
	}
}

func spaces(s string) string { return strings.Join(strings.Fields(s), " ") }

// checkWellFormed asserts RFC 5322 line rules: CRLF only, 7-bit, lines of at
// most 998 characters (78 in the header when a fold point exists), a final
// CRLF.
func checkWellFormed(t *testing.T, raw []byte) {
	t.Helper()
	if !bytes.HasSuffix(raw, []byte("\r\n")) {
		t.Errorf("message does not end with CRLF")
	}
	lines := strings.Split(string(raw), "\r\n")
	inHeader := true
	for i, l := range lines {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, l)
		}
		if len(l) > maxLineLength {
			t.Errorf("line %d is %d characters long", i+1, len(l))
		}
		if inHeader && len(l) > foldAt && len(fold(l)) > 1 {
			t.Errorf("header line %d is %d characters long but could be folded: %q", i+1, len(l), l)
		}
		for _, c := range []byte(l) {
			if c >= 0x80 {
				t.Errorf("line %d has an 8-bit byte: %q", i+1, l)
				break
			}
		}
		if l == "" {
			inHeader = false
		}
	}
}

func TestBytes(t *testing.T) {
	long := "Félicitations ! Vous avez obtenu le badge « Fondamentaux de Go — niveau avancé » décerné par l’Université"
	tests := []struct {
		name   string
		modify func(*Message)
	}{
		{"plain ASCII", func(*Message) {}},
		{"non-ASCII subject", func(m *Message) { m.Subject = "Badge obtenu : « Go » ✓" }},
		{"long non-ASCII subject is folded", func(m *Message) { m.Subject = long }},
		{"long ASCII subject is folded", func(m *Message) {
			m.Subject = strings.TrimSpace(strings.Repeat("You earned the Go Fundamentals badge ", 4))
		}},
		{"non-ASCII display names", func(m *Message) {
			m.From = "Université Démo <issuer@badgewallet.local>"
			m.To = `"Zoë O'Brien, PhD" <zoe@example.org>`
		}},
		{"non-ASCII extra header", func(m *Message) { m.Headers["X-Badgewallet-Badge"] = "Fondamentaux de Go — avancé" }},
		{"empty subject and text", func(m *Message) { m.Subject, m.Text = "", "" }},
		{"text without final line break", func(m *Message) { m.Text = "code: 123456" }},
		{"CRLF, CR and LF line breaks", func(m *Message) { m.Text = "one\r\ntwo\rthree\nfour" }},
		{"quoted-printable specials", func(m *Message) {
			m.Text = "a=b trailing spaces   \n.dot first\nFrom here\n" + strings.Repeat("x", 200) + "\nnaïve café ☕\n"
		}},
		{"HTML alternative", func(m *Message) {
			m.HTML = `<p>Hello!</p><p><a href="https://issuer.badgewallet.local/claim/abc123">Claim your badge</a> — merci</p>`
		}},
		{"HTML alternative with empty text", func(m *Message) { m.Text, m.HTML = "", "<p>only html</p>" }},
		{"no extra headers", func(m *Message) { m.Headers = nil }},
		{"lower-case extra header name", func(m *Message) { m.Headers = map[string]string{"x-badgewallet-code": "123456"} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := testMessage()
			tt.modify(&m)
			raw, err := m.Bytes()
			if err != nil {
				t.Fatalf("Bytes: %v", err)
			}
			checkMessage(t, m, raw)
		})
	}
}

func TestBytesEncodesNonASCIISubject(t *testing.T) {
	m := testMessage()
	m.Subject = "Badge obtenu : « Go » ✓"
	raw, err := m.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	rawSubject := msg.Header.Get("Subject")
	if !strings.HasPrefix(rawSubject, "=?utf-8?q?") {
		t.Errorf("Subject header %q is not an RFC 2047 Q-encoded word", rawSubject)
	}
	if want := mime.QEncoding.Encode("utf-8", m.Subject); rawSubject != want {
		t.Errorf("Subject header = %q, want %q", rawSubject, want)
	}
	// ASCII subjects are left alone.
	m.Subject = "You earned a badge"
	raw, _ = m.Bytes()
	if !bytes.Contains(raw, []byte("\r\nSubject: You earned a badge\r\n")) {
		t.Errorf("ASCII subject was encoded:\n%s", raw)
	}
}

func TestBytesDeterministic(t *testing.T) {
	m := testMessage()
	m.HTML = "<p>hi</p>"
	for i := range 20 {
		m.Headers[string(rune('A'+i))+"-Extra"] = "value"
	}
	first, err := m.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	for range 20 { // map iteration order changes between runs
		again, err := m.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, again) {
			t.Fatalf("Bytes is not deterministic:\n%s\n---\n%s", first, again)
		}
	}
	if !bytes.Contains(first, []byte(`boundary="`+boundary(m.ID)+`"`)) {
		t.Errorf("boundary %q not derived from the ID:\n%s", boundary(m.ID), first)
	}
	other := m
	other.ID = "another-id"
	second, _ := other.Bytes()
	if bytes.Contains(second, []byte(boundary(m.ID))) {
		t.Errorf("two IDs share a boundary")
	}
}

// A body that spells out the boundary cannot break the multipart structure:
// quoted-printable turns its '=' into "=3D".
func TestBytesBoundaryInBody(t *testing.T) {
	m := testMessage()
	m.Text = "--" + boundary(m.ID) + "\r\nContent-Type: text/evil\r\n\r\nboo\r\n--" + boundary(m.ID) + "--\r\n"
	m.HTML = m.Text
	raw, err := m.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	checkMessage(t, m, raw)
}

func TestBytesRefusesInvalid(t *testing.T) {
	tests := []struct {
		name   string
		modify func(*Message)
		want   string // in the error
	}{
		{"CRLF in Subject", func(m *Message) { m.Subject = "hi\r\nBcc: victim@example.org" }, "Subject contains a line break"},
		{"LF in Subject", func(m *Message) { m.Subject = "hi\nBcc: victim@example.org" }, "Subject contains a line break"},
		{"CR in Subject", func(m *Message) { m.Subject = "hi\rthere" }, "Subject contains a line break"},
		{"NUL in Subject", func(m *Message) { m.Subject = "hi\x00" }, "control character"},
		{"invalid UTF-8 in Subject", func(m *Message) { m.Subject = "hi\xff" }, "not valid UTF-8"},
		{"LF in To", func(m *Message) { m.To = "learner@example.org\nBcc: victim@example.org" }, "To contains a line break"},
		{"CRLF in To display name", func(m *Message) { m.To = "\"x\r\nBcc: v@example.org\" <learner@example.org>" }, "To contains a line break"},
		{"CR in From", func(m *Message) { m.From = "issuer@badgewallet.local\r" }, "From contains a line break"},
		{"LF in header value", func(m *Message) {
			m.Headers["X-Badgewallet-Claim"] = "https://x/\nBcc: victim@example.org"
		}, "X-Badgewallet-Claim contains a line break"},
		{"LF in header name", func(m *Message) { m.Headers["X-A\nBcc"] = "v" }, "header name"},
		{"colon in header name", func(m *Message) { m.Headers["Bcc: victim@example.org\r\nX"] = "v" }, "header name"},
		{"space in header name", func(m *Message) { m.Headers["X A"] = "v" }, "header name"},
		{"empty header name", func(m *Message) { m.Headers[""] = "v" }, "empty header name"},
		{"Bcc in Headers", func(m *Message) { m.Headers["bcc"] = "victim@example.org" }, "Bcc"},
		{"Subject in Headers", func(m *Message) { m.Headers["SUBJECT"] = "other" }, "Subject"},
		{"Content-Type in Headers", func(m *Message) { m.Headers["content-type"] = "text/html" }, "Content-Type"},
		{"same header twice", func(m *Message) { m.Headers["x-badgewallet-claim"] = "again" }, "given twice"},
		{"empty To", func(m *Message) { m.To = "" }, "To is empty"},
		{"empty From", func(m *Message) { m.From = "" }, "From is empty"},
		{"To not an address", func(m *Message) { m.To = "learner at example.org" }, "To"},
		{"To is a list", func(m *Message) { m.To = "a@example.org, b@example.org" }, "To"},
		{"From not an address", func(m *Message) { m.From = "<issuer>" }, "From"},
		{"empty ID", func(m *Message) { m.ID = "" }, "ID is empty"},
		{"ID with @", func(m *Message) { m.ID = "a@b" }, "ID"},
		{"ID with >", func(m *Message) { m.ID = "a>\r\nBcc: x" }, "ID"},
		{"ID with leading dot", func(m *Message) { m.ID = ".a" }, "dot"},
		{"ID too long", func(m *Message) { m.ID = strings.Repeat("a", 201) }, "ID"},
		{"zero Date", func(m *Message) { m.Date = time.Time{} }, "Date"},
		{"unfoldable subject", func(m *Message) { m.Subject = strings.Repeat("x", 1000) }, "longer than 998"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := testMessage()
			tt.modify(&m)
			raw, err := m.Bytes()
			if err == nil {
				t.Fatalf("Bytes accepted it:\n%s", raw)
			}
			if !errors.Is(err, ErrInvalidMessage) {
				t.Errorf("error %v does not wrap ErrInvalidMessage", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := []string{
		"Subject: short",
		"Subject: " + strings.Repeat("word ", 40),
		"Subject: " + strings.Repeat("x", 100) + " tail",
		"Subject: " + strings.Repeat("x", 100),
		"Subject: a  b   c" + strings.Repeat(" d", 60) + "   ",
		"X-Long: " + strings.Repeat("  ", 50) + "end",
		"Subject: " + mime.QEncoding.Encode("utf-8", strings.Repeat("é", 80)),
	}
	if lines := fold(tests[1]); len(lines) < 3 || slices.ContainsFunc(lines, func(l string) bool { return len(l) > foldAt }) {
		t.Errorf("fold of short words: %q", lines)
	}
	for _, line := range tests {
		lines := fold(line)
		if got := strings.Join(lines, ""); got != line {
			t.Errorf("unfolding %q gives %q", line, got)
		}
		for i, l := range lines {
			if strings.TrimSpace(l) == "" {
				t.Errorf("fold(%q) line %d is whitespace only", line, i)
			}
			if i > 0 && l[0] != ' ' {
				t.Errorf("fold(%q) continuation %q does not start with a space", line, l)
			}
			if len(l) > foldAt && len(fold(l)) > 1 {
				t.Errorf("fold(%q) line %q is longer than %d but could be folded", line, l, foldAt)
			}
		}
	}
}

// FuzzBytes checks that no field can inject a header or break the structure:
// either Bytes refuses the message, or a mail reader sees exactly the fields
// that were set, with the values that were set.
func FuzzBytes(f *testing.F) {
	f.Add("subject", "text", "", "claim")
	f.Add("Badge « Go » ✓", "naïve\r\n.dot\n", "<p>x</p>", "https://x/claim/1")
	f.Add("a\r\nBcc: x@example.org", "", "", "v\nX: y")
	f.Add(strings.Repeat("long subject ", 20), strings.Repeat("=", 100), "--=_bw_", "é")
	f.Fuzz(func(t *testing.T, subject, text, html, claim string) {
		m := Message{
			ID: "fuzz-1", From: "Issuer <issuer@badgewallet.local>", To: "learner@example.org",
			Subject: subject, Text: text, HTML: html, Date: testDate,
			Headers: map[string]string{"X-Badgewallet-Claim": claim},
		}
		raw, err := m.Bytes()
		if err != nil {
			if !errors.Is(err, ErrInvalidMessage) {
				t.Fatalf("error %v does not wrap ErrInvalidMessage", err)
			}
			return
		}
		msg, err := netmail.ReadMessage(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("unreadable: %v\n%q", err, raw)
		}
		var names []string
		for k := range msg.Header {
			names = append(names, k)
		}
		slices.Sort(names)
		want := []string{"Date", "From", "Message-Id", "Mime-Version", "Subject", "To", "X-Badgewallet-Claim", "Content-Type"}
		if html == "" {
			want = append(want, "Content-Transfer-Encoding")
		}
		slices.Sort(want)
		if !slices.Equal(names, want) {
			t.Fatalf("header fields %q, want %q\n%q", names, want, raw)
		}
		if strings.Contains(subject+claim, "=?") {
			// Literal encoded-word syntax in ASCII text is decoded by
			// readers; only the structure can be checked.
			checkWellFormed(t, raw)
			return
		}
		checkMessage(t, m, raw)
	})
}
