package main

import (
	"os"
	"syscall"
)

// machineLimits returns the address-space limit (RLIMIT_AS, `ulimit -v`; unlimited is
// all ones) and the cgroup
// memory limit the process runs under.
func machineLimits() []machineLimit {
	var ls []machineLimit
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &r); err == nil && r.Cur < 1<<62 {
		ls = append(ls, machineLimit{int64(r.Cur), "address-space limit (ulimit -v)", quarter})
	}
	if data, err := os.ReadFile("/proc/self/cgroup"); err == nil {
		if n, what := cgroupMemoryLimit("/sys/fs/cgroup", data); n > 0 {
			ls = append(ls, machineLimit{n, what, half})
		}
	}
	return ls
}
