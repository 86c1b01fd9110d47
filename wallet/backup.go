package wallet

import (
	"archive/zip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
	"time"

	"badgewallet/store"
)

// manifestName is the JSON manifest inside a backup.
const manifestName = "manifest.json"

// Backup limits.
const (
	maxBackupBadges   = 200_000
	maxManifestBytes  = 64 << 20
	maxBackupEntryLen = 16 << 20
)

type manifest struct {
	Format     string            `json:"format"` // "badgewallet-backup/1"
	Created    time.Time         `json:"created"`
	Badges     []manifestBadge   `json:"badges"`
	Identities []Identity        `json:"identities"`
	Settings   map[string]string `json:"settings"`
}

type manifestBadge struct {
	File        string `json:"file"`
	ContentHash string `json:"contentHash"`
	Privacy     string `json:"privacy"`
	Acceptance  string `json:"acceptance"`
	// Artwork are the pictures fetched from the issuer, oldest first.
	Artwork []manifestArtwork `json:"artwork,omitempty"`
}

type manifestArtwork struct {
	File        string    `json:"file"`
	SourceURL   string    `json:"sourceUrl"`
	ContentType string    `json:"contentType"`
	Fetched     time.Time `json:"fetched"`
}

var backupSettings = []string{settingAutoAccept, settingProfilePublic, settingBaseURL}

// Backup writes one zip file: every badge file exactly as received, and a
// manifest of states, privacy, identities and settings.
func (w *Wallet) Backup(ctx context.Context, file string) (int, error) {
	f, err := os.OpenFile(file+".tmp", os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return 0, err
	}
	defer os.Remove(file + ".tmp")
	zw := zip.NewWriter(f)
	m := manifest{Format: "badgewallet-backup/1", Created: w.now().UTC(), Settings: map[string]string{}}
	for offset := 0; ; offset += 500 {
		rows, err := w.db.ListBadges(ctx, store.ListQuery{Limit: 500, Offset: offset, Sort: "name"})
		if err != nil {
			f.Close()
			return 0, err
		}
		for _, b := range rows {
			data, err := w.db.BadgeOriginal(ctx, b.ID)
			if err != nil {
				f.Close()
				return 0, err
			}
			name := fmt.Sprintf("badges/%s.%s", b.ContentHash, b.Container)
			zf, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store, Modified: b.Added})
			if err != nil {
				f.Close()
				return 0, err
			}
			if _, err := zf.Write(data); err != nil {
				f.Close()
				return 0, err
			}
			mb := manifestBadge{File: name, ContentHash: b.ContentHash, Privacy: b.Privacy, Acceptance: b.Acceptance}
			kept, err := w.db.ArtworkOf(ctx, b.ID)
			if err != nil {
				f.Close()
				return 0, err
			}
			for _, a := range kept {
				an := fmt.Sprintf("artwork/%s-%s%s", b.ContentHash[:16], a.SHA256, pictureExt(a.ContentType))
				af, err := zw.CreateHeader(&zip.FileHeader{Name: an, Method: zip.Store, Modified: a.Fetched})
				if err == nil {
					_, err = af.Write(a.Data)
				}
				if err != nil {
					f.Close()
					return 0, err
				}
				mb.Artwork = append(mb.Artwork, manifestArtwork{File: an, SourceURL: a.SourceURL, ContentType: a.ContentType, Fetched: a.Fetched})
			}
			m.Badges = append(m.Badges, mb)
		}
		if len(rows) < 500 {
			break
		}
	}
	if m.Identities, err = w.Identities(ctx); err != nil {
		f.Close()
		return 0, err
	}
	for _, k := range backupSettings {
		if v, ok, err := w.db.Setting(ctx, k); err == nil && ok {
			m.Settings[k] = v
		}
	}
	mf, err := zw.Create(manifestName)
	if err == nil {
		enc := json.NewEncoder(mf)
		enc.SetIndent("", " ")
		err = enc.Encode(m)
	}
	if err == nil {
		err = zw.Close()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, fmt.Errorf("backup %s: %w", file, err)
	}
	return len(m.Badges), os.Rename(file+".tmp", file)
}

// RestoreSummary says what a restore did.
type RestoreSummary struct {
	Added, AlreadyThere int
}

// Restore adds what a backup has and the wallet lacks: badges (byte for
// byte, with their states), identities and settings the wallet has not
// set. Restoring twice is restoring once.
func (w *Wallet) Restore(ctx context.Context, file string) (RestoreSummary, error) {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return RestoreSummary{}, fmt.Errorf("restore %s: not a badgewallet backup: %w", file, err)
	}
	defer zr.Close()
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	mf := files[manifestName]
	if mf == nil {
		return RestoreSummary{}, fmt.Errorf("restore %s: no %s: not a badgewallet backup", file, manifestName)
	}
	var m manifest
	if err := readZipJSON(mf, &m); err != nil {
		return RestoreSummary{}, fmt.Errorf("restore %s: %w", file, err)
	}
	if m.Format != "badgewallet-backup/1" || len(m.Badges) > maxBackupBadges {
		return RestoreSummary{}, fmt.Errorf("restore %s: unknown backup format %q", file, m.Format)
	}
	var sum RestoreSummary
	for _, mb := range m.Badges {
		zf := files[mb.File]
		if zf == nil || !strings.HasPrefix(mb.File, "badges/") || path.Clean(mb.File) != mb.File {
			return sum, fmt.Errorf("restore %s: the manifest names %q, which the backup lacks", file, mb.File)
		}
		data, err := readZip(zf, maxBackupEntryLen)
		if err != nil {
			return sum, fmt.Errorf("restore %s: %s: %w", file, mb.File, err)
		}
		x, err := w.limits.Read(data)
		if err != nil || !x.Badge.IsBadge() {
			return sum, fmt.Errorf("restore %s: %s is not a badge: %v", file, mb.File, err)
		}
		row := summaryRow(x, x.Badge, w)
		row.Privacy, row.Acceptance, row.ContentHash = mb.Privacy, mb.Acceptance, ""
		id, added, err := w.db.InsertBadge(ctx, row, data)
		if err != nil {
			return sum, fmt.Errorf("restore %s: %s: %w", file, mb.File, err)
		} else if added {
			sum.Added++
		} else {
			sum.AlreadyThere++
		}
		for _, a := range mb.Artwork {
			af := files[a.File]
			if af == nil || !strings.HasPrefix(a.File, "artwork/") || path.Clean(a.File) != a.File {
				return sum, fmt.Errorf("restore %s: the manifest names %q, which the backup lacks", file, a.File)
			}
			pic, err := readZip(af, maxBackupEntryLen)
			if err != nil {
				return sum, fmt.Errorf("restore %s: %s: %w", file, a.File, err)
			}
			typ, ok := pictureType(pic)
			if !ok {
				return sum, fmt.Errorf("restore %s: %s is neither PNG nor SVG", file, a.File)
			}
			if _, err := w.db.AddArtwork(ctx, store.Artwork{BadgeID: id, SourceURL: a.SourceURL, ContentType: typ, Data: pic, Fetched: a.Fetched}); err != nil {
				return sum, fmt.Errorf("restore %s: %s: %w", file, a.File, err)
			}
		}
	}
	for _, id := range m.Identities {
		if _, err := w.AddIdentity(ctx, id.Value, id.Confirmed); err != nil {
			return sum, err
		}
	}
	for k, v := range m.Settings {
		if _, ok, err := w.db.Setting(ctx, k); err == nil && !ok {
			if err := w.db.SetSetting(ctx, k, v); err != nil {
				return sum, err
			}
		}
	}
	return sum, nil
}

func readZip(f *zip.File, max int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(max) {
		return nil, fmt.Errorf("entry over %d bytes", max)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("entry over %d bytes", max)
	}
	return data, nil
}

func readZipJSON(f *zip.File, v any) error {
	data, err := readZip(f, maxManifestBytes)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, v)
}
