#!/usr/bin/env bash
# soak: `make soak` / `scripts/soak.sh N` (issue 16). Runs `make test` N times (default 20)
# while a second copy of the suite (`go test -count=1 ./...`) runs beside it in a loop, as a
# CI machine shared with another job would, and prints each run, then the runs and failures of
# both. A test that fails one run in twenty is a defect: this is how to see one.
#
# Exit 0 when every run of both passed. Logs stay in the folder it prints (SOAK_LOGS to choose
# it). The second copy stops when the soak ends, also on Ctrl-C.
set -uo pipefail
cd "$(dirname "$0")/.."

n=${1:-20}
case "$n" in '' | *[!0-9]*) echo "usage: $0 [RUNS]" >&2; exit 2 ;; esac
logs=${SOAK_LOGS:-$(mktemp -d "${TMPDIR:-/tmp}/zonegen-soak.XXXXXX")}
mkdir -p "$logs"
GO=${GO:-go}

# The second copy, in a process group of its own so that one kill stops all of it. Its loop
# ends on its own once the soak's file says so, even if the kill below never comes.
touch "$logs/running"
setsid bash -c '
	i=0
	while [ -e "$0/running" ]; do
		i=$((i + 1))
		if "$1" test -count=1 ./... >"$0/beside-$i.log" 2>&1; then echo ok >>"$0/beside.results"
		elif [ -e "$0/running" ]; then echo "fail $i" >>"$0/beside.results"; fi
	done' "$logs" "$GO" &
beside=$!
stop() {
	rm -f "$logs/running"
	kill -- "-$beside" 2>/dev/null
	wait "$beside" 2>/dev/null
}
trap 'stop; exit 130' INT TERM

failed=0
start=$(date +%s)
for i in $(seq 1 "$n"); do
	t0=$(date +%s)
	if make --no-print-directory test >"$logs/run-$i.log" 2>&1; then
		verdict=ok
	else
		verdict=FAIL
		failed=$((failed + 1))
	fi
	printf 'run %2d/%d: %-4s %4ds  %s\n' "$i" "$n" "$verdict" $(($(date +%s) - t0)) "$logs/run-$i.log"
done
stop

beside_runs=0 beside_failed=0
if [ -f "$logs/beside.results" ]; then
	beside_runs=$(wc -l <"$logs/beside.results")
	beside_failed=$(grep -c '^fail' "$logs/beside.results")
fi
echo
echo "make test: $n runs, $failed failed; the suite beside it: $beside_runs runs, $beside_failed failed ($(($(date +%s) - start)) s, logs in $logs)"
[ "$failed" -eq 0 ] && [ "$beside_failed" -eq 0 ]
