package output

import (
	"fmt"
	"os"
	"strconv"
)

// Stamp is what stat(2) says about a file: enough to tell, without reading it, that it has
// not changed since the stamp was taken. Any write changes its change time (ctime), which no
// program can set back, and replacing the file changes its inode; so an equal stamp means the
// same bytes, as long as the stamp was taken after the clock the filesystem stamps with had
// moved past the file's last change (racy, below). git's index relies on the same fields.
type Stamp struct {
	Dev, Ino     uint64
	Size         int64
	Mtime, Ctime int64 // nanoseconds since the epoch
}

// usable reports whether the platform gave an inode and a change time (stamp_other.go
// gives neither).
func (s Stamp) usable() bool { return s.Ino != 0 && s.Ctime != 0 }

// racy reports whether the file may still change within the clock tick of its stamp, so
// that an equal stamp would not prove equal bytes. probe is the ctime of a file created
// before s was taken, on the same filesystem: the filesystem's clock had reached it, so a
// change after s gets a ctime of at least probe, which differs from s.Ctime when it is older.
func (s Stamp) racy(probe int64) bool { return !s.usable() || s.Ctime >= probe }

// String is the stamp as the record stores it: five decimal numbers.
func (s Stamp) String() string {
	return fmt.Sprintf("%d %d %d %d %d", s.Dev, s.Ino, s.Size, s.Mtime, s.Ctime)
}

// parseStamp reads String's form from five fields.
func parseStamp(f []string) (Stamp, bool) {
	if len(f) != 5 {
		return Stamp{}, false
	}
	var n [5]int64
	for i, s := range f {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return Stamp{}, false
		}
		n[i] = v
	}
	return Stamp{Dev: uint64(n[0]), Ino: uint64(n[1]), Size: n[2], Mtime: n[3], Ctime: n[4]}, true
}

// StatStamp returns the stamp of the file at name, following symbolic links (the zonegen
// executable, for the no-op record of zonegen.Build); a platform without inodes and change
// times gives a zero Stamp.
func StatStamp(name string) (Stamp, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return Stamp{}, err
	}
	return stampOf(fi), nil
}

// Usable reports whether s can vouch for a file at all on this platform.
func (s Stamp) Usable() bool { return s.usable() }

// lstatStamp returns the stamp of name itself (not what a symbolic link points to).
func lstatStamp(name string) (Stamp, error) {
	fi, err := os.Lstat(name)
	if err != nil {
		return Stamp{}, err
	}
	return stampOf(fi), nil
}
