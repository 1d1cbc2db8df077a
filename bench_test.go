package zonegen_test

import (
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/zonegen/zonegen/generators"
	"github.com/zonegen/zonegen/internal/benchsrc"
	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// Benchmarks of each stage after jsonnet (BenchmarkEvaluate in jsonnet/ is the floor), on
// the bench source's S and M tiers, for benchstat across commits:
//
//	go test . -run '^$' -bench . -benchtime 3x -count 5 > new.txt
//	benchstat old.txt new.txt
//
// `make bench` (internal/benchmark) times the same stages as ratios to the floor.

var benchTiers = []benchsrc.Tier{benchsrc.S, benchsrc.M}

// stageInput is what each stage of a tier starts from, built once per test binary: the
// evaluated JSON, the decoded spec, the plan and the rendered files.
type stageInput struct {
	json  []byte
	spec  *topology.Spec
	plan  *topology.Plan
	files []output.File
}

var (
	inputsMu sync.Mutex
	inputs   = map[string]*stageInput{}
)

func tierInput(b *testing.B, t benchsrc.Tier) *stageInput {
	b.Helper()
	inputsMu.Lock()
	defer inputsMu.Unlock()
	if in, ok := inputs[t.Name]; ok {
		return in
	}
	data, err := benchsrc.Evaluate(t, 0)
	if err != nil {
		b.Fatal(err)
	}
	spec, report := topology.Decode(data)
	if err := report.Err(); err != nil {
		b.Fatal(err)
	}
	plan, report := topology.Resolve(spec, filepath.Base(benchsrc.SourcePath))
	if err := report.Err(); err != nil {
		b.Fatal(err)
	}
	files, err := generators.Run(plan, templates.MustDefault(), nil)
	if err != nil {
		b.Fatal(err)
	}
	in := &stageInput{json: data, spec: spec, plan: plan, files: files}
	inputs[t.Name] = in
	return in
}

// eachTier runs fn as a sub-benchmark per tier, reporting bytes/op as the size of what the
// stage handles so that MB/s compares tiers.
func eachTier(b *testing.B, fn func(b *testing.B, in *stageInput)) {
	for _, t := range benchTiers {
		b.Run(t.Name, func(b *testing.B) { fn(b, tierInput(b, t)) })
	}
}

func totalBytes(files []output.File) int64 {
	var n int64
	for _, f := range files {
		n += int64(len(f.Data))
	}
	return n
}

func BenchmarkDecode(b *testing.B) {
	eachTier(b, func(b *testing.B, in *stageInput) {
		b.SetBytes(int64(len(in.json)))
		for b.Loop() {
			if _, report := topology.Decode(in.json); !report.OK() {
				b.Fatal(report.Err())
			}
		}
	})
}

func BenchmarkResolve(b *testing.B) {
	eachTier(b, func(b *testing.B, in *stageInput) {
		b.SetBytes(int64(len(in.json)))
		for b.Loop() {
			if _, report := topology.Resolve(in.spec, "bench.jsonnet"); !report.OK() {
				b.Fatal(report.Err())
			}
		}
	})
}

// BenchmarkRender includes parsing the templates, as every zonegen run does.
func BenchmarkRender(b *testing.B) {
	eachTier(b, func(b *testing.B, in *stageInput) {
		b.SetBytes(totalBytes(in.files))
		for b.Loop() {
			tpl, err := templates.New("")
			if err != nil {
				b.Fatal(err)
			}
			if _, err := generators.Run(in.plan, tpl, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkWrite writes the whole tree into a fresh folder each time (zonegen generate on
// a new checkout). The folders are removed only at the end: deleting thousands of files
// between iterations slows the next one's journal commits (ext4 with discard).
func BenchmarkWrite(b *testing.B) {
	eachTier(b, func(b *testing.B, in *stageInput) {
		b.SetBytes(totalBytes(in.files))
		base := b.TempDir()
		i := 0
		for b.Loop() {
			dir := filepath.Join(base, strconv.Itoa(i))
			i++
			res, err := output.Write(dir, in.files, output.WriteOptions{})
			if err != nil {
				b.Fatal(err)
			}
			if len(res.Created) != len(in.files) {
				b.Fatalf("created %d files, want %d", len(res.Created), len(in.files))
			}
		}
	})
}

// BenchmarkNoopWrite regenerates into a folder that is already up to date: nothing may be
// created, updated or pruned.
func BenchmarkNoopWrite(b *testing.B) {
	eachTier(b, func(b *testing.B, in *stageInput) {
		b.SetBytes(totalBytes(in.files))
		dir := b.TempDir()
		if _, err := output.Write(dir, in.files, output.WriteOptions{}); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			res, err := output.Write(dir, in.files, output.WriteOptions{})
			if err != nil {
				b.Fatal(err)
			}
			if n := len(res.Created) + len(res.Updated) + len(res.Pruned); n != 0 {
				b.Fatalf("a no-op regenerate changed %d files", n)
			}
		}
	})
}

// BenchmarkCheck is zonegen check's work after rendering, the yardstick of the no-op.
func BenchmarkCheck(b *testing.B) {
	eachTier(b, func(b *testing.B, in *stageInput) {
		b.SetBytes(totalBytes(in.files))
		dir := b.TempDir()
		if _, err := output.Write(dir, in.files, output.WriteOptions{}); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			c, err := output.Compare(dir, in.files, output.Scope{})
			if err != nil {
				b.Fatal(err)
			}
			if c.Check().Drift() {
				b.Fatal("drift in a folder just written")
			}
		}
	})
}
