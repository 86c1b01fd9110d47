package openbadges

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// checkDepth scans JSON text and fails if arrays/objects nest deeper than
// max. It runs before decoding so that hostile nesting costs no allocation.
func checkDepth(data []byte, max int) error {
	depth, inStr, esc := 0, false, false
	for i, c := range data {
		if inStr {
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
			}
			continue
		}
		switch c {
		case '"':
			inStr = true
		case '{', '[':
			depth++
			if depth > max {
				return fmt.Errorf("JSON nests deeper than %d levels (at byte %d): %w", max, i, ErrTooLarge)
			}
		case '}', ']':
			depth--
		}
	}
	return nil
}

// decodeObject decodes a JSON object with the size and depth limits.
func (l Limits) decodeObject(data []byte) (obj, error) {
	if len(data) > l.MaxJSONBytes {
		return nil, fmt.Errorf("JSON is %d bytes, limit %d: %w", len(data), l.MaxJSONBytes, ErrTooLarge)
	}
	if err := checkDepth(data, l.MaxJSONDepth); err != nil {
		return nil, err
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, jsonError(data, err)
	}
	if _, err := d.Token(); err == nil {
		return nil, fmt.Errorf("%w: extra data after the object ends (byte %d)", ErrJSON, d.InputOffset())
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%w: the top level is %s, an Open Badges document is a JSON object", ErrStructure, jsonKind(v))
	}
	return obj(m), nil
}

// jsonError turns a decoding error into one that says where (line:column).
func jsonError(data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := int64(-1)
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off >= 0 && off <= int64(len(data)) {
		line := 1 + bytes.Count(data[:off], []byte{'\n'})
		col := off - int64(bytes.LastIndexByte(data[:off], '\n'))
		return fmt.Errorf("%w: syntax error at line %d, column %d: %v", ErrJSON, line, col, err)
	}
	if err.Error() == "unexpected EOF" {
		return fmt.Errorf("%w: it ends before the document is complete (truncated?)", ErrJSON)
	}
	return fmt.Errorf("%w: %v", ErrJSON, err)
}

func jsonKind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", v)
}

// obj is a decoded JSON object with lenient accessors for the shapes the
// Open Badges specs allow (a string or an object with an id, a value or a
// list of values...).
type obj map[string]any

// str returns a string member ("" if absent or not a string).
func (o obj) str(k string) string {
	s, _ := o[k].(string)
	return s
}

// strict returns a string member, failing if present with another type.
func (o obj) strict(path, k string) (string, error) {
	v, ok := o[k]
	if !ok || v == nil {
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", structErr(path+k, "must be a string, found %s", jsonKind(v))
	}
	return s, nil
}

// obj returns an object member (nil if absent or not an object).
func (o obj) obj(k string) obj {
	m, _ := o[k].(map[string]any)
	return m
}

// list returns a member as a list: a single value is a list of one.
func (o obj) list(k string) []any {
	switch v := o[k].(type) {
	case nil:
		return nil
	case []any:
		return v
	default:
		return []any{v}
	}
}

// strs returns a string-or-list-of-strings member; other items are skipped.
func (o obj) strs(k string) []string {
	var out []string
	for _, v := range o.list(k) {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// idOf returns the id of a member that is either a string (an IRI) or an
// object with an "id" (or OB 1.0 style, no id).
func idOf(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case map[string]any:
		s, _ := t["id"].(string)
		return s
	}
	return ""
}

// has reports whether a type list contains t.
func has(types []string, t string) bool {
	for _, x := range types {
		if x == t {
			return true
		}
	}
	return false
}

func structErr(path, format string, args ...any) error {
	return fmt.Errorf("%w: %s %s", ErrStructure, path, fmt.Sprintf(format, args...))
}

// parseTime reads the date forms Open Badges documents use: ISO 8601 /
// RFC 3339 date-times (with or without zone, fractional seconds), plain
// dates, and (OB 1.0) Unix timestamps in seconds.
func parseTime(path string, v any) (time.Time, error) {
	switch t := v.(type) {
	case nil:
		return time.Time{}, nil
	case json.Number:
		n, err := strconv.ParseInt(t.String(), 10, 64)
		if err != nil || n < 0 || n > 253402300799 {
			return time.Time{}, structErr(path, "is not a valid Unix timestamp: %s", t)
		}
		return time.Unix(n, 0).UTC(), nil
	case string:
		s := strings.TrimSpace(t)
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && len(s) >= 9 && n > 0 && n <= 253402300799 {
			return time.Unix(n, 0).UTC(), nil
		}
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999Z0700", "2006-01-02T15:04:05.999999999", "2006-01-02T15:04", "2006-01-02"} {
			if tm, err := time.Parse(layout, s); err == nil {
				return tm.UTC(), nil
			}
		}
		if len(s) > 40 {
			s = s[:40] + "…"
		}
		return time.Time{}, structErr(path, "is not an ISO 8601 date-time: %q", s)
	}
	return time.Time{}, structErr(path, "must be a date-time string, found %s", jsonKind(v))
}
