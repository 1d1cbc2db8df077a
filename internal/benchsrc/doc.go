// Package benchsrc names the synthetic bench source (jsonnet/bench/bench.jsonnet) and its
// size tiers, so that the Go benchmarks (bench_test.go at the root) and `make bench`
// (internal/benchmark) measure exactly the same inputs.
package benchsrc
