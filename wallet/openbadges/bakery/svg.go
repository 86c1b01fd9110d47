package bakery

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// svgSpan is the byte range of one badge element in an SVG file.
type svgSpan struct{ start, end int }

// svgScan is what one streaming pass over an SVG document finds.
type svgScan struct {
	rootStart, rootEnd int  // byte range of the root <svg ...> start tag
	rootSelfClosing    bool // <svg .../>
	badges             []svgSpan
	payload            Payload
}

// scanSVG reads an SVG document token by token. It refuses entity
// declarations and DTD internal subsets, caps the element count, and records
// the root start tag and every Open Badges element.
func (l Limits) scanSVG(data []byte) (svgScan, error) {
	var s svgScan
	if len(data) > l.MaxFileBytes {
		return s, fmt.Errorf("svg: %d bytes, limit %d: %w", len(data), l.MaxFileBytes, ErrTooLarge)
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var (
		elements int
		depth    int
		inBadge  int // depth of the badge element being read, 0 if none
		text     bytes.Buffer
		verify   string
		version  Version
		seenRoot bool
	)
	for {
		off := int(d.InputOffset())
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) && strings.Contains(se.Msg, "unexpected EOF") {
				return s, fmt.Errorf("svg: line %d: %w", se.Line, ErrTruncated)
			}
			return s, fmt.Errorf("svg: not well-formed XML: %v: %w", err, ErrMalformed)
		}
		switch t := tok.(type) {
		case xml.Directive:
			if err := CheckDirective(t, seenRoot); err != nil {
				return s, err
			}
		case xml.StartElement:
			elements++
			if elements > l.MaxSVGElements {
				return s, fmt.Errorf("svg: more than %d elements: %w", l.MaxSVGElements, ErrTooManyElements)
			}
			depth++
			if !seenRoot {
				seenRoot = true
				if t.Name.Local != "svg" || (t.Name.Space != "" && t.Name.Space != "http://www.w3.org/2000/svg") {
					return s, fmt.Errorf("svg: the root element is <%s>, not <svg>: %w", t.Name.Local, ErrMalformed)
				}
				s.rootStart, s.rootEnd = off, int(d.InputOffset())
				s.rootSelfClosing = bytes.HasSuffix(data[off:s.rootEnd], []byte("/>"))
				continue
			}
			if inBadge != 0 {
				continue
			}
			if v, ok := badgeElement(t.Name); ok {
				if len(s.badges) > 0 {
					return s, fmt.Errorf("svg: second <openbadges:%s> element at byte %d: %w", t.Name.Local, off, ErrDuplicate)
				}
				inBadge, version = depth, v
				s.badges = append(s.badges, svgSpan{start: off})
				verify = ""
				for _, a := range t.Attr {
					if a.Name.Local == "verify" && (a.Name.Space == "" || a.Name.Space == t.Name.Space) {
						verify = a.Value
					}
				}
			}
		case xml.EndElement:
			if inBadge == depth {
				inBadge = 0
				s.badges[len(s.badges)-1].end = int(d.InputOffset())
			}
			depth--
		case xml.CharData:
			if inBadge != 0 && inBadge == depth {
				if text.Len()+len(t) > l.MaxPayloadBytes {
					return s, fmt.Errorf("svg: badge payload over %d bytes: %w", l.MaxPayloadBytes, ErrTooLarge)
				}
				// CDATA is taken byte for byte from the file: the decoder
				// would normalize its line ends.
				raw := data[off:d.InputOffset()]
				if bytes.HasPrefix(raw, []byte("<![CDATA[")) && bytes.HasSuffix(raw, []byte("]]>")) {
					text.Write(raw[9 : len(raw)-3])
				} else {
					text.Write(t)
				}
			}
		}
	}
	if !seenRoot {
		return s, fmt.Errorf("svg: no root element: %w", ErrMalformed)
	}
	if len(s.badges) > 0 {
		if len(verify) > l.MaxPayloadBytes {
			return s, fmt.Errorf("svg: verify attribute over %d bytes: %w", l.MaxPayloadBytes, ErrTooLarge)
		}
		s.payload = Payload{Version: version, Verify: verify}
		if t := bytes.TrimSpace(text.Bytes()); len(t) > 0 {
			s.payload.Text = bytes.Clone(t)
		} else {
			s.payload.Text = []byte(verify)
		}
	}
	return s, nil
}

// CheckDirective accepts only a plain DOCTYPE naming an external DTD (as SVG
// editors write: <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "...">),
// which is never fetched. An internal subset, any ENTITY declaration or any
// other declaration is refused (ErrEntity), and so is a DOCTYPE after the
// root element (ErrMalformed). Every reader of SVG in badgewallet applies it.
func CheckDirective(t xml.Directive, seenRoot bool) error {
	s := string(t)
	if !strings.HasPrefix(s, "DOCTYPE") {
		return fmt.Errorf("svg: declaration <!%.20s…> is not allowed: %w", s, ErrEntity)
	}
	if seenRoot {
		return fmt.Errorf("svg: DOCTYPE after the root element: %w", ErrMalformed)
	}
	if strings.ContainsAny(s, "[]<") || strings.Contains(strings.ToUpper(s), "ENTITY") {
		return fmt.Errorf("svg: <!%.40s…>: %w", s, ErrEntity)
	}
	return nil
}

// badgeElement tells whether a name is an Open Badges element. An element
// whose "openbadges" prefix was never declared is accepted by its local name
// (some bakers forget the xmlns declaration).
func badgeElement(n xml.Name) (Version, bool) {
	switch {
	case n.Space == NamespaceOB2 && n.Local == "assertion":
		return V2, true
	case n.Space == NamespaceOB3 && n.Local == "credential":
		return V3, true
	case n.Space == "openbadges" && n.Local == "assertion":
		return V2, true
	case n.Space == "openbadges" && n.Local == "credential":
		return V3, true
	}
	return 0, false
}

// IsSVG reports whether data looks like an SVG document: after an optional
// BOM, white space, XML declaration, comments and DOCTYPE, the first element
// is <svg.
func IsSVG(data []byte) bool {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	for {
		head = bytes.TrimLeft(head, " \t\r\n")
		switch {
		case bytes.HasPrefix(head, []byte("<svg")):
			return true
		case bytes.HasPrefix(head, []byte("<?")):
			i := bytes.Index(head, []byte("?>"))
			if i < 0 {
				return false
			}
			head = head[i+2:]
		case bytes.HasPrefix(head, []byte("<!--")):
			i := bytes.Index(head, []byte("-->"))
			if i < 0 {
				return false
			}
			head = head[i+3:]
		case bytes.HasPrefix(head, []byte("<!DOCTYPE")) || bytes.HasPrefix(head, []byte("<!doctype")):
			i := bytes.IndexByte(head, '>')
			if i < 0 {
				return false
			}
			// A DOCTYPE with an internal subset still counts as SVG here so
			// that unbaking can refuse it with a precise error.
			if j := bytes.IndexByte(head[:i], '['); j >= 0 {
				return bytes.Contains(head[:j], []byte("svg"))
			}
			head = head[i+1:]
		default:
			return false
		}
	}
}

// UnbakeSVG extracts the Open Badges payload of an SVG with DefaultLimits.
func UnbakeSVG(data []byte) (Payload, error) { return DefaultLimits().UnbakeSVG(data) }

// UnbakeSVG extracts the Open Badges payload of an SVG document: the CDATA
// text of its <openbadges:assertion> or <openbadges:credential> element, or
// the element's verify attribute when the element has no text.
func (l Limits) UnbakeSVG(data []byte) (Payload, error) {
	s, err := l.scanSVG(data)
	if err != nil {
		return Payload{}, err
	}
	if len(s.badges) == 0 {
		return Payload{}, fmt.Errorf("svg: no <openbadges:assertion> or <openbadges:credential> element: %w", ErrNotBaked)
	}
	if len(s.payload.Text) == 0 {
		return Payload{}, fmt.Errorf("svg: the <openbadges:%s> element is empty and has no verify attribute: %w",
			map[Version]string{V2: "assertion", V3: "credential"}[s.payload.Version], ErrNotBaked)
	}
	return s.payload, nil
}

// BakeSVG bakes a payload into an SVG with DefaultLimits.
func BakeSVG(svg []byte, p Payload) ([]byte, error) { return DefaultLimits().BakeSVG(svg, p) }

// BakeSVG returns a copy of svg carrying p in exactly one Open Badges
// element placed right after the root <svg> start tag. JSON text goes into
// CDATA (with p.Verify, if set, as the verify attribute); any other text (a
// URL or a compact JWS) goes into the verify attribute. Existing badge
// elements are removed and the xmlns:openbadges declaration is added or
// corrected, so baking again is byte-stable.
func (l Limits) BakeSVG(svg []byte, p Payload) ([]byte, error) {
	if p.Version != V2 && p.Version != V3 {
		return nil, fmt.Errorf("svg: bake: unknown version %d", p.Version)
	}
	if len(p.Text) == 0 {
		return nil, fmt.Errorf("svg: bake: empty payload")
	}
	if len(p.Text) > l.MaxPayloadBytes {
		return nil, fmt.Errorf("svg: bake: payload is %d bytes, limit %d: %w", len(p.Text), l.MaxPayloadBytes, ErrTooLarge)
	}
	s, err := l.scanSVG(svg)
	if err != nil {
		return nil, fmt.Errorf("bake: %w", err)
	}
	ns, local := NamespaceOB2, "assertion"
	if p.Version == V3 {
		ns, local = NamespaceOB3, "credential"
	}

	var el bytes.Buffer
	el.WriteString("<openbadges:" + local)
	text := bytes.TrimSpace(p.Text)
	isJSON := len(text) > 0 && text[0] == '{'
	verify := p.Verify
	if !isJSON {
		verify = string(text)
	}
	if verify != "" {
		el.WriteString(` verify="`)
		_ = xml.EscapeText(&el, []byte(verify))
		el.WriteString(`"`)
	}
	el.WriteString(">")
	if isJSON {
		el.WriteString("<![CDATA[")
		el.Write(bytes.ReplaceAll(text, []byte("]]>"), []byte("]]]]><![CDATA[>")))
		el.WriteString("]]>")
	}
	el.WriteString("</openbadges:" + local + ">")

	tag := svg[s.rootStart:s.rootEnd]
	out := make([]byte, 0, len(svg)+el.Len()+64)
	out = append(out, svg[:s.rootStart]...)
	out = append(out, withNamespace(tag, ns, s.rootSelfClosing)...)
	out = append(out, el.Bytes()...)
	if s.rootSelfClosing {
		out = append(out, "</svg>"...)
	}
	pos := s.rootEnd
	for _, b := range s.badges {
		out = append(out, svg[pos:b.start]...)
		pos = b.end
	}
	out = append(out, svg[pos:]...)
	return out, nil
}

// withNamespace returns the root start tag with xmlns:openbadges set to ns,
// ending in ">" (a self-closing tag is opened).
func withNamespace(tag []byte, ns string, selfClosing bool) []byte {
	body := tag[:len(tag)-1] // drop '>'
	if selfClosing {
		body = body[:len(body)-1] // drop '/'
	}
	out := make([]byte, 0, len(tag)+len(ns)+32)
	if vs, ve, ok := findAttr(body, "xmlns:openbadges"); ok {
		out = append(out, body[:vs]...)
		out = append(out, ns...)
		out = append(out, body[ve:]...)
	} else {
		out = append(out, bytes.TrimRight(body, " \t\r\n")...)
		out = append(out, ` xmlns:openbadges="`...)
		out = append(out, ns...)
		out = append(out, '"')
	}
	return append(out, '>')
}

// findAttr finds the value span of attribute name in a well-formed start tag
// (already checked by the XML decoder) that has lost its closing ">".
func findAttr(tag []byte, name string) (start, end int, ok bool) {
	i := 1
	for i < len(tag) && !isSpace(tag[i]) { // element name
		i++
	}
	for i < len(tag) {
		for i < len(tag) && isSpace(tag[i]) {
			i++
		}
		ns := i
		for i < len(tag) && tag[i] != '=' && !isSpace(tag[i]) {
			i++
		}
		an := string(tag[ns:i])
		for i < len(tag) && (isSpace(tag[i]) || tag[i] == '=') {
			i++
		}
		if i >= len(tag) {
			return 0, 0, false
		}
		q := tag[i]
		i++
		vs := i
		for i < len(tag) && tag[i] != q {
			i++
		}
		if an == name {
			return vs, i, true
		}
		i++
	}
	return 0, 0, false
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }
