package store

import (
	"context"
	"testing"
)

func TestIdentities(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	steps := []struct {
		kind, value   string
		confirmed     bool
		wantConfirmed bool
		wantSameAs    int // index of an earlier step whose id must be reused, -1 for new
	}{
		{"email", "a@example.org", false, false, -1},
		{"email", "a@example.org", false, false, 0},
		{"email", "a@example.org", true, true, 0},  // confirmation upgrades
		{"email", "a@example.org", false, true, 0}, // and is never lost
		{"url", "https://a.example.org", true, true, -1},
		{"email", "A@example.org", false, false, -1}, // values are not normalized here
		{"phone", "+15551234", false, false, -1},
	}
	ids := make([]int64, len(steps))
	for i, s := range steps {
		id, err := db.AddIdentity(ctx, s.kind, s.value, s.confirmed)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		ids[i] = id.ID
		if id.Kind != s.kind || id.Value != s.value || id.Confirmed != s.wantConfirmed || id.Added.IsZero() {
			t.Errorf("step %d: got %+v", i, id)
		}
		if s.wantSameAs >= 0 && id.ID != ids[s.wantSameAs] {
			t.Errorf("step %d: id %d, want %d", i, id.ID, ids[s.wantSameAs])
		}
	}
	list, err := db.ListIdentities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 4 {
		t.Fatalf("%d identities, want 4: %+v", len(list), list)
	}
	if list[0].Value != "a@example.org" || !list[0].Confirmed || list[3].Kind != "phone" {
		t.Errorf("list: %+v", list)
	}

	for _, bad := range [][2]string{{"fax", "123"}, {"email", ""}} {
		if _, err := db.AddIdentity(ctx, bad[0], bad[1], false); err == nil {
			t.Errorf("AddIdentity(%q, %q) accepted", bad[0], bad[1])
		}
	}
}

func TestSettings(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	if v, ok, err := db.Setting(ctx, "auto_accept"); err != nil || ok || v != "" {
		t.Fatalf("missing setting = %q, %v, %v", v, ok, err)
	}
	for _, v := range []string{"true", "false", "", "with 'quotes' and \"more\""} {
		if err := db.SetSetting(ctx, "auto_accept", v); err != nil {
			t.Fatal(err)
		}
		got, ok, err := db.Setting(ctx, "auto_accept")
		if err != nil || !ok || got != v {
			t.Errorf("after SetSetting(%q): %q, %v, %v", v, got, ok, err)
		}
	}
}
