//go:build linux

package main

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/zonegen/zonegen/internal/testfs"
	"github.com/zonegen/zonegen/output"
)

// TestGenerateSurvivesSIGKILL is the "hostile and broken input" crash test: zonegen
// generate, alternating between two sources, is killed with SIGKILL at random points of
// its run, over and over. After every kill each output file holds one source's version
// of it, and every output file is listed in the manifest or the journal with the hash of
// its bytes (the invariant of package output). Every run that was not killed, and the
// uninterrupted run after a series of kills, succeeds without --force, taking over the
// lock the killed run left, and leaves exactly one source's reference tree.
func TestGenerateSurvivesSIGKILL(t *testing.T) {
	const runs = 50
	bin := buildFaultBinary(t)
	work := t.TempDir()
	sources := faultSources(t, work)
	for _, src := range sources {
		if code, _, stderr := faultRun(t, bin, work, "validate", "-f", src); code != 0 {
			t.Fatalf("%s does not validate: %s", src, stderr)
		}
	}

	// Render both trees once, into clean folders, timing the runs to size the kill window.
	var refs [2]map[string]string
	var slowest time.Duration
	for i, src := range sources {
		ref := filepath.Join(work, "ref"+strconv.Itoa(i))
		start := time.Now()
		if code, _, stderr := faultRun(t, bin, work, "generate", "-f", src, "-o", ref); code != 0 {
			t.Fatalf("reference render of %s: %s", src, stderr)
		}
		slowest = max(slowest, time.Since(start))
		refs[i] = faultTree(t, ref)
		delete(refs[i], output.CacheName) // stamps of this folder's files, not of out's
	}
	assertVariantsDiffer(t, refs)

	// The write phase starts after the source is evaluated (about 30 ms here) and lasts
	// as long as the fsyncs take, so the kill delay spans a whole run: some runs die
	// before writing, some while renaming, some finish. Capped so the test stays short.
	window := min(max(slowest, 30*time.Millisecond), 200*time.Millisecond)
	rng := rand.New(rand.NewPCG(20260, 11))
	out := filepath.Join(work, "out")
	var killed, journals, takeovers, upToDate int
	var lastPID int
	finish := func() {
		t.Helper()
		v := rng.IntN(2)
		_, lockErr := os.Stat(filepath.Join(out, output.LockName))
		code, _, stderr := faultRun(t, bin, work, "generate", "-f", sources[v], "-o", out)
		if code != 0 {
			t.Fatalf("uninterrupted run after a kill: exit %d without --force:\n%s", code, stderr)
		}
		if lockErr == nil {
			if !strings.Contains(stderr, "took over stale lock") {
				t.Errorf("the killed run's lock was not taken over:\n%s", stderr)
			}
			takeovers++
		}
		assertExactTree(t, out, refs[v])
	}

	for i := range runs {
		v := i % 2
		delay := time.Duration(rng.Int64N(int64(window)))
		state, pid, stderr := faultKilledRun(t, bin, work, delay, "generate", "-f", sources[v], "-o", out)
		lastPID = pid
		switch {
		case state.Exited() && state.ExitCode() != 0:
			t.Fatalf("run %d (source %d) failed on its own after earlier kills:\n%s", i, v, stderr)
		case !state.Exited():
			killed++
		}
		if _, err := os.Stat(filepath.Join(out, output.JournalName)); err == nil {
			journals++
		}
		assertCrashConsistent(t, out, refs)
		upToDate += assertRecordTrue(t, bin, work, out, sources)
		if t.Failed() {
			t.Fatalf("after run %d (source %d, killed after %v)", i, v, delay)
		}
		if i%5 == 4 {
			finish()
		}
	}
	finish()
	t.Logf("%d runs, %d killed (%d left a journal), %d stale locks taken over, %d checks up to date after a run; kill window %v",
		runs, killed, journals, takeovers, upToDate, window)

	// A lock naming a dead zonegen (the last one killed above, reaped) never blocks a run.
	if err := os.WriteFile(filepath.Join(out, output.LockName), []byte(strconv.Itoa(lastPID)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	finish()
}

// faultSources writes the bundled example (source 0) and a variant of it (source 1) in
// which an app moves to another zone, one zone gets a load balancer (new lb files, pruned
// again on the way back) and another zone's load balancer is renamed.
func faultSources(t *testing.T, dir string) [2]string {
	t.Helper()
	acme, err := os.ReadFile("../../jsonnet/examples/acme.jsonnet")
	if err != nil {
		t.Fatal(err)
	}
	variant := string(acme)
	for _, r := range [][2]string{
		{"SalesMobile: zg.app('DZ2', mobile=true)", "SalesMobile: zg.app('DZ1', mobile=true)"},
		{"DZ2: zg.farm(dz2),", "DZ2: zg.farm(dz2, 'prod-lb2.acme.example', { egress: '10.0.3.4' }),"},
		{"zg.farm(dz1, 'prod-lb1.acme.example',", "zg.farm(dz1, 'prod-lb7.acme.example',"},
	} {
		if strings.Count(variant, r[0]) != 1 {
			t.Fatalf("acme.jsonnet no longer holds %q once; update the variant", r[0])
		}
		variant = strings.Replace(variant, r[0], r[1], 1)
	}
	// Both import zonegen.libsonnet, which is embedded, so each file stands alone.
	names := [2]string{"a.jsonnet", "b.jsonnet"}
	for i, text := range []string{string(acme), variant} {
		if err := os.WriteFile(filepath.Join(dir, names[i]), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return names
}

// assertVariantsDiffer makes sure going from one tree to the other creates, updates and
// prunes files, so that the kills land in every kind of step.
func assertVariantsDiffer(t *testing.T, refs [2]map[string]string) {
	t.Helper()
	var onlyB, updated int
	for p, b := range refs[1] {
		a, ok := refs[0][p]
		switch {
		case !ok:
			onlyB++
		case a != b && p != output.ManifestName:
			updated++
		}
	}
	if onlyB == 0 || updated == 0 {
		t.Fatalf("the variant creates %d files and updates %d; want both", onlyB, updated)
	}
}

// assertCrashConsistent checks the output folder after a run that may have been killed:
// every file is zonegen bookkeeping or one source's version of that path, and every
// output file is listed in the manifest or the journal with the sha256 of its bytes.
func assertCrashConsistent(t *testing.T, dir string, refs [2]map[string]string) {
	t.Helper()
	got := faultTree(t, dir)
	manifest := faultList(t, dir, output.ManifestName)
	journal := faultList(t, dir, output.JournalName)
	for p, content := range got {
		if isBookkeeping(p) {
			continue
		}
		if content != refs[0][p] && content != refs[1][p] {
			t.Errorf("%s is neither source's version (%d bytes): a partial or foreign file", p, len(content))
		}
		h := output.Hash([]byte(content))
		if manifest[p] != h && journal[p] != h {
			t.Errorf("%s on disk hashes to neither its manifest entry nor its journal entry", p)
		}
	}
}

// assertRecordTrue checks that the no-op record a killed run may have left behind never
// claims more than is true: when check trusts it (up to date for a source, without
// evaluating), a check that builds must agree.
// It returns how many sources it found up to date.
func assertRecordTrue(t *testing.T, bin, work, dir string, sources [2]string) int {
	t.Helper()
	clean := 0
	for _, src := range sources {
		if code, _, _ := faultRun(t, bin, work, "check", "-f", src, "-o", dir); code != 0 {
			continue
		}
		clean++
		if code, stdout, _ := faultRun(t, bin, work, "check", "--no-cache", "-f", src, "-o", dir); code != 0 {
			t.Errorf("check says %s is up to date for %s by its no-op record, but a build finds:\n%s", dir, src, stdout)
		}
	}
	return clean
}

// isBookkeeping reports whether p is something zonegen keeps besides its output: the
// manifest and journal, the no-op record, the lock (or one set aside during a takeover), a
// temp file a killed run left (named .zonegen-tmp-*, removed by the next run), a staging
// folder.
func isBookkeeping(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	return p == output.ManifestName || p == output.JournalName || p == output.CacheName ||
		strings.HasPrefix(p, output.LockName) ||
		strings.HasPrefix(filepath.Base(p), ".zonegen-tmp-") ||
		strings.HasPrefix(first, ".zonegen-staging-")
}

// assertExactTree checks that dir holds exactly ref: the same files, manifest included,
// byte for byte; no journal, lock or temp file.
func assertExactTree(t *testing.T, dir string, ref map[string]string) {
	t.Helper()
	got := faultTree(t, dir)
	for p, want := range ref {
		if got[p] != want {
			t.Errorf("%s differs from the reference render", p)
		}
	}
	for p := range got {
		if _, ok := ref[p]; !ok && p != output.CacheName {
			t.Errorf("%s is left over after an uninterrupted run", p)
		}
	}
}

// faultList reads the manifest or the journal (same format) as path → sha256.
func faultList(t *testing.T, dir, name string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	m, err := output.ParseManifest(data, name)
	if err != nil {
		t.Fatalf("%s is not whole: %v", name, err)
	}
	out := map[string]string{}
	for _, e := range m.Entries {
		out[e.Path] = e.SHA256
	}
	return out
}

// faultTree returns every regular file under dir; none when dir does not exist yet.
var faultTree = testfs.ReadTree

// buildFaultBinary builds zonegen once into a temp folder: the test kills a real process.
func buildFaultBinary(t *testing.T) string {
	t.Helper()
	faultBinary.once.Do(func() {
		gobin, err := exec.LookPath("go") // go test puts GOROOT/bin first in PATH
		if err != nil {
			faultBinary.err = fmt.Errorf("go not found to build zonegen: %v", err)
			return
		}
		dir, err := os.MkdirTemp("", "zonegen-test-bin")
		if err != nil {
			faultBinary.err = err
			return
		}
		faultBinary.path = filepath.Join(dir, "zonegen")
		if out, err := exec.Command(gobin, "build", "-o", faultBinary.path, ".").CombinedOutput(); err != nil {
			faultBinary.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if faultBinary.err != nil {
		t.Fatal(faultBinary.err)
	}
	return faultBinary.path
}

// faultBinary is built once per test binary, for every test that runs zonegen as a
// process; TestMain removes it.
var faultBinary struct {
	once sync.Once
	path string
	err  error
}

func TestMain(m *testing.M) {
	// Main in a test under `ulimit -v` evaluates in a copy of the test binary.
	if os.Getenv(childEnv) == "1" {
		os.Exit(evaluationChild(os.Stdin, os.Stdout, os.Stderr))
	}
	code := m.Run()
	if faultBinary.path != "" {
		os.RemoveAll(filepath.Dir(faultBinary.path))
	}
	os.Exit(code)
}

// faultCommand prepares bin in dir with an environment free of ZONEGEN_* settings; it
// dies with the test (Pdeathsig).
func faultCommand(bin, dir string, args ...string) (*exec.Cmd, *strings.Builder, *strings.Builder) {
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "ZONEGEN_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	return cmd, &stdout, &stderr
}

// faultRun runs bin to completion and returns its exit status and output.
func faultRun(t *testing.T, bin, dir string, args ...string) (int, string, string) {
	t.Helper()
	cmd, stdout, stderr := faultCommand(bin, dir, args...)
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("run zonegen %v: %v", args, err)
	}
	return cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()
}

// faultKilledRun starts bin, sends SIGKILL after delay unless it finished first, and
// reaps it. It returns how the process ended, its pid and its stderr.
func faultKilledRun(t *testing.T, bin, dir string, delay time.Duration, args ...string) (*os.ProcessState, int, string) {
	t.Helper()
	cmd, _, stderr := faultCommand(bin, dir, args...)
	if err := cmd.Start(); err != nil {
		t.Fatalf("start zonegen: %v", err)
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait() // the state says whether it exited or was killed
		close(exited)
	}()
	select {
	case <-exited:
	case <-time.After(delay):
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
			t.Errorf("kill zonegen: %v", err)
		}
		<-exited
	}
	return cmd.ProcessState, cmd.Process.Pid, stderr.String()
}
