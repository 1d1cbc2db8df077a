package lab

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

// A group is the process group a lab program runs in, with a guard: a shell in the same group
// whose standard input is a pipe only this process holds the write end of. When this process
// ends, however it ends (SIGKILL, a crash, a CI timeout), the kernel closes that end, the
// guard reads end-of-file and kills its whole group with SIGKILL: the program and every
// worker it forked, which stay in the group (nothing the lab runs calls setsid).
//
// Pdeathsig could not do this (issue 16): it reaches only the direct child (nginx's workers
// outlived their killed master, issue 12), it is tied to the OS thread that started the
// child rather than to the process, and it is a signal the program must handle, which
// nginx loses in its first milliseconds (Process.Stop). The guard needs nothing from the
// program: SIGKILL to a group cannot be caught or lost.
type group struct {
	guard    *exec.Cmd
	lifeline *os.File // the pipe's write end; never written
}

// guardScript ignores the signals a terminal or a session's end sends, waits for the
// lifeline to close and kills its group (kill 0: every process of the shell's own group).
const guardScript = `trap '' HUP INT TERM; read -r _; kill -KILL 0`

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

// combinedOutput runs cmd to its end in a group (CheckNginx, CheckHAProxy, Playbook) and
// returns what it printed; whatever cmd left running in its group is killed with it.
func combinedOutput(cmd *exec.Cmd) ([]byte, error) {
	var b bytes.Buffer
	cmd.Stdout, cmd.Stderr = &b, &b
	g, err := startGrouped(cmd)
	if err != nil {
		return nil, err
	}
	err = cmd.Wait()
	g.kill()
	return b.Bytes(), err
}
