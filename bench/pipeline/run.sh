#!/usr/bin/env bash
# bench/pipeline/run.sh: the whole pipeline, pantau-normalize | pantau-classify | pantau-report
# --format json, on generated input beside jq extracting only id and text from the same input,
# in one run.
#
#   bench/run.sh [--count N] pipeline          (default 1,000,000 posts)
#   BENCH_BUILD=build/ci BENCH_COUNT=200000 bench/pipeline/run.sh
#
# The input holds BENCH_COUNT posts: three quarters in X API v2 pages (raw records, as
# pantau-fetch-accounts writes them: normalize maps them) and one quarter as post records of the
# eight platforms (normalize passes them through; classify and report see every platform).
# Printed: the real pipe (wall time, posts/s, CPU seconds of all three processes), jq's wall
# time and the ratio; then each stage alone on the previous stage's saved output (wall, CPU
# seconds, posts per CPU second, peak RSS), which says where the CPU goes. Wall time on a shared
# machine grows with its load; CPU seconds much less, so both are printed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${BENCH_BUILD:=$(dirname "$(dirname "$here")")/build/release}"
: "${BENCH_OUT:=$(dirname "$here")/out}"
: "${BENCH_COUNT:=1000000}"
export BENCH_BUILD BENCH_OUT BENCH_COUNT
mkdir -p "$BENCH_OUT"
tools=$BENCH_BUILD/tools
gen=$BENCH_BUILD/bench/pantau-bench-gen
for exe in "$gen" "$tools/pantau-normalize" "$tools/pantau-classify" "$tools/pantau-report"; do
  [ -x "$exe" ] || { echo "pipeline: $exe not built (cmake --build $BENCH_BUILD)" >&2; exit 1; }
done

in=$BENCH_OUT/pipeline-$BENCH_COUNT.ndjson
if [ ! -s "$in" ]; then
  x=$((BENCH_COUNT * 3 / 4))
  { "$gen" --kind raw --count "$x" --seed 42
    "$gen" --kind post --count $((BENCH_COUNT - x)) --seed 43; } >"$in.tmp"
  mv "$in.tmp" "$in"
fi
mb=$(awk -v b="$(stat -c %s "$in")" 'BEGIN { printf "%.0f", b / 1e6 }')
cat "$in" >/dev/null  # warm the page cache

# timed NAME OUTPUT CMD...: runs once; sets wall, cpu (user + sys) and rss (MB).
timed() {
  local name=$1 output=$2
  shift 2
  /usr/bin/time -f '%e %U %S %M' -o "$BENCH_OUT/time.txt" "$@" >"$output" \
    2>"$BENCH_OUT/stderr-$name.txt" || { echo "pipeline: $name failed:" >&2
                                         tail -5 "$BENCH_OUT/stderr-$name.txt" >&2; exit 1; }
  local u s m
  read -r wall u s m <"$BENCH_OUT/time.txt"
  cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
  rss=$(awk -v m="$m" 'BEGIN { printf "%.0f", m / 1024 }')
}
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", (t > 0 ? n / t : 0) }'; }

echo
echo "## pipeline: $BENCH_COUNT posts ($mb MB: X pages and post records of 8 platforms)"
timed pipe "$BENCH_OUT/pipeline-report.json" sh -c \
  "'$tools/pantau-normalize' '$in' | '$tools/pantau-classify' | '$tools/pantau-report' --format json"
pipe_wall=$wall
printf '%-34s %8s %12s %8s\n' "" "wall s" "posts/s" "CPU s"
printf '%-34s %8s %12s %8s\n' "normalize | classify | report" "$wall" "$(rate "$BENCH_COUNT" "$wall")" "$cpu"
if command -v jq >/dev/null; then
  timed jq "$BENCH_OUT/pipeline-jq.ndjson" jq -c \
    'if .kind == "raw" then (.body | fromjson | .data[]) else . end | {id, text}' "$in"
  printf '%-34s %8s %12s %8s\n' "jq (id, text only)" "$wall" "$(rate "$BENCH_COUNT" "$wall")" "$cpu"
  awk -v j="$wall" -v p="$pipe_wall" 'BEGIN { printf "the pipeline is %.1fx faster than jq (wall)\n", j / p }'
fi

echo
echo "## pipeline: each stage alone, on the previous stage's output"
printf '%-34s %8s %8s %16s %10s\n' "" "wall s" "CPU s" "posts/CPU s" "RSS MB"
norm=$BENCH_OUT/pipeline-normalized.ndjson
cls=$BENCH_OUT/pipeline-classified.ndjson
timed normalize "$norm" "$tools/pantau-normalize" "$in"
printf '%-34s %8s %8s %16s %10s\n' "pantau-normalize" "$wall" "$cpu" "$(rate "$BENCH_COUNT" "$cpu")" "$rss"
timed classify "$cls" "$tools/pantau-classify" "$norm"
printf '%-34s %8s %8s %16s %10s\n' "pantau-classify" "$wall" "$cpu" "$(rate "$BENCH_COUNT" "$cpu")" "$rss"
timed report "$BENCH_OUT/pipeline-report-alone.json" "$tools/pantau-report" --format json "$cls"
printf '%-34s %8s %8s %16s %10s\n' "pantau-report" "$wall" "$cpu" "$(rate "$BENCH_COUNT" "$cpu")" "$rss"
posts=$(grep -c '"kind":"post"' "$cls" || true)
echo "posts classified: $posts of $BENCH_COUNT"
