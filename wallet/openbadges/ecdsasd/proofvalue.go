package ecdsasd

import (
	"bytes"
	"crypto/ecdsa"
	"encoding/base64"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/fxamacker/cbor/v2"
)

// Proof value headers: the bytes of CBOR tags 23808 and 23809, which the
// spec treats as fixed three-byte headers in front of the CBOR array.
var (
	baseHeader    = []byte{0xd9, 0x5d, 0x00}
	derivedHeader = []byte{0xd9, 0x5d, 0x01}
)

// Sizes the spec fixes for P-256 ("parseDerivedProofValue").
const (
	signatureLen = 64 // ECDSA P-256 signature, IEEE P1363 r ‖ s
	labelLen     = 32 // HMAC-SHA-256 digest naming a blank node
)

// Limits on what a proof value may hold. A derived proof carries one
// 64-byte signature per disclosed statement; real badges have a few dozen
// statements.
const (
	// MaxProofValueLen is the longest proofValue (in characters) that
	// [Verify] reads.
	MaxProofValueLen = 4 << 20
	// maxItems bounds every CBOR array and map of the proof value.
	maxItems = 1 << 16
)

// derivedProof is a parsed derived proofValue, its label map decompressed.
type derivedProof struct {
	baseSignature []byte
	publicKey     []byte           // P-256 Multikey bytes: 0x80 0x24 ‖ compressed point
	ephemeral     *ecdsa.PublicKey // publicKey, decoded
	signatures    [][]byte
	labelMap      map[string]string // "c14nN" → "u" + base64url(digest)
	mandatory     []uint64          // mandatoryIndexes
}

var decMode = func() cbor.DecMode {
	dm, err := cbor.DecOptions{
		DupMapKey:        cbor.DupMapKeyEnforcedAPF,
		IndefLength:      cbor.IndefLengthForbidden,
		TagsMd:           cbor.TagsForbidden,
		MaxNestedLevels:  4,
		MaxArrayElements: maxItems,
		MaxMapPairs:      maxItems,
	}.DecMode()
	if err != nil {
		panic(err)
	}
	return dm
}()

// CBOR major types.
const (
	majorUint  = 0
	majorBytes = 2
	majorArray = 4
	majorMap   = 5
)

func major(raw cbor.RawMessage) byte {
	if len(raw) == 0 {
		return 0xff
	}
	return raw[0] >> 5
}

// parseDerivedProofValue implements the spec's parseDerivedProofValue and
// decompressLabelMap, and checks the sizes it names. Every error wraps
// ErrMalformed.
func parseDerivedProofValue(s string) (*derivedProof, error) {
	if s == "" || s[0] != 'u' {
		return nil, fmt.Errorf("%w: an ecdsa-sd-2023 proofValue must be a base64url multibase string starting with \"u\"", ErrMalformed)
	}
	if len(s) > MaxProofValueLen {
		return nil, fmt.Errorf("%w: the proofValue is %d characters long, over the limit of %d", ErrMalformed, len(s), MaxProofValueLen)
	}
	// encoding/base64 skips CR and LF; a multibase value has none.
	if strings.ContainsAny(s, "\r\n") {
		return nil, fmt.Errorf("%w: the proofValue contains a line break, which base64url does not allow", ErrMalformed)
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(s[1:])
	if err != nil {
		return nil, fmt.Errorf("%w: the proofValue is not valid base64url without padding (%v)", ErrMalformed, err)
	}
	switch {
	case len(b) < len(derivedHeader):
		return nil, fmt.Errorf("%w: the proofValue holds %d bytes, too few for the ecdsa-sd-2023 derived proof header 0xd9 0x5d 0x01", ErrMalformed, len(b))
	case bytes.HasPrefix(b, derivedHeader):
	case bytes.HasPrefix(b, baseHeader):
		return nil, fmt.Errorf("%w: this is a base proof; only derived proofs are verified by holders/verifiers", ErrMalformed)
	default:
		return nil, fmt.Errorf("%w: the proofValue does not start with the ecdsa-sd-2023 derived proof header 0xd9 0x5d 0x01 (found % #x)", ErrMalformed, b[:min(len(b), 3)])
	}

	body := b[len(derivedHeader):]
	if len(body) == 0 {
		return nil, fmt.Errorf("%w: the proofValue ends after its header, with no CBOR array of proof components", ErrMalformed)
	}
	if major(body) != majorArray {
		return nil, fmt.Errorf("%w: the proof components after the header are not a CBOR array", ErrMalformed)
	}
	var parts []cbor.RawMessage
	if err := decMode.Unmarshal(body, &parts); err != nil {
		return nil, fmt.Errorf("%w: the proofValue is not a well-formed CBOR array (%v)", ErrMalformed, cborMessage(err))
	}
	if len(parts) != 5 {
		return nil, fmt.Errorf("%w: the derived proof has %d components, want 5 (baseSignature, publicKey, signatures, labelMap, mandatoryIndexes)", ErrMalformed, len(parts))
	}
	p := &derivedProof{}

	if p.baseSignature, err = byteString(parts[0], "the base signature"); err != nil {
		return nil, err
	}
	if len(p.baseSignature) != signatureLen {
		return nil, fmt.Errorf("%w: the base signature is %d bytes long, but P-256 signatures are %d", ErrMalformed, len(p.baseSignature), signatureLen)
	}

	if p.publicKey, err = byteString(parts[1], "the proof-scoped public key"); err != nil {
		return nil, err
	}
	if p.ephemeral, err = decodeP256Key(p.publicKey, "the proof-scoped public key"); err != nil {
		return nil, err
	}

	if major(parts[2]) != majorArray {
		return nil, fmt.Errorf("%w: the signatures component is not a CBOR array", ErrMalformed)
	}
	var sigs []cbor.RawMessage
	if err := decMode.Unmarshal(parts[2], &sigs); err != nil {
		return nil, fmt.Errorf("%w: the signatures component cannot be read (%v)", ErrMalformed, cborMessage(err))
	}
	p.signatures = make([][]byte, len(sigs))
	for i, raw := range sigs {
		what := "signature " + strconv.Itoa(i)
		if p.signatures[i], err = byteString(raw, what); err != nil {
			return nil, err
		}
		if len(p.signatures[i]) != signatureLen {
			return nil, fmt.Errorf("%w: %s is %d bytes long, but P-256 signatures are %d", ErrMalformed, what, len(p.signatures[i]), signatureLen)
		}
	}

	if p.labelMap, err = decompressLabelMap(parts[3]); err != nil {
		return nil, err
	}

	if major(parts[4]) != majorArray {
		return nil, fmt.Errorf("%w: the mandatoryIndexes component is not a CBOR array", ErrMalformed)
	}
	var idx []cbor.RawMessage
	if err := decMode.Unmarshal(parts[4], &idx); err != nil {
		return nil, fmt.Errorf("%w: the mandatoryIndexes component cannot be read (%v)", ErrMalformed, cborMessage(err))
	}
	p.mandatory = make([]uint64, len(idx))
	seen := make(map[uint64]bool, len(idx))
	for i, raw := range idx {
		if major(raw) != majorUint {
			return nil, fmt.Errorf("%w: mandatory index %d is not an unsigned integer", ErrMalformed, i)
		}
		if err := decMode.Unmarshal(raw, &p.mandatory[i]); err != nil {
			return nil, fmt.Errorf("%w: mandatory index %d cannot be read (%v)", ErrMalformed, i, cborMessage(err))
		}
		if seen[p.mandatory[i]] {
			return nil, fmt.Errorf("%w: mandatory index %d appears twice", ErrMalformed, p.mandatory[i])
		}
		seen[p.mandatory[i]] = true
	}
	return p, nil
}

// decompressLabelMap reads the compressed label map (a CBOR map of
// unsigned integers to 32-byte strings) as the map "c14nN" →
// "u" + base64url-no-pad(digest). It refuses a map that gives two blank
// nodes the same label: a genuine one never does (the labels are HMAC
// digests of distinct names), and a holder could otherwise merge nodes.
func decompressLabelMap(raw cbor.RawMessage) (map[string]string, error) {
	if major(raw) != majorMap {
		return nil, fmt.Errorf("%w: the label map component is not a CBOR map", ErrMalformed)
	}
	var m map[any]cbor.RawMessage
	if err := decMode.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("%w: the label map cannot be read (%v)", ErrMalformed, cborMessage(err))
	}
	out := make(map[string]string, len(m))
	used := make(map[string]uint64, len(m))
	for key, v := range m {
		k, ok := key.(uint64)
		if !ok {
			return nil, fmt.Errorf("%w: the label map has a key that is %s, not an unsigned integer", ErrMalformed, cborKind(key))
		}
		what := "the label of blank node c14n" + strconv.FormatUint(k, 10)
		b, err := byteString(v, what)
		if err != nil {
			return nil, err
		}
		if len(b) != labelLen {
			return nil, fmt.Errorf("%w: %s is %d bytes long, want %d", ErrMalformed, what, len(b), labelLen)
		}
		label := "u" + base64.RawURLEncoding.EncodeToString(b)
		if other, dup := used[label]; dup {
			return nil, fmt.Errorf("%w: the label map gives blank nodes c14n%d and c14n%d the same label", ErrMalformed, min(k, other), max(k, other))
		}
		used[label] = k
		out["c14n"+strconv.FormatUint(k, 10)] = label
	}
	return out, nil
}

// byteString decodes raw, which must be a CBOR byte string (not null, not
// a text string); what names it in errors.
func byteString(raw cbor.RawMessage, what string) ([]byte, error) {
	if major(raw) != majorBytes {
		return nil, fmt.Errorf("%w: %s is not a CBOR byte string", ErrMalformed, what)
	}
	var b []byte
	if err := decMode.Unmarshal(raw, &b); err != nil {
		return nil, fmt.Errorf("%w: %s cannot be read (%v)", ErrMalformed, what, cborMessage(err))
	}
	return b, nil
}

// cborKind names the CBOR type of a map key decoded into an any.
func cborKind(v any) string {
	switch v.(type) {
	case int64, *big.Int:
		return "a negative integer"
	case string:
		return "a text string"
	case float32, float64:
		return "a floating-point number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return "of another type"
}

// cborMessage shortens a CBOR library error to its text without the
// "cbor: " prefix.
func cborMessage(err error) string {
	return strings.TrimPrefix(err.Error(), "cbor: ")
}
