package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/zonegen/zonegen/generators"
	"github.com/zonegen/zonegen/internal/benchsrc"
	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// The targets of issue 5, as ratios measured in one run.
const (
	maxTotalPerFloor = 1.25 // generate on M vs the jsonnet floor
	maxLPerM         = 5.5  // L has 5× M's modules: linear within 10%
	maxNoopPerCheck  = 1.1  // a no-op regenerate vs check
	maxSkipPerFloor  = 0.10 // issue 18: a no-op `zonegen generate` (no evaluation) vs bare evaluation, on M
	maxFreshPerFloor = 1.10 // issue 18: `zonegen generate` into a fresh folder vs bare evaluation + durable disk, on M
	minPeerPerFresh  = 8    // issue 18: the jsonnet -m peer vs `zonegen generate` into a fresh folder, at every tier
	maxRSSMiB        = 200  // generate on M
	maxProxyScale    = 1.5  // nginx -t / haproxy -c at 5,000 paths vs 2
	proxyPaths       = 5000
)

type config struct {
	tiers   []benchsrc.Tier
	reps    int
	bin     string // zonegen binary run in a child process for peak RSS
	jsonnet string // the jsonnet CLI that runs the peer; "": no peer
	tmp     string // parent of every folder the benchmark writes
	proxies bool
	strict  bool
}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(args []string, w io.Writer) error {
	fl := flag.NewFlagSet("benchmark", flag.ContinueOnError)
	tiers := fl.String("tiers", "S,M,L", "bench tiers to run, comma-separated")
	reps := fl.Int("reps", 3, "repetitions per figure; the median is reported")
	bin := fl.String("bin", "bin/zonegen", "zonegen binary for the child-process runs (peak RSS)")
	jsonnetBin := fl.String("jsonnet", "bin/jsonnet", `jsonnet CLI that runs the peer, jsonnet/bench/peer.jsonnet ("": no peer)`)
	tmp := fl.String("tmp", "", "folder for the generated trees (default: the system temp folder)")
	proxies := fl.Bool("proxies", true, "time nginx -t and haproxy -c at 2 and 5,000 paths when installed")
	strict := fl.Bool("strict", false, "exit 1 when a target is missed")
	if err := fl.Parse(args); err != nil {
		return err
	}
	cfg := config{reps: max(*reps, 1), proxies: *proxies, strict: *strict}
	for _, name := range strings.Split(*tiers, ",") {
		t, ok := benchsrc.Lookup(strings.TrimSpace(name))
		if !ok {
			return fmt.Errorf("unknown tier %q (have S, M, L)", name)
		}
		cfg.tiers = append(cfg.tiers, t)
	}
	var err error
	if cfg.bin, err = filepath.Abs(*bin); err != nil {
		return err
	}
	if _, err := os.Stat(cfg.bin); err != nil {
		return fmt.Errorf("zonegen binary: %w (run `make build`)", err)
	}
	if *jsonnetBin != "" {
		if cfg.jsonnet, err = filepath.Abs(*jsonnetBin); err != nil {
			return err
		}
		if _, err := os.Stat(cfg.jsonnet); err != nil {
			return fmt.Errorf("jsonnet CLI for the peer: %w (`make bench` builds it: go build -o bin/jsonnet github.com/google/go-jsonnet/cmd/jsonnet)", err)
		}
	}
	if cfg.tmp, err = os.MkdirTemp(*tmp, "zonegen-bench-"); err != nil {
		return err
	}
	defer os.RemoveAll(cfg.tmp)

	fmt.Fprintln(w, machine())
	fmt.Fprintf(w, "load average at start: %s\n\n", loadAverage())
	var results []*tierResult
	for _, t := range cfg.tiers {
		fmt.Fprintf(w, "tier %s ...\n", t.Name)
		r, err := benchTier(cfg, t)
		if err != nil {
			return fmt.Errorf("tier %s: %w", t.Name, err)
		}
		results = append(results, r)
	}
	var px []*proxyResult
	if cfg.proxies {
		if px, err = benchProxies(cfg); err != nil {
			return err
		}
	}
	fmt.Fprintln(w, "lifetime pull ...")
	lt, err := benchLifetime(cfg)
	if err != nil {
		return fmt.Errorf("lifetime pull: %w", err)
	}
	fmt.Fprintf(w, "load average at end: %s\n\n", loadAverage())
	printTable(w, cfg, results)
	fmt.Fprintln(w)
	printProcesses(w, results)
	fmt.Fprintln(w)
	missed := printTargets(w, results, px) + printLifetime(w, lt)
	if missed > 0 && cfg.strict {
		return fmt.Errorf("%d target(s) missed", missed)
	}
	return nil
}

// tierResult holds every repetition of every figure of one tier.
type tierResult struct {
	tier                                        benchsrc.Tier
	floor, eval, decode, resolve, render, write []time.Duration
	noop, check                                 []time.Duration
	// disk is the filesystem's own price for the tree: os.WriteFile of every file into a
	// fresh folder on the same disk, unsynced, with no zonegen code in the loop.
	disk []time.Duration
	// durable is disk plus one syncfs(2): what any tool pays to create the tree durably.
	durable []time.Duration
	// fresh is `zonegen generate --no-cache` into a fresh folder in a child process, the
	// whole command as a user runs it.
	fresh []time.Duration
	// regen and rssKiB are the wall time and peak RSS of `zonegen generate` regenerating
	// an up-to-date folder in a child process.
	regen  []time.Duration
	rssKiB []int64
	// skip is the wall time of `zonegen generate` run again right after regen, whose
	// no-op record lets it answer without evaluating (issue 18).
	skip []time.Duration
	// peer is the wall time of the jsonnet -m peer writing its files into a fresh folder;
	// peerFiles how many it wrote.
	peer           []time.Duration
	peerFiles      int
	modules, files int
	bytes          int64
	// noopTouched and noopBytes count the files (and their bytes) a no-op regenerate
	// created or replaced in the output folder, over all repetitions; noopSyscall is what it
	// passed to write(2) in all, bookkeeping included (the lock file's pid).
	noopTouched            int
	noopBytes, noopSyscall int64
}

// benchTier measures one tier. Each repetition runs every stage in pipeline order, so that
// a machine that gets busier half-way slows all figures alike rather than a few.
func benchTier(cfg config, t benchsrc.Tier) (*tierResult, error) {
	src, err := benchsrc.Source()
	if err != nil {
		return nil, err
	}
	r := &tierResult{tier: t}
	for rep := range cfg.reps {
		var floorJSON, data []byte
		if err := timed(&r.floor, func() (err error) {
			floorJSON, err = benchsrc.Evaluate(t, 1)
			return err
		}); err != nil {
			return nil, err
		}
		if err := timed(&r.eval, func() (err error) {
			data, err = benchsrc.Evaluate(t, 0)
			return err
		}); err != nil {
			return nil, err
		}
		// The same JSON value; the parallel path's whitespace is its own (jsonnet/parallel.go).
		var plain, par bytes.Buffer
		if json.Compact(&plain, floorJSON) != nil || json.Compact(&par, data) != nil || !bytes.Equal(plain.Bytes(), par.Bytes()) {
			return nil, errors.New("the parallel evaluation differs from the plain one")
		}

		var spec *topology.Spec
		if err := timed(&r.decode, func() error {
			var report *topology.Report
			spec, report = topology.Decode(data)
			return report.Err()
		}); err != nil {
			return nil, err
		}
		var plan *topology.Plan
		if err := timed(&r.resolve, func() error {
			var report *topology.Report
			plan, report = topology.Resolve(spec, filepath.Base(src))
			return report.Err()
		}); err != nil {
			return nil, err
		}
		var files []output.File
		if err := timed(&r.render, func() error {
			tpl, err := templates.New("")
			if err != nil {
				return err
			}
			files, err = generators.Run(plan, tpl, nil)
			return err
		}); err != nil {
			return nil, err
		}
		r.modules, r.files, r.bytes = countModules(plan), len(files), 0
		for _, f := range files {
			r.bytes += int64(len(f.Data))
		}

		dir := filepath.Join(cfg.tmp, fmt.Sprintf("%s-%d", t.Name, rep))
		if err := timed(&r.disk, func() error { return writePlain(dir+"-plain", files) }); err != nil {
			return nil, err
		}
		// Every figure that syncs starts from a clean page cache (settle), so that its
		// syncfs(2) flushes its own tree only, not the one written before it.
		if err := settle(cfg); err != nil {
			return nil, err
		}
		if err := timed(&r.durable, func() error {
			if err := writePlain(dir+"-durable", files); err != nil {
				return err
			}
			return syncDir(dir + "-durable")
		}); err != nil {
			return nil, err
		}
		elapsed, err := freshProcess(cfg, src, t, dir+"-fresh")
		if err != nil {
			return nil, err
		}
		r.fresh = append(r.fresh, elapsed)
		if cfg.jsonnet != "" {
			if elapsed, r.peerFiles, err = peerProcess(cfg, src, t, dir+"-peer"); err != nil {
				return nil, err
			}
			r.peer = append(r.peer, elapsed)
		}
		if err := settle(cfg); err != nil { // the peer's files
			return nil, err
		}
		if err := timed(&r.write, func() error {
			res, err := output.Write(dir, files, output.WriteOptions{})
			if err == nil && len(res.Created) != len(files) {
				err = fmt.Errorf("write created %d of %d files", len(res.Created), len(files))
			}
			return err
		}); err != nil {
			return nil, err
		}
		if err := noop(r, dir, files); err != nil {
			return nil, err
		}
		if err := timed(&r.check, func() error {
			c, err := output.Compare(dir, files, output.Scope{})
			if err == nil && c.Check().Drift() {
				err = errors.New("check found drift in a folder just written")
			}
			return err
		}); err != nil {
			return nil, err
		}

		// zonegen generate as a user runs it, in a child process so that its peak RSS is
		// its own: regenerating the folder just written, which holds every stage in memory
		// at once plus the bytes on disk it compares with.
		elapsed, rss, err := generateProcess(cfg, src, t, dir)
		if err != nil {
			return nil, err
		}
		r.regen, r.rssKiB = append(r.regen, elapsed), append(r.rssKiB, rss)
		// Again: regen saved the no-op record, so this run evaluates nothing.
		if elapsed, _, err = generateProcess(cfg, src, t, dir); err != nil {
			return nil, err
		}
		r.skip = append(r.skip, elapsed)
		// The folder stays until the end: deleting thousands of files costs the next
		// write a slower journal commit (ext4 mounted with discard, here), which a user's
		// generate never pays.
	}
	return r, nil
}

// settle makes everything the benchmark wrote so far durable, untimed.
func settle(cfg config) error { return syncDir(cfg.tmp) }

// writePlain writes files under dir the plainest way: the disk's floor for this tree.
func writePlain(dir string, files []output.File) error {
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// total is what zonegen generate costs into a fresh folder: the stages it runs, one after
// the other, each at its median.
func (r *tierResult) total() time.Duration {
	return median(r.eval) + median(r.decode) + median(r.resolve) + median(r.render) + median(r.write)
}

// timed runs fn after a GC (so that one stage's garbage is not collected on the next
// one's clock) and appends its wall time to d.
func timed(d *[]time.Duration, fn func() error) error {
	runtime.GC()
	start := time.Now()
	err := fn()
	*d = append(*d, time.Since(start))
	return err
}

// noop regenerates into dir, which already holds files, and records how long it took and
// what it wrote: files whose size or modification time changed, and write(2) bytes.
func noop(r *tierResult, dir string, files []output.File) error {
	before, err := snapshot(dir)
	if err != nil {
		return err
	}
	wchar := writtenBytes()
	var res *output.Result
	if err := timed(&r.noop, func() (err error) {
		res, err = output.Write(dir, files, output.WriteOptions{})
		return err
	}); err != nil {
		return err
	}
	if wchar >= 0 {
		r.noopSyscall += writtenBytes() - wchar
	}
	after, err := snapshot(dir)
	if err != nil {
		return err
	}
	touched := 0
	for p, fi := range after {
		if old, ok := before[p]; !ok || old != fi {
			touched++
			r.noopBytes += fi.size
		}
	}
	// A pruned file leaves no stamp behind: count what Write says it did too.
	r.noopTouched += max(touched, len(res.Created)+len(res.Updated)+len(res.Pruned))
	return nil
}

type fileStamp struct {
	size  int64
	mtime int64
}

// snapshot records the size and modification time of every file under dir.
func snapshot(dir string) (map[string]fileStamp, error) {
	out := map[string]fileStamp{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		out[p] = fileStamp{fi.Size(), fi.ModTime().UnixNano()}
		return nil
	})
	return out, err
}

// childCommand prepares bin/zonegen with args, its output collected in the buffer. A
// zonegen.yaml or ZONEGEN_* variable of the caller's must not change what is measured.
func childCommand(cfg config, args []string) (*exec.Cmd, *bytes.Buffer) {
	cmd := exec.Command(cfg.bin, args...)
	cmd.Dir = cfg.tmp
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "ZONEGEN_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	configureChild(cmd)
	return cmd, &out
}

// runTimed runs cmd and returns its wall time. This process's freed memory is returned to
// the system first: the Go scavenger doing it in the background took a core from the
// child, 30 ms of a 290 ms generate on M.
func runTimed(cmd *exec.Cmd) (time.Duration, error) {
	debug.FreeOSMemory()
	start := time.Now()
	err := cmd.Run()
	return time.Since(start), err
}

// freshProcess runs `zonegen generate --no-cache` on the tier into dir, which does not
// exist, and returns its wall time.
func freshProcess(cfg config, src string, t benchsrc.Tier, dir string) (time.Duration, error) {
	cmd, out := childCommand(cfg, append([]string{"generate", "--no-cache", "-f", src, "-o", dir}, t.Args()...))
	elapsed, err := runTimed(cmd)
	if err != nil {
		return 0, fmt.Errorf("zonegen generate: %w\n%s", err, out.String())
	}
	return elapsed, nil
}

// peerProcess runs the peer on the tier into dir, which does not exist, and returns its
// wall time and the number of files it wrote.
func peerProcess(cfg config, src string, t benchsrc.Tier, dir string) (time.Duration, int, error) {
	cmd := exec.Command(cfg.jsonnet, t.PeerArgs(src, dir)...)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	configureChild(cmd)
	elapsed, err := runTimed(cmd)
	if err != nil {
		return 0, 0, fmt.Errorf("peer (jsonnet -m): %w\n%s", err, stderr.String())
	}
	return elapsed, bytes.Count(out.Bytes(), []byte("\n")), nil
}

// generateProcess runs `zonegen generate` on the tier into dir, which is up to date, and
// returns its wall time and peak RSS in KiB; a run that changes anything is an error.
func generateProcess(cfg config, src string, t benchsrc.Tier, dir string) (time.Duration, int64, error) {
	cmd, out := childCommand(cfg, append([]string{"generate", "-f", src, "-o", dir}, t.Args()...))
	elapsed, err := runTimed(cmd)
	if err != nil {
		return 0, 0, fmt.Errorf("zonegen generate: %w\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), ": 0 created, 0 updated,") || !strings.Contains(out.String(), " 0 pruned") {
		return 0, 0, fmt.Errorf("zonegen generate changed an up-to-date folder:\n%s", out.String())
	}
	return elapsed, maxRSSKiB(cmd.ProcessState), nil
}

func countModules(plan *topology.Plan) int {
	n := 0
	for _, e := range plan.Environments {
		for _, a := range e.Apps {
			n += len(a.Modules)
		}
	}
	return n
}

// median of the durations (the lower middle one for an even count).
func median[T int64 | time.Duration](xs []T) T {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// machine describes where the numbers come from.
func machine() string {
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	return fmt.Sprintf("machine: %d CPUs (GOMAXPROCS %d), %s, %s %s/%s",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), cpu, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
