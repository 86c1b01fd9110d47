package openbadges

import (
	"bytes"
	"fmt"

	"badgewallet/wallet/openbadges/bakery"
)

// Container is what a file is.
type Container string

// Containers.
const (
	ContainerPNG  Container = "png"
	ContainerSVG  Container = "svg"
	ContainerJSON Container = "json"
	ContainerJWS  Container = "jws"
	ContainerURL  Container = "url"
)

// Sniff tells what kind of container data is, from its first bytes. It
// returns ErrEmpty or ErrUnknownFormat when it is none of them.
func Sniff(data []byte) (Container, error) {
	if bakery.IsPNG(data) {
		return ContainerPNG, nil
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(t) == 0 {
		return "", ErrEmpty
	}
	switch {
	case t[0] == '{':
		return ContainerJSON, nil
	case t[0] == '<' && bakery.IsSVG(t):
		return ContainerSVG, nil
	}
	t = bytes.TrimRight(t, " \t\r\n")
	switch {
	case looksJWS(t):
		return ContainerJWS, nil
	case looksURL(t):
		return ContainerURL, nil
	case len(data) >= 4 && bytes.Equal(data[1:4], []byte("PNG")):
		return "", fmt.Errorf("the file starts like a PNG but its signature is damaged: %w", ErrUnknownFormat)
	}
	return "", fmt.Errorf("%w (it starts with % x)", ErrUnknownFormat, head(data, 8))
}

func head(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

// Extracted is what a file holds.
type Extracted struct {
	Container Container `json:"container"`
	// Baked tells, for an image, which baking was found.
	Baked bakery.Version `json:"baked,omitempty"`
	// Payload is the unbaked text (JSON, JWS or URL); for a JSON or JWS
	// file, the file itself (trimmed).
	Payload []byte `json:"-"`
	// Verify is an SVG verify attribute, if any.
	Verify string `json:"verify,omitempty"`
	// Badge is the parsed document.
	Badge *Badge `json:"badge"`
}

// Read sniffs, unbakes and parses a file with DefaultLimits.
func Read(data []byte) (*Extracted, error) { return DefaultLimits().Read(data) }

// Read sniffs data, unbakes it if it is an image and parses the payload.
// The returned Payload may alias data.
func (l Limits) Read(data []byte) (*Extracted, error) {
	if len(data) > l.MaxFileBytes {
		return nil, fmt.Errorf("the file is %d bytes, limit %d: %w", len(data), l.MaxFileBytes, ErrTooLarge)
	}
	c, err := Sniff(data)
	if err != nil {
		return nil, err
	}
	x := &Extracted{Container: c, Payload: data}
	switch c {
	case ContainerPNG:
		p, err := l.Bakery.UnbakePNG(data)
		if err != nil {
			return x, err
		}
		x.Baked, x.Payload = p.Version, p.Text
	case ContainerSVG:
		p, err := l.Bakery.UnbakeSVG(data)
		if err != nil {
			return x, err
		}
		x.Baked, x.Payload, x.Verify = p.Version, p.Text, p.Verify
	}
	b, err := l.Parse(x.Payload)
	if err != nil {
		if x.Baked != 0 {
			return x, fmt.Errorf("%s baked in the %s: %w", x.Baked, c, err)
		}
		return x, err
	}
	if b.Form == FormHosted && x.Baked == bakery.V3 {
		return x, fmt.Errorf("an OB 3.0 image must carry the credential or a VC-JWT, not a URL (%.80s): %w", b.HostedURL, ErrStructure)
	}
	x.Badge = b
	return x, nil
}
