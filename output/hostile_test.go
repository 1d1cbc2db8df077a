//go:build unix

package output

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Issue 12, hole 4: a valid server name of ~227+ characters made the temp file name longer
// than NAME_MAX. In a fresh folder the journal was already written, and a name that could
// not even exist (over 255 bytes) made every later run fail, --force included.
func TestLongNamesDoNotWedgeTheFolder(t *testing.T) {
	long := func(n int) string { return "dev/hosts/" + strings.Repeat("a", n-len(".hosts")) + ".hosts" }

	// A name that fits gets a temp file name that fits too.
	dir := t.TempDir()
	mustWrite(t, dir, gen(long(nameMax), "x\n"), WriteOptions{})
	assertComplete(t, dir, gen(long(nameMax), "x\n"))

	// A name that cannot exist is refused before anything is written, in a fresh folder.
	dir = filepath.Join(t.TempDir(), "out")
	_, err := Write(dir, gen("dev/a.conf", "a\n", long(nameMax+1), "x\n"), WriteOptions{})
	if !errors.Is(err, ErrUnsafePath) || !strings.Contains(err.Error(), "at most 255") {
		t.Fatalf("got %v, want an unsafe path naming the limit", err)
	}
	if got := tree(t, dir); len(got) != 0 {
		t.Fatalf("a refused run wrote %v", keys(got))
	}
	mustWrite(t, dir, gen("dev/a.conf", "a\n"), WriteOptions{})
	assertComplete(t, dir, gen("dev/a.conf", "a\n"))

	// A folder an older zonegen left wedged: its journal and manifest name a file too long
	// to exist. The next run with a fixed source completes without --force.
	dir = t.TempDir()
	stale := &Manifest{Entries: []Entry{{Path: long(nameMax + 1), SHA256: Hash([]byte("x\n")), Kind: "hosts", Env: "dev"}}}
	writeFile(t, filepath.Join(dir, JournalName), string(stale.marshal(journalHeader)))
	writeFile(t, filepath.Join(dir, ManifestName), string(stale.Marshal()))
	mustWrite(t, dir, gen("dev/a.conf", "a\n"), WriteOptions{})
	assertComplete(t, dir, gen("dev/a.conf", "a\n"))
}

// A run that fails after its journal is written, in a fresh folder (nothing there before),
// leaves a folder the next run completes without --force, with the same source or a fixed one.
func TestFailedFirstRunRecovers(t *testing.T) {
	for _, next := range [][]File{after, gen("prod/a.conf", "fixed\n")} {
		dir := filepath.Join(t.TempDir(), "out")
		createTemp = func(d, pattern string) (*os.File, error) {
			if tempTarget(pattern) == "d.conf" {
				return nil, &fs.PathError{Op: "open", Path: filepath.Join(d, pattern), Err: syscall.ENOSPC}
			}
			return createTempFile(d, pattern)
		}
		_, err := Write(dir, after, WriteOptions{})
		createTemp = createTempFile
		if !errors.Is(err, syscall.ENOSPC) {
			t.Fatalf("got %v, want ENOSPC", err)
		}
		assertConsistent(t, dir)
		mustWrite(t, dir, next, WriteOptions{})
		assertComplete(t, dir, next)
	}
}

// Issue 12, hole 5: a committed manifest, journal or lock that is a symbolic link to
// /dev/zero ran zonegen out of memory. Each is refused with a message naming it, fast; so are
// other non-regular files and oversized ones.
func TestBookkeepingFilesMustBePlain(t *testing.T) {
	for _, name := range []string{ManifestName, JournalName, LockName} {
		for _, kind := range []string{"symlink-dev-zero", "symlink-inside", "fifo", "folder", "huge"} {
			t.Run(name+"/"+kind, func(t *testing.T) {
				dir := t.TempDir()
				p := filepath.Join(dir, name)
				var err error
				switch kind {
				case "symlink-dev-zero":
					err = os.Symlink("/dev/zero", p)
				case "symlink-inside":
					writeFile(t, filepath.Join(dir, "other"), "")
					err = os.Symlink("other", p)
				case "fifo":
					err = syscall.Mkfifo(p, 0o644)
				case "folder":
					err = os.Mkdir(p, 0o755)
				case "huge":
					size := int64(maxBookkeeping + 1)
					if name == LockName {
						size = maxLockSize + 1
					}
					var f *os.File
					if f, err = os.Create(p); err == nil {
						err = errors.Join(f.Truncate(size), f.Close())
					}
				}
				if err != nil {
					t.Fatal(err)
				}
				_, err = Write(dir, gen("dev/a.conf", "a\n"), WriteOptions{})
				if err == nil || !strings.Contains(err.Error(), name) {
					t.Fatalf("got %v, want an error naming %s", err, name)
				}
				if _, serr := os.Stat(filepath.Join(dir, "dev/a.conf")); !os.IsNotExist(serr) {
					t.Errorf("a file was written: %v", serr)
				}
				if name != LockName {
					if _, err := Compare(dir, nil, Scope{}); err == nil {
						t.Error("Compare (diff, check) read it")
					}
				}
			})
		}
	}
}

// A generated path that holds a FIFO made generate and check wait forever for a writer; a
// folder there failed on read. Each is refused at once with a message naming the path and
// what to do, nothing is written, and once it is removed the next run completes.
func TestGeneratedPathMustBePlain(t *testing.T) {
	files := gen("dev/a.conf", "a\n", "dev/b.conf", "b\n")
	for _, kind := range []string{"fifo", "folder"} {
		t.Run(kind, func(t *testing.T) {
			dir := t.TempDir()
			mustWrite(t, dir, files, WriteOptions{})
			p := filepath.Join(dir, "dev/a.conf")
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			var err error
			if kind == "fifo" {
				err = syscall.Mkfifo(p, 0o644)
			} else {
				err = os.Mkdir(p, 0o755)
			}
			if err != nil {
				t.Fatal(err)
			}
			before := tree(t, dir)
			changed := gen("dev/a.conf", "a2\n", "dev/b.conf", "b2\n")
			for name, run := range map[string]func() error{
				"Write":   func() error { _, err := Write(dir, changed, WriteOptions{}); return err },
				"Compare": func() error { _, err := Compare(dir, changed, Scope{}); return err },
			} {
				done := make(chan error, 1)
				go func() { done <- run() }()
				select {
				case err := <-done:
					want := "output path dev/a.conf is " + map[string]string{"fifo": "a named pipe (FIFO)", "folder": "a folder"}[kind] +
						", not a regular file: zonegen writes only plain files there; remove it and rerun"
					if err == nil || err.Error() != want {
						t.Errorf("%s: got %v, want %q", name, err, want)
					}
				case <-time.After(10 * time.Second):
					t.Fatalf("%s waited on the %s for 10 s", name, kind)
				}
			}
			if got := tree(t, dir); !maps.Equal(got, before) {
				t.Errorf("a refused run changed the folder: %v", got)
			}
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			mustWrite(t, dir, changed, WriteOptions{})
			assertComplete(t, dir, changed)
		})
	}
}
