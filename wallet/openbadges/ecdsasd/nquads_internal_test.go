package ecdsasd

import (
	"slices"
	"testing"
)

func TestRelabelBlankNodes(t *testing.T) {
	labels := map[string]string{"c14n0": "uAAA", "c14n1": "uBBB", "c14n10": "uKKK"}
	in := []string{
		"_:c14n1 <http://ex/p> _:c14n10 .\n",
		"_:c14n0 <http://ex/p> \"text with _:c14n0 and \\\"_:c14n1\\\" inside\" .\n",
		"<http://ex/s> <http://ex/p> \"x\"^^<http://ex/_:c14n0> _:c14n1 .\n",
		"<http://ex/s_:c14n0> <http://ex/p> \"chat\"@fr .\n",
		"<http://ex/s> <http://ex/p> \"\\\\\" _:c14n0 .\n",
	}
	got, missing, ok := relabelBlankNodes(in, labels)
	if !ok {
		t.Fatalf("missing label %q", missing)
	}
	want := []string{
		"<http://ex/s> <http://ex/p> \"\\\\\" _:uAAA .\n",
		"<http://ex/s> <http://ex/p> \"x\"^^<http://ex/_:c14n0> _:uBBB .\n",
		"<http://ex/s_:c14n0> <http://ex/p> \"chat\"@fr .\n",
		"_:uAAA <http://ex/p> \"text with _:c14n0 and \\\"_:c14n1\\\" inside\" .\n",
		"_:uBBB <http://ex/p> _:uKKK .\n",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("relabelBlankNodes:\n got %q\nwant %q", got, want)
	}

	if _, missing, ok := relabelBlankNodes([]string{"_:c14n2 <http://ex/p> \"x\" .\n"}, labels); ok || missing != "c14n2" {
		t.Fatalf("unknown label: missing %q, ok %v", missing, ok)
	}
}

// TestRelabelSortOrder: statements are sorted by code point (UTF-8 byte
// order), not by UTF-16 code unit: U+FF21 sorts before U+1F600.
func TestRelabelSortOrder(t *testing.T) {
	in := []string{
		"<http://ex/s> <http://ex/p> \"\U0001F600\" .\n",
		"<http://ex/s> <http://ex/p> \"\uFF21\" .\n",
	}
	got, _, _ := relabelBlankNodes(in, nil)
	if got[0] != in[1] {
		t.Fatalf("order %q", got)
	}
}

func TestSplitNQuads(t *testing.T) {
	got, err := splitNQuads("a .\nb .\n")
	if err != nil || !slices.Equal(got, []string{"a .\n", "b .\n"}) {
		t.Fatalf("splitNQuads = %q, %v", got, err)
	}
	if got, err := splitNQuads(""); err != nil || len(got) != 0 {
		t.Fatalf("splitNQuads(\"\") = %q, %v", got, err)
	}
	if _, err := splitNQuads("a .\nb ."); err == nil {
		t.Fatal("splitNQuads accepted a missing final line feed")
	}
}
