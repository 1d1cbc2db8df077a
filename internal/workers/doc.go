// Package workers owns the one way zonegen spreads independent jobs over the machine's
// cores: up to GOMAXPROCS goroutines pull job numbers in order until none are left.
// Callers keep their results in slices indexed by job, so what they build from them is
// as deterministic as a loop.
package workers
