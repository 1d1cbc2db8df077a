//go:build !linux

package output

import "os/exec"

func configureCmd(cmd *exec.Cmd) {}
