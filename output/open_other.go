//go:build !unix

package output

import (
	"io/fs"
	"os"
)

// openNonblock is 0 where opening a named pipe is not a concern of openFile's.
const openNonblock = 0

// openFile is os.OpenFile where open_unix.go's shortcut does not apply.
func openFile(name string, flag int, perm fs.FileMode) (*os.File, error) {
	return os.OpenFile(name, flag, perm)
}
