// Package property holds zonegen's property test, and nothing else: a seeded generator of
// random valid sources (environments, zones, apps, modules and proxies in random counts,
// with mixed-case, '-' and '_' names, every tls and balance mode, platform routing, health
// checks, single-server zones and IPv4 load balancers), each of which must load, render,
// pass `nginx -t` and `haproxy -c`, and route exactly as its source says (DESIGN.md R6).
//
// The run is reproducible: the same -seed gives the same sources. Vary it to explore:
//
//	go test ./property -seed=7 -topologies=1000
//
// A failing case names its subtest and seed, and logs its source as JSON.
package property
