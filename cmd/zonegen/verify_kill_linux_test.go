//go:build linux

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zonegen/zonegen/internal/realprog"
)

// proc is a live (not zombie) process as /proc shows it.
type proc struct {
	pid, ppid int
	comm      string
	cmdline   string
}

// processes reads every live process from /proc.
func processes() map[int]proc {
	out := map[int]proc{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces, so split after the last ')'.
		i := bytes.LastIndexByte(stat, ')')
		f := strings.Fields(string(stat[i+1:]))
		if len(f) < 2 || f[0] == "Z" {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		cmdline, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		out[pid] = proc{pid: pid, ppid: ppid, comm: string(stat[bytes.IndexByte(stat, '(')+1 : i]),
			cmdline: string(bytes.ReplaceAll(cmdline, []byte{0}, []byte{' '}))}
	}
	return out
}

// descendants returns the processes below pid.
func descendants(all map[int]proc, pid int) map[int]proc {
	out := map[int]proc{}
	for p, pr := range all {
		for q := pr.ppid; q > 1; q = all[q].ppid {
			if q == pid {
				out[p] = pr
				break
			}
		}
	}
	return out
}

// Issue 16: a `verify` or `verify --ansible` that is killed, with SIGKILL at its start, a
// tenth of a second in or while its programs run, or interrupted with SIGINT or SIGTERM at
// any point, leaves nothing running. Every process verify starts is watched by pid while it
// runs; after it ends, each of them must be gone, and so must any process whose command line
// names verify's temporary folder (one started after the last look).
func TestVerifyKilledLeavesNothingRunning(t *testing.T) {
	realprog.Require(t, "nginx")
	realprog.Require(t, "haproxy")
	realprog.Require(t, "ansible-playbook")
	bin := buildFaultBinary(t)
	src, err := filepath.Abs(example)
	if err != nil {
		t.Fatal(err)
	}
	// When a case sends its signal: after a delay, or once the named programs run below
	// verify (nginx with a worker: two processes).
	type when struct {
		delay   time.Duration
		running string
		count   int
	}
	for _, tc := range []struct {
		name string
		sig  syscall.Signal
		at   when
		args []string
	}{
		{"SIGKILL at start", syscall.SIGKILL, when{delay: 0}, nil},
		{"SIGKILL at 0.1s", syscall.SIGKILL, when{delay: 100 * time.Millisecond}, nil},
		{"SIGKILL while nginx runs", syscall.SIGKILL, when{running: "nginx", count: 2}, []string{"--engine", "nginx"}},
		{"SIGKILL while haproxy runs", syscall.SIGKILL, when{running: "haproxy", count: 1}, []string{"--engine", "haproxy"}},
		{"SIGINT at 0.1s", syscall.SIGINT, when{delay: 100 * time.Millisecond}, nil},
		{"SIGINT while nginx runs", syscall.SIGINT, when{running: "nginx", count: 2}, []string{"--engine", "nginx"}},
		{"SIGTERM while haproxy runs", syscall.SIGTERM, when{running: "haproxy", count: 1}, nil},
		{"ansible SIGKILL at 0.1s", syscall.SIGKILL, when{delay: 100 * time.Millisecond}, []string{"--ansible"}},
		{"ansible SIGKILL while ansible-playbook runs", syscall.SIGKILL, when{running: "ansible-playboo", count: 1}, []string{"--ansible"}},
		{"ansible SIGKILL while the machines run", syscall.SIGKILL, when{running: "haproxy", count: 2}, []string{"--ansible"}},
		{"ansible SIGTERM while ansible-playbook runs", syscall.SIGTERM, when{running: "ansible-playboo", count: 1}, []string{"--ansible"}},
		{"ansible SIGINT while the machines run", syscall.SIGINT, when{running: "nginx", count: 2}, []string{"--ansible"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			work := t.TempDir()
			cmd, _, stderr := faultCommand(bin, work, append([]string{"verify", "-f", src}, tc.args...)...)
			cmd.Env = append(cmd.Env, "TMPDIR="+work)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan struct{})
			go func() { _ = cmd.Wait(); close(done) }()
			ended := func() bool {
				select {
				case <-done:
					return true
				default:
					return false
				}
			}

			seen := map[int]proc{}
			look := func() map[int]proc {
				below := descendants(processes(), cmd.Process.Pid)
				for p, pr := range below {
					seen[p] = pr
				}
				return below
			}
			start := time.Now()
			for deadline := start.Add(60 * time.Second); ; time.Sleep(5 * time.Millisecond) {
				below := look()
				if tc.at.running == "" {
					if time.Since(start) >= tc.at.delay {
						break
					}
				} else {
					n := 0
					for _, pr := range below {
						if pr.comm == tc.at.running {
							n++
						}
					}
					if n >= tc.at.count {
						break
					}
				}
				if ended() {
					t.Fatalf("verify ended before the signal: %s", stderr)
				}
				if time.Now().After(deadline) {
					t.Fatalf("%s never ran under verify: %v", tc.at.running, seen)
				}
			}
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				_ = cmd.Process.Kill()
				<-done
				t.Errorf("verify still ran 30 s after %s", tc.sig)
			}
			// A signal while programs run reaches verify's handler: it stops them and says so.
			if tc.sig != syscall.SIGKILL && tc.at.running != "" && cmd.ProcessState.ExitCode() != exitInvalid {
				t.Errorf("after %s: exit %d, want %d with a message:\n%s", tc.sig, cmd.ProcessState.ExitCode(), exitInvalid, stderr)
			}

			// Everything verify started goes at once (its group is killed); the deadline
			// only bounds the wait for the kernel to finish the job.
			var left []proc
			for deadline := time.Now().Add(3 * time.Second); ; time.Sleep(20 * time.Millisecond) {
				all := processes()
				left = left[:0]
				for p, pr := range seen {
					if now, ok := all[p]; ok && now.comm == pr.comm {
						left = append(left, now)
					}
				}
				for _, pr := range all {
					if strings.Contains(pr.cmdline, work) && seen[pr.pid].pid == 0 {
						left = append(left, pr)
					}
				}
				if len(left) == 0 || time.Now().After(deadline) {
					break
				}
			}
			for _, pr := range left {
				_ = syscall.Kill(pr.pid, syscall.SIGKILL)
				t.Errorf("pid %d (%s) outlived verify: %s", pr.pid, pr.comm, pr.cmdline)
			}
			t.Logf("%s after %s; watched %d processes", tc.sig, time.Since(start).Round(time.Millisecond), len(seen))
		})
	}
}
