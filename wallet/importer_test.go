package wallet_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"badgewallet/internal/fixtures"
	"badgewallet/issuer"
	"badgewallet/wallet"
	"badgewallet/wallet/openbadges/verify"
)

var demoDay = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

// TestImportFolder: a folder of corpus badges plus broken files: the
// summary is right, re-importing adds nothing, nothing is lost.
func TestImportFolder(t *testing.T) {
	ctx := context.Background()
	w := openWallet(t)
	dir := t.TempDir()
	good := []string{
		"fixtures/1edtech-validator/ob30/simple-json.png",
		"fixtures/1edtech-validator/ob30/simple-jwt.svg",
		"fixtures/1edtech-validator/ob30/complete.json",
		"fixtures/dcc/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-basicOBv3.json",
	}
	for i, f := range good {
		os.WriteFile(filepath.Join(dir, strings.Repeat("a", i+1)+filepath.Ext(f)), fixtures.Read(t, f), 0o600)
	}
	os.MkdirAll(filepath.Join(dir, "sub"), 0o700)
	os.WriteFile(filepath.Join(dir, "sub", "copy.png"), fixtures.Read(t, good[0]), 0o600) // same bytes
	os.WriteFile(filepath.Join(dir, "sub", "broken.png"), []byte("\x89PNG\r\n\x1a\nbroken"), 0o600)
	os.WriteFile(filepath.Join(dir, "sub", "notes.txt"), []byte("hello"), 0o600)
	os.WriteFile(filepath.Join(dir, "sub", "class.json"), fixtures.Read(t, "fixtures/1edtech-validator/ob20/assets/badgeclass1.json"), 0o600)
	var events []wallet.ImportEvent
	sum, err := w.Import(ctx, []string{dir, filepath.Join(dir, "missing.png")}, wallet.ImportOptions{Verify: wallet.VerifyOptions{Offline: true}}, func(e wallet.ImportEvent) { events = append(events, e) })
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added != 4 || sum.Duplicates != 1 || sum.Failed != 4 || len(events) != 9 || events[8].Done != 9 || events[8].Total != 9 {
		t.Fatalf("summary %+v, %d events", sum, len(events))
	}
	reasons := ""
	for _, f := range sum.Failures {
		reasons += f.Source + ": " + f.Err.Error() + "\n"
	}
	for _, want := range []string{"missing.png", "broken.png", "notes.txt", "BadgeClass"} {
		if !strings.Contains(reasons, want) {
			t.Errorf("failures lack %q:\n%s", want, reasons)
		}
	}
	// Not addressed: the wallet has no identity yet, so all are flagged.
	page, _ := w.List(ctx, wallet.ListOptions{})
	for _, b := range page.Items {
		if !b.NotAddressed || b.Acceptance != "pending" {
			t.Errorf("%s: not flagged or not pending: %+v", b.Name, b)
		}
	}
	again, err := w.Import(ctx, []string{dir}, wallet.ImportOptions{Verify: wallet.VerifyOptions{Offline: true}}, nil)
	if err != nil || again.Added != 0 || again.Duplicates != 5 {
		t.Fatalf("re-import: %+v %v", again, err)
	}
	if p, _ := w.List(ctx, wallet.ListOptions{}); p.Total != 4 {
		t.Fatalf("%d badges after re-import, want 4", p.Total)
	}
}

// TestImportFromIssuer: badges from the embedded issuer, verified through
// its in-process transport, matched to the holder's email, auto-accepted
// when the setting is on; one to another address stays pending, flagged.
func TestImportFromIssuer(t *testing.T) {
	ctx := context.Background()
	is, err := issuer.Open(ctx, t.TempDir(), issuer.Options{Now: func() time.Time { return demoDay }})
	if err != nil {
		t.Fatal(err)
	}
	defer is.Close()
	w := openWallet(t)
	if _, err := w.AddIdentity(ctx, "Demo@Example.com", true); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for i, c := range []struct{ email, id string }{{"demo@example.com", "cl-900"}, {"demo@example.com", "cl-303"}, {"other@example.com", "cl-104"}} {
		res, err := is.Award(ctx, c.email, c.id, demoDay)
		if err != nil {
			t.Fatal(err)
		}
		_, png, _, err := is.VCJWT(ctx, res.Awarded[0].CredentialID)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, string(rune('a'+i))+".png"), png, 0o600)
	}
	if err := w.SetAutoAccept(ctx, true, is.ID()); err != nil {
		t.Fatal(err)
	}
	opts := wallet.ImportOptions{Verify: wallet.VerifyOptions{Transport: is.Transport(nil)}}
	var events []wallet.ImportEvent
	sum, err := w.Import(ctx, []string{dir}, opts, func(e wallet.ImportEvent) { events = append(events, e) })
	if err != nil || sum.Added != 3 {
		t.Fatalf("import: %+v %v", sum, err)
	}
	auto, flagged := 0, 0
	for _, e := range events {
		if e.Verdict != verify.Verified && !e.NotAddressed {
			t.Errorf("%s: %s", e.Source, e.Verdict)
		}
		if e.AutoAccepted {
			auto++
		}
		if e.NotAddressed {
			flagged++
			if !strings.HasPrefix(e.Named, "sha256$") {
				t.Errorf("named identity %q", e.Named)
			}
		}
	}
	if auto != 2 || flagged != 1 {
		t.Fatalf("auto-accepted %d (want 2), flagged %d (want 1)", auto, flagged)
	}
	// Inbox: accept-all leaves the one addressed to someone else.
	acc, skipped, err := w.AcceptAll(ctx)
	if err != nil || acc != 0 || skipped != 1 {
		t.Fatalf("accept all: %d %d %v", acc, skipped, err)
	}
	// Merging accounts: adding the other address makes it theirs on re-check.
	pending, _ := w.List(ctx, wallet.ListOptions{Acceptance: "pending"})
	id := pending.Items[0].ID
	if err := w.Reject(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := w.RestoreRejected(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := w.Accept(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := w.RestoreRejected(ctx, id); err == nil {
		t.Fatal("restored an accepted badge")
	}
	if err := w.SetPrivacy(ctx, id, true); err != nil {
		t.Fatal(err)
	}
	d, err := w.Badge(ctx, id)
	if err != nil || d.Privacy != "public" || d.Acceptance != "accepted" || d.Report == nil {
		t.Fatalf("detail: %+v %v", d.Summary, err)
	}
	if err := w.Accept(ctx, 99999); err == nil || !strings.Contains(err.Error(), "no such badge") {
		t.Fatalf("unknown badge: %v", err)
	}
}

// TestImportThousand: 1,000 badges plus broken files; the summary is
// right, nothing is lost, and re-importing adds nothing.
func TestImportThousand(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	ctx := context.Background()
	dir, is := issuedFolder(t, 1000)
	for i, b := range [][]byte{[]byte("{"), []byte("\x89PNG\r\n\x1a\n"), nil, []byte("<svg><"), []byte("eyJhbGciOiJub25lIn0.e30.")} {
		os.WriteFile(filepath.Join(dir, "broken-"+strings.Repeat("x", i+1)), b, 0o600)
	}
	w := openWallet(t)
	w.AddIdentity(ctx, "learner7@example.org", true)
	opts := wallet.ImportOptions{Verify: wallet.VerifyOptions{Transport: is.Transport(nil)}}
	sum, err := w.Import(ctx, []string{dir}, opts, nil)
	if err != nil || sum.Added != 1000 || sum.Failed != 5 || sum.Duplicates != 0 {
		t.Fatalf("import: %+v %v", sum, err)
	}
	again, err := w.Import(ctx, []string{dir}, opts, nil)
	if err != nil || again.Added != 0 || again.Duplicates != 1000 || again.Failed != 5 {
		t.Fatalf("re-import: %+v %v", again, err)
	}
	p, _ := w.List(ctx, wallet.ListOptions{Limit: 1})
	if p.Total != 1000 {
		t.Fatalf("%d badges, want 1000", p.Total)
	}
	mine, _ := w.List(ctx, wallet.ListOptions{Search: "", Limit: 1000})
	addressed := 0
	for _, b := range mine.Items {
		if !b.NotAddressed {
			addressed++
		}
		want := "verified"
		if b.NotAddressed {
			want = "recipient-mismatch"
		}
		if b.Verification != want {
			t.Fatalf("%s (not addressed %v): %s, want %s", b.Name, b.NotAddressed, b.Verification, want)
		}
	}
	if addressed != 1 {
		t.Fatalf("%d addressed to learner7, want 1", addressed)
	}
}

// TestImportCancelled: an import cancelled mid-way reports every item it
// got to, each with its source and status; the items it could not store
// say why (the cancel), the summary adds up, and what it reports added is
// in the wallet.
func TestImportCancelled(t *testing.T) {
	dir := t.TempDir()
	good := []string{
		"fixtures/1edtech-validator/ob30/simple-json.png",
		"fixtures/1edtech-validator/ob30/simple-jwt.svg",
		"fixtures/1edtech-validator/ob30/complete.json",
		"fixtures/dcc/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-basicOBv3.json",
	}
	const copies = 100 // four badges, each added once then found again
	for i, f := range good {
		data := fixtures.Read(t, f)
		for c := range copies {
			os.WriteFile(filepath.Join(dir, fmt.Sprintf("%03d-%d%s", c, i, filepath.Ext(f))), data, 0o600)
		}
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%03d-broken-%d", i*25, i)), []byte("{"), 0o600)
	}
	total := len(good)*copies + len(good)
	for _, tc := range []struct {
		name  string
		after int // events before the cancel
	}{
		{"at the first item", 1},
		{"mid-way", 40},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			w := openWallet(t)
			var events []wallet.ImportEvent
			sum, err := w.Import(ctx, []string{dir}, wallet.ImportOptions{Verify: wallet.VerifyOptions{Offline: true}, Workers: 2},
				func(e wallet.ImportEvent) {
					events = append(events, e)
					if len(events) == tc.after {
						cancel()
					}
				})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("import returned %v, want the cancel", err)
			}
			if len(events) < tc.after || len(events) >= total {
				t.Fatalf("%d of %d items reported: not cancelled mid-way", len(events), total)
			}
			if n := sum.Added + sum.Duplicates + sum.Failed; n != len(events) || len(sum.Failures) != sum.Failed {
				t.Fatalf("summary %d added + %d duplicates + %d failed (%d failures listed), %d items reported",
					sum.Added, sum.Duplicates, sum.Failed, len(sum.Failures), len(events))
			}
			interrupted := 0
			for i, e := range events {
				if e.Status == "" || e.Source == "" || e.Done != i+1 || e.Total != total {
					t.Errorf("event %d: %+v", i, e)
				}
				switch e.Status {
				case wallet.ImportAdded, wallet.ImportDuplicate:
					if e.ID == 0 || e.Err != nil {
						t.Errorf("event %d: %s without an id, or with an error: %+v", i, e.Status, e)
					}
				case wallet.ImportFailed:
					if e.Err == nil {
						t.Errorf("event %d: failed without an error: %+v", i, e)
					}
					if errors.Is(e.Err, context.Canceled) {
						interrupted++
					} else if !strings.Contains(e.Source, "broken") {
						t.Errorf("event %d: %s failed for no reason of its own: %v", i, e.Source, e.Err)
					}
				default:
					t.Errorf("event %d: status %q", i, e.Status)
				}
			}
			// Items under way when the cancel came could not be stored:
			// they say so.
			if interrupted == 0 {
				t.Errorf("no item reported as interrupted by the cancel (%d reported)", len(events))
			}
			// What the import says it added is in the wallet, nothing more.
			p, err := w.List(context.Background(), wallet.ListOptions{Limit: 1})
			if err != nil || p.Total != sum.Added {
				t.Fatalf("wallet holds %d badges, the import says %d added (%v)", p.Total, sum.Added, err)
			}
		})
	}
}
