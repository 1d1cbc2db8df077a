package jsonnet

// BenchTiers exposes the bench tiers to the external tests in example_test.go.
var BenchTiers = benchTiers
