package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Two generations of a small tree. Going from before to after, Write updates dev/c,
// prod/a and prod/b, prunes prod/gone, creates prod/new/d and leaves prod/same alone.
var (
	before = gen(
		"dev/c.conf", "c1\n",
		"prod/a.conf", "a1\n",
		"prod/b.conf", "b1\n",
		"prod/gone.conf", "g1\n",
		"prod/same.conf", "s\n",
	)
	after = gen(
		"dev/c.conf", "c2\n",
		"prod/a.conf", "a2\n",
		"prod/b.conf", "b2\n",
		"prod/new/d.conf", "d2\n",
		"prod/same.conf", "s\n",
	)
)

// errCrash is what the rename hook panics with to stop a run dead.
var errCrash = errors.New("simulated kill")

// crashingWrite runs Write and stops it, like kill -9, just before its rename number
// n+1 (0: before the first): nothing after that point runs, not the manifest save, the
// journal removal, the temp file clean-up nor the unlock. It reports whether the run
// was stopped (false: it completed with fewer renames). The lock the dead run leaves
// holds our own, live pid, so it is removed here as the next process would take it
// over (TestLockAcrossProcessesAndStaleTakeover covers that part).
func crashingWrite(t *testing.T, dir string, files []File, n int) (crashed bool) {
	t.Helper()
	count := 0
	rename = func(from, to string) error {
		if count == n {
			panic(errCrash)
		}
		count++
		return os.Rename(from, to)
	}
	defer func() {
		rename = os.Rename
		if r := recover(); r != nil {
			if r != errCrash {
				panic(r)
			}
			crashed = true
			if err := os.Remove(filepath.Join(dir, LockName)); err != nil {
				t.Fatalf("a killed run leaves its lock: %v", err)
			}
		}
	}()
	if _, err := Write(dir, files, WriteOptions{}); err != nil {
		t.Fatalf("run %d: %v", n, err)
	}
	return false
}

// assertEachFileOldOrNew checks that every path of either generation holds the bytes of
// one of them, or is absent where a generation lacks it.
func assertEachFileOldOrNew(t *testing.T, dir string, generations ...[]File) {
	t.Helper()
	got := tree(t, dir)
	versions := map[string][]string{}
	for _, g := range generations {
		for _, f := range g {
			versions[f.Path] = append(versions[f.Path], string(f.Data))
		}
	}
	for p, vs := range versions {
		content, ok := got[p]
		if !ok && len(vs) < len(generations) {
			continue
		}
		if !ok || !contains(vs, content) {
			t.Errorf("%s = %q (present %v), want one of %q", p, content, ok, vs)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// assertNoConflict checks that Compare sees only our files in dir, for either generation.
func assertNoConflict(t *testing.T, dir string, generations ...[]File) {
	t.Helper()
	for _, g := range generations {
		c, err := Compare(dir, g, Scope{})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.ConflictErr(); err != nil {
			t.Errorf("false refusal after an interrupted run: %v", err)
		}
	}
}

// assertComplete checks that dir holds exactly files and a manifest that matches them,
// with no journal and no leftovers.
func assertComplete(t *testing.T, dir string, files []File) {
	t.Helper()
	got := tree(t, dir)
	for _, f := range files {
		if got[f.Path] != string(f.Data) {
			t.Errorf("%s = %q, want %q", f.Path, got[f.Path], f.Data)
		}
	}
	if len(got) != len(files)+1 {
		t.Errorf("want the files and the manifest only, got %v", keys(got))
	}
	if m := assertManifestMatchesDisk(t, dir); len(m.Entries) != len(files) {
		t.Errorf("manifest lists %d files, want %d", len(m.Entries), len(files))
	}
}

// TestInterruptedRunsNeedNoForce kills a run before→after at every rename, then a run
// back after→before at every rename, then completes a run: at each step every file is
// old or new, the folder is consistent, nothing looks hand-edited, and the complete run
// removes the journal and the leftovers of the killed ones.
func TestInterruptedRunsNeedNoForce(t *testing.T) {
	for first := 0; ; first++ {
		dir := t.TempDir()
		mustWrite(t, dir, before, WriteOptions{})
		if !crashingWrite(t, dir, after, first) {
			assertComplete(t, dir, after)
			if first != 7 {
				t.Errorf("a run before→after completed after %d renames; want 7: journal, manifest claiming prod/new/d, 4 files, manifest", first)
			}
			break
		}
		assertEachFileOldOrNew(t, dir, before, after)
		assertConsistent(t, dir)
		assertNoConflict(t, dir, before, after)

		// A second run, going back, killed at every point too: it settles the first
		// run's journal before replacing it with its own.
		for second := 0; ; second++ {
			if second > 10 {
				t.Fatal("a run after→before never completed")
			}
			again := filepath.Join(t.TempDir(), "out")
			if err := os.CopyFS(again, os.DirFS(dir)); err != nil {
				t.Fatal(err)
			}
			if !crashingWrite(t, again, before, second) {
				assertComplete(t, again, before)
				break
			}
			assertEachFileOldOrNew(t, again, before, after)
			assertConsistent(t, again)
			assertNoConflict(t, again, before, after)

			res := mustWrite(t, again, after, WriteOptions{})
			assertComplete(t, again, after)
			if res.Comparison.ConflictErr() != nil {
				t.Errorf("complete run saw conflicts: %v", res.Comparison.ConflictErr())
			}
		}
	}
}

func TestCompareAdoptsJournalEntries(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, dir, gen("prod/a.conf", "a1", "prod/b.conf", "b1"), WriteOptions{})
	// A run meant to write a2 and create c; it claimed c in the manifest, renamed c into
	// place and died.
	journal := &Manifest{Entries: []Entry{
		{Path: "prod/a.conf", SHA256: Hash([]byte("a2")), Kind: "misc", Env: "prod"},
		{Path: "prod/c.conf", SHA256: Hash([]byte("c")), Kind: "misc", Env: "prod"},
	}}
	writeFile(t, filepath.Join(dir, JournalName), string(journal.marshal(journalHeader)))
	m, err := ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	m.Entries = append(m.Entries, journal.Entries[1])
	writeFile(t, filepath.Join(dir, ManifestName), string(m.Marshal()))
	writeFile(t, filepath.Join(dir, "prod/c.conf"), "c")
	assertConsistent(t, dir)

	for _, disk := range []struct {
		a    string
		want Conflict
	}{
		{"a1", NoConflict},   // the rename never happened: the manifest's hash
		{"a2", NoConflict},   // it did: the journal's hash
		{"mine", HandEdited}, // neither: edited by hand since
	} {
		writeFile(t, filepath.Join(dir, "prod/a.conf"), disk.a)
		c, err := Compare(dir, gen("prod/a.conf", "a3", "prod/c.conf", "c3"), Scope{})
		if err != nil {
			t.Fatal(err)
		}
		if got := c.Changes[0].Conflict; got != disk.want {
			t.Errorf("a.conf holding %q: conflict %q, want %q", disk.a, got, disk.want)
		}
		if ch := c.Changes[2]; ch.Path != "prod/c.conf" || ch.Conflict != NoConflict {
			t.Errorf("a file created by the dead run is not ours: %+v", ch)
		}
	}

	// A complete run settles the journal: c is in the manifest, the journal is gone.
	writeFile(t, filepath.Join(dir, "prod/a.conf"), "a2")
	mustWrite(t, dir, gen("prod/a.conf", "a2", "prod/b.conf", "b1", "prod/c.conf", "c"), WriteOptions{})
	if _, ok := assertManifestMatchesDisk(t, dir).Lookup("prod/c.conf"); !ok {
		t.Error("the dead run's c.conf is not in the manifest")
	}
	if _, err := os.Stat(filepath.Join(dir, JournalName)); !os.IsNotExist(err) {
		t.Errorf("journal not removed: %v", err)
	}
}

// Issue 12: a committed journal holding the hash of a file zonegen never wrote (a hand-made
// config in the output folder) must not make that file ours: Write refuses it as foreign
// without --force, and leaves it alone.
func TestForgedJournalAdoptsNoForeignFile(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, dir, gen("prod/a.conf", "a1"), WriteOptions{})
	writeFile(t, filepath.Join(dir, "prod/custom.conf"), "mine")
	forged := &Manifest{Entries: []Entry{{Path: "prod/custom.conf", SHA256: Hash([]byte("mine")), Kind: "misc", Env: "prod"}}}
	writeFile(t, filepath.Join(dir, JournalName), string(forged.marshal(journalHeader)))

	_, err := Write(dir, gen("prod/a.conf", "a1", "prod/custom.conf", "generated"), WriteOptions{})
	var conflict *ConflictError
	if !errors.As(err, &conflict) || len(conflict.Conflicts) != 1 || conflict.Conflicts[0].Conflict != Foreign {
		t.Fatalf("want the foreign file refused, got %v", err)
	}
	if got := tree(t, dir)["prod/custom.conf"]; got != "mine" {
		t.Errorf("the foreign file was overwritten: %q", got)
	}
}

// tempTarget returns the name of the file a temp file is written for ("" for others).
func tempTarget(name string) string {
	base, ok := strings.CutPrefix(filepath.Base(name), tempPrefix)
	if !ok {
		return ""
	}
	if i := strings.LastIndex(base, "."); i >= 0 {
		return base[:i]
	}
	return base
}

// TestDiskFullOrDeniedMidRun fails one write of a before→after run with ENOSPC or EACCES,
// the way a full disk or a read-only folder would (permission bits do not stop root, who
// runs the tests, so the failure is injected; TestRealDiskFull uses a real small tmpfs).
func TestDiskFullOrDeniedMidRun(t *testing.T) {
	cases := []struct {
		name      string
		target    string // base name of the file whose write fails
		errno     syscall.Errno
		atCreate  bool     // fail creating the temp file, else half-way through writing it
		wantInErr string   // the file the error must name
		untouched []string // paths that must keep their old bytes (or stay absent)
	}{
		{"disk full on a file", "b.conf", syscall.ENOSPC, false, "prod/b.conf",
			[]string{"prod/b.conf", "prod/gone.conf", "prod/new/d.conf"}},
		{"permission denied on a new folder's file", "d.conf", syscall.EACCES, true, "prod/new/d.conf",
			[]string{"prod/new/d.conf"}},
		{"disk full on the journal", JournalName, syscall.ENOSPC, false, JournalName,
			[]string{"dev/c.conf", "prod/a.conf", "prod/b.conf", "prod/gone.conf", "prod/new/d.conf"}},
		{"disk full on the manifest", ManifestName, syscall.ENOSPC, false, "manifest", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			mustWrite(t, dir, before, WriteOptions{})
			old := tree(t, dir)

			if tc.atCreate {
				createTemp = func(d, pattern string) (*os.File, error) {
					if tempTarget(pattern) == tc.target {
						return nil, &fs.PathError{Op: "open", Path: filepath.Join(d, pattern), Err: tc.errno}
					}
					return createTempFile(d, pattern)
				}
			} else {
				writeTemp = func(f *os.File, b []byte) (int, error) {
					if tempTarget(f.Name()) == tc.target {
						n, _ := f.Write(b[:len(b)/2]) // a partial temp file, as a full disk leaves
						return n, &fs.PathError{Op: "write", Path: f.Name(), Err: tc.errno}
					}
					return f.Write(b)
				}
			}
			t.Cleanup(func() { createTemp, writeTemp = createTempFile, (*os.File).Write })

			_, err := Write(dir, after, WriteOptions{})
			if !errors.Is(err, tc.errno) || !strings.Contains(err.Error(), tc.wantInErr) {
				t.Fatalf("got %v, want %v naming %s", err, tc.errno, tc.wantInErr)
			}
			got := tree(t, dir)
			for _, p := range tc.untouched {
				if got[p] != old[p] {
					t.Errorf("%s = %q, want the old %q", p, got[p], old[p])
				}
			}
			assertEachFileOldOrNew(t, dir, before, after)
			assertConsistent(t, dir)
			if l := leftovers(t, dir); len(l) > 0 {
				t.Errorf("temp files left behind: %v", l)
			}
			if _, err := os.Stat(filepath.Join(dir, LockName)); !os.IsNotExist(err) {
				t.Errorf("lock left after a failed run: %v", err)
			}

			// Once there is room again, the next run completes without --force.
			createTemp, writeTemp = createTempFile, (*os.File).Write
			assertNoConflict(t, dir, before, after)
			mustWrite(t, dir, after, WriteOptions{})
			assertComplete(t, dir, after)
		})
	}
}
