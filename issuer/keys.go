package issuer

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"badgewallet/wallet/openbadges/didkey"
)

// Keys are the issuer's signing keys: Ed25519 for OB 3.0 (its did:key is
// the issuer's id) and RSA for OB 2.0 signed badges. They live in one PEM
// file readable only by its owner, and are never printed.
type Keys struct {
	Ed25519 ed25519.PrivateKey
	RSA     *rsa.PrivateKey
}

// DID is the issuer's did:key.
func (k *Keys) DID() string { return didkey.DID(k.Ed25519.Public().(ed25519.PublicKey)) }

// VerificationMethod is the did:key verification method of the Ed25519 key.
func (k *Keys) VerificationMethod() string {
	return didkey.VerificationMethod(k.Ed25519.Public().(ed25519.PublicKey))
}

// String never shows key material.
func (k *Keys) String() string { return "issuer keys " + k.DID() }

// LoadOrCreateKeys reads the key file at path, or creates it (mode 0600,
// in a 0700 directory) with new keys. A key file that others can read is
// refused with an error that says how to fix it.
func LoadOrCreateKeys(path string) (k *Keys, created bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		k, err := newKeys()
		if err != nil {
			return nil, false, err
		}
		return k, true, k.save(path)
	}
	if err != nil {
		return nil, false, fmt.Errorf("issuer keys: %w", err)
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, false, fmt.Errorf("issuer keys: %w", err)
	}
	if st.Mode().Perm()&0o077 != 0 {
		return nil, false, fmt.Errorf("issuer keys: %s is readable by others (mode %v): run chmod 600 %s", path, st.Mode().Perm(), path)
	}
	k, err = parseKeys(data)
	if err != nil {
		return nil, false, fmt.Errorf("issuer keys %s: %w", path, err)
	}
	return k, false, nil
}

func newKeys() (*Keys, error) {
	_, ed, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate Ed25519 key: %w", err)
	}
	rk, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, fmt.Errorf("generate RSA key: %w", err)
	}
	return &Keys{Ed25519: ed, RSA: rk}, nil
}

func (k *Keys) save(path string) error {
	var out []byte
	for _, key := range []any{k.Ed25519, k.RSA} {
		der, err := x509.MarshalPKCS8PrivateKey(key)
		if err != nil {
			return fmt.Errorf("issuer keys: %w", err)
		}
		out = append(out, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})...)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("issuer keys: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, out, 0o600); err != nil {
		return fmt.Errorf("issuer keys: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("issuer keys: %w", err)
	}
	return nil
}

func parseKeys(data []byte) (*Keys, error) {
	k := &Keys{}
	for len(data) > 0 {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		if b.Type != "PRIVATE KEY" {
			return nil, fmt.Errorf("unexpected PEM block %q", b.Type)
		}
		key, err := x509.ParsePKCS8PrivateKey(b.Bytes)
		if err != nil {
			return nil, err
		}
		switch v := key.(type) {
		case ed25519.PrivateKey:
			k.Ed25519 = v
		case *rsa.PrivateKey:
			k.RSA = v
		default:
			return nil, fmt.Errorf("unexpected key type %T", key)
		}
	}
	if k.Ed25519 == nil || k.RSA == nil {
		return nil, errors.New("the file must hold an Ed25519 and an RSA private key")
	}
	return k, nil
}
