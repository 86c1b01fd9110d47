package share

import "fmt"

// Format names one kind of snippet.
type Format string

// The formats, in display order (see Formats).
const (
	// FormatLinkedIn is LinkedIn's "Add to profile" link that pre-fills a
	// licence or certification.
	FormatLinkedIn Format = "linkedin"
	// FormatLinkedInPost is LinkedIn's share link for a post.
	FormatLinkedInPost Format = "linkedin-post"
	// FormatX is X's (Twitter's) tweet intent.
	FormatX Format = "x"
	// FormatFacebook is Facebook's sharer link.
	FormatFacebook Format = "facebook"
	// FormatEmail is a mailto: link with a subject and a body (RFC 6068).
	FormatEmail Format = "email"
	// FormatHTML is a self-contained embed for a website: linked image,
	// name, issuer, dates and a verification link; no scripts.
	FormatHTML Format = "html"
	// FormatSignature is a small table-layout block for an e-mail
	// signature, with inline styles and a 48 px image.
	FormatSignature Format = "signature"
	// FormatMarkdown is a linked image (or linked name) for a README.
	FormatMarkdown Format = "markdown"
	// FormatText is one plain line for a resume. It is the only format
	// that works for a private badge: the verification part is then left
	// out.
	FormatText Format = "text"
	// FormatURL is the verification URL itself.
	FormatURL Format = "url"
	// FormatQR is a QR code of the verification URL. Snippet returns it
	// drawn for a terminal (QRTerminal); QRCode returns the PNG.
	FormatQR Format = "qr"
)

// FormatInfo describes a format for the share page.
type FormatInfo struct {
	Format Format
	// Label is the human name shown in the list.
	Label string
	// NeedsPublic reports whether the snippet links to the badge's public
	// page, so that Snippet fails with ErrPrivate / ErrNoBaseURL when the
	// badge or the profile is private or no base URL is set.
	NeedsPublic bool
	// Link reports whether the snippet is a single URL that a browser or a
	// mail client can open (the share intents, mailto: and the
	// verification link).
	Link bool
	// Ext is the file extension used to save the snippet (".png" for the
	// QR code: save the bytes of QRCode, not the terminal drawing).
	Ext string
}

var formats = []FormatInfo{
	{FormatLinkedIn, "LinkedIn certification", true, true, ".txt"},
	{FormatLinkedInPost, "LinkedIn post", true, true, ".txt"},
	{FormatX, "X", true, true, ".txt"},
	{FormatFacebook, "Facebook", true, true, ".txt"},
	{FormatEmail, "Email", true, true, ".txt"},
	{FormatHTML, "Website HTML", true, false, ".html"},
	{FormatSignature, "Email signature", true, false, ".html"},
	{FormatMarkdown, "Markdown", true, false, ".md"},
	{FormatText, "Resume line", false, false, ".txt"},
	{FormatURL, "Verification link", true, true, ".txt"},
	{FormatQR, "QR code", true, false, ".png"},
}

// Formats returns every format in display order. The slice is a copy.
func Formats() []FormatInfo {
	return append([]FormatInfo(nil), formats...)
}

// Lookup returns the description of f.
func Lookup(f Format) (FormatInfo, bool) {
	for _, fi := range formats {
		if fi.Format == f {
			return fi, true
		}
	}
	return FormatInfo{}, false
}

// Label returns the human name of f, or f itself when unknown.
func (f Format) Label() string {
	if fi, ok := Lookup(f); ok {
		return fi.Label
	}
	return string(f)
}

// Snippet returns the snippet of format f for badge b. Formats that link to
// the public page (FormatInfo.NeedsPublic) fail with ErrPrivate (errors.Is;
// the message says whether the badge or the profile is private),
// ErrNoBaseURL, ErrBadBaseURL or ErrNoID as VerifyURL does. FormatText
// never fails for those reasons: it leaves the verification part out.
func Snippet(f Format, b Badge, c Context) (string, error) {
	fi, ok := Lookup(f)
	if !ok {
		return "", fmt.Errorf("%w %q", ErrUnknownFormat, string(f))
	}
	if f == FormatQR {
		return QRTerminal(b, c)
	}
	p, err := prepare(b, c, fi.NeedsPublic)
	if err != nil {
		return "", err
	}
	switch f {
	case FormatLinkedIn:
		return linkedIn(p), nil
	case FormatLinkedInPost:
		return linkedInPost(p), nil
	case FormatX:
		return xIntent(p), nil
	case FormatFacebook:
		return facebook(p), nil
	case FormatEmail:
		return mailto(p), nil
	case FormatHTML:
		return embedHTML(p), nil
	case FormatSignature:
		return signatureHTML(p), nil
	case FormatMarkdown:
		return markdown(p), nil
	case FormatText:
		return textLine(p), nil
	case FormatURL:
		return p.verify, nil
	}
	return "", fmt.Errorf("%w %q", ErrUnknownFormat, string(f))
}
