#!/usr/bin/env bash
# Times pantau-report beside jq and python3 on the same generated classified posts, in one run,
# and prints MB/s, ratios and peak RSS. The baselines do the core of the report's work: count
# posts by platform and label, and keep the best-scoring findings.
#
#   bench/report/run.sh [BUILD_DIR] [COUNT]     (defaults: build/release, 300000 posts)
#   REVIEWS=N bench/report/run.sh ...           (review records loaded by the --reviews runs)
#
# Needs pantau-bench-gen and pantau-report built in BUILD_DIR; jq and python3 are optional.
set -euo pipefail
build=${1:-build/release}
count=${2:-300000}
gen=$build/bench/pantau-bench-gen
report=$build/tools/pantau-report
for exe in "$gen" "$report"; do
  [ -x "$exe" ] || { echo "run.sh: $exe not built (cmake --build $build)" >&2; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
input=$tmp/classified.ndjson
"$gen" --kind classified --count "$count" --seed 1 >"$input"
bytes=$(wc -c <"$input")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "input: $count classified posts, $mb MB (pantau-bench-gen --kind classified --seed 1)"
cat "$input" >/dev/null  # warm the page cache

# run NAME COMMAND...: best wall time and best CPU time (user + sys) of $reps runs, and the peak RSS
# of the last. The machine is shared: when other jobs compete for its 2 cores the wall time
# grows and the CPU time does not, so both are printed and the ratios use CPU time.
declare -A wall cpu
printf "%-24s %8s %10s %8s %10s %9s\n" "" "wall" "wall MB/s" "cpu" "cpu MB/s" "peak RSS"
run() {
  local name=$1
  shift
  local best="" best_cpu="" secs user sys rss
  for ((rep = 0; rep < reps; rep++)); do
    /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$@" >"$tmp/out.$name" 2>"$tmp/err.$name" || {
      echo "$name failed:" >&2
      cat "$tmp/err.$name" >&2
      return 1
    }
    read -r secs user sys rss <"$tmp/time"
    local c
    c=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$secs; fi
    if [ -z "$best_cpu" ] || awk -v a="$c" -v b="$best_cpu" 'BEGIN { exit !(a < b) }'; then
      best_cpu=$c
    fi
  done
  wall[$name]=$best
  cpu[$name]=$best_cpu
  awk -v n="$name" -v s="$best" -v c="$best_cpu" -v b="$bytes" -v r="$rss" 'BEGIN {
    printf "%-24s %7.2fs %10.1f %7.2fs %10.1f %6d KB\n", n, s, b / 1e6 / (s > 0 ? s : 0.001),
           c, b / 1e6 / (c > 0 ? c : 0.001), r }'
}

reps=3
run report-json "$report" --format json "$input"
run report-csv "$report" --format csv "$input"
run report-md "$report" --format md "$input"
run report-html "$report" --format html "$input"
run report-partial "$report" --partial "$input"

# With staff's decisions loaded (--reviews, issue 17): review records for the first $REVIEWS
# findings (default 5000, the same number at every input size, so that the peak RSS shows what
# the input size costs), decisions in turn benar / bukan_pelanggaran / dilaporkan / perlu_dicek.
# MB/s counts the posts' bytes only.
if command -v python3 >/dev/null; then
  python3 - "$input" "${REVIEWS:-5000}" >"$tmp/reviews.ndjson" <<'PY'
import json, sys
want, n = int(sys.argv[2]), 0
decisions = ["benar", "bukan_pelanggaran", "dilaporkan", "perlu_dicek"]
with open(sys.argv[1], "rb") as f:
    for line in f:
        if n >= want:
            break
        p = json.loads(line)
        if p.get("kind") != "post" or not p.get("labels"):
            continue
        print(json.dumps({"kind": "review", "finding": p["id"], "label": p["labels"][0]["label"],
                          "decision": decisions[n % 4], "reason": "bench", "reviewer": "bench",
                          "reviewed_at": "2024-02-15T03:00:00Z"}))
        n += 1
PY
  echo "reviews: $(wc -l <"$tmp/reviews.ndjson") review records ($(wc -c <"$tmp/reviews.ndjson") bytes)"
  run report-csv-reviews "$report" --format csv --reviews "$tmp/reviews.ndjson" "$input"
  run report-json-reviews "$report" --format json --reviews "$tmp/reviews.ndjson" "$input"
  run report-html-reviews "$report" --format html --reviews "$tmp/reviews.ndjson" "$input"
fi

reps=1  # the baselines are slow; one run each
if command -v jq >/dev/null; then
  run jq-aggregate jq -n -c '
    reduce (inputs | select(.kind == "post")) as $p ({posts: 0, cells: {}, top: []};
      .posts += 1
      | reduce ($p.labels // [])[] as $l (.;
          .cells[$p.platform + "/" + $l.label] += 1
          | .top = ((.top + [{s: $l.score, id: $p.id}]) | sort_by(-.s, .id) | .[:50])))' \
    "$input"
fi
if command -v python3 >/dev/null; then
  cat >"$tmp/agg.py" <<'PY'
import heapq, json, sys
cells, top, posts = {}, [], 0
with open(sys.argv[1], "rb") as f:
    for line in f:
        p = json.loads(line)
        if p.get("kind") != "post":
            continue
        posts += 1
        for l in p.get("labels") or []:
            k = (p["platform"], l["label"])
            cells[k] = cells.get(k, 0) + 1
            heapq.heappush(top, (l["score"], p["id"]))
            if len(top) > 50:
                heapq.heappop(top)
print(json.dumps({"posts": posts, "cells": len(cells), "top": len(top)}))
PY
  run python3-aggregate python3 "$tmp/agg.py" "$input"
fi

echo
for base in jq-aggregate python3-aggregate; do
  [ -n "${wall[$base]:-}" ] || continue
  for name in report-json report-csv; do
    awk -v a="${cpu[$base]}" -v b="${cpu[$name]}" -v n="$name" -v m="$base" \
      'BEGIN { printf "%s is %.1fx faster than %s (CPU time)\n", n, a / (b > 0 ? b : 0.001), m }'
  done
done
