//go:build !unix

package output

import (
	"io/fs"
	"os"
)

// openFile is os.OpenFile where open_unix.go's shortcut does not apply.
func openFile(name string, flag int, perm fs.FileMode) (*os.File, error) {
	return os.OpenFile(name, flag, perm)
}
