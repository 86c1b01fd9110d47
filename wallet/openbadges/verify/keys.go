package verify

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"badgewallet/wallet/openbadges/didkey"
	"badgewallet/wallet/openbadges/fetch"
)

// needsNetworkError marks a step that could not be completed because it
// needs the network (offline, or the server did not answer).
type needsNetworkError struct{ err error }

func (e needsNetworkError) Error() string { return e.err.Error() }
func (e needsNetworkError) Unwrap() error { return e.err }

func isNeedsNetwork(err error) bool {
	var n needsNetworkError
	return errors.As(err, &n)
}

// get fetches a URL and returns its body when it answered 2xx. A transport
// failure or offline mode is a needsNetworkError; an HTTP error status is a
// plain error.
func (v *Verifier) get(ctx context.Context, u string) ([]byte, int, error) {
	resp, err := v.fetcher.Fetch(ctx, u)
	if err != nil {
		if errors.Is(err, fetch.ErrScheme) {
			return nil, 0, err
		}
		return nil, 0, needsNetworkError{err}
	}
	if resp.Status < 200 || resp.Status > 299 {
		return nil, resp.Status, fmt.Errorf("%s answered HTTP %d", short(u), resp.Status)
	}
	return resp.Body, resp.Status, nil
}

// getJSON fetches a URL and decodes a JSON object.
func (v *Verifier) getJSON(ctx context.Context, u string) (map[string]any, error) {
	body, _, err := v.get(ctx, u)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, fmt.Errorf("%s did not answer with a JSON object: %v", short(u), err)
	}
	return m, nil
}

// resolveKey finds the Ed25519 key and controller of a verification
// method: did:key and z6Mk fragments locally, did:web and https
// verification methods through the fetcher.
func (v *Verifier) resolveKey(ctx context.Context, vm string) (didkey.Key, error) {
	k, err := didkey.Resolve(vm)
	if err == nil || !errors.Is(err, didkey.ErrUnsupported) {
		return k, err
	}
	var docURL string
	switch {
	case strings.HasPrefix(vm, "did:web:"):
		if docURL, err = didWebURL(vm); err != nil {
			return didkey.Key{}, err
		}
	case strings.HasPrefix(vm, "https://") || strings.HasPrefix(vm, "http://"):
		docURL, _, _ = strings.Cut(vm, "#")
	default:
		return didkey.Key{}, err
	}
	doc, err := v.getJSON(ctx, docURL)
	if err != nil {
		return didkey.Key{}, fmt.Errorf("fetching the key document: %w", err)
	}
	return keyFromDocument(doc, vm)
}

// didWebURL maps did:web:host[:path...][#frag] to its DID document URL.
func didWebURL(did string) (string, error) {
	id, _, _ := strings.Cut(strings.TrimPrefix(did, "did:web:"), "#")
	parts := strings.Split(id, ":")
	host, err := url.PathUnescape(parts[0])
	if err != nil || host == "" || strings.ContainsAny(host, "/?#@") {
		return "", fmt.Errorf("%q is not a valid did:web identifier", did)
	}
	path := "/.well-known"
	if len(parts) > 1 {
		for i, p := range parts[1:] {
			if parts[1+i], err = url.PathUnescape(p); err != nil || p == "" {
				return "", fmt.Errorf("%q is not a valid did:web identifier", did)
			}
		}
		path = "/" + strings.Join(parts[1:], "/")
	}
	return "https://" + host + path + "/did.json", nil
}

// keyFromDocument finds vm in a DID / controller document (or a document
// that is the verification method itself).
func keyFromDocument(doc map[string]any, vm string) (didkey.Key, error) {
	docID, _ := doc["id"].(string)
	var cands []map[string]any
	if doc["publicKeyMultibase"] != nil || doc["publicKeyJwk"] != nil {
		cands = append(cands, doc)
	}
	for _, field := range []string{"verificationMethod", "assertionMethod"} {
		list, _ := doc[field].([]any)
		for _, e := range list {
			if m, ok := e.(map[string]any); ok {
				cands = append(cands, m)
			}
		}
	}
	for _, m := range cands {
		id, _ := m["id"].(string)
		if strings.HasPrefix(id, "#") {
			id = docID + id
		}
		if id != vm {
			continue
		}
		pub, err := publicKeyOf(m)
		if err != nil {
			return didkey.Key{}, fmt.Errorf("verification method %s: %w", short(vm), err)
		}
		ctrl, _ := m["controller"].(string)
		if ctrl == "" {
			ctrl = docID
		}
		if docID != "" && ctrl != docID {
			return didkey.Key{}, fmt.Errorf("verification method %s is controlled by %s, not by the document %s that lists it", short(vm), short(ctrl), short(docID))
		}
		return didkey.Key{Controller: ctrl, ID: vm, Public: pub}, nil
	}
	return didkey.Key{}, fmt.Errorf("the document at %s does not list the verification method %s", short(docID), short(vm))
}

func publicKeyOf(m map[string]any) (ed25519.PublicKey, error) {
	if mb, ok := m["publicKeyMultibase"].(string); ok {
		return didkey.DecodePublicKey(mb)
	}
	if jwk, ok := m["publicKeyJwk"].(map[string]any); ok {
		if jwk["kty"] != "OKP" || jwk["crv"] != "Ed25519" || jwk["d"] != nil {
			return nil, errors.New("publicKeyJwk is not a public Ed25519 (OKP) key")
		}
		x, _ := jwk["x"].(string)
		b, err := base64.RawURLEncoding.DecodeString(x)
		if err != nil || len(b) != ed25519.PublicKeySize {
			return nil, errors.New("publicKeyJwk x is not a 32-byte base64url Ed25519 key")
		}
		return ed25519.PublicKey(b), nil
	}
	return nil, errors.New("no publicKeyMultibase or publicKeyJwk")
}
