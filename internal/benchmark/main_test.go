package main

import (
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
		rssKiB: []int64{90 << 10, 300 << 10, 80 << 10}}
	l := &tierResult{tier: benchsrc.L, modules: 50000,
		floor: durations(5000), eval: durations(3000), decode: durations(250), resolve: durations(200),
		render: durations(500), write: durations(2000), // total 5950: 5.22× M
		noop: durations(110), check: durations(100)}
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
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no line %q in:\n%s", want, text)
		}
	}
	if missed != 1 {
		t.Errorf("missed %d targets, want 1:\n%s", missed, text)
	}

	m.noopTouched, m.noopBytes = 1, 42
	if missed := printTargets(&strings.Builder{}, []*tierResult{m}, nil); missed != 2 {
		t.Errorf("a no-op that wrote a file: missed %d targets, want 2", missed)
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
	bin := filepath.Join(t.TempDir(), "zonegen")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/zonegen/zonegen/cmd/zonegen").CombinedOutput(); err != nil {
		t.Fatalf("build zonegen: %v\n%s", err, out)
	}
	var out strings.Builder
	if err := run([]string{"-tiers", "S", "-reps", "1", "-bin", bin, "-tmp", t.TempDir()}, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	text := out.String()
	for _, want := range []string{"median of 1 repetitions", "total/floor", "(tier M not run", "nginx -t   5000/2 paths", "haproxy -c 5000/2 paths",
		"lifetime pull", "(2000 apps, 20000 modules from a loopback LifeTime over HTTPS"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in:\n%s", want, text)
		}
	}
	var header, row []string
	for _, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) > 1 && f[0] == "tier" && f[1] == "modules" && header == nil:
			header = f
		case len(f) > 0 && f[0] == "S" && row == nil:
			row = f // the table's row; target lines start with the tier's name too
		}
	}
	// One value per column ("RSS MiB" is one column in two words), and the tier's size.
	if len(header) == 0 || len(row) != len(header)-1 || row[1] != "1000" {
		t.Fatalf("header %q, row of tier S %q\n%s", header, row, text)
	}
}
