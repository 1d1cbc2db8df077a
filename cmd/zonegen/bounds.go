package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"

	"github.com/zonegen/zonegen/internal/terminal"
)

// Evaluation bounds (issue 12). go-jsonnet has no memory limit and no way to stop an
// evaluation: `std.range(1, 3e8)` took 6 GB and ended in a runtime dump. So a build runs
// under a watchdog that samples the live heap (runtime/metrics, no stop-the-world) every
// watchInterval and watches the clock; past either bound it prints what happened and ends
// the process with exit 2. Ending the process is the one way to stop the evaluator, and it
// is safe there: a build only evaluates, validates and renders in memory, the output folder
// and the lab are touched after it returns, when the watchdog is already stopped. During
// the build the GC's soft limit (debug.SetMemoryLimit) is set just below the bound, so
// garbage is collected before it could be mistaken for a live heap over the bound. The
// memory bound is the lower of --max-memory and half of the machine's limits (memlimit.go):
// past those the runtime itself would end the process with a dump.
const watchInterval = 20 * time.Millisecond

const heapMetric = "/memory/classes/heap/objects:bytes"

// exitProcess ends the process when a bound is exceeded.
var exitProcess = os.Exit

// bounded runs build under the --max-memory and --timeout bounds.
func bounded[T any](c *Config, stderr io.Writer, build func() (T, error)) (T, error) {
	mem := boundMemory(c.MaxMemoryMiB, machineLimits())
	if mem.bytes <= 0 && c.Timeout <= 0 {
		return build()
	}
	limit := mem.bytes
	if limit > 0 {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(limit / 10 * 9))
	}
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		start := time.Now()
		tick := time.NewTicker(watchInterval)
		defer tick.Stop()
		sample := []metrics.Sample{{Name: heapMetric}}
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			var why string
			switch {
			case limit > 0 && int64(sample[0].Value.Uint64()) > limit:
				why = fmt.Sprintf("evaluating %s needs more than %d MiB of memory (%s)", c.Source, limit>>20, mem.why)
			case c.Timeout > 0 && time.Since(start) > c.Timeout:
				why = fmt.Sprintf("evaluating %s takes longer than %s (--timeout)", c.Source, c.Timeout)
			}
			if why != "" {
				printBound(stderr, why)
				exitProcess(exitInvalid)
				return
			}
		}
	}()
	defer func() { close(done); <-stopped }()
	return build()
}

// printBound writes the message of a build stopped at a bound: why, and what to do.
func printBound(w io.Writer, why string) {
	fmt.Fprintf(w, "zonegen: %s; a loop or a range that large is likely a mistake in the source, otherwise raise the limit.\nnothing was written.\n", terminal.Escape(why))
}
