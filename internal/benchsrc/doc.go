// Package benchsrc names the synthetic bench source (jsonnet/bench/bench.jsonnet) and its
// size tiers, so that the Go benchmarks (pipeline/bench_test.go) and `make bench`
// (internal/benchmark) measure exactly the same inputs.
package benchsrc
