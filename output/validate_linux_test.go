package output

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Issue 12: a validator's timeout killed the command alone; what it had started kept
// running. The whole process group goes.
func TestValidatorTimeoutKillsProcessGroup(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "slow.sh")
	pidFile := filepath.Join(dir, "child.pid")
	writeFile(t, script, "sleep 60 &\necho $! > "+pidFile+"\nwait\n")
	file := filepath.Join(dir, "x.conf")
	writeFile(t, file, "x\n")

	start := time.Now()
	err := Command{Pattern: "*", Command: "sh " + script + " {}", Timeout: 500 * time.Millisecond}.Validate(context.Background(), file)
	if err == nil || !strings.Contains(err.Error(), "timed out") {
		t.Fatalf("got %v, want a timeout", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the timeout took %s", d)
	}
	b, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		s := string(stat)
		if err != nil || strings.Fields(s[strings.LastIndexByte(s, ')')+1:])[0] == "Z" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the validator's child %d outlived its timeout", pid)
		}
	}
}
