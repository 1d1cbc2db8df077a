//go:build unix

package output

import (
	"errors"
	"os"
	"syscall"
)

// processAlive reports whether pid is a running process (signal 0 probes without
// sending anything; EPERM means it exists but belongs to another user).
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}
