//go:build linux

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zonegen/zonegen/internal/testfs"
	"github.com/zonegen/zonegen/output"
)

// Issue 12: evaluation had no memory or time bound (`std.range(1, 3e8)` took 6 GB and ended
// in a runtime dump). Past --max-memory or --timeout zonegen stops with a clear message and
// exit 2, writing nothing. It ends its own process to stop the evaluator, so this runs the
// binary.
func TestEvaluationBounds(t *testing.T) {
	bin := buildFaultBinary(t)
	work := t.TempDir()
	for _, tc := range []struct {
		name, source, want string
		flags              []string
	}{
		{"memory", `{name: 'x', environments: {}, n: std.length(std.range(1, 3e8))}`,
			"needs more than 200 MiB of memory (--max-memory)", []string{"--max-memory", "200"}},
		{"time", `{name: std.foldl(function(a, i) a + std.foldl(function(x, j) x + j, std.range(1, 1000), 0), std.range(1, 1e7), 0)}`,
			"takes longer than 1s (--timeout)", []string{"--timeout", "1s"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := filepath.Join(work, tc.name+".jsonnet")
			if err := os.WriteFile(src, []byte(tc.source), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(work, tc.name+"-out")
			start := time.Now()
			code, _, stderr := faultRun(t, bin, work, append([]string{"generate", "-f", src, "-o", out}, tc.flags...)...)
			if code != exitInvalid || !strings.Contains(stderr, tc.want) || !strings.Contains(stderr, "nothing was written") {
				t.Fatalf("exit %d, want 2 with %q:\n%s", code, tc.want, stderr)
			}
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("stopped after %s", d)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("something was written: %v", err)
			}
		})
	}
}

// Issue 12: `-f /dev/zero` was read forever; a FIFO would block. Both are refused, as
// sources and as imports.
func TestNonRegularSourceRefused(t *testing.T) {
	workspace(t)
	if err := syscall.Mkfifo("fifo.jsonnet", 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("imports.jsonnet", []byte(`import 'fifo.jsonnet'`), 0o644); err != nil {
		t.Fatal(err)
	}
	for src, want := range map[string]string{
		"/dev/zero":       "/dev/zero is a device, not a regular file",
		"fifo.jsonnet":    "is a named pipe (FIFO), not a regular file",
		"imports.jsonnet": "is a named pipe (FIFO), not a regular file",
	} {
		code, _, stderr := run(t, "generate", "-f", src, "-o", "out")
		if code != exitInvalid || !strings.Contains(stderr, want) {
			t.Errorf("-f %s: exit %d, want 2 with %q:\n%s", src, code, want, stderr)
		}
	}
	if _, err := os.Stat("out"); !os.IsNotExist(err) {
		t.Errorf("something was written: %v", err)
	}
}

// Issue 16: under `ulimit -v 4194304` (4 GiB, a memory-capped container's usual cap) a
// source that allocates without end ended in "fatal error: out of memory" and a runtime
// dump, because the default --max-memory of 4096 MiB was not below what the process may
// use. The bound is now a quarter of the address-space limit: exit 2, one message, no dump.
// Values that double (a string added to itself, an array appended to itself) are the hard
// case: the allocation that crosses the bound must itself still fit. "block" is the case no
// bound can catch, one allocation of 8 GB, larger than the whole address space: the runtime
// dies in the evaluation's child process and zonegen says why (evalchild.go).
func TestMemoryBoundFromAddressSpaceLimit(t *testing.T) {
	bin := buildFaultBinary(t)
	work := t.TempDir()
	quarter := "needs more than 1024 MiB of memory (a quarter of the 4096 MiB address-space limit (ulimit -v))"
	for name, c := range map[string]struct{ source, want string }{
		"string": {`local grow(s) = grow(s + s) tailstrict; {name: grow('x'), environments: {}}`, quarter},
		"array":  {`local grow(a, n) = grow(a + std.makeArray(n, function(i) {i: i}), n * 2) tailstrict; {name: std.length(grow([], 1)), environments: {}}`, quarter},
		"range":  {`{name: 'x', environments: {}, n: std.length(std.range(1, 3e8))}`, quarter},
		"block": {`{name: 'x', environments: {}, n: std.length(std.range(1, 1e9))}`,
			"MiB at once, more than is left of the 4096 MiB address-space limit (ulimit -v); a loop or a range that large"},
	} {
		t.Run(name, func(t *testing.T) {
			src := filepath.Join(work, name+".jsonnet")
			if err := os.WriteFile(src, []byte(c.source), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(work, name+"-out")
			code, _, stderr := underAddressSpaceLimit(t, bin, work, "generate", "-f", src, "-o", out)
			if code != exitInvalid || !strings.Contains(stderr, c.want) || strings.Contains(stderr, "goroutine") ||
				strings.Count(strings.TrimSpace(stderr), "\n") != 1 {
				t.Fatalf("exit %d, want 2 with only %q and \"nothing was written\":\n%s", code, c.want, stderr)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("something was written: %v", err)
			}
		})
	}
}

// Under an address-space limit the evaluation runs in a child process: the tree, the no-op
// that follows, a jsonnet error and the external variables are as without the limit, and
// a --timeout that ends zonegen ends its child too.
func TestEvaluationChildIsTransparent(t *testing.T) {
	bin := buildFaultBinary(t)
	work := t.TempDir()
	acme, err := os.ReadFile("../../jsonnet/examples/acme.jsonnet")
	if err != nil {
		t.Fatal(err)
	}
	for name, src := range map[string]string{
		"infra.jsonnet":  string(acme),
		"broken.jsonnet": "local zg = import 'zonegen.libsonnet';\n{ name: std.extVar('who'), environments: error 'boom ' + std.extVar('who') }\n",
		"slow.jsonnet":   `{name: std.foldl(function(a, i) a + std.foldl(function(x, j) x + j, std.range(1, 1000), 0), std.range(1, 1e7), 0)}`,
	} {
		if err := os.WriteFile(filepath.Join(work, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, stdout, stderr := faultRun(t, bin, work, "generate", "-o", "plain")
	if code != 0 {
		t.Fatal(stderr)
	}
	// The example's file count, as the process without the limit reports it.
	n, _, _ := strings.Cut(strings.TrimPrefix(strings.TrimSpace(stdout), "plain: "), " created")
	code, stdout, stderr = underAddressSpaceLimit(t, bin, work, "generate", "-o", "child")
	if code != 0 || !strings.Contains(stdout, ": "+n+" created") {
		t.Fatalf("generate under ulimit -v: exit %d\n%s%s", code, stdout, stderr)
	}
	plain, child := testfs.ReadTree(t, filepath.Join(work, "plain")), testfs.ReadTree(t, filepath.Join(work, "child"))
	delete(plain, output.CacheName)
	delete(child, output.CacheName)
	if !reflect.DeepEqual(plain, child) {
		t.Errorf("the tree evaluated in a child differs from the one evaluated in the process")
	}
	if code, stdout, stderr := underAddressSpaceLimit(t, bin, work, "generate", "-o", "child"); code != 0 || !strings.Contains(stdout, " "+n+" unchanged") {
		t.Errorf("the no-op after it: exit %d\n%s%s", code, stdout, stderr)
	}

	args := []string{"generate", "-f", "broken.jsonnet", "--ext-str", "who=acme", "-o", "broken"}
	_, _, want := faultRun(t, bin, work, args...)
	if code, _, got := underAddressSpaceLimit(t, bin, work, args...); code != exitInvalid || got != want || !strings.Contains(got, "boom acme") {
		t.Errorf("a jsonnet error in the child: exit %d\n%s\nwant exit 2 and, as in the process,\n%s", code, got, want)
	}

	cmd, _, slowErr := faultCommand("/bin/sh", work, underLimit(bin, "generate", "-f", "slow.jsonnet", "-o", "slow", "--timeout", "1s")...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	var running []int
	for deadline := time.Now().Add(5 * time.Second); len(running) == 0 && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		running = evaluationChildren(bin)
	}
	<-exited // --timeout ends it within a second or two
	if code := cmd.ProcessState.ExitCode(); code != exitInvalid || !strings.Contains(slowErr.String(), "takes longer than 1s (--timeout)") {
		t.Fatalf("exit %d, want 2 past --timeout:\n%s", code, slowErr)
	}
	if len(running) == 0 {
		t.Fatal("no evaluation child ran under ulimit -v")
	}
	// Pdeathsig is delivered as the parent ends; the child is gone within moments.
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		pids := evaluationChildren(bin)
		if len(pids) == 0 {
			break
		}
		if time.Now().After(deadline) {
			for _, pid := range pids {
				syscall.Kill(pid, syscall.SIGKILL)
			}
			t.Fatalf("evaluation children %v outlived zonegen", pids)
		}
	}
}

// underAddressSpaceLimit runs bin under `ulimit -v 4194304`: the shell sets RLIMIT_AS and
// execs zonegen, and nothing but the limit changes.
func underAddressSpaceLimit(t *testing.T, bin, dir string, args ...string) (int, string, string) {
	t.Helper()
	return faultRun(t, "/bin/sh", dir, underLimit(bin, args...)...)
}

// underLimit is the shell's arguments for bin args under `ulimit -v 4194304`.
func underLimit(bin string, args ...string) []string {
	return append([]string{"-c", `ulimit -v 4194304 && exec "$0" "$@"`, bin}, args...)
}

// evaluationChildren lists the live evaluation children of bin (processes(): a child is
// bin run without arguments, zonegen itself always has some).
func evaluationChildren(bin string) []int {
	var pids []int
	for pid, p := range processes() {
		if strings.TrimSpace(p.cmdline) == bin {
			pids = append(pids, pid)
		}
	}
	return pids
}

// Issue 16 in a real memory-capped container: the kernel's cgroup limit, not a fake
// memory.max. Under a 512 MiB cgroup a runaway source ended in the kernel's OOM kill: no
// word, only SIGKILL. The bound is half the limit, read from the cgroup the process finds
// itself in, and the evaluation runs in a child process (evalchild.go), so every case ends
// with exit 2 and one message: "objects" grows steadily (the watchdog stops it), and the
// others make allocations the watchdog cannot see in time (metrics.Read waits while the
// runtime makes a huge one; an 800 MB block was killed by the kernel 23 times in 30 before
// the child existed): "range" is one 320 MB block, "block" one of 8 GB, "string" and "array"
// double, crossing the bound with 384 MiB live beside their garbage. Whichever ends them, the
// watchdog or the kernel killing the child, zonegen says so. Runs where a memory cgroup can
// be made (root, and cgroup v1's memory controller or v2 with memory delegated).
func TestMemoryBoundFromCgroupLimit(t *testing.T) {
	procs := memoryCgroup(t, 512<<20)
	bin := buildFaultBinary(t)
	work := t.TempDir()
	for _, name := range []string{"objects", "range", "block", "string", "array"} {
		source := map[string]string{
			"objects": `local a = std.makeArray(3e7, function(i) {i: i}); {name: 'x', environments: {}, n: std.foldl(function(s, o) s + o.i, a, 0)}`,
			"range":   `{name: 'x', environments: {}, n: std.length(std.range(1, 4e7))}`,
			"block":   `{name: 'x', environments: {}, n: std.length(std.range(1, 1e9))}`,
			"string":  `local grow(s) = grow(s + s) tailstrict; {name: grow('x'), environments: {}}`,
			"array":   `local grow(a, n) = grow(a + std.makeArray(n, function(i) {i: i}), n * 2) tailstrict; {name: std.length(grow([], 1)), environments: {}}`,
		}[name]
		t.Run(name, func(t *testing.T) {
			src := filepath.Join(work, name+".jsonnet")
			if err := os.WriteFile(src, []byte(source), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(work, name+"-out")
			// The shell joins the cgroup and execs zonegen: the limit is all that changes.
			code, _, stderr := faultRun(t, "/bin/sh", work, "-c", `echo $$ > "$0" && exec "$@"`,
				procs, bin, "generate", "-f", src, "-o", out)
			watchdog := "needs more than 256 MiB of memory (half of the 512 MiB cgroup memory limit ("
			killed := "was ended by the kernel's out-of-memory killer: it needed more memory at once than was left of the 512 MiB cgroup memory limit;"
			if code != exitInvalid || !strings.Contains(stderr, watchdog) && !strings.Contains(stderr, killed) ||
				strings.Contains(stderr, "goroutine") || strings.Count(strings.TrimSpace(stderr), "\n") != 1 {
				t.Fatalf("exit %d, want 2 with only %q… (or %q…) and \"nothing was written\":\n%s", code, watchdog, killed, stderr)
			}
			t.Logf("ended by the %s", map[bool]string{true: "watchdog", false: "kernel, in the evaluation child"}[strings.Contains(stderr, watchdog)])
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("something was written: %v", err)
			}
		})
	}
}

// memoryCgroup makes a memory cgroup limited to limit bytes below the test's own and returns
// its cgroup.procs file, where a process joins it; the test removes it at the end (every
// process in it has exited by then). It skips the test where no memory cgroup can be made.
func memoryCgroup(t *testing.T, limit int64) string {
	t.Helper()
	self, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		t.Skipf("no memory cgroup here: %v", err)
	}
	var dir, limitFile string
	for _, line := range strings.Split(strings.TrimSpace(string(self)), "\n") {
		parts := strings.SplitN(line, ":", 3)
		if len(parts) != 3 {
			continue
		}
		switch {
		case hasController(parts[1], "memory"): // v1
			dir, limitFile = filepath.Join("/sys/fs/cgroup/memory", parts[2]), "memory.limit_in_bytes"
		case parts[0] == "0" && parts[1] == "" && dir == "": // v2, unless v1 holds the memory controller
			if b, err := os.ReadFile("/sys/fs/cgroup/cgroup.controllers"); err == nil && hasController(strings.ReplaceAll(string(b), " ", ","), "memory") {
				dir, limitFile = filepath.Join("/sys/fs/cgroup", parts[2]), "memory.max"
			}
		}
	}
	if dir == "" {
		t.Skip("no memory cgroup controller here")
	}
	if limitFile == "memory.max" {
		// v2: the parent must hand the memory controller to its children.
		_ = os.WriteFile(filepath.Join(dir, "cgroup.subtree_control"), []byte("+memory"), 0o644)
	}
	cg := filepath.Join(dir, fmt.Sprintf("zonegen-test-%d", os.Getpid()))
	if err := os.Mkdir(cg, 0o755); err != nil {
		t.Skipf("cannot make a memory cgroup (needs root and a writable cgroup): %v", err)
	}
	t.Cleanup(func() {
		if err := os.Remove(cg); err != nil {
			t.Errorf("remove the test's cgroup: %v", err)
		}
	})
	if err := os.WriteFile(filepath.Join(cg, limitFile), []byte(fmt.Sprint(limit)), 0o644); err != nil {
		t.Skipf("cannot limit a memory cgroup: %v", err)
	}
	return filepath.Join(cg, "cgroup.procs")
}
