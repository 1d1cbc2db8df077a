package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// LockName is the lock file a write holds in the output folder.
const LockName = ".zonegen.lock"

// Files a process makes next to the lock, named by a prefix and its pid: the lock it is
// about to link into place, and a stale lock set aside during a takeover. Write sweeps
// those of dead processes.
const (
	newLockPrefix   = LockName + ".new."
	staleLockPrefix = LockName + ".stale."
)

// LockedError is a write refused because another run holds the output folder's lock.
type LockedError struct {
	Path string
	PID  int // 0 when the lock file names no readable pid
}

func (e *LockedError) Error() string {
	holder := "another zonegen run"
	if e.PID > 0 {
		holder = fmt.Sprintf("another zonegen run (pid %d)", e.PID)
	}
	return fmt.Sprintf("%s is writing this folder: %s exists; wait for it, or remove the file if no run is active", holder, e.Path)
}

// lock is a held output-folder lock.
type lock struct{ path string }

// acquireLock creates dir's lock holding this process's pid, failing when it exists. A
// lock whose pid is no longer running was left by a crashed run: it is taken over, and
// logf says so.
func acquireLock(dir string, logf func(string, ...any)) (*lock, error) {
	path := filepath.Join(dir, LockName)
	for attempt := 0; ; attempt++ {
		err := createLock(path)
		if err == nil {
			return &lock{path: path}, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		content, pid, err := readLock(path)
		if err != nil {
			return nil, fmt.Errorf("lock: %w", err)
		}
		if attempt > 0 || pid <= 0 || processAlive(pid) {
			return nil, &LockedError{Path: path, PID: pid}
		}
		if err := takeOver(path, content); err != nil {
			return nil, err
		}
		logf("zonegen: took over stale lock %s: pid %d is no longer running", path, pid)
	}
}

// createLock makes the lock at path with this process's pid in it, or fails with
// fs.ErrExist. The pid is written to a file of its own first, then hard-linked into place
// (link, like O_EXCL, never replaces a file): the lock never exists without its pid, even
// when the process is killed half-way, and an empty lock would look held forever. Where
// the filesystem has no hard links, it falls back to O_EXCL and then writing.
func createLock(path string) error {
	pid := fmt.Sprintf("%d\n", os.Getpid())
	tmp := filepath.Join(filepath.Dir(path), newLockPrefix+strconv.Itoa(os.Getpid()))
	if err := os.WriteFile(tmp, []byte(pid), 0o644); err != nil {
		return fmt.Errorf("create lock %s: %w", path, err)
	}
	err := os.Link(tmp, path)
	os.Remove(tmp)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}

	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return err
	}
	if err != nil {
		return fmt.Errorf("create lock %s: %w", path, err)
	}
	_, err = f.WriteString(pid)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("write lock %s: %w", path, err)
	}
	return nil
}

// readLock returns the lock's content and pid (0 when it is gone or holds no pid). A lock
// that is not a regular file, or larger than a pid, is an error: a committed
// `.zonegen.lock` linked to /dev/zero was read forever (issue 12, hole 5).
func readLock(path string) (string, int, error) {
	b, err := readBookkeeping(path, maxLockSize)
	if errors.Is(err, fs.ErrNotExist) {
		return "", 0, nil
	}
	if err != nil {
		return "", 0, err
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		return string(b), 0, nil
	}
	return string(b), pid, nil
}

// takeOver removes a stale lock without ever removing a live one: two runs may both find
// the same stale lock, and the slower must not delete the lock the faster just made. The
// lock is first renamed aside (only one rename can win), then its content is checked.
func takeOver(path, staleContent string) error {
	aside := filepath.Join(filepath.Dir(path), fmt.Sprintf("%s%d", staleLockPrefix, os.Getpid()))
	if err := os.Rename(path, aside); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil // someone else removed it; retry the create
		}
		return fmt.Errorf("take over stale lock %s: %w", path, err)
	}
	if b, err := readBookkeeping(aside, maxLockSize); err == nil && string(b) != staleContent {
		// We moved a fresh lock: put it back (Link never replaces an existing file).
		_ = os.Link(aside, path)
		os.Remove(aside)
		_, pid, _ := readLock(path)
		return &LockedError{Path: path, PID: pid}
	}
	return os.Remove(aside)
}

// release removes the lock.
func (l *lock) release() error {
	if err := os.Remove(l.path); err != nil {
		return fmt.Errorf("release lock: %w", err)
	}
	return nil
}
