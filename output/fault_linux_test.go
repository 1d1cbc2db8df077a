//go:build linux

package output

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestRealDiskFull fills a real 64 KiB tmpfs half-way through a run. It needs mount
// privileges, so it runs outside CI only; TestDiskFullOrDeniedMidRun injects the same
// ENOSPC everywhere.
func TestRealDiskFull(t *testing.T) {
	if os.Getenv("CI") == "true" {
		t.Skip("CI does not depend on mount privileges; TestDiskFullOrDeniedMidRun injects ENOSPC")
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=64k"); err != nil {
		t.Skipf("cannot mount a small tmpfs (%v); TestDiskFullOrDeniedMidRun injects ENOSPC", err)
	}
	// Registered after TempDir, so it runs before TempDir's removal.
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	mustWrite(t, dir, before, WriteOptions{})
	old := tree(t, dir)

	// prod/b.conf no longer fits: the run stops there.
	huge := gen("dev/c.conf", "c2\n", "prod/a.conf", "a2\n", "prod/b.conf", strings.Repeat("b", 80<<10),
		"prod/new/d.conf", "d2\n", "prod/same.conf", "s\n")
	_, err := Write(dir, huge, WriteOptions{})
	if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "prod/b.conf") {
		t.Fatalf("got %v, want ENOSPC naming prod/b.conf", err)
	}
	got := tree(t, dir)
	for _, p := range []string{"prod/b.conf", "prod/gone.conf", "prod/new/d.conf"} {
		if got[p] != old[p] {
			t.Errorf("%s = %.20q, want the old %q", p, got[p], old[p])
		}
	}
	assertEachFileOldOrNew(t, dir, before, huge)
	assertConsistent(t, dir)
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temp files left behind on the full disk: %v", l)
	}

	assertNoConflict(t, dir, before, after)
	mustWrite(t, dir, after, WriteOptions{})
	assertComplete(t, dir, after)
}

// TestLeftoversOfKilledRunsAreRemoved: temp files in any folder, staging folders and
// aside locks of dead takeovers go; a user's file and the aside lock of a live process
// (a takeover in progress) stay. Even a run that changes nothing sweeps. Temp files in
// subfolders only exist while a journal does (a run makes them after writing it), so the
// killed run here leaves its journal too.
func TestLeftoversOfKilledRunsAreRemoved(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, dir, before, WriteOptions{})
	pidMax := strings.TrimSpace(readFile(t, "/proc/sys/kernel/pid_max")) // never a live pid
	if _, err := strconv.Atoi(pidMax); err != nil {
		t.Fatalf("pid_max %q: %v", pidMax, err)
	}
	gone := []string{
		"prod/" + tempPrefix + "a.conf.123",
		"old/deep/" + tempPrefix + "x.conf.9",
		tempPrefix + ManifestName + ".55",
		stagingPrefix + "77/prod/a.conf",
		staleLockPrefix + pidMax,
		newLockPrefix + pidMax,
	}
	kept := []string{"prod/notes.txt", staleLockPrefix + "1", newLockPrefix + "1"}
	for _, p := range append(gone, kept...) {
		writeFile(t, filepath.Join(dir, p), "x")
	}
	writeFile(t, filepath.Join(dir, JournalName), string((&Manifest{}).marshal(journalHeader)))

	res := mustWrite(t, dir, before, WriteOptions{})
	if len(res.Unchanged) != len(before) {
		t.Errorf("result = %+v, want every file unchanged", res)
	}
	got := tree(t, dir)
	for _, p := range gone {
		if _, ok := got[p]; ok {
			t.Errorf("leftover %s not removed", p)
		}
	}
	for _, p := range kept {
		if _, ok := got[p]; !ok {
			t.Errorf("%s removed", p)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, stagingPrefix+"77")); !os.IsNotExist(err) {
		t.Errorf("staging folder not removed: %v", err)
	}
}
