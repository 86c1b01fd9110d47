package store

import (
	"database/sql"
	"fmt"
	"time"
)

// timeLayout is how times are stored: RFC 3339 in UTC to the second. It is
// fixed-width, so stored times sort correctly as text.
const timeLayout = "2006-01-02T15:04:05Z"

// formatTime renders t for storage (UTC, truncated to the second).
func formatTime(t time.Time) string {
	return t.UTC().Format(timeLayout)
}

// nullTime is the stored form of t: NULL for the zero time. Years outside
// 0000–9999 are refused, as they would not sort (or parse back).
func nullTime(field string, t time.Time) (any, error) {
	if t.IsZero() {
		return nil, nil
	}
	if y := t.UTC().Year(); y < 0 || y > 9999 {
		return nil, fmt.Errorf("%s: year %d out of range 0000-9999", field, y)
	}
	return formatTime(t), nil
}

// parseTime reads a stored time; NULL or "" is the zero time.
func parseTime(field string, s sql.NullString) (time.Time, error) {
	if !s.Valid || s.String == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s.String)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: %w", field, err)
	}
	return t.UTC(), nil
}

// nullString is the stored form of an optional text: NULL for "".
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}
