// Command benchmark is `make bench`: it times every stage of zonegen generate on the bench
// source's tiers (jsonnet/bench/bench.jsonnet, see internal/benchsrc) against the floor, a
// plain single-VM jsonnet evaluation of the same source in the same process, and prints the
// targets of issue 5 as ratios measured in one run:
//
//   - generate on M costs at most 1.25× the floor; L costs at most 5.5× M (linear);
//   - a no-op regenerate writes 0 bytes and costs at most 1.1× check;
//   - generate on M peaks at no more than 200 MiB (bin/zonegen regenerating the tier's
//     folder in a child process: the RSS of a run, not of this benchmark);
//   - nginx -t and haproxy -c on a proxy with 5,000 paths cost at most 1.5× the same proxy
//     with 2 (notes/proxies.md);
//   - and issue 18's, whole processes on M: `zonegen generate` into a fresh folder costs at
//     most 1.10× the floor plus the durable floor (the tree written and one syncfs), and a
//     no-op generate (its record answers without evaluating) at most 0.10× the floor; at
//     every tier, the peer a team would write instead (jsonnet/bench/peer.jsonnet, run by
//     go-jsonnet's own CLI with -S -m, which -jsonnet names) is at least 8× slower than
//     that generate. A second table shows these whole processes at every tier.
//
// Every figure is the median of -reps repetitions. Nothing here is a test: wall-clock
// targets belong to this report, never to `make test`.
//
//	go run ./internal/benchmark -bin bin/zonegen -jsonnet bin/jsonnet [-tiers S,M,L] [-reps 3]
package main
