//go:build !unix

package jsonnet

// syscallNonblock: Windows has no FIFOs that block an open.
const syscallNonblock = 0
