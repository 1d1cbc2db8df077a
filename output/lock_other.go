//go:build !unix

package output

import "os"

// processAlive reports whether pid is a running process; FindProcess opens a handle to
// it and fails when there is none.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
