package lab

import (
	"bytes"
	"os"
	"os/exec"
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
