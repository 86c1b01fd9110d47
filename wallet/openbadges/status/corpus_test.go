package status

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"badgewallet/internal/fixtures"
)

// localFiles reads the network column of expected.tsv ("URL -> local file
// (note) ; URL -> absent ...") into URL -> path relative to the openbadges
// folder. Absent URLs and "the input itself" are left out.
func localFiles(network string) map[string]string {
	out := map[string]string{}
	for _, pair := range strings.Split(network, " ; ") {
		url, target, ok := strings.Cut(pair, " -> ")
		if !ok {
			continue
		}
		if f := strings.Fields(target); len(f) > 0 && strings.HasPrefix(f[0], "fixtures/") {
			out[strings.TrimSpace(url)] = f[0]
		}
	}
	return out
}

// reasonBit finds "index N is set" / "index N is clear" in a row's reason.
var reasonBit = regexp.MustCompile(`index (\d+) is (set|clear)`)

// TestCorpusStatus checks every credential of the corpus whose
// credentialStatus names a status list that expected.tsv serves from a
// local file, against that row:
//
//   - verdict_if_served "revoked": the list is usable on 2026-11-25 and the
//     bit is set; "valid": usable and the bit is clear;
//   - "invalid-status": the list is unusable (wrong type, encodedList that
//     does not decode, or outside its validity period on 2026-11-25);
//   - anything else ("expired", "-"): an earlier step decides the verdict;
//     the bit is still compared with the reason column ("index N is set /
//     clear"), which every DCC row states.
//
// Rows checked (each logged with -v; 41 entries in all):
//
//   - 39 DCC credentials under dcc/verifiableCredentials/{v1,v2} with a
//     BitstringStatusListEntry: on list e5WK8CbZ1GjycuPombrj, 16 revoked
//     (index 6 or 8), 9 valid (index 7), 3 "expired" once the did:web
//     document is served and 7 decided offline as expired ("-"), all
//     matched against the reason's "index N is set/clear"; and 4
//     invalid-status (index 7 on lists expired, notYetValid,
//     missingBitStringType, tampered).
//   - 2 1EdTech credentials (ob30/bit-string-list/credential-status-revoked
//     and -blank-nodes): index 23 of testlist, revoked.
//
// Skipped with a log line: the four 1EdTechRevocationList entries
// (ob30/complete.json, complete_v1.json, credential-status-revoked.json,
// endorsement-err-schema-status-refresh.json), not bitstring lists.
func TestCorpusStatus(t *testing.T) {
	counts := map[string]int{}
	for _, row := range fixtures.Rows(t) {
		if !strings.HasSuffix(row.Format, "-json") || row.Verdict == "support" {
			continue
		}
		raw := fixtures.Read(t, row.Path)
		if !bytes.Contains(raw, []byte("credentialStatus")) {
			continue
		}
		t.Run(row.Path, func(t *testing.T) {
			var doc map[string]any
			if err := json.Unmarshal(raw, &doc); err != nil {
				t.Fatalf("JSON: %v", err)
			}
			entries, err := EntriesFromCredential(doc)
			if err != nil {
				t.Fatalf("credentialStatus: %v", err)
			}
			served := localFiles(row.Network)
			for _, e := range entries {
				if e.Type == Type1EdTechRevocationList {
					t.Logf("skip: %s entry (list %s), not a bitstring list; verdict %s / %s", e.Type, e.ListCredential, row.Verdict, row.VerdictIfServed)
					counts["skipped 1EdTechRevocationList"]++
					continue
				}
				file, ok := served[e.ListCredential]
				if !ok {
					t.Logf("skip: status list %s is not served from a local file", e.ListCredential)
					counts["skipped unserved"]++
					continue
				}
				checkRow(t, row, e, file)
				counts["checked "+row.VerdictIfServed]++
			}
		})
	}
	t.Logf("rows: %v", counts)
	want := map[string]int{
		"checked revoked":               18,
		"checked valid":                 9,
		"checked invalid-status":        4,
		"checked expired":               3,
		"checked -":                     7,
		"skipped 1EdTechRevocationList": 4,
	}
	if !maps.Equal(counts, want) {
		t.Errorf("rows checked: %v, want %v", counts, want)
	}
}

func checkRow(t *testing.T, row fixtures.Row, e Entry, file string) {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(fixtures.Read(t, file), &doc); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	l, listErr := ListFromCredential(doc)
	usable := listErr == nil
	why := "usable"
	switch {
	case listErr != nil:
		why = listErr.Error()
	case !l.ValidUntil.IsZero() && clock.After(l.ValidUntil):
		usable, why = false, "list expired "+l.ValidUntil.Format("2006-01-02")
	case clock.Before(l.ValidFrom):
		usable, why = false, "list not valid before "+l.ValidFrom.Format("2006-01-02")
	}

	var set bool
	var checkErr error
	if listErr == nil {
		set, checkErr = Check(e, l)
		// The DCC lists are shorter than the spec minimum: only Strict
		// refuses them.
		if _, err := Check(e, l, Strict); (l.Bits.Len() < MinLength) != errors.Is(err, ErrTooShort) {
			t.Errorf("Strict on a list of %d entries: err = %v", l.Bits.Len(), err)
		}
	}
	t.Logf("%s: index %d in %s (%s): set=%v checkErr=%v; verdict %s, if served %s", row.Path, e.Index, file, why, set, checkErr, row.Verdict, row.VerdictIfServed)

	if m := reasonBit.FindStringSubmatch(row.Reason); m != nil {
		idx, _ := strconv.Atoi(m[1])
		if idx != e.Index {
			t.Errorf("index %d, reason says %d", e.Index, idx)
		}
		if listErr != nil || checkErr != nil {
			t.Errorf("reason says index %d is %s, but the list gives %v / %v", idx, m[2], listErr, checkErr)
		} else if set != (m[2] == "set") {
			t.Errorf("bit %d set=%v, reason says %s", idx, set, m[2])
		}
	}

	switch row.VerdictIfServed {
	case "revoked", "valid":
		if !usable || checkErr != nil {
			t.Fatalf("verdict_if_served %s, but the list is not usable: %s / %v", row.VerdictIfServed, why, checkErr)
		}
		if set != (row.VerdictIfServed == "revoked") {
			t.Errorf("bit %d set=%v, verdict_if_served %s", e.Index, set, row.VerdictIfServed)
		}
	case "invalid-status":
		if usable {
			t.Errorf("verdict_if_served invalid-status, but list %s is usable (bit %d set=%v)", file, e.Index, set)
		}
	}
}
