//go:build !linux

package generators

import "syscall"

func opsProcAttr() *syscall.SysProcAttr { return nil }
