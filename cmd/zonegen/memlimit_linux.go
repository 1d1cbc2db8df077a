package main

import (
	"os"
	"os/exec"
	"syscall"
)

// machineLimits returns the address-space limit (RLIMIT_AS, `ulimit -v`; unlimited is
// all ones) and the cgroup
// memory limit the process runs under.
func machineLimits() []machineLimit {
	var ls []machineLimit
	if n := addressSpaceLimit(); n > 0 {
		ls = append(ls, machineLimit{n, "address-space limit (ulimit -v)", quarter})
	}
	if data, err := os.ReadFile("/proc/self/cgroup"); err == nil {
		if n, what := cgroupMemoryLimit("/sys/fs/cgroup", data); n > 0 {
			ls = append(ls, machineLimit{n, what, half})
		}
	}
	return ls
}

// addressSpaceLimit is RLIMIT_AS (`ulimit -v`) in bytes, 0 when unlimited (all ones).
func addressSpaceLimit() int64 {
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &r); err != nil || r.Cur >= 1<<62 {
		return 0
	}
	return int64(r.Cur)
}

// dieWithParent makes cmd end with zonegen: the evaluation child when a bound ends the
// parent.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
