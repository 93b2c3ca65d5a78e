#!/bin/sh
# The test, on the real program: split an input into N shards, report each with
# --partial, --merge the states (in reverse order), and compare every format byte for byte with
# a single run over the whole input. Contiguous and round-robin splits, N = 2..5, and a --top
# small enough that the ranking cut matters. The inputs are concatenated first, so status
# records (what rechecks found) land in other shards than their findings, and --since-report
# (a previous report that already showed one deletion) runs through the states too.
#   shard_merge.sh PANTAU_REPORT INPUT.ndjson... [-- SINCE.json]
set -u
report=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
input=$tmp/input.ndjson
since=
while [ $# -gt 0 ]; do
  if [ "$1" = -- ]; then
    since=$2
    break
  fi
  cat "$1" >>"$input"
  shift
done
failures=0
lines=$(wc -l <"$input")
for top in 3 50; do
  for fmt in md html csv json; do
    "$report" --top $top --generated-at 2024-02-14T00:00:00Z --format $fmt "$input" >"$tmp/single.$fmt" || failures=$((failures + 1))
    if [ -n "$since" ]; then
      "$report" --top $top --generated-at 2024-02-14T00:00:00Z --since-report "$since" --format $fmt "$input" >"$tmp/since.$fmt" || failures=$((failures + 1))
    fi
  done
  for n in 2 3 4 5; do
    for mode in contiguous roundrobin; do
      rm -f "$tmp"/shard.* "$tmp"/*.state
      i=0
      while IFS= read -r line; do
        if [ $mode = contiguous ]; then k=$((i * n / lines)); else k=$((i % n)); fi
        printf '%s\n' "$line" >>"$tmp/shard.$k"
        i=$((i + 1))
      done <"$input"
      states=
      since_states=
      for s in "$tmp"/shard.*; do
        "$report" --top $top --partial "$s" >"$s.state" || failures=$((failures + 1))
        states="$s.state $states"  # reversed: merge order must not matter
        if [ -n "$since" ]; then
          "$report" --top $top --since-report "$since" --partial "$s" >"$s.since-state" || failures=$((failures + 1))
          since_states="$s.since-state $since_states"
        fi
      done
      for fmt in md html csv json; do
        # shellcheck disable=SC2086
        "$report" --top $top --generated-at 2024-02-14T00:00:00Z --merge --format $fmt $states >"$tmp/merged.$fmt"
        if cmp -s "$tmp/single.$fmt" "$tmp/merged.$fmt"; then
          echo "ok   top=$top n=$n $mode $fmt"
        else
          echo "FAIL top=$top n=$n $mode $fmt"
          diff "$tmp/single.$fmt" "$tmp/merged.$fmt" | head -10
          failures=$((failures + 1))
        fi
        [ -n "$since" ] || continue
        # shellcheck disable=SC2086
        "$report" --top $top --generated-at 2024-02-14T00:00:00Z --merge --format $fmt $since_states >"$tmp/merged-since.$fmt"
        if cmp -s "$tmp/since.$fmt" "$tmp/merged-since.$fmt"; then
          echo "ok   top=$top n=$n $mode $fmt --since-report"
        else
          echo "FAIL top=$top n=$n $mode $fmt --since-report"
          diff "$tmp/since.$fmt" "$tmp/merged-since.$fmt" | head -10
          failures=$((failures + 1))
        fi
      done
    done
  done
done
[ $failures -eq 0 ] && echo "shard merge: all equal" || echo "shard merge: $failures failures"
exit $((failures > 0))
