//go:build unix

package lab

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"syscall"
)

// Supported says whether the lab runs on this system: Linux, which has process groups
// (group.go), the whole of 127.0.0.0/8 on the loopback interface and the abstract sockets
// that claim an address block (block.go). Other Unix systems build it and have the first.
const Supported = runtime.GOOS == "linux"

// startGrouped starts the guard in a new process group, then cmd in that group.
func startGrouped(cmd *exec.Cmd) (*group, error) {
	r, w, err := os.Pipe() // close-on-exec: no other child inherits the write end
	if err != nil {
		return nil, fmt.Errorf("lifeline: %w", err)
	}
	guard := exec.Command("/bin/sh", "-c", guardScript, "zonegen-lab-guard")
	guard.Stdin = r
	guard.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	err = guard.Start()
	r.Close()
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("lab guard: %w", err)
	}
	g := &group{guard: guard, lifeline: w}
	// The guard's group exists once Start has returned (setpgid runs before exec).
	pgid := guard.Process.Pid
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pgid: pgid}
	if cmd.Cancel != nil { // exec.CommandContext: its end kills the whole group
		cmd.Cancel = func() error { return syscall.Kill(-pgid, syscall.SIGKILL) }
	}
	if err := cmd.Start(); err != nil {
		g.kill()
		return nil, err
	}
	return g, nil
}

// kill ends every process of the group, the guard too, and reaps the guard. The group's id
// is the guard's pid, which no other process can take while the guard is unreaped.
func (g *group) kill() {
	_ = syscall.Kill(-g.guard.Process.Pid, syscall.SIGKILL)
	_ = g.guard.Wait()
	g.lifeline.Close()
}

// shutdownSocket is shutdown(2) on a listening socket (closeListener).
func shutdownSocket(fd uintptr) { _ = syscall.Shutdown(int(fd), syscall.SHUT_RDWR) }
