package didkey

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// DecodeMultibase decodes a multibase string: its first character names
// the encoding of the rest. Supported are 'z' (base58btc, as in
// publicKeyMultibase and eddsa proofValue) and 'u' (base64url without
// padding, in canonical form). Errors wrap [ErrInvalid].
func DecodeMultibase(s string) ([]byte, error) {
	return decodeMultibase(s, 0)
}

// decodeMultibase is DecodeMultibase; off is added to positions in errors.
func decodeMultibase(s string, off int) ([]byte, error) {
	if s == "" {
		return nil, fmt.Errorf("%w: empty multibase string", ErrInvalid)
	}
	switch s[0] {
	case 'z':
		return decode58(s[1:], off+1)
	case 'u':
		rest := s[1:]
		// encoding/base64 skips CR and LF; a multibase value has none.
		if i := strings.IndexAny(rest, "\r\n"); i >= 0 {
			return nil, fmt.Errorf("%w: multibase 'u' (base64url): line break at position %d", ErrInvalid, off+1+i)
		}
		b, err := base64.RawURLEncoding.Strict().DecodeString(rest)
		if err != nil {
			var at base64.CorruptInputError
			if errors.As(err, &at) {
				return nil, fmt.Errorf("%w: multibase 'u' (base64url, no padding): invalid data at position %d", ErrInvalid, int64(off)+1+int64(at))
			}
			return nil, fmt.Errorf("%w: multibase 'u' (base64url, no padding): %v", ErrInvalid, err)
		}
		return b, nil
	}
	r, _ := utf8.DecodeRuneInString(s)
	return nil, fmt.Errorf("%w: unsupported multibase prefix %q (want 'z' for base58btc or 'u' for base64url)", ErrInvalid, r)
}
