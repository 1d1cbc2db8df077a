package main

import (
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zonegen/zonegen/internal/benchsrc"
	"github.com/zonegen/zonegen/internal/realprog"
)

func durations(ms ...int) []time.Duration {
	var out []time.Duration
	for _, m := range ms {
		out = append(out, time.Duration(m)*time.Millisecond)
	}
	return out
}

// The targets are judged on medians, total is the sum of the stages' medians, and every
// missed target is counted.
func TestTargets(t *testing.T) {
	m := &tierResult{tier: benchsrc.M, modules: 10000,
		floor: durations(1000, 900, 5000), eval: durations(700, 600, 650),
		decode: durations(50, 50, 50), resolve: durations(40, 40, 40), render: durations(100, 100, 100),
		write: durations(300, 10, 300), // total 650 + 50 + 40 + 100 + 300 = 1140: 1.14× the floor
		noop:  durations(120, 120, 120), check: durations(100, 100, 100),
		rssKiB:  []int64{90 << 10, 300 << 10, 80 << 10},
		durable: durations(100, 100, 100), fresh: durations(1000, 1100, 1050), // 1050 / (1000 + 100): 0.95
		skip: durations(50, 50, 500), peer: durations(9000, 9000, 9000), peerFiles: 1520} // 0.05; 9000 / 1050: 8.57
	l := &tierResult{tier: benchsrc.L, modules: 50000,
		floor: durations(5000), eval: durations(3000), decode: durations(250), resolve: durations(200),
		render: durations(500), write: durations(2000), // total 5950: 5.22× M
		noop: durations(110), check: durations(100),
		fresh: durations(4000), peer: durations(28000)} // 7.00
	var out strings.Builder
	missed := printTargets(&out, []*tierResult{m, l}, nil)
	text := out.String()
	for _, want := range []string{
		"M total/floor       1.14 ≤ 1.25 ✓",
		"L/M total           5.22 ≤ 5.50  (L has 5.0× M's modules) ✓",
		"M no-op wrote          0 bytes to 0 files",
		"M no-op/check       1.20 ≤ 1.10 ✗",
		"L no-op/check       1.10 ≤ 1.10 ✓",
		"M peak RSS            90 ≤ 200 MiB ✓",
		"M no-op/floor       0.05 ≤ 0.10",
		"M generate/(floor+durable)  0.95 ≤ 1.10  (into a fresh folder, the whole process) ✓",
		"M peer/generate     8.57 ≥ 8.00  (jsonnet -m, 1520 files; zonegen 0) ✓",
		"L peer/generate     7.00 ≥ 8.00  (jsonnet -m, 0 files; zonegen 0) ✗",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no line %q in:\n%s", want, text)
		}
	}
	if missed != 2 {
		t.Errorf("missed %d targets, want 2:\n%s", missed, text)
	}

	m.noopTouched, m.noopBytes = 1, 42
	if missed := printTargets(&strings.Builder{}, []*tierResult{m}, nil); missed != 2 {
		t.Errorf("a no-op that wrote a file: missed %d targets, want 2", missed)
	}
	m.peer = nil
	if text := printed(func(w io.Writer) { printTargets(w, []*tierResult{m}, nil) }); !strings.Contains(text, "M peer/generate    not run") {
		t.Errorf("no peer: %s", text)
	}
}

// The LifeTime pull target is judged on the median wall time.
func TestLifetimeTarget(t *testing.T) {
	var out strings.Builder
	r := &lifetimeResult{pull: durations(900, 3000, 400), cpu: durations(300, 300, 300), bytes: 2e6, heapMiB: 40}
	if missed := printLifetime(&out, r); missed != 0 || !strings.Contains(out.String(), "lifetime pull        900 ms ≤ 2000") ||
		!strings.Contains(out.String(), "CPU 300 ms") || !strings.HasSuffix(out.String(), "✓\n") {
		t.Errorf("missed %d:\n%s", missed, out.String())
	}
	r.pull = durations(2100, 2500, 100)
	if missed := printLifetime(&strings.Builder{}, r); missed != 1 {
		t.Errorf("a pull over 2 s: missed %d, want 1", missed)
	}
}

func printed(print func(io.Writer)) string {
	var b strings.Builder
	print(&b)
	return b.String()
}

func TestMedian(t *testing.T) {
	if got := median(durations(3, 1, 2)); got != 2*time.Millisecond {
		t.Errorf("median(3, 1, 2) = %v", got)
	}
	if got := median(durations(4, 1, 3, 2)); got != 2*time.Millisecond {
		t.Errorf("median(4, 1, 3, 2) = %v, want the lower middle", got)
	}
	if got := median([]int64(nil)); got != 0 {
		t.Errorf("median() = %v", got)
	}
}

// The whole benchmark on the smallest tier, once: every stage runs, the no-op writes
// nothing, the child process regenerates, and nginx and HAProxy load the 5,000-path proxy.
// Nothing here asserts a time.
func TestRunSmallestTier(t *testing.T) {
	if testing.Short() {
		t.Skip("builds zonegen and runs nginx and HAProxy")
	}
	realprog.Require(t, "nginx")
	realprog.Require(t, "haproxy")
	bin, jsonnetBin := filepath.Join(t.TempDir(), "zonegen"), filepath.Join(t.TempDir(), "jsonnet")
	for pkg, out := range map[string]string{"github.com/zonegen/zonegen/cmd/zonegen": bin, "github.com/google/go-jsonnet/cmd/jsonnet": jsonnetBin} {
		if b, err := exec.Command("go", "build", "-o", out, pkg).CombinedOutput(); err != nil {
			t.Fatalf("build %s: %v\n%s", pkg, err, b)
		}
	}
	var out strings.Builder
	if err := run([]string{"-tiers", "S", "-reps", "1", "-bin", bin, "-jsonnet", jsonnetBin, "-tmp", t.TempDir()}, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	text := out.String()
	for _, want := range []string{"median of 1 repetitions", "total/floor", "(tier M not run", "nginx -t   5000/2 paths", "haproxy -c 5000/2 paths",
		"lifetime pull", "(2000 apps, 20000 modules from a loopback LifeTime over HTTPS"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in:\n%s", want, text)
		}
	}
	// Two tables, each a header and one row of tier S; target lines start with the tier's name too.
	var headers, rows [][]string
	for _, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) > 3 && f[0] == "tier": // not "tier S ...", the progress line
			headers = append(headers, f)
		case len(f) > 0 && f[0] == "S" && len(rows) < len(headers):
			rows = append(rows, f)
		}
	}
	if len(headers) != 2 || len(rows) != 2 {
		t.Fatalf("headers %q, rows %q\n%s", headers, rows, text)
	}
	// One value per column ("RSS MiB" and "peer files" are one column in two words), the
	// tier's size, and a peer that ran and wrote files.
	main, procs := rows[0], rows[1]
	if len(main) != len(headers[0])-1 || main[1] != "1000" || len(procs) != len(headers[1])-1 {
		t.Fatalf("headers %q, rows %q\n%s", headers, rows, text)
	}
	if procs[9] == "n/a" || procs[len(procs)-1] == "0" {
		t.Errorf("the peer did not run: %q\n%s", procs, text)
	}
}
