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
	if n, what := cgroupLimit(); n > 0 {
		ls = append(ls, machineLimit{n, what, half})
	}
	return ls
}

// cgroupLimit is the memory limit of the process's cgroup (cgroupMemoryLimit), 0 when none.
func cgroupLimit() (int64, string) {
	data, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		return 0, ""
	}
	return cgroupMemoryLimit("/sys/fs/cgroup", data)
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

// killedBySIGKILL says the process ended on SIGKILL: under a cgroup memory limit, the
// kernel's out-of-memory killer.
func killedBySIGKILL(ps *os.ProcessState) bool {
	ws, ok := ps.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
}

// firstToKill makes the process the first the out-of-memory killer picks in its cgroup
// (oom_score_adj 1000, which any process may set for itself): the evaluation child, so that
// zonegen survives it to say why.
func firstToKill() { _ = os.WriteFile("/proc/self/oom_score_adj", []byte("1000"), 0) }
