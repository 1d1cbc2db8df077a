#!/usr/bin/env bash
# bench: `make bench` (issues 5 and 18). Times every stage of zonegen generate on the bench
# tiers S, M and L as ratios to the jsonnet floor, whole processes against the durable floor
# and the jsonnet -m peer, checks the targets (internal/benchmark), then runs
# the Go benchmarks of each stage briefly so that benchstat can compare commits:
#
#   go test ./jsonnet . -run '^$' -bench . -benchtime 3x -count 5 > new.txt
#   benchstat old.txt new.txt
#
# Pass flags through to the table, e.g. `./scripts/bench.sh -tiers S,M -reps 5 -strict`.
# Expects bin/zonegen (make bench builds it first).
set -euo pipefail
cd "$(dirname "$0")/.."

GO=${GO:-go}

# The peer's jsonnet CLI: go-jsonnet's own, at the version go.mod names (a tool directive).
"$GO" build -o bin/jsonnet github.com/google/go-jsonnet/cmd/jsonnet

echo "== stage timings (internal/benchmark)"
"$GO" run ./internal/benchmark -bin bin/zonegen -jsonnet bin/jsonnet "$@"

echo
echo "== Go benchmarks, S and M (-benchtime 3x; raise it and -count for benchstat)"
"$GO" test ./jsonnet -run '^$' -bench 'Evaluate' -benchtime 3x
"$GO" test . -run '^$' -bench . -benchtime 3x

echo
echo "== LifeTime pull: 2,000 apps and 20,000 modules from a loopback LifeTime (ns/op, B/op, heap in use after)"
"$GO" test ./internal/lifetime -run '^$' -bench Pull -benchtime 3x -benchmem
