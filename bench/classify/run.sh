#!/usr/bin/env bash
# Times pantau-classify (the full rule pack) beside jq and python3 selects over the same
# generated posts, in one run: wall time, MB/s of post input, user CPU time and MB/s per core,
# peak RSS, ratios. Then the stage-by-stage split (pantau-bench-classify-stages) shows where the
# time goes.
#
#   bench/classify/run.sh                 (from bench/run.sh, which sets BENCH_*)
#   BENCH_BUILD=build/release BENCH_COUNT=200000 bench/classify/run.sh
#
# The baselines do much less than pantau-classify: jq and python3 only test the raw text
# against a handful of keywords (no normalization, no morphology, no evidence, no context).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$(dirname "$here")")
export BENCH_BUILD=${BENCH_BUILD:-$root/build/release}
export BENCH_COUNT=${BENCH_COUNT:-200000}
export BENCH_OUT=${BENCH_OUT:-$root/bench/out}
mkdir -p "$BENCH_OUT"
source "$root/bench/lib.sh"
classify=$BENCH_BUILD/tools/pantau-classify
stages=$BENCH_BUILD/bench/classify/pantau-bench-classify-stages
[ -x "$classify" ] || { echo "run.sh: $classify not built" >&2; exit 1; }

in=$(bench_input post)
bench_header "classify: $BENCH_COUNT post records ($(bench_mb "$in") MB), $("$classify" --check)"
bench_time "pantau-classify" "$in" "$classify" "$in"
bench_time "pantau-classify --only-flagged" "$in" "$classify" --only-flagged "$in"
if command -v jq >/dev/null; then
  bench_time "jq select (5 keywords)" "$in" jq -c \
    'select(.kind == "post" and (.text // "" | test("serangan fajar|amplop|coblos|goblok|bangsat"; "i")))' "$in"
fi
bench_time "python3 re select" "$in" python3 -c '
import json, re, sys
pat = re.compile(r"serangan fajar|amplop|coblos|goblok|bangsat", re.I)
out = sys.stdout
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if r.get("kind") == "post" and pat.search(r.get("text") or ""):
        out.write(line)
' "$in"
bench_ratios
if [ -x "$stages" ]; then
  echo
  echo "## classify: stages (one process, input in memory)"
  "$stages" "$in"
fi
