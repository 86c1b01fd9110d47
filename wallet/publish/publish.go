package publish

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// manifestName is the file, in the published folder, that lists the files
// Publish wrote and their digests: the next Publish compares against it
// and removes only files it made.
const manifestName = ".badgewallet-site.json"

// manifestFormat names the manifest's layout.
const manifestFormat = "badgewallet-site/1"

// manifest is what manifestName holds.
type manifest struct {
	Format string            `json:"format"`
	Files  map[string]string `json:"files"` // path → hex sha256
}

// sitePath matches every path a site can hold (see Walk): a manifest
// entry that does not is never removed, whoever wrote it.
var sitePath = regexp.MustCompile(`^(index\.html|style\.css|badges/[1-9][0-9]*/(index\.html|credential\.[a-z]+|badge\.[a-z]+))$`)

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
// dir are never touched (a file of the site's name that Publish did not
// write stops it). Every write and removal stays inside dir: a symbolic
// link leading out of it is an error.
//
// When it fails part way, the manifest still lists every file written so
// far, so that the next Publish removes what should no longer be public.
func (s *Site) Publish(ctx context.Context, dir string) (Report, error) {
	rep := Report{Private: s.private}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return rep, fmt.Errorf("publish: %w", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return rep, fmt.Errorf("publish: %w", err)
	}
	defer root.Close()
	old, err := readManifest(root, dir)
	if err != nil {
		return rep, err
	}
	now := manifest{Format: manifestFormat, Files: map[string]string{}}
	err = s.Walk(ctx, func(f File) error {
		sum := sha256.Sum256(f.Data)
		digest := hex.EncodeToString(sum[:])
		rep.Files++
		rep.Bytes += int64(len(f.Data))
		if strings.HasSuffix(f.Path, "/index.html") {
			rep.Badges++
		}
		name := filepath.FromSlash(f.Path)
		if sameFile(root, name, f.Data) {
			now.Files[f.Path] = digest
			rep.Unchanged++
			return nil
		}
		if _, ours := old.Files[f.Path]; !ours {
			if _, err := root.Lstat(name); err == nil {
				return fmt.Errorf("%s is not a file badgewallet published, and publishing would replace it: move it away, or publish into another folder", filepath.Join(dir, name))
			}
		}
		if err := writeAtomic(root, name, f.Data); err != nil {
			return fmt.Errorf("write %s: %w", filepath.Join(dir, name), err)
		}
		now.Files[f.Path] = digest
		rep.Written++
		return nil
	})
	if err == nil {
		var gone []string
		for p := range old.Files {
			if _, ok := now.Files[p]; !ok {
				gone = append(gone, p)
			}
		}
		slices.Sort(gone)
		for _, p := range gone {
			name := filepath.FromSlash(p)
			if rerr := root.Remove(name); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
				err = fmt.Errorf("remove %s: %w", filepath.Join(dir, name), rerr)
				break
			}
			delete(old.Files, p)
			rep.Removed++
			removeEmptyDirs(root, filepath.Dir(name))
		}
	}
	// What was published before and is neither rewritten nor removed (the
	// walk or a removal failed) stays listed: a later Publish removes it.
	for p, d := range old.Files {
		if _, ok := now.Files[p]; !ok {
			now.Files[p] = d
		}
	}
	if merr := writeManifest(root, now); merr != nil && err == nil {
		err = fmt.Errorf("write %s: %w", filepath.Join(dir, manifestName), merr)
	}
	if err != nil {
		return rep, fmt.Errorf("publish into %s: %w", dir, err)
	}
	return rep, nil
}

// readManifest reads the manifest in root (dir); a folder without one has
// none. Only entries naming a file of a site are kept: an edited manifest
// can never make Publish remove anything else.
func readManifest(root *os.Root, dir string) (manifest, error) {
	m := manifest{Files: map[string]string{}}
	data, err := root.ReadFile(manifestName)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	where := filepath.Join(dir, manifestName)
	if err != nil {
		return m, fmt.Errorf("publish: read %s: %w", where, err)
	}
	if err := json.Unmarshal(data, &m); err != nil || m.Format != manifestFormat || m.Files == nil {
		return m, fmt.Errorf("publish: %s is not a list of published files that badgewallet can read (it tells which old files to remove): "+
			"delete it and the site's files (index.html, style.css, badges/), then publish again", where)
	}
	for p := range m.Files {
		if !sitePath.MatchString(p) {
			delete(m.Files, p)
		}
	}
	return m, nil
}

func writeManifest(root *os.Root, m manifest) error {
	data, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return err
	}
	return writeAtomic(root, manifestName, data)
}

// sameFile reports whether name in root holds exactly data.
func sameFile(root *os.Root, name string, data []byte) bool {
	st, err := root.Stat(name)
	if err != nil || !st.Mode().IsRegular() || st.Size() != int64(len(data)) {
		return false
	}
	have, err := root.ReadFile(name)
	return err == nil && bytes.Equal(have, data)
}

// writeAtomic writes data to name in root through a temporary file and a
// rename, so that a reader never sees half a file.
func writeAtomic(root *os.Root, name string, data []byte) error {
	d := filepath.Dir(name)
	if err := root.MkdirAll(d, 0o755); err != nil {
		return err
	}
	tmp := filepath.Join(d, ".publish-"+rand.Text())
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644) // readable by a web server, whatever the umask
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = root.Rename(tmp, name)
	}
	if err != nil {
		root.Remove(tmp)
	}
	return err
}

// removeEmptyDirs removes d (relative to root) and its parents while they
// are empty; never root itself.
func removeEmptyDirs(root *os.Root, d string) {
	for d != "." && d != "" && filepath.IsLocal(d) {
		if root.Remove(d) != nil {
			return
		}
		d = filepath.Dir(d)
	}
}
