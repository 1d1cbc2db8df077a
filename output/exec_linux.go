package output

import (
	"os/exec"
	"syscall"
)

// configureCmd makes a validator die with zonegen rather than outlive it, and puts it in a
// process group of its own that a timeout kills whole: killing the command alone left what
// it had started (a shell's children) running (issue 12).
func configureCmd(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
