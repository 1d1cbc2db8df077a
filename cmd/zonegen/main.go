// Command zonegen turns one jsonnet source describing an OutSystems 11 on-premises
// infrastructure into every network file it needs. See README.md.
package main

import (
	"context"
	"os"
)

func main() {
	os.Exit(Main(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}
