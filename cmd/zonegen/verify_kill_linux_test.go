//go:build linux

package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zonegen/zonegen/internal/realprog"
)

// descendants returns the live (not zombie) processes below pid, read from /proc.
func descendants(pid int) map[int]string {
	parent := map[int]int{}
	name := map[int]string{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces, so split after the last ')'.
		s := string(stat)
		i := strings.LastIndexByte(s, ')')
		f := strings.Fields(s[i+1:])
		if len(f) < 2 || f[0] == "Z" {
			continue
		}
		pp, _ := strconv.Atoi(f[1])
		parent[p] = pp
		name[p] = s[strings.IndexByte(s, '(')+1 : i]
	}
	out := map[int]string{}
	for p := range parent {
		for q := parent[p]; q > 1; q = parent[q] {
			if q == pid {
				out[p] = name[p]
				break
			}
		}
	}
	return out
}

// Issue 12: `verify` killed with SIGKILL (a CI timeout) left nginx running 3 times in 8: the
// lab's nginx master died with it (Pdeathsig SIGKILL) but its workers did not. The lab's
// programs now get SIGTERM when zonegen dies, so nginx stops its workers and HAProxy exits.
func TestVerifyKilledLeavesNoProxy(t *testing.T) {
	realprog.Require(t, "nginx")
	bin := buildFaultBinary(t)
	work := t.TempDir()
	src, err := filepath.Abs(example)
	if err != nil {
		t.Fatal(err)
	}
	cmd, _, stderr := faultCommand(bin, work, "verify", "--engine", "nginx", "-f", src)
	cmd.Env = append(cmd.Env, "TMPDIR="+work)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()

	// Wait until nginx runs with its workers (the engines run one after the other).
	var seen map[int]string
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		seen = descendants(cmd.Process.Pid)
		nginx := 0
		for _, n := range seen {
			nginx += strings.Count(n, "nginx")
		}
		if nginx >= 2 {
			break
		}
		select {
		case <-done:
			t.Fatalf("verify ended before its proxies ran: %s", stderr)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx never ran under verify: %v", seen)
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-done
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		left := map[int]string{}
		for p, n := range seen {
			if b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(p), "stat")); err == nil {
				s := string(b)
				if f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:]); len(f) > 0 && f[0] != "Z" {
					left[p] = n
				}
			}
		}
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			for p := range left {
				_ = syscall.Kill(p, syscall.SIGKILL)
			}
			t.Fatalf("processes outlived a killed verify: %v", left)
		}
	}
}
