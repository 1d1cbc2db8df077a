//go:build linux || darwin

package output

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var (
	recorded = gen("prod/proxy/www.conf", "www\n", "prod/hosts/fe1.hosts", "fe1\n", "dev/hosts/fe2.hosts", "fe2\n", "ansible/site.yml", "site\n")
	inputs   = []byte("what the build read\n")
)

func sameInputs(got []byte) bool { return bytes.Equal(got, inputs) }

// writeRecorded writes recorded with inputs into a fresh folder and returns it.
func writeRecorded(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	mustWrite(t, dir, recorded, WriteOptions{Inputs: inputs})
	return dir
}

func assertUpToDate(t *testing.T, dir string, scope Scope, want bool) *Comparison {
	t.Helper()
	c, ok := UpToDate(dir, scope, sameInputs)
	if ok != want {
		t.Fatalf("UpToDate = %v, want %v", ok, want)
	}
	return c
}

// A write that records its inputs leaves a folder UpToDate answers for without reading a
// file: every owned file Unchanged, as Compare would say.
func TestUpToDateAfterRecordedWrite(t *testing.T) {
	dir := writeRecorded(t)
	c := assertUpToDate(t, dir, Scope{}, true)
	full, err := Compare(dir, recorded, Scope{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Changes) != len(full.Changes) || c.HasChanges() || c.Check().Unchanged != len(recorded) || !c.Check().Clean {
		t.Fatalf("no-op comparison %+v, want %d unchanged like Compare", c.Check(), len(recorded))
	}
	for i, ch := range c.Changes {
		if want := full.Changes[i]; ch.Path != want.Path || ch.Action != Unchanged || ch.Kind != want.Kind || ch.Env != want.Env {
			t.Errorf("change %d = %+v, want %s unchanged", i, ch, want.Path)
		}
	}
	if _, ok := UpToDate(dir, Scope{}, func([]byte) bool { return false }); ok {
		t.Error("UpToDate trusted the record although the caller's inputs differ")
	}
}

// Each way the folder can stop being what the recorded write made is a doubt, and a doubt
// is a build. A file rewritten with its own bytes (a checkout, a touch) is not.
func TestUpToDateDoubts(t *testing.T) {
	for _, tc := range []struct {
		name  string
		spoil func(t *testing.T, dir string)
		scope Scope
		want  bool
	}{
		{"nothing", func(*testing.T, string) {}, Scope{}, true},
		{"a file rewritten with the same bytes", func(t *testing.T, dir string) {
			rewrite(t, filepath.Join(dir, "prod/hosts/fe1.hosts"), "fe1\n")
		}, Scope{}, true},
		{"a hand edit of the same size", func(t *testing.T, dir string) {
			rewrite(t, filepath.Join(dir, "prod/hosts/fe1.hosts"), "fe9\n")
		}, Scope{}, false},
		{"a file deleted", func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, "ansible/site.yml")) }, Scope{}, false},
		{"the manifest rewritten with its own bytes", func(t *testing.T, dir string) {
			name := filepath.Join(dir, ManifestName)
			rewrite(t, name, readFile(t, name))
		}, Scope{}, false},
		{"a journal of an interrupted run", func(t *testing.T, dir string) { writeFile(t, filepath.Join(dir, JournalName), "") }, Scope{}, false},
		{"another run's lock", func(t *testing.T, dir string) { writeFile(t, filepath.Join(dir, LockName), "1\n") }, Scope{}, false},
		// What a run killed before its write began leaves (issue 16's soak: a no-op skipped
		// the sweep, and the leftover stayed): only a write sweeps it, so the no-op builds.
		{"a killed run's lock in the making", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, newLockPrefix+"999999"), "999999\n")
		}, Scope{}, false},
		{"a killed run's stale lock set aside", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, staleLockPrefix+"999999"), "999999\n")
		}, Scope{}, false},
		{"a killed run's temp file", func(t *testing.T, dir string) { writeFile(t, filepath.Join(dir, tempPrefix+"x"), "") }, Scope{}, false},
		{"a killed run's staging folder", func(t *testing.T, dir string) {
			if err := os.Mkdir(filepath.Join(dir, stagingPrefix+"x"), 0o755); err != nil {
				t.Fatal(err)
			}
		}, Scope{}, false},
		{"a torn record", func(t *testing.T, dir string) {
			name := filepath.Join(dir, CacheName)
			b := readFile(t, name)
			writeFile(t, name, b[:len(b)-10])
		}, Scope{}, false},
		{"an edited record", func(t *testing.T, dir string) {
			name := filepath.Join(dir, CacheName)
			writeFile(t, name, string(bytes.Replace([]byte(readFile(t, name)), []byte("file "), []byte("file  "), 1)))
		}, Scope{}, false},
		{"no record", func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, CacheName)) }, Scope{}, false},
		{"a narrower scope", func(*testing.T, string) {}, Scope{Env: "prod"}, false},
		{"other kinds", func(*testing.T, string) {}, Scope{Kinds: []string{"hosts"}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeRecorded(t)
			tc.spoil(t, dir)
			assertUpToDate(t, dir, tc.scope, tc.want)
		})
	}
}

// rewrite replaces a file's bytes in place after the filesystem clock has moved on, as an
// editor or a checkout would some time after zonegen wrote it.
func rewrite(t *testing.T, name, content string) {
	t.Helper()
	time.Sleep(20 * time.Millisecond)
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A scoped write records its scope: the same scope is a no-op, whatever the files out of
// it; the full scope is not.
func TestUpToDateScoped(t *testing.T) {
	dir := writeRecorded(t)
	prod := Scope{Env: "prod"}
	mustWrite(t, dir, gen("prod/proxy/www.conf", "www2\n", "prod/hosts/fe1.hosts", "fe1\n"), WriteOptions{Scope: prod, Inputs: inputs})
	c := assertUpToDate(t, dir, prod, true)
	if len(c.Changes) != 2 {
		t.Errorf("scoped no-op lists %d files, want prod's 2", len(c.Changes))
	}
	rewrite(t, filepath.Join(dir, "dev/hosts/fe2.hosts"), "edited out of scope\n")
	assertUpToDate(t, dir, prod, true)
	assertUpToDate(t, dir, Scope{}, false)
}

// A write without inputs (--no-cache) removes the record; so does a write that fails
// nothing, only records nothing.
func TestWriteWithoutInputsRemovesRecord(t *testing.T) {
	dir := writeRecorded(t)
	mustWrite(t, dir, recorded, WriteOptions{})
	if _, err := os.Lstat(filepath.Join(dir, CacheName)); !os.IsNotExist(err) {
		t.Fatalf("record left after a write without inputs: %v", err)
	}
	assertUpToDate(t, dir, Scope{}, false)
}

// A record copied with its folder (a commit, a cp -r, a forged file in a pull request)
// vouches for nothing: the copies have other inodes and change times.
func TestCopiedRecordIsUseless(t *testing.T) {
	dir := writeRecorded(t)
	copied := t.TempDir()
	for rel, content := range tree(t, dir) {
		name := filepath.Join(copied, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(name), 0o755)
		writeFile(t, name, content)
	}
	assertUpToDate(t, copied, Scope{}, false)
}

// An unchanged file edited while the run is still going (here by a validator, between the
// comparison and the record) gets no stamp: the next no-op hashes it and finds the edit.
func TestEditDuringRunIsNotStamped(t *testing.T) {
	dir := writeRecorded(t)
	edited := filepath.Join(dir, "prod/hosts/fe1.hosts")
	next := gen("prod/proxy/www.conf", "www2\n", "prod/hosts/fe1.hosts", "fe1\n", "dev/hosts/fe2.hosts", "fe2\n", "ansible/site.yml", "site\n")
	v := &funcValidator{applies: "prod/proxy/www.conf", fn: func() { rewrite(t, edited, "fe7\n") }}
	mustWrite(t, dir, next, WriteOptions{Inputs: inputs, Validators: []Validator{v}})
	assertUpToDate(t, dir, Scope{}, false)
}

type funcValidator struct {
	applies string
	fn      func()
}

func (v *funcValidator) Applies(rel string) bool                { return rel == v.applies }
func (v *funcValidator) Validate(context.Context, string) error { v.fn(); return nil }
func (v *funcValidator) String() string                         { return "func" }

// A file changed within the filesystem clock tick of its stamp cannot be told apart by the
// stamp: such a stamp is racy, and the record keeps none for it.
func TestRacyStamp(t *testing.T) {
	s := Stamp{Dev: 1, Ino: 2, Size: 3, Mtime: 100, Ctime: 100}
	if s.racy(101) || !s.racy(100) || !s.racy(99) || !(Stamp{Size: 3, Mtime: 100}).racy(101) {
		t.Error("racy: want a stamp usable only when older than the probe and complete")
	}
}
