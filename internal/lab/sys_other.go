//go:build !unix

package lab

import (
	"errors"
	"os/exec"
)

// Supported says whether the lab runs on this system (sys_unix.go): not here, where there
// are no process groups as the lab uses them. zonegen builds and generates; verify refuses
// to start (cmd/zonegen).
const Supported = false

var errUnsupported = errors.New("the lab runs nginx, HAProxy and Ansible in process groups, which this system does not have: run it on Linux, in WSL or in CI")

func startGrouped(*exec.Cmd) (*group, error) { return nil, errUnsupported }

func (g *group) kill() {}

func shutdownSocket(uintptr) {}
