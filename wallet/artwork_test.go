package wallet_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"badgewallet/issuer"
	"badgewallet/wallet"
)

// TestRefreshArtwork: the issuer's picture is compared with the baked one
// (same design: "same"); after the issuer moves to a newer design, refresh
// keeps the new picture beside the untouched badge file ("newer"), a second
// refresh finds nothing new, and export --as artwork gives what the issuer
// serves. A badge baked in SVG whose picture is a PNG gets "kept".
func TestRefreshArtwork(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := issuer.WriteDemoCatalog(dir); err != nil {
		t.Fatal(err)
	}
	catalog := filepath.Join(dir, issuer.CatalogFile)
	full, _ := os.ReadFile(catalog)
	twoDesigns := []byte(`"designs": ["badge", "badge-2024"]`)
	if !bytes.Contains(full, twoDesigns) {
		t.Fatal("demo catalog changed: no two-design achievement")
	}
	os.WriteFile(catalog, bytes.Replace(full, twoDesigns, []byte(`"designs": ["badge"]`), 1), 0o600)
	is, err := issuer.Open(ctx, dir, issuer.Options{Now: func() time.Time { return demoDay }})
	if err != nil {
		t.Fatal(err)
	}
	res, err := is.Award(ctx, "demo@example.com", "cl-900", demoDay)
	if err != nil {
		t.Fatal(err)
	}
	var png, svg []byte
	for i, email := range []string{"demo@example.com", "other@example.com"} {
		if i == 1 {
			if res, err = is.Award(ctx, email, "cl-900", demoDay); err != nil {
				t.Fatal(err)
			}
		}
		for _, a := range res.Awarded {
			if a.AchievementID != "cloud-fundamentals" {
				continue
			}
			_, p, s, err := is.VCJWT(ctx, a.CredentialID)
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				png = p
			} else {
				svg = s
			}
		}
	}
	if png == nil || svg == nil {
		t.Fatal("no cloud-fundamentals badges")
	}
	w := openWallet(t)
	w.AddIdentity(ctx, "demo@example.com", true)
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "b.png"), png, 0o600)
	os.WriteFile(filepath.Join(src, "b.svg"), svg, 0o600)
	o := wallet.VerifyOptions{Transport: is.Transport(nil)}
	if sum, err := w.Import(ctx, []string{src}, wallet.ImportOptions{Verify: o}, nil); err != nil || sum.Added != 2 {
		t.Fatalf("import: %+v %v", sum, err)
	}
	ids := map[string]int64{}
	page, _ := w.List(ctx, wallet.ListOptions{Limit: 10})
	for _, b := range page.Items {
		ids[b.Container] = b.ID
	}
	status := func(want string, id int64) wallet.ArtworkResult {
		t.Helper()
		got, err := w.RefreshArtwork(ctx, id, o, nil)
		if err != nil || len(got) != 1 || got[0].Status != want {
			t.Fatalf("refresh artwork of #%d: %+v %v; want %s", id, got, err, want)
		}
		return got[0]
	}
	status("same", ids["png"])
	status("kept", ids["svg"])
	status("same", ids["svg"])
	if _, err := w.Export(ctx, ids["png"], wallet.ExportArtwork); err == nil || !strings.Contains(err.Error(), "refresh --artwork") {
		t.Fatalf("export with no artwork: %v", err)
	}
	is.Close()

	// The issuer moves to its 2024 design.
	os.WriteFile(catalog, full, 0o600)
	is, err = issuer.Open(ctx, dir, issuer.Options{Now: func() time.Time { return demoDay }})
	if err != nil {
		t.Fatal(err)
	}
	defer is.Close()
	o.Transport = is.Transport(nil)
	if r := status("newer", ids["png"]); r.Versions != 1 {
		t.Fatalf("versions %d", r.Versions)
	}
	status("same", ids["png"])
	status("newer", ids["svg"])
	original, _ := w.Original(ctx, ids["png"])
	if !bytes.Equal(original, png) {
		t.Fatal("the badge file changed")
	}
	x, err := w.Export(ctx, ids["png"], wallet.ExportArtwork)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := (&http.Client{Transport: is.Transport(nil)}).Get(is.AchievementURL("cloud-fundamentals") + "/image.png")
	if err != nil {
		t.Fatal(err)
	}
	served, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Equal(x.Data, served) || x.Type != "image/png" {
		t.Fatalf("exported artwork is not what the issuer serves (%d vs %d bytes)", len(x.Data), len(served))
	}
	// A backup carries the pictures; restoring twice keeps each once.
	zip := filepath.Join(t.TempDir(), "b.zip")
	if _, err := w.Backup(ctx, zip); err != nil {
		t.Fatal(err)
	}
	w2 := openWallet(t)
	for range 2 {
		if _, err := w2.Restore(ctx, zip); err != nil {
			t.Fatal(err)
		}
	}
	p2, _ := w2.List(ctx, wallet.ListOptions{Limit: 10})
	for _, b := range p2.Items {
		kept, err := w2.Artwork(ctx, b.ID)
		if err != nil || len(kept) != map[string]int{"png": 1, "svg": 2}[b.Container] {
			t.Fatalf("restored %s badge has %d pictures: %v", b.Container, len(kept), err)
		}
	}
	restored, err := w2.Export(ctx, p2.Items[0].ID, wallet.ExportArtwork)
	if err != nil || (!bytes.Equal(restored.Data, served) && p2.Items[0].Container == "png") {
		t.Fatalf("restored artwork: %v", err)
	}

	// Offline: a clear error, nothing changed.
	if _, err := w.RefreshArtwork(ctx, 0, wallet.VerifyOptions{Offline: true}, nil); err == nil || !strings.Contains(err.Error(), "offline") {
		t.Fatalf("offline: %v", err)
	}
}
