package common

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFileName(t *testing.T) {
	for in, want := range map[string]string{
		"1EdTech University Degree": "1edtech-university-degree",
		"  ../../etc/passwd ":       "etc-passwd",
		"\x1b[31mRed\a":             "31mred",
		"日本":                        "badge-7",
		"":                          "badge-7",
	} {
		if got := FileName(in, 7); got != want {
			t.Errorf("FileName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSaveFile: a file is never written over; the names go on with -2, -3.
func TestSaveFile(t *testing.T) {
	dir := t.TempDir()
	for i, want := range []string{"b.png", "b-2.png", "b-3.png"} {
		path, err := SaveFile(dir, "b", ".png", []byte{byte(i)})
		if err != nil || filepath.Base(path) != want {
			t.Fatalf("save %d: %q %v, want %s", i, path, err, want)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "b.png")); len(data) != 1 || data[0] != 0 {
		t.Fatalf("the first file was changed: %v", data)
	}
	if _, err := SaveFile(filepath.Join(dir, "missing", "dir"), "b", ".png", nil); err == nil {
		t.Fatal("saved into a folder that does not exist")
	}
}
