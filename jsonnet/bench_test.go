package jsonnet

import (
	"strconv"
	"testing"
)

// BenchmarkEvaluate evaluates the bench source's S and M tiers in one piece (workers=1) and
// with the environments in parallel (workers=0: GOMAXPROCS).
//
//	go test ./jsonnet -run '^$' -bench Evaluate -benchtime 5x
func BenchmarkEvaluate(b *testing.B) {
	for _, tier := range []string{"S", "M"} {
		for _, workers := range []int{1, 0} {
			name := tier + "/workers=" + strconv.Itoa(workers)
			b.Run(name, func(b *testing.B) {
				opts := Options{ExtStr: benchTiers[tier], Workers: workers}
				var size int
				for b.Loop() {
					out, err := EvaluateFile(benchSource, opts)
					if err != nil {
						b.Fatal(err)
					}
					size = len(out)
				}
				b.SetBytes(int64(size))
			})
		}
	}
}
