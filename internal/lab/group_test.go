//go:build unix

package lab_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zonegen/zonegen/internal/lab"
)

// callerEnv makes TestGroupCaller act as a caller of lab.Start instead of a test.
const callerEnv = "ZONEGEN_LAB_TEST_CALLER"

// stubborn ignores SIGTERM, as nginx does in its first milliseconds (lab.Process.Stop), and
// forks a worker that does too, as nginx and HAProxy do.
const stubborn = `trap '' TERM; sleep 300 & echo $! > worker.pid; wait`

// TestGroupCaller, run by TestProgramsDieWithTheirCaller in a process of its own, starts the
// stubborn program with lab.Start, prints its pid and its worker's, then waits to be killed.
func TestGroupCaller(t *testing.T) {
	dir := os.Getenv(callerEnv)
	if dir == "" {
		t.Skip("a helper of TestProgramsDieWithTheirCaller")
	}
	p, err := lab.Start(dir, "/bin/sh", "-c", stubborn)
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		if b, err := os.ReadFile(filepath.Join(dir, "worker.pid")); err == nil && strings.HasSuffix(string(b), "\n") {
			fmt.Printf("pids %d %s", p.Pid(), b)
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the worker never started")
		}
	}
	time.Sleep(60 * time.Second) // bounded: the test kills this process long before
}

// Issue 16: a program the lab starts, and every process it forks, ends when its caller is
// killed with SIGKILL, even one that ignores SIGTERM: Pdeathsig SIGTERM left such a program
// (nginx signalled in its first milliseconds) and its workers running for good.
func TestProgramsDieWithTheirCaller(t *testing.T) {
	cmd, sc := startHelper(t, "TestGroupCaller", callerEnv+"="+t.TempDir())
	var pids []int
	for sc.Scan() {
		if f, ok := strings.CutPrefix(sc.Text(), "pids "); ok {
			for _, s := range strings.Fields(f) {
				n, err := strconv.Atoi(s)
				if err != nil {
					t.Fatalf("caller printed %q", sc.Text())
				}
				pids = append(pids, n)
			}
			break
		}
	}
	if len(pids) != 2 {
		t.Fatalf("the caller printed no pids (%v)", sc.Err())
	}
	t.Cleanup(func() {
		for _, p := range pids {
			_ = syscall.Kill(p, syscall.SIGKILL)
		}
	})
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		var alive []int
		for _, p := range pids {
			if running(p) {
				alive = append(alive, p)
			}
		}
		if len(alive) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("pids %v (the program, its worker) outlived their killed caller", alive)
		}
	}
}

// running reports whether pid is a live process (not a zombie).
func running(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	return len(f) > 0 && f[0] != "Z"
}

// startHelper runs this test binary's helper test in a process of its own, with env added,
// and returns it and a scanner of its output; the test's end kills it.
func startHelper(t *testing.T, test, env string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), env)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return cmd, bufio.NewScanner(out)
}
