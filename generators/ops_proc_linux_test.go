package generators

import "syscall"

// opsProcAttr makes a test's child process die with the test binary.
func opsProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}
