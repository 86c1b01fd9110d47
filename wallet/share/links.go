package share

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"badgewallet/wallet/safetext"
)

// query builds a query string in a fixed order, with url.Values' encoding
// (url.QueryEscape), leaving empty values out.
type query struct{ b strings.Builder }

func (q *query) add(k, v string) {
	if v == "" {
		return
	}
	if q.b.Len() > 0 {
		q.b.WriteByte('&')
	}
	q.b.WriteString(url.QueryEscape(k))
	q.b.WriteByte('=')
	q.b.WriteString(url.QueryEscape(v))
}

func (q *query) String() string { return q.b.String() }

// year and month are the LinkedIn parameters: four-digit year, month 1..12.
func year(t time.Time) string {
	if !known(t) {
		return ""
	}
	return strconv.Itoa(t.Year())
}

func month(t time.Time) string {
	if !known(t) {
		return ""
	}
	return strconv.Itoa(int(t.Month()))
}

// linkedIn is the "Add to profile" link for a licence or certification.
// https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&…
func linkedIn(p badge) string {
	var q query
	q.add("startTask", "CERTIFICATION_NAME")
	q.add("name", p.name)
	q.add("organizationName", p.issuer)
	q.add("issueYear", year(p.issued))
	q.add("issueMonth", month(p.issued))
	if known(p.expires) {
		q.add("expirationYear", year(p.expires))
		q.add("expirationMonth", month(p.expires))
	}
	q.add("certUrl", p.verify)
	q.add("certId", p.credID)
	return "https://www.linkedin.com/profile/add?" + q.String()
}

func linkedInPost(p badge) string {
	var q query
	q.add("url", p.verify)
	return "https://www.linkedin.com/sharing/share-offsite/?" + q.String()
}

// maxTweet is the room left for the text of a tweet: 280 characters minus
// the link (23 whatever its length) and the space before it.
const maxTweet = 280 - 24

func xIntent(p badge) string {
	var q query
	q.add("text", safetext.Truncate(announce(p), maxTweet))
	q.add("url", p.verify)
	return "https://twitter.com/intent/tweet?" + q.String()
}

// announce is the one-sentence announcement of the badge.
func announce(p badge) string {
	s := "I earned “" + p.name + "”"
	if p.issuer != "" {
		s += " from " + p.issuer
	}
	return s + "."
}

func facebook(p badge) string {
	var q query
	q.add("u", p.verify)
	return "https://www.facebook.com/sharer/sharer.php?" + q.String()
}

// mailto is a mailto: URL without a recipient, with a subject and a body,
// encoded as RFC 6068 asks: UTF-8, every byte outside the unreserved set
// percent-encoded (so a space is %20, never +), line breaks as %0D%0A.
func mailto(p badge) string {
	subject := "My badge: " + p.name
	var body []string
	body = append(body, "Hello,", "")
	line := "I earned the badge “" + p.name + "”"
	if p.issuer != "" {
		line += ", issued by " + p.issuer
	}
	if known(p.issued) {
		line += " in " + monthYear(p.issued)
	}
	line += "."
	if known(p.expires) {
		line += " It is valid until " + monthYear(p.expires) + "."
	}
	body = append(body, line)
	if p.desc != "" {
		body = append(body, "", p.desc)
	}
	if len(p.skills) > 0 {
		body = append(body, "", "Skills: "+strings.Join(p.skills, ", "))
	}
	body = append(body, "", "You can check it here: "+p.verify)
	if p.earner != "" {
		body = append(body, "", p.earner)
	}
	text := strings.ReplaceAll(strings.Join(body, "\n"), "\n", "\r\n")
	return "mailto:?subject=" + mailtoEscape(subject) + "&body=" + mailtoEscape(text)
}

func mailtoEscape(s string) string {
	var b strings.Builder
	b.Grow(len(s) * 2)
	for i := 0; i < len(s); i++ {
		if c := s[i]; unreserved(c) {
			b.WriteByte(c)
		} else {
			pctByte(&b, c)
		}
	}
	return b.String()
}
