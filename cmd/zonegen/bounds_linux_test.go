//go:build linux

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
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
// case: the allocation that crosses the bound must itself still fit.
func TestMemoryBoundFromAddressSpaceLimit(t *testing.T) {
	bin := buildFaultBinary(t)
	work := t.TempDir()
	for name, source := range map[string]string{
		"string": `local grow(s) = grow(s + s) tailstrict; {name: grow('x'), environments: {}}`,
		"array":  `local grow(a, n) = grow(a + std.makeArray(n, function(i) {i: i}), n * 2) tailstrict; {name: std.length(grow([], 1)), environments: {}}`,
		"range":  `{name: 'x', environments: {}, n: std.length(std.range(1, 3e8))}`,
	} {
		t.Run(name, func(t *testing.T) {
			src := filepath.Join(work, name+".jsonnet")
			if err := os.WriteFile(src, []byte(source), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(work, name+"-out")
			// The shell sets RLIMIT_AS and execs zonegen; nothing but the limit changes.
			code, _, stderr := faultRun(t, "/bin/sh", work, "-c", `ulimit -v 4194304 && exec "$0" "$@"`,
				bin, "generate", "-f", src, "-o", out)
			want := "needs more than 1024 MiB of memory (a quarter of the 4096 MiB address-space limit (ulimit -v))"
			if code != exitInvalid || !strings.Contains(stderr, want) || strings.Contains(stderr, "goroutine") ||
				strings.Count(strings.TrimSpace(stderr), "\n") != 1 {
				t.Fatalf("exit %d, want 2 with only %q and \"nothing was written\":\n%s", code, want, stderr)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("something was written: %v", err)
			}
		})
	}
}
