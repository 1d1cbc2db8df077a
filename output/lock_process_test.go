//go:build linux

package output

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// holdLockEnv makes the test binary a helper that takes a folder's lock and waits.
const holdLockEnv = "ZONEGEN_TEST_HOLD_LOCK"

func TestMain(m *testing.M) {
	if dir := os.Getenv(holdLockEnv); dir != "" {
		if _, err := acquireLock(dir, func(string, ...any) {}); err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		fmt.Println("locked")
		time.Sleep(time.Minute) // bounded: the test sends SIGTERM long before
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestLockAcrossProcessesAndStaleTakeover: a second process holds the lock, so a run
// fails naming its pid; once that process is killed (leaving the lock behind, like a
// crash) the next run takes the stale lock over and says so.
func TestLockAcrossProcessesAndStaleTakeover(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), holdLockEnv+"="+dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			_ = cmd.Process.Signal(syscall.SIGTERM)
			_ = cmd.Wait()
		}
	}
	t.Cleanup(stop)
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || line != "locked\n" {
		t.Fatalf("helper: %q, %v", line, err)
	}

	_, err = Write(dir, gen("a.conf", "a"), WriteOptions{})
	var le *LockedError
	if !errors.As(err, &le) || le.PID != cmd.Process.Pid {
		t.Fatalf("got %v, want a *LockedError naming pid %d", err, cmd.Process.Pid)
	}
	if _, err := os.Stat(filepath.Join(dir, "a.conf")); !os.IsNotExist(err) {
		t.Errorf("written while locked: %v", err)
	}

	stop()
	if _, err := os.Stat(filepath.Join(dir, LockName)); err != nil {
		t.Fatalf("the killed helper should have left its lock: %v", err)
	}
	var notes []string
	logf := func(format string, args ...any) { notes = append(notes, fmt.Sprintf(format, args...)) }
	mustWrite(t, dir, gen("a.conf", "a"), WriteOptions{Logf: logf})
	want := fmt.Sprintf("took over stale lock %s: pid %d is no longer running", filepath.Join(dir, LockName), cmd.Process.Pid)
	if len(notes) != 1 || !strings.Contains(notes[0], want) {
		t.Errorf("notes = %q, want one containing %q", notes, want)
	}
	if got := tree(t, dir); len(got) != 2 {
		t.Errorf("want a.conf and the manifest only (no lock, no aside file), got %v", keys(got))
	}
}
