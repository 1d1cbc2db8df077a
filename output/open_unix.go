//go:build unix

package output

import (
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// openNonblock opens a FIFO without waiting for its other end; a regular file ignores it.
const openNonblock = unix.O_NONBLOCK

// openFile is os.OpenFile for the regular files of an output folder. os.OpenFile readies
// every file for the network poller in case it is a pipe or a terminal: on Linux it sets
// and clears O_NONBLOCK around an epoll_ctl that a regular file refuses, four system calls
// more per file, about a third of the write stage's own time on the M bench tier's 2,895
// files. os.NewFile takes the descriptor as the blocking file it is. (A FIFO would block
// either open; what reads one, reads the bookkeeping with O_NONBLOCK: bookkeeping.go.)
func openFile(name string, flag int, perm fs.FileMode) (*os.File, error) {
	for {
		fd, err := unix.Open(name, flag|unix.O_CLOEXEC, uint32(perm.Perm()))
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return os.NewFile(uintptr(fd), name), nil
	}
}
