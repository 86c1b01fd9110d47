package share

import (
	"html"
	"strings"
)

// esc escapes s for HTML text and double-quoted attribute values.
func esc(s string) string { return html.EscapeString(s) }

// alt is the image's alternative text: "Name — badge issued by Issuer".
func alt(p badge) string {
	if p.issuer == "" {
		return p.name + " — badge"
	}
	return p.name + " — badge issued by " + p.issuer
}

// dates is "Issued Mar 2026 · Expires Mar 2028" (either part may be
// missing; "" when both are).
func dates(p badge) string {
	var parts []string
	if known(p.issued) {
		parts = append(parts, "Issued "+monthYear(p.issued))
	}
	if known(p.expires) {
		parts = append(parts, "Expires "+monthYear(p.expires))
	}
	return strings.Join(parts, " · ")
}

// issuerHTML is the issuer's name, linked to its page when there is one.
func issuerHTML(p badge, style string) string {
	if p.issuerURL == "" {
		return esc(p.issuer)
	}
	if style != "" {
		style = ` style="` + style + `"`
	}
	return `<a href="` + esc(p.issuerURL) + `" rel="nofollow noopener"` + style + `>` + esc(p.issuer) + `</a>`
}

// embedHTML is the website embed.
func embedHTML(p badge) string {
	v := esc(p.verify)
	var b strings.Builder
	b.Grow(1024)
	b.WriteString(`<div style="display:inline-block;max-width:320px;padding:8px;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.4;text-align:center;">` + "\n")
	if p.image != "" {
		b.WriteString(`<a href="` + v + `"><img src="` + esc(p.image) + `" alt="` + esc(alt(p)) + `" width="120" style="height:auto;border:0;"></a>` + "\n")
	}
	b.WriteString(`<div><a href="` + v + `"><strong>` + esc(p.name) + `</strong></a></div>` + "\n")
	if p.issuer != "" {
		b.WriteString(`<div>` + issuerHTML(p, "") + `</div>` + "\n")
	}
	if d := dates(p); d != "" {
		b.WriteString(`<div style="font-size:12px;color:#555555;">` + esc(d) + `</div>` + "\n")
	}
	b.WriteString(`<div style="font-size:12px;"><a href="` + v + `">Verify this badge</a></div>` + "\n")
	b.WriteString(`</div>`)
	return b.String()
}

// signatureHTML is the e-mail signature block: a one-row table (what mail
// clients lay out reliably) with inline styles and a 48 px image.
func signatureHTML(p badge) string {
	v := esc(p.verify)
	var b strings.Builder
	b.Grow(1024)
	b.WriteString(`<table cellpadding="0" cellspacing="0" border="0" role="presentation" style="border-collapse:collapse;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:16px;color:#333333;">` + "\n")
	b.WriteString("<tr>\n")
	if p.image != "" {
		b.WriteString(`<td style="padding:0 8px 0 0;vertical-align:middle;"><a href="` + v + `"><img src="` + esc(p.image) + `" alt="` + esc(alt(p)) + `" width="48" height="48" style="display:block;width:48px;height:48px;border:0;"></a></td>` + "\n")
	}
	b.WriteString(`<td style="vertical-align:middle;">`)
	b.WriteString(`<a href="` + v + `" style="color:#1a4f8b;font-weight:bold;text-decoration:none;">` + esc(p.name) + `</a>`)
	var sub []string
	if p.issuer != "" {
		sub = append(sub, issuerHTML(p, "color:#666666;text-decoration:none;"))
	}
	if d := dates(p); d != "" {
		sub = append(sub, esc(d))
	}
	if len(sub) > 0 {
		b.WriteString(`<br><span style="color:#666666;">` + strings.Join(sub, " · ") + `</span>`)
	}
	b.WriteString("</td>\n</tr>\n</table>")
	return b.String()
}

// markdownText escapes s for Markdown inline text (link text, image alt):
// every punctuation character that starts an inline construct gets a
// backslash, and '<', '>' and '&' become entities so that no HTML survives
// even a renderer that ignores backslash escapes.
func markdownText(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '+', '!', '|', '~', '"', '$':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// markdownURL percent-encodes what would end or break a Markdown link
// destination: spaces, parentheses, brackets, angle brackets, quotes,
// backslashes and backticks (s is already a clean URL).
func markdownURL(s string) string {
	if !strings.ContainsAny(s, " ()[]<>\"'\\`") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if strings.IndexByte(" ()[]<>\"'\\`", c) >= 0 {
			pctByte(&b, c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// markdown is [![Name](image)](verify), or [Name](verify) without an
// image, then the issuer and dates on the same line.
func markdown(p badge) string {
	v := markdownURL(p.verify)
	var b strings.Builder
	if p.image != "" {
		b.WriteString("[![" + markdownText(p.name) + "](" + markdownURL(p.image) + ")](" + v + ")")
	} else {
		b.WriteString("[" + markdownText(p.name) + "](" + v + ")")
	}
	var sub []string
	if p.issuer != "" {
		sub = append(sub, markdownText(p.issuer))
	}
	if d := dates(p); d != "" {
		sub = append(sub, d)
	}
	if len(sub) > 0 {
		b.WriteString(" " + strings.Join(sub, " · "))
	}
	return b.String()
}

// textLine is the resume line:
// "Name — Issuer, Mar 2026 (expires Mar 2028) — verify: URL".
func textLine(p badge) string {
	s := p.name
	if p.issuer != "" {
		s += " — " + p.issuer
	}
	if known(p.issued) {
		if p.issuer != "" {
			s += ", "
		} else {
			s += " — "
		}
		s += monthYear(p.issued)
	}
	if known(p.expires) {
		s += " (expires " + monthYear(p.expires) + ")"
	}
	if p.verify != "" {
		s += " — verify: " + p.verify
	}
	return s
}
