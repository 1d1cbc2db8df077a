package output

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Limits on zonegen's own files in an output folder. A manifest line is about 120 bytes,
// so maxBookkeeping holds half a million files; a lock holds one pid.
const (
	maxBookkeeping = 64 << 20
	maxLockSize    = 64
	// nameMax is the longest file name (one path segment) Linux, macOS and Windows
	// filesystems accept, in bytes (NAME_MAX).
	nameMax = 255
	// maxTempBase bounds the part of a file's name its temp file repeats, so that
	// tempPrefix + base + "." + CreateTemp's random digits stays within nameMax for any name
	// that fits itself (issue 12, hole 4).
	maxTempBase = nameMax - len(tempPrefix) - 1 - 20
)

// readBookkeeping reads one of zonegen's own files in the output folder (the manifest,
// the journal, the lock): fs.ErrNotExist when there is none. It must be a regular file
// and no larger than max: a committed `.zonegen-manifest` that is a symbolic link to
// /dev/zero ran zonegen out of memory, and one to a file elsewhere would make zonegen trust
// a list nobody reviews (issue 12, hole 5). The file is checked with Lstat before it is
// opened (a FIFO would block the open) and again after, so that a swap in between fails.
func readBookkeeping(name string, max int64) ([]byte, error) {
	before, err := os.Lstat(name)
	if err != nil {
		return nil, err
	}
	if err := checkRegular(name, before); err != nil {
		return nil, err
	}
	if before.Size() > max {
		return nil, tooLarge(name, max)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	after, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !os.SameFile(before, after) {
		return nil, fmt.Errorf("%s was replaced while zonegen read it; rerun", name)
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, tooLarge(name, max)
	}
	return data, nil
}

func tooLarge(name string, max int64) error {
	return fmt.Errorf("%s is larger than %d bytes, more than zonegen ever writes there; restore it from version control or remove it", name, max)
}

// checkRegular refuses a bookkeeping file that is not a plain file.
func checkRegular(name string, fi fs.FileInfo) error {
	if fi.Mode().IsRegular() {
		return nil
	}
	what := fileKind(fi)
	if fi.Mode()&fs.ModeSymlink != 0 {
		if target, err := os.Readlink(name); err == nil {
			what += " to " + fmt.Sprintf("%+q", target)
		}
	}
	return fmt.Errorf("%s is %s: zonegen keeps its bookkeeping only in plain files it wrote itself; remove it (and restore %s from version control)",
		name, what, filepath.Base(name))
}

// fileKind names what a file that is not a regular one is, for a message.
func fileKind(fi fs.FileInfo) string {
	switch t := fi.Mode().Type(); {
	case t&fs.ModeSymlink != 0:
		return "a symbolic link"
	case t&fs.ModeDir != 0:
		return "a folder"
	case t&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case t&fs.ModeSocket != 0:
		return "a socket"
	case t&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}
