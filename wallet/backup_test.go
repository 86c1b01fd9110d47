package wallet_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"badgewallet/internal/fixtures"
	"badgewallet/wallet"
)

// TestBackupRestore: a backup restores into another wallet byte for byte
// with states; restoring twice is restoring once; a wallet that already has
// some badges gains only what it lacks.
func TestBackupRestore(t *testing.T) {
	ctx := context.Background()
	src := openWallet(t)
	files := []string{
		"fixtures/1edtech-validator/ob30/simple-json.png",
		"fixtures/1edtech-validator/ob30/complete.json",
		"fixtures/1edtech-validator/ob20/simple.jwt",
	}
	var ids []int64
	for _, f := range files {
		s, _, err := src.Add(ctx, fixtures.Read(t, f))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, s.ID)
	}
	src.Accept(ctx, ids[0])
	src.SetPrivacy(ctx, ids[0], true)
	src.Reject(ctx, ids[1])
	src.AddIdentity(ctx, "demo@example.com", true)
	src.SetProfilePublic(ctx, true)
	file := filepath.Join(t.TempDir(), "backup.zip")
	if n, err := src.Backup(ctx, file); err != nil || n != 3 {
		t.Fatalf("backup: %d %v", n, err)
	}

	dst := openWallet(t)
	if _, _, err := dst.Add(ctx, fixtures.Read(t, files[2])); err != nil { // already has one
		t.Fatal(err)
	}
	for i := range 2 {
		sum, err := dst.Restore(ctx, file)
		if err != nil {
			t.Fatal(err)
		}
		if want := (wallet.RestoreSummary{Added: 2, AlreadyThere: 1}); i == 0 && sum != want {
			t.Fatalf("first restore %+v, want %+v", sum, want)
		}
		if want := (wallet.RestoreSummary{AlreadyThere: 3}); i == 1 && sum != want {
			t.Fatalf("second restore %+v, want %+v", sum, want)
		}
	}
	all, _ := dst.List(ctx, wallet.ListOptions{Limit: 10})
	if all.Total != 3 {
		t.Fatalf("%d badges, want 3", all.Total)
	}
	for _, b := range all.Items {
		orig, _ := dst.Original(ctx, b.ID)
		switch b.Name {
		case "Teamwork":
			if b.Privacy != "public" || b.Acceptance != "accepted" || string(orig) != string(fixtures.Read(t, files[0])) {
				t.Errorf("Teamwork: %+v", b)
			}
		case "1EdTech University Degree":
			if b.Acceptance != "rejected" {
				t.Errorf("rejected state lost: %+v", b)
			}
		}
	}
	if pub, _ := dst.ProfilePublic(ctx); !pub {
		t.Error("profile setting not restored")
	}
	if ids, _ := dst.Identities(ctx); len(ids) != 1 || !ids[0].Confirmed {
		t.Errorf("identities: %+v", ids)
	}
	// Not a backup.
	bad := filepath.Join(t.TempDir(), "x.zip")
	os.WriteFile(bad, []byte("not a zip"), 0o600)
	if _, err := dst.Restore(ctx, bad); err == nil {
		t.Fatal("a non-zip restored")
	}
}

func TestSkillsAndRefresh(t *testing.T) {
	ctx := context.Background()
	w := openWallet(t)
	s, _, err := w.Add(ctx, fixtures.Read(t, "fixtures/1edtech-validator/ob30/complete.json"))
	if err != nil {
		t.Fatal(err)
	}
	w.Accept(ctx, s.ID)
	skills, err := w.Skills(ctx)
	if err != nil || len(skills) == 0 {
		t.Fatalf("skills: %v %v", skills, err)
	}
	found := false
	for _, k := range skills {
		if k.Name == "research" && k.JobSearch == "https://www.linkedin.com/jobs/search/?keywords=research" && len(k.Badges) == 1 {
			found = true
		}
	}
	if !found {
		t.Fatalf("no research skill: %+v", skills)
	}
	res, err := w.Refresh(ctx, 0, wallet.VerifyOptions{Offline: true}, nil)
	if err != nil || len(res) != 1 || res[0].Before != "unchecked" || res[0].Verdict == "" {
		t.Fatalf("refresh: %+v %v", res, err)
	}
	d, _ := w.Badge(ctx, s.ID)
	if d.Report == nil || d.Verification != string(res[0].Verdict) {
		t.Fatalf("report not kept: %+v", d.Summary)
	}
}
