package golden

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Names of the files a case folder holds. Only wantDir, explainGolden and errorsGolden are
// ever written by -update; the source and its siblings are inputs.
const (
	sourceFile    = "source.jsonnet"
	wantDir       = "want"
	explainGolden = "explain.golden"
	errorsGolden  = "errors.golden"
)

// tree is a case's golden files: slash-separated paths relative to the case folder
// ("want/prod/servicecenter.json", "explain.golden", "errors.golden") mapped to exact bytes.
type tree map[string][]byte

// paths returns the tree's paths, sorted.
func (t tree) paths() []string {
	ps := make([]string, 0, len(t))
	for p := range t {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return ps
}

// valid reports whether the tree stores a valid source (a want/ tree or explain.golden).
func (t tree) valid() bool {
	for p := range t {
		if p == explainGolden || strings.HasPrefix(p, wantDir+"/") {
			return true
		}
	}
	return false
}

// invalid reports whether the tree stores an invalid source (errors.golden).
func (t tree) invalid() bool {
	_, ok := t[errorsGolden]
	return ok
}

// owned reports whether -update may write or delete p: nothing outside want/ and the two
// .golden files, so that a source can never be overwritten.
func owned(p string) bool {
	if !fs.ValidPath(p) || strings.Contains(p, `\`) {
		return false
	}
	return p == explainGolden || p == errorsGolden || strings.HasPrefix(p, wantDir+"/")
}

// loadTree reads the golden files stored in case folder dir. A missing want/ or .golden file
// is simply absent from the tree; anything in want/ that is not a regular file is an error.
func loadTree(dir string) (tree, error) {
	t := tree{}
	for _, name := range []string{explainGolden, errorsGolden} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		switch {
		case err == nil:
			t[name] = b
		case !errors.Is(err, fs.ErrNotExist):
			return nil, err
		}
	}
	root := filepath.Join(dir, wantDir)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root && errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: not a regular file", p)
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		t[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read golden tree of %s: %w", dir, err)
	}
	return t, nil
}

// compare lists every difference between the stored and the built tree, both ways: stored
// files the build no longer makes, built files not stored, and changed files, each with a
// line diff. It returns nil when the trees are equal.
func compare(stored, built tree) []string {
	all := tree{}
	for p := range stored {
		all[p] = nil
	}
	for p := range built {
		all[p] = nil
	}
	var out []string
	for _, p := range all.paths() {
		want, inStored := stored[p]
		got, inBuilt := built[p]
		switch {
		case !inBuilt:
			out = append(out, fmt.Sprintf("%s: stored but no longer produced\n%s", p, lineDiff(p, want, nil)))
		case !inStored:
			out = append(out, fmt.Sprintf("%s: produced but not stored\n%s", p, lineDiff(p, nil, got)))
		case !bytes.Equal(want, got):
			out = append(out, fmt.Sprintf("%s: changed\n%s", p, lineDiff(p, want, got)))
		}
	}
	return out
}

// writeTree makes case folder dir store built, given what it stores now: it writes only the
// files whose bytes changed, deletes stored files the build no longer makes (and the want/
// folders left empty), and returns both lists of case-relative paths, sorted. Bytes are
// written as they are: CRLF stays CRLF.
func writeTree(dir string, stored, built tree) (written, deleted []string, err error) {
	for _, p := range built.paths() {
		if !owned(p) {
			return written, deleted, fmt.Errorf("refusing to write %s in %s: only want/ and *.golden are golden files", p, dir)
		}
	}
	for _, p := range built.paths() {
		if old, ok := stored[p]; ok && bytes.Equal(old, built[p]) {
			continue
		}
		file := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return written, deleted, err
		}
		if err := os.WriteFile(file, built[p], 0o644); err != nil {
			return written, deleted, err
		}
		written = append(written, p)
	}
	for _, p := range stored.paths() {
		if _, ok := built[p]; ok {
			continue
		}
		if !owned(p) {
			return written, deleted, fmt.Errorf("refusing to delete %s in %s", p, dir)
		}
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
			return written, deleted, err
		}
		deleted = append(deleted, p)
		// Remove the folders this leaves empty, up to and including want/.
		for d := path.Dir(p); d == wantDir || strings.HasPrefix(d, wantDir+"/"); d = path.Dir(d) {
			if os.Remove(filepath.Join(dir, filepath.FromSlash(d))) != nil {
				break // not empty
			}
		}
	}
	return written, deleted, nil
}

// diffContext is how many unchanged lines a hunk shows around a change, as diff -u does.
const diffContext = 3

// lineDiff renders a unified-style line diff of stored (want) → built (got) made with diffmatchpatch in line
// mode. Control characters are shown escaped, so a CRLF/LF change is visible as a trailing
// \r on one side.
func lineDiff(name string, want, got []byte) string {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // minimal, reproducible diffs rather than fast ones
	a, b, lines := dmp.DiffLinesToChars(string(want), string(got))
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(a, b, false), lines)

	type line struct {
		op   diffmatchpatch.Operation
		text string
	}
	var ls []line
	for _, d := range diffs {
		for _, l := range strings.SplitAfter(d.Text, "\n") {
			if l != "" {
				ls = append(ls, line{d.Type, l})
			}
		}
	}

	var out strings.Builder
	fmt.Fprintf(&out, "--- stored/%s\n+++ built/%s\n", name, name)
	// Walk the lines, emitting a hunk for each run of changes with its context.
	oldNo, newNo := make([]int, len(ls)+1), make([]int, len(ls)+1)
	for i, l := range ls {
		oldNo[i+1], newNo[i+1] = oldNo[i], newNo[i]
		if l.op != diffmatchpatch.DiffInsert {
			oldNo[i+1]++
		}
		if l.op != diffmatchpatch.DiffDelete {
			newNo[i+1]++
		}
	}
	for i := 0; i < len(ls); {
		if ls[i].op == diffmatchpatch.DiffEqual {
			i++
			continue
		}
		start := max(0, i-diffContext)
		end := i
		// Extend the hunk while the next change is within 2*context equal lines.
		for end < len(ls) {
			if ls[end].op != diffmatchpatch.DiffEqual {
				end++
				continue
			}
			run := end
			for run < len(ls) && ls[run].op == diffmatchpatch.DiffEqual {
				run++
			}
			if run == len(ls) || run-end > 2*diffContext {
				end = min(end+diffContext, run)
				break
			}
			end = run
		}
		fmt.Fprintf(&out, "@@ -%s +%s @@\n",
			hunkRange(oldNo[start], oldNo[end]), hunkRange(newNo[start], newNo[end]))
		for _, l := range ls[start:end] {
			prefix := " "
			switch l.op {
			case diffmatchpatch.DiffDelete:
				prefix = "-"
			case diffmatchpatch.DiffInsert:
				prefix = "+"
			}
			text, nl := strings.CutSuffix(l.text, "\n")
			out.WriteString(prefix + visible(text) + "\n")
			if !nl {
				out.WriteString("\\ No newline at end of file\n")
			}
		}
		i = end
	}
	return out.String()
}

// hunkRange formats the "start,count" of a hunk whose lines are (from, to] in one file.
func hunkRange(from, to int) string {
	if to == from {
		return fmt.Sprintf("%d,0", from)
	}
	return fmt.Sprintf("%d,%d", from+1, to-from)
}

// visible escapes control characters other than tab, so that \r, NUL and friends show.
func visible(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\r':
			b.WriteString(`\r`)
		case r != '\t' && (r < 0x20 || r == 0x7f):
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
