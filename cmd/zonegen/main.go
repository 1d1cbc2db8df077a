// Command zonegen turns one jsonnet source describing an OutSystems 11 on-premises
// infrastructure into every network file it needs. See README.md.
package main

import (
	"context"
	"os"
	"runtime/debug"
)

// gcPercent is the GC's target for a zonegen process. A run is short and its heap is
// mostly jsonnet's garbage, so collecting at 5× the live heap instead of 2× takes about a
// tenth off a fresh generate of the M bench tier (338 to 290 ms on 2 cores, tmpfs) for
// 92 to 142 MiB peak RSS. The build's soft limit, just below the memory bound
// (bounds.go), still collects harder before a large source could reach it. A GOGC of the
// user's wins.
const gcPercent = 400

func main() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv(childEnv) == "1" {
		os.Exit(evaluationChild(os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(Main(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}
