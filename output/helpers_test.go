package output

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zonegen/zonegen/internal/testfs"
)

// gen builds generated files from path/content pairs; Env is the first path segment
// unless it is "ansible", Kind the second segment (or "misc").
func gen(pairs ...string) []File {
	var out []File
	for i := 0; i+1 < len(pairs); i += 2 {
		p := pairs[i]
		segs := strings.Split(p, "/")
		f := File{Path: p, Data: []byte(pairs[i+1]), Kind: "misc"}
		if len(segs) > 1 && segs[0] != "ansible" {
			f.Env = segs[0]
		}
		if len(segs) > 2 {
			f.Kind = segs[1]
		}
		out = append(out, f)
	}
	return out
}

// tree returns every regular file under dir (relative slash paths → content).
var tree = testfs.ReadTree

func mustWrite(t *testing.T, dir string, files []File, opts WriteOptions) *Result {
	t.Helper()
	res, err := Write(dir, files, opts)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	return res
}

var writeFile = testfs.WriteFile

var readFile = testfs.ReadFile

// ageAll sets every file's mtime under dir to a fixed past time and returns it.
func ageAll(t *testing.T, dir string) time.Time {
	t.Helper()
	old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	for rel := range tree(t, dir) {
		if err := os.Chtimes(filepath.Join(dir, rel), old, old); err != nil {
			t.Fatal(err)
		}
	}
	return old
}

func mtime(t *testing.T, name string) time.Time {
	t.Helper()
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	return fi.ModTime()
}

// assertManifestMatchesDisk checks that every manifest entry hashes to the file on disk.
func assertManifestMatchesDisk(t *testing.T, dir string) *Manifest {
	t.Helper()
	m, err := ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range m.Entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Path))
		if err != nil {
			t.Errorf("manifest lists %s: %v", e.Path, err)
			continue
		}
		if Hash(b) != e.SHA256 {
			t.Errorf("manifest hash of %s does not match the file on disk", e.Path)
		}
	}
	return m
}

// assertConsistent checks the invariant of the package doc: every file on disk other than
// zonegen's bookkeeping is listed in the manifest or the journal, and its sha256 is the
// manifest's or the journal's entry for it. Temp files and staging folders left by an
// interrupted run are bookkeeping, not output; leftovers finds them.
func assertConsistent(t *testing.T, dir string) {
	t.Helper()
	m, err := ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	j, err := readJournal(dir)
	if err != nil {
		t.Fatal(err)
	}
	if j == nil {
		j = &Manifest{}
	}
	for rel, content := range tree(t, dir) {
		if isReserved(rel) {
			continue
		}
		me, inManifest := m.Lookup(rel)
		je, inJournal := j.Lookup(rel)
		switch h := Hash([]byte(content)); {
		case !inManifest && !inJournal:
			t.Errorf("%s is on disk but in neither the manifest nor the journal", rel)
		case (!inManifest || me.SHA256 != h) && (!inJournal || je.SHA256 != h):
			t.Errorf("%s hashes to neither its manifest nor its journal entry", rel)
		}
	}
}

// leftovers returns the temp files and staging folders under dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), tempPrefix) || strings.HasPrefix(d.Name(), stagingPrefix) {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
