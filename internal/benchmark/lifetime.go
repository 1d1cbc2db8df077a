package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"time"

	"github.com/zonegen/zonegen/internal/lifetime"
	"github.com/zonegen/zonegen/internal/lifetime/lifetimetest"
)

// The LifeTime sync target (issue 13): a pull of 2,000 apps and 20,000 modules from a
// loopback LifeTime well under two seconds, with bounded memory.
const (
	lifetimeApps    = 2000
	lifetimeModules = 20000
	maxLifetimePull = 2 * time.Second
)

type lifetimeResult struct {
	pull    []time.Duration
	cpu     []time.Duration // user + system time of this process (client and server) per pull
	heapMiB float64         // heap in use after a collection, with the last table alive
	bytes   int             // size of the pulled file
}

// benchLifetime times what `zonegen lifetime pull` does after reading the source: the
// four API reads over HTTPS, the mapping and the rendering.
func benchLifetime(cfg config) (*lifetimeResult, error) {
	s, err := lifetimetest.Serve(lifetimetest.Large(lifetimeApps, lifetimeModules, lifetimetest.LargeHost), cfg.tmp)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	plan, err := lifetimetest.LargePlan()
	if err != nil {
		return nil, err
	}
	c, err := lifetime.New(lifetime.Options{URL: s.URL, Token: s.Token, CAFile: s.CAFile})
	if err != nil {
		return nil, err
	}
	r := &lifetimeResult{}
	var table *lifetime.Table
	for range cfg.reps {
		cpu0 := cpuTime()
		if err := timed(&r.pull, func() error {
			snap, err := c.Fetch(context.Background())
			if err != nil {
				return err
			}
			if table, err = lifetime.Map(snap, plan, nil); err != nil {
				return err
			}
			r.bytes = len(lifetime.Render(table))
			return nil
		}); err != nil {
			return nil, err
		}
		r.cpu = append(r.cpu, cpuTime()-cpu0)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	r.heapMiB = float64(ms.HeapInuse) / (1 << 20)
	runtime.KeepAlive(table)
	return r, nil
}

// printLifetime writes the LifeTime figure and target; it returns 1 when missed.
func printLifetime(w io.Writer, r *lifetimeResult) int {
	d := median(r.pull)
	mark, missed := "✓", 0
	if d > maxLifetimePull {
		mark, missed = "✗", 1
	}
	fmt.Fprintf(w, "  lifetime pull      %5.0f ms ≤ %.0f  (%d apps, %d modules from a loopback LifeTime over HTTPS; CPU %.0f ms, server included; file %.1f MB; heap in use after %.0f MiB) %s\n",
		ms(d), ms(maxLifetimePull), lifetimeApps, lifetimeModules, ms(median(r.cpu)), float64(r.bytes)/1e6, r.heapMiB, mark)
	return missed
}
