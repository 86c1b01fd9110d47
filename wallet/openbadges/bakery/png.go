package bakery

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
)

// pngSignature starts every PNG file.
var pngSignature = [8]byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}

// IsPNG reports whether data starts with the PNG signature.
func IsPNG(data []byte) bool {
	return len(data) >= 8 && [8]byte(data[:8]) == pngSignature
}

// chunk is one PNG chunk located inside the file.
type chunk struct {
	start int    // offset of the length field
	typ   string // chunk type, e.g. "IHDR"
	data  []byte // chunk data (aliases the input)
}

func (c chunk) end() int { return c.start + 12 + len(c.data) }

// pngChunks walks the chunks of a PNG file, checking the signature, every
// chunk length and CRC, that IHDR comes first and that IEND comes last with
// nothing after it. visit is called for each chunk in order (index from 0);
// it may stop the walk early by returning stop=true.
func pngChunks(data []byte, lim Limits, visit func(i int, c chunk) (stop bool, err error)) error {
	if len(data) > lim.MaxFileBytes {
		return fmt.Errorf("png: %d bytes, limit %d: %w", len(data), lim.MaxFileBytes, ErrTooLarge)
	}
	if !IsPNG(data) {
		if len(data) == 0 {
			return fmt.Errorf("png: the file is empty: %w", ErrMalformed)
		}
		if len(data) < 8 && bytes.HasPrefix(pngSignature[:], data) {
			return fmt.Errorf("png: file ends inside the 8-byte signature: %w", ErrTruncated)
		}
		return fmt.Errorf("png: no PNG signature at the start of the file: %w", ErrMalformed)
	}
	p := 8
	for i := 0; ; i++ {
		if p == len(data) {
			return fmt.Errorf("png: no IEND chunk after chunk %d (byte %d): %w", i, p, ErrTruncated)
		}
		if len(data)-p < 12 {
			return fmt.Errorf("png: chunk %d at byte %d: only %d bytes left, a chunk needs 12: %w", i, p, len(data)-p, ErrTruncated)
		}
		n := binary.BigEndian.Uint32(data[p:])
		if n > 1<<31-1 {
			return fmt.Errorf("png: chunk %d at byte %d: length %d is over 2^31-1: %w", i, p, n, ErrMalformed)
		}
		if int64(n) > int64(len(data)-p-12) {
			return fmt.Errorf("png: chunk %d at byte %d claims %d bytes but only %d remain: %w", i, p, n, len(data)-p-12, ErrTruncated)
		}
		typ := data[p+4 : p+8]
		for _, b := range typ {
			if !(b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z') {
				return fmt.Errorf("png: chunk %d at byte %d: type %q is not four ASCII letters: %w", i, p, typ, ErrMalformed)
			}
		}
		body := data[p+8 : p+8+int(n)]
		want := binary.BigEndian.Uint32(data[p+8+int(n):])
		if got := crc32.ChecksumIEEE(data[p+4 : p+8+int(n)]); got != want {
			return fmt.Errorf("png: chunk %d (%s) at byte %d: stored CRC %08x, computed %08x: %w", i, typ, p, want, got, ErrChecksum)
		}
		c := chunk{start: p, typ: string(typ), data: body}
		if i == 0 && c.typ != "IHDR" {
			return fmt.Errorf("png: first chunk is %s, must be IHDR: %w", c.typ, ErrMalformed)
		}
		if i > 0 && c.typ == "IHDR" {
			return fmt.Errorf("png: second IHDR chunk at byte %d: %w", p, ErrMalformed)
		}
		if c.typ == "IHDR" && n != 13 {
			return fmt.Errorf("png: IHDR is %d bytes, must be 13: %w", n, ErrMalformed)
		}
		stop, err := visit(i, c)
		if err != nil {
			return err
		}
		p = c.end()
		if c.typ == "IEND" {
			if p != len(data) {
				return fmt.Errorf("png: %d bytes after the IEND chunk: %w", len(data)-p, ErrMalformed)
			}
			return nil
		}
		if stop {
			return nil
		}
	}
}

// badgeChunk tells whether a chunk is an Open Badges text chunk and, if so,
// decodes it.
func badgeChunk(c chunk) (p Payload, ok bool, err error) {
	switch c.typ {
	case "iTXt":
		kw, rest, found := bytes.Cut(c.data, []byte{0})
		if !found {
			return p, false, nil
		}
		var v Version
		switch string(kw) {
		case KeywordOB2:
			v = V2
		case KeywordOB3:
			v = V3
		default:
			return p, false, nil
		}
		// compression flag, compression method, language tag\0, translated keyword\0, text
		if len(rest) < 2 {
			return p, true, fmt.Errorf("png: iTXt %q at byte %d ends before its compression flag: %w", kw, c.start, ErrMalformed)
		}
		if rest[0] != 0 {
			return p, true, fmt.Errorf("png: iTXt %q at byte %d: %w", kw, c.start, ErrCompressed)
		}
		rest = rest[2:]
		_, rest, found = bytes.Cut(rest, []byte{0}) // language tag
		if !found {
			return p, true, fmt.Errorf("png: iTXt %q at byte %d has no end to its language tag: %w", kw, c.start, ErrMalformed)
		}
		_, rest, found = bytes.Cut(rest, []byte{0}) // translated keyword
		if !found {
			return p, true, fmt.Errorf("png: iTXt %q at byte %d has no end to its translated keyword: %w", kw, c.start, ErrMalformed)
		}
		return Payload{Version: v, Text: rest}, true, nil
	case "tEXt":
		kw, rest, found := bytes.Cut(c.data, []byte{0})
		if !found || string(kw) != KeywordOB2 {
			return p, false, nil
		}
		return Payload{Version: V2, Text: rest, Legacy: true}, true, nil
	}
	return p, false, nil
}

// UnbakePNG extracts the Open Badges payload of a PNG with DefaultLimits.
func UnbakePNG(data []byte) (Payload, error) { return DefaultLimits().UnbakePNG(data) }

// UnbakePNG extracts the Open Badges payload of a PNG: the text of its
// iTXt "openbadges" / "openbadgecredential" chunk, or of a legacy tEXt
// "openbadges" chunk. The whole file is walked and every CRC checked. The
// returned Text aliases data.
func (l Limits) UnbakePNG(data []byte) (Payload, error) {
	var (
		found  Payload
		have   bool
		before int
	)
	err := pngChunks(data, l, func(i int, c chunk) (bool, error) {
		p, ok, err := badgeChunk(c)
		if err != nil {
			return true, err
		}
		if ok {
			if have {
				return true, fmt.Errorf("png: second badge chunk (%s) at byte %d: %w", c.typ, c.start, ErrDuplicate)
			}
			if len(p.Text) > l.MaxPayloadBytes {
				return true, fmt.Errorf("png: badge payload is %d bytes, limit %d: %w", len(p.Text), l.MaxPayloadBytes, ErrTooLarge)
			}
			found, have = p, true
			return false, nil
		}
		if !have {
			before++
			if before > l.MaxChunksBeforeBadge {
				return true, fmt.Errorf("png: %d chunks read and no badge chunk yet (limit %d): %w", before, l.MaxChunksBeforeBadge, ErrTooManyChunks)
			}
		}
		return false, nil
	})
	if err != nil {
		return Payload{}, err
	}
	if !have {
		return Payload{}, fmt.Errorf("png: no iTXt %q or %q chunk: %w", KeywordOB2, KeywordOB3, ErrNotBaked)
	}
	return found, nil
}

// BakePNG bakes text into a PNG with DefaultLimits.
func BakePNG(img []byte, v Version, text []byte) ([]byte, error) {
	return DefaultLimits().BakePNG(img, v, text)
}

// BakePNG returns a copy of img carrying text in one uncompressed iTXt
// chunk with the keyword of version v, placed right after IHDR. Any Open
// Badges chunk already there (either version, iTXt or tEXt) is removed, so
// baking again replaces the old payload and the output is byte-stable.
func (l Limits) BakePNG(img []byte, v Version, text []byte) ([]byte, error) {
	if v != V2 && v != V3 {
		return nil, fmt.Errorf("png: bake: unknown version %d", v)
	}
	if len(text) > l.MaxPayloadBytes {
		return nil, fmt.Errorf("png: bake: payload is %d bytes, limit %d: %w", len(text), l.MaxPayloadBytes, ErrTooLarge)
	}
	var keep []chunk
	err := pngChunks(img, l, func(i int, c chunk) (bool, error) {
		if _, ok, _ := badgeChunk(c); ok || isBadgeKeywordChunk(c) {
			return false, nil
		}
		keep = append(keep, c)
		return false, nil
	})
	if err != nil {
		return nil, fmt.Errorf("bake: %w", err)
	}
	kw := v.Keyword()
	body := make([]byte, 0, len(kw)+5+len(text))
	body = append(body, kw...)
	body = append(body, 0, 0, 0, 0, 0) // \0 keyword end, flag 0, method 0, empty language \0, empty translated \0
	body = append(body, text...)

	out := make([]byte, 0, len(img)+12+len(body))
	out = append(out, pngSignature[:]...)
	for i, c := range keep {
		out = append(out, img[c.start:c.end()]...)
		if i == 0 { // IHDR
			out = appendChunk(out, "iTXt", body)
		}
	}
	return out, nil
}

// isBadgeKeywordChunk catches badge chunks that badgeChunk could not decode
// (e.g. compressed), so that baking removes them too.
func isBadgeKeywordChunk(c chunk) bool {
	if c.typ != "iTXt" && c.typ != "tEXt" && c.typ != "zTXt" {
		return false
	}
	kw, _, _ := bytes.Cut(c.data, []byte{0})
	return string(kw) == KeywordOB2 || string(kw) == KeywordOB3
}

func appendChunk(out []byte, typ string, body []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(body)))
	start := len(out)
	out = append(out, typ...)
	out = append(out, body...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
}

// StripPNG returns img without its Open Badges chunks (either version,
// iTXt, tEXt or zTXt): the picture as the issuer drew it, before baking.
func (l Limits) StripPNG(img []byte) ([]byte, error) {
	out := append([]byte(nil), pngSignature[:]...)
	err := pngChunks(img, l, func(i int, c chunk) (bool, error) {
		if _, ok, _ := badgeChunk(c); ok || isBadgeKeywordChunk(c) {
			return false, nil
		}
		out = append(out, img[c.start:c.end()]...)
		return false, nil
	})
	if err != nil {
		return nil, fmt.Errorf("strip: %w", err)
	}
	return out, nil
}
