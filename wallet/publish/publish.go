package publish

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// manifestName is the file, in the published folder, that lists the files
// Publish wrote and their digests: the next Publish compares against it
// and removes only files it made.
const manifestName = ".badgewallet-site.json"

// manifest is what manifestName holds.
type manifest struct {
	Format string            `json:"format"`
	Files  map[string]string `json:"files"` // path → hex sha256
}

// Report says what Publish did.
type Report struct {
	Files     int   `json:"files"`     // files in the site
	Bytes     int64 `json:"bytes"`     // their total size
	Written   int   `json:"written"`   // new or changed, written
	Unchanged int   `json:"unchanged"` // left as they were
	Removed   int   `json:"removed"`   // published before, gone now
	Badges    int   `json:"badges"`    // public badges published
	Private   bool  `json:"private"`   // the profile is private: an empty site
}

// Publish writes the site into dir (created if missing), incrementally:
// a file is written only when its bytes changed, and files a previous
// Publish wrote that the site no longer has are removed; other files in
// dir are never touched.
func (s *Site) Publish(ctx context.Context, dir string) (Report, error) {
	var rep Report
	rep.Private = s.private
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return rep, fmt.Errorf("publish: %w", err)
	}
	old, err := readManifest(dir)
	if err != nil {
		return rep, err
	}
	now := manifest{Format: "badgewallet-site/1", Files: map[string]string{}}
	err = s.Walk(ctx, func(f File) error {
		sum := sha256.Sum256(f.Data)
		digest := hex.EncodeToString(sum[:])
		now.Files[f.Path] = digest
		rep.Files++
		rep.Bytes += int64(len(f.Data))
		if strings.HasSuffix(f.Path, "/index.html") {
			rep.Badges++
		}
		path := filepath.Join(dir, filepath.FromSlash(f.Path))
		if old.Files[f.Path] == digest && sameFile(path, f.Data) {
			rep.Unchanged++
			return nil
		}
		rep.Written++
		return writeAtomic(path, f.Data)
	})
	if err != nil {
		return rep, fmt.Errorf("publish: %w", err)
	}
	var gone []string
	for p := range old.Files {
		if _, ok := now.Files[p]; !ok {
			gone = append(gone, p)
		}
	}
	slices.Sort(gone)
	for _, p := range gone {
		err := os.Remove(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return rep, fmt.Errorf("publish: %w", err)
		}
		rep.Removed++
		removeEmptyDirs(dir, filepath.Dir(filepath.Join(dir, filepath.FromSlash(p))))
	}
	data, err := json.MarshalIndent(now, "", " ")
	if err != nil {
		return rep, err
	}
	if err := writeAtomic(filepath.Join(dir, manifestName), data); err != nil {
		return rep, fmt.Errorf("publish: %w", err)
	}
	return rep, nil
}

// readManifest reads dir's manifest; a folder without one has none.
func readManifest(dir string) (manifest, error) {
	m := manifest{Files: map[string]string{}}
	data, err := os.ReadFile(filepath.Join(dir, manifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return m, fmt.Errorf("publish: %w", err)
	}
	if err := json.Unmarshal(data, &m); err != nil || m.Files == nil {
		return manifest{Files: map[string]string{}}, nil // unreadable: write everything again
	}
	for p := range m.Files { // only paths inside dir are ever removed
		if !filepath.IsLocal(filepath.FromSlash(p)) {
			delete(m.Files, p)
		}
	}
	return m, nil
}

// sameFile reports whether path holds exactly data.
func sameFile(path string, data []byte) bool {
	st, err := os.Stat(path)
	if err != nil || st.Size() != int64(len(data)) {
		return false
	}
	have, err := os.ReadFile(path)
	return err == nil && bytes.Equal(have, data)
}

// writeAtomic writes data to path through a temporary file and a rename,
// so that a reader never sees half a file.
func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".publish-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// removeEmptyDirs removes d and its parents up to (not including) root
// while they are empty.
func removeEmptyDirs(root, d string) {
	for d != root && strings.HasPrefix(d, root) {
		if os.Remove(d) != nil {
			return
		}
		d = filepath.Dir(d)
	}
}
