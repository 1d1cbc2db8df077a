#!/usr/bin/env bash
# fuzz.sh — run every Go fuzz target of the module for a bounded time (make fuzz).
#
#   FUZZTIME=30s   time per target (any `go test -fuzztime` value, e.g. 2m or 100000x)
#   FUZZ=Merge     only the targets whose name matches this regular expression
#
# Targets run one at a time, package by package, each with every CPU. A crash fails its
# target; Go saves the input under <package>/testdata/fuzz/<Target>/, where it becomes a
# regression test that `make test` runs: commit it with the fix. The run goes on with the
# other targets and exits 1 if any failed. Not part of `make test`, which runs the seed
# corpora only.
set -euo pipefail
cd "$(dirname "$0")/.."

GO="${GO:-go}"
FUZZTIME="${FUZZTIME:-30s}"
FUZZ="${FUZZ:-.}"

# "<package dir> <target>" for every `func FuzzX(f *testing.F)` in a test file, sorted.
mapfile -t targets < <(
	grep -rE --include='*_test.go' -o '^func Fuzz[A-Za-z0-9_]*\(f \*testing\.F\)' . |
		sed -E 's#^\./(.*)/[^/]+:func (Fuzz[A-Za-z0-9_]*).*#\1 \2#' | sort -u
)
if [ "${#targets[@]}" -eq 0 ]; then
	echo "fuzz: no fuzz targets found" >&2
	exit 2
fi

failed=()
ran=0
for t in "${targets[@]}"; do
	pkg="${t% *}" name="${t#* }"
	[[ "$name" =~ $FUZZ ]] || continue
	ran=$((ran + 1))
	echo "fuzz: ./$pkg $name for $FUZZTIME"
	if ! "$GO" test "./$pkg" -run='^$' -fuzz="^${name}\$" -fuzztime="$FUZZTIME"; then
		failed+=("./$pkg $name")
	fi
done

if [ "$ran" -eq 0 ]; then
	echo "fuzz: no target matches FUZZ=$FUZZ" >&2
	exit 2
fi
if [ "${#failed[@]}" -gt 0 ]; then
	echo "fuzz: FAILED: ${failed[*]} (failing inputs are under testdata/fuzz/)" >&2
	exit 1
fi
echo "fuzz: $ran target(s) passed"
