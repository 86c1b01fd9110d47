package importer

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// splitPaths splits what the user typed into paths: spaces separate
// them, and a path in double or single quotes may hold spaces (an
// unclosed quote runs to the end). "~" and "~/..." name the home
// directory.
func splitPaths(s, home string) []string {
	var out []string
	for _, t := range tokens(s) {
		if p := expandHome(t.text, home); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// token is one path of the input and where it starts.
type token struct {
	text  string
	start int  // byte offset of the token (its quote, if any) in the input
	quote byte // the opening quote, 0 if none
}

func tokens(s string) []token {
	var out []token
	i := 0
	for i < len(s) {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i >= len(s) {
			break
		}
		t := token{start: i}
		if s[i] == '"' || s[i] == '\'' {
			t.quote = s[i]
			end := strings.IndexByte(s[i+1:], s[i])
			if end < 0 {
				t.text, i = s[i+1:], len(s)
			} else {
				t.text, i = s[i+1:i+1+end], i+2+end
			}
		} else {
			end := strings.IndexByte(s[i:], ' ')
			if end < 0 {
				end = len(s) - i
			}
			t.text, i = s[i:i+end], i+end
		}
		out = append(out, t)
	}
	return out
}

// expandHome replaces a leading "~" with home.
func expandHome(p, home string) string {
	if home == "" {
		return p
	}
	if p == "~" {
		return home
	}
	if strings.HasPrefix(p, "~/") {
		return filepath.Join(home, p[2:]) + trailingSlash(p)
	}
	return p
}

func trailingSlash(p string) string {
	if strings.HasSuffix(p, "/") && len(p) > 1 {
		return "/"
	}
	return ""
}

// complete completes the last path of input from the file system: to the
// longest prefix its matching entries share, a folder with a trailing
// "/". It returns the new input and the matching entries (folders with
// "/"), sorted; when nothing matches, input comes back unchanged with no
// candidates. Hidden entries match only a prefix that starts with ".".
func complete(input, home string) (string, []string) {
	last := token{start: len(input)} // after a space: a new, empty path
	if ts := tokens(input); len(ts) > 0 {
		t := ts[len(ts)-1]
		if !strings.HasSuffix(input, " ") || (t.quote != 0 && !closed(input, t)) {
			last = t
		}
	}
	path := expandHome(last.text, home)
	dir, prefix := filepath.Split(path)
	readDir := dir
	if readDir == "" {
		readDir = "."
	}
	entries, err := os.ReadDir(readDir)
	if err != nil {
		return input, nil
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if !strings.HasPrefix(n, prefix) || (strings.HasPrefix(n, ".") && !strings.HasPrefix(prefix, ".")) {
			continue
		}
		if isDir(readDir, e) {
			n += "/"
		}
		names = append(names, n)
	}
	if len(names) == 0 {
		return input, nil
	}
	sort.Strings(names)
	common := names[0]
	for _, n := range names[1:] {
		common = commonPrefix(common, n)
	}
	done := dir + common
	quote := last.quote
	if quote == 0 && strings.ContainsAny(done, " '") {
		quote = '"'
	} else if quote == 0 && strings.Contains(done, "\"") {
		quote = '\''
	}
	out := input[:last.start]
	if quote != 0 {
		out += string(quote) + done
		if len(names) == 1 && !strings.HasSuffix(done, "/") {
			out += string(quote)
		}
	} else {
		out += done
	}
	return out, names
}

// closed reports whether the quoted token t is closed in input.
func closed(input string, t token) bool {
	end := t.start + 1 + len(t.text)
	return end < len(input) && input[end] == t.quote
}

// isDir follows symlinks, so that a link to a folder completes as one.
func isDir(dir string, e os.DirEntry) bool {
	if e.IsDir() {
		return true
	}
	if e.Type()&os.ModeSymlink != 0 {
		st, err := os.Stat(filepath.Join(dir, e.Name()))
		return err == nil && st.IsDir()
	}
	return false
}

// commonPrefix is the longest common prefix of a and b, whole runes only.
func commonPrefix(a, b string) string {
	ra, rb := []rune(a), []rune(b)
	n := 0
	for n < len(ra) && n < len(rb) && ra[n] == rb[n] {
		n++
	}
	return string(ra[:n])
}
