package main

import (
	"os"
	"path/filepath"
	"testing"
)

// Issue 16: the memory bound is the lowest of --max-memory and the machine's limits, each
// at its share; the message names the one that set it.
func TestBoundMemory(t *testing.T) {
	const gib = 1 << 30
	as := machineLimit{4 * gib, "address-space limit (ulimit -v)", quarter}
	cg := machineLimit{1 * gib, "cgroup memory limit (memory.max)", half}
	for _, tc := range []struct {
		name    string
		maxMiB  int
		machine []machineLimit
		bytes   int64
		why     string
	}{
		{"flag alone", 4096, nil, 4 * gib, "--max-memory"},
		{"flag below the machine", 512, []machineLimit{as, cg}, 512 << 20, "--max-memory"},
		{"address space below the flag", 4096, []machineLimit{as}, gib, "a quarter of the 4096 MiB address-space limit (ulimit -v)"},
		{"cgroup lowest", 4096, []machineLimit{as, cg}, gib / 2, "half of the 1024 MiB cgroup memory limit (memory.max)"},
		{"no flag still bounded by the machine", 0, []machineLimit{as}, gib, "a quarter of the 4096 MiB address-space limit (ulimit -v)"},
		{"nothing", 0, nil, 0, ""},
	} {
		got := boundMemory(tc.maxMiB, tc.machine)
		if got.bytes != tc.bytes || got.why != tc.why {
			t.Errorf("%s: got %d (%s), want %d (%s)", tc.name, got.bytes, got.why, tc.bytes, tc.why)
		}
	}
}

// The cgroup limit is read from a fake /sys/fs/cgroup: v2's memory.max and v1's
// memory.limit_in_bytes, the lowest of the process's cgroup and its parents, and the
// mount's root where the named path is the host's (a container).
func TestCgroupMemoryLimit(t *testing.T) {
	root := t.TempDir()
	write := func(rel, v string) {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(v+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("memory.max", "max")
	write("ci.slice/memory.max", "2147483648")
	write("ci.slice/job-7.scope/memory.max", "max")
	write("memory/memory.limit_in_bytes", "1073741824")
	write("memory/host/path/memory.limit_in_bytes", "9223372036854771712")
	for _, tc := range []struct {
		name, cgroup string
		want         int64
		where        string
	}{
		{"v2, the parent's limit", "0::/ci.slice/job-7.scope\n", 2 << 30, "ci.slice/memory.max"},
		{"v2, none", "0::/\n", 0, ""},
		{"v1, the namespace's root", "4:memory:/host/path\n3:cpu,cpuacct:/\n", 1 << 30, "memory/memory.limit_in_bytes"},
		{"v1 path unknown here", "4:cpuset,memory:/not/here\n", 1 << 30, "memory/memory.limit_in_bytes"},
		{"hybrid: the lower", "4:memory:/\n0::/ci.slice/job-7.scope\n", 1 << 30, "memory/memory.limit_in_bytes"},
		{"garbage", "no colons\n", 0, ""},
	} {
		got, what := cgroupMemoryLimit(root, []byte(tc.cgroup))
		want := ""
		if tc.where != "" {
			want = "cgroup memory limit (" + filepath.Join(root, tc.where) + ")"
		}
		if got != tc.want || what != want {
			t.Errorf("%s: got %d %q, want %d %q", tc.name, got, what, tc.want, want)
		}
	}
}
