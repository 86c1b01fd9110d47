package issuer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys", "issuer.pem")
	k, created, err := LoadOrCreateKeys(path)
	if err != nil || !created {
		t.Fatalf("create: %v %v", created, err)
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", st.Mode().Perm())
	}
	again, created, err := LoadOrCreateKeys(path)
	if err != nil || created || again.DID() != k.DID() || !again.RSA.Equal(k.RSA) {
		t.Fatalf("reload: %v %v", created, err)
	}
	if !strings.HasPrefix(k.DID(), "did:key:z6Mk") || strings.Contains(k.String(), "PRIVATE") {
		t.Fatalf("DID %q / String %q", k.DID(), k.String())
	}
	os.Chmod(path, 0o644)
	if _, _, err := LoadOrCreateKeys(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("world-readable key file: %v", err)
	}
	os.Chmod(path, 0o600)
	os.WriteFile(path, []byte("garbage"), 0o600)
	if _, _, err := LoadOrCreateKeys(path); err == nil {
		t.Fatal("garbage key file accepted")
	}
}
