package lifetime_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/zonegen/zonegen/internal/lifetime"
	"github.com/zonegen/zonegen/internal/lifetime/lifetimetest"
)

// BenchmarkPull reads 2,000 apps and 20,000 modules from a loopback LifeTime, maps them
// and renders the file: the target is well under two seconds a pull. heap-MiB is
// the heap in use with the result alive, after a collection; the responses are bounded
// by Options.MaxResponse.
func BenchmarkPull(b *testing.B) {
	s := lifetimetest.StartWith(b, lifetimetest.Large(2000, 20000, lifetimetest.LargeHost))
	p, err := lifetimetest.LargePlan()
	if err != nil {
		b.Fatal(err)
	}
	c := client(b, s, nil)
	var table *lifetime.Table
	for b.Loop() {
		snap, err := c.Fetch(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if table, err = lifetime.Map(snap, p, nil); err != nil {
			b.Fatal(err)
		}
		lifetime.Render(table)
	}
	b.StopTimer()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MiB")
	if n := len(table.Envs[0].Apps); n != 2000 {
		b.Fatalf("%d apps", n)
	}
}
