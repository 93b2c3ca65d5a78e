#!/usr/bin/env bash
# bench/run.sh: times pantau programs beside baselines on the same generated input, in one run,
# and prints wall time, MB/s of input, ratios and peak memory (max RSS).
#
#   bench/run.sh [--count N] [--build DIR] [SUITE...]
#
# Suites: ndjson (library read+write vs jq -c . and python json), and every bench/<area>/run.sh
# present (normalize, fetch, classify, report, pipeline: normalize | classify | report beside jq).
# Default: all. Input is generated once per kind with pantau-bench-gen (deterministic, seed 42)
# into bench/out/ and reused.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
count=1000000
build="$root/build/release"
suites=()
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) suites+=("$1"); shift ;;
  esac
done
[ ${#suites[@]} -gt 0 ] || suites=(ndjson normalize fetch classify report pipeline)
export BENCH_BUILD="$build" BENCH_OUT="$root/bench/out" BENCH_COUNT="$count"
mkdir -p "$BENCH_OUT"
source "$here/lib.sh"

for s in "${suites[@]}"; do
  if [ "$s" = ndjson ]; then
    in=$(bench_input post)
    bench_header "ndjson: library read + write of $count post records ($(bench_mb "$in") MB)"
    bench_time "pantau (reserialize)" "$in" "$build/bench/pantau-bench-ndjson" --mode reserialize "$in"
    bench_time "pantau (passthrough)" "$in" "$build/bench/pantau-bench-ndjson" --mode passthrough "$in"
    if command -v jq >/dev/null; then bench_time "jq -c ." "$in" jq -c . "$in"; fi
    bench_time "python3 json" "$in" python3 -c '
import json, sys
out = sys.stdout
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        out.write(json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":")) + "\n")
' "$in"
    bench_ratios
  elif [ -x "$here/$s/run.sh" ]; then
    "$here/$s/run.sh"
  else
    echo "bench: no suite '$s' (bench/$s/run.sh missing)" >&2
  fi
done
