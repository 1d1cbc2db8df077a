//go:build unix

package jsonnet

import "syscall"

// syscallNonblock opens a FIFO without waiting for a writer (readRegular then refuses it).
const syscallNonblock = syscall.O_NONBLOCK
