package output

import (
	"os/exec"
	"syscall"
)

// configureCmd makes a validator die with zonegen rather than outlive it.
func configureCmd(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
