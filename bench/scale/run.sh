#!/usr/bin/env bash
# bench/scale/run.sh: one shard at national size (docs/scale.md). Not a timed test: run it by
# hand, once, on a quiet machine; it takes several minutes.
#
#   BENCH_BUILD=build/ci bench/scale/run.sh [fetch] [registry] [merge]
#   SCALE_ACCOUNTS=100000 SCALE_PAGES=3 SCALE_LATENCY_MS=100 SCALE_CONCURRENCY=256 \
#   SCALE_REGISTRY_ROWS=1000000 SCALE_MERGE_POSTS=1000000 SCALE_SHARDS=64 SCALE_CPU=1 \
#   bench/scale/run.sh
#
# fetch:    pantau-fetch-accounts over SCALE_ACCOUNTS Bluesky accounts (SCALE_PAGES pages of 20
#           posts each) against the loopback fake with SCALE_LATENCY_MS per response: wall time
#           beside the bound requests x latency / concurrency, peak RSS, state file size; then
#           the same run killed with SIGKILL half-way and resumed with --min-interval
#           (SCALE_MIN_INTERVAL, default 1h; 0: an account finished before the kill is polled
#           again, one request, before the run reaches new work): the resumed run's requests,
#           wall time against its own bound and time to its first record.
# registry: --check and --dry-run over a SCALE_REGISTRY_ROWS-row registry, whole and as one
#           shard of 64: wall time and peak RSS (does reading stream?).
# merge:    SCALE_MERGE_POSTS classified posts split into SCALE_SHARDS shards, report --partial on
#           each, then report --merge of all the partial states: wall time and peak RSS of the
#           merge, state sizes, and the merged JSON report compared byte for byte with one
#           report over all the posts.
# Everything runs on the one CPU SCALE_CPU (taskset), leaving the other core to others.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${BENCH_BUILD:-$root/build/release}
out=${BENCH_OUT:-$root/bench/out}
accounts=${SCALE_ACCOUNTS:-100000}
pages=${SCALE_PAGES:-3}
latency=${SCALE_LATENCY_MS:-100}
concurrency=${SCALE_CONCURRENCY:-256}
rows=${SCALE_REGISTRY_ROWS:-1000000}
merge_posts=${SCALE_MERGE_POSTS:-1000000}
shards=${SCALE_SHARDS:-64}
cpu=${SCALE_CPU:-1}
suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(fetch registry)
fetch=$build/tools/pantau-fetch-accounts
pin=(taskset -c "$cpu")
mkdir -p "$out"
work=$(mktemp -d "$out/scale.XXXXXX")
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

bluesky_registry() {  # N: N Bluesky account records
  awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++)
    printf "{\"kind\":\"account\",\"platform\":\"bluesky\",\"handle\":\"bs%d\",\"role\":\"candidate\"}\n", i }'
}
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

fetch_suite() {
  "${pin[@]}" "$build/bench/fetch/pantau-bench-fetch-server" --port-file "$work/port" --pages "$pages" \
    --per-page 20 --delay-ms "$latency" --threads $((concurrency * 2)) 2>"$work/server.log" &
  server_pid=$!
  for _ in $(seq 1 200); do [ -s "$work/port" ] && break; sleep 0.05; done
  local base
  base="http://127.0.0.1:$(cat "$work/port")"
  bluesky_registry "$accounts" >"$work/registry.ndjson"
  args=(--concurrency "$concurrency" --rate bluesky=1000000/s --api-base "bluesky=$base" -v)

  echo
  echo "## one shard: $accounts accounts x $pages pages of 20, ${latency} ms per response, concurrency $concurrency, CPU $cpu"
  rm -f "$work/state.db"*
  "${pin[@]}" /usr/bin/time -f '%e %M' -o "$work/time" "$fetch" --state "$work/state.db" "${args[@]}" \
    "$work/registry.ndjson" >"$work/raw.ndjson" 2>"$work/err" || { tail "$work/err"; return 1; }
  local wall rss requests records posts state_bytes
  read -r wall rss <"$work/time"
  requests=$(sed -n 's/.*, \([0-9]*\) requests,.*/\1/p' "$work/err" | tail -1)
  records=$(wc -l <"$work/raw.ndjson")
  posts=$(sed -n 's/.*[,;] \([0-9]*\) posts,.*/\1/p' "$work/err" | tail -1)
  state_bytes=$(cat "$work/state.db"* | wc -c)
  awk -v r="$requests" -v w="$wall" -v l="$latency" -v c="$concurrency" -v m="$rss" -v rec="$records" \
    -v s="$(mb "$state_bytes")" -v raw="$(mb "$(wc -c <"$work/raw.ndjson")")" 'BEGIN {
    bound = r * l / 1000 / c;
    printf "requests %d, records %d (%s MB raw)\n", r, rec, raw;
    printf "wall %.1f s, bound %.1f s, ratio %.2f (target <= 1.2)\n", w, bound, w / bound;
    printf "peak RSS %.1f MB (target < 200), state file %s MB\n", m / 1024, s }'

  # The same run from nothing, killed with SIGKILL half-way (by output), then resumed.
  echo "-- kill -9 at half the records, then resume"
  rm -f "$work/state.db"*
  local half=$((records / 2))
  "${pin[@]}" "$fetch" --state "$work/state.db" "${args[@]}" "$work/registry.ndjson" >"$work/killed.ndjson" 2>/dev/null &
  local pid=$!
  while [ "$(wc -l <"$work/killed.ndjson")" -lt "$half" ] && kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "killed after $(wc -l <"$work/killed.ndjson") records"
  local t0
  t0=$(date +%s.%N)
  # --min-interval (SCALE_MIN_INTERVAL, default 1h; 0 to poll every account again): the accounts
  # the killed run finished are not polled again, so resume cost does not grow with them.
  "${pin[@]}" /usr/bin/time -f '%e %M' -o "$work/time" "$fetch" --state "$work/state.db" "${args[@]}" \
    --min-interval "${SCALE_MIN_INTERVAL:-1h}" "$work/registry.ndjson" 2>"$work/err.resumed" | { dd bs=1 count=1 of="$work/resumed.ndjson" 2>/dev/null; date +%s.%N >"$work/first"; cat >>"$work/resumed.ndjson"; }
  read -r wall rss <"$work/time"
  requests=$(sed -n 's/.*, \([0-9]*\) requests,.*/\1/p' "$work/err.resumed" | tail -1)
  tail -1 "$work/err.resumed"
  awk -v t0="$t0" -v f="$(cat "$work/first")" -v w="$wall" -v r="$requests" -v m="$rss" -v rec="$(wc -l <"$work/resumed.ndjson")" \
    -v l="$latency" -v c="$concurrency" 'BEGIN { bound = r * l / 1000 / c;
    printf "resumed: first record after %.2f s, %d requests, %d records, wall %.1f s (bound %.1f s, ratio %.2f), peak RSS %.1f MB\n",
      f - t0, r, rec, w, bound, w / bound, m / 1024 }'
  local dups
  dups=$(cat "$work/killed.ndjson" "$work/resumed.ndjson" | "$build/tools/pantau-normalize" --dedup 2>/dev/null | wc -l)
  echo "killed + resumed after normalize --dedup: $dups posts (uninterrupted run: $posts posts)"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
}

registry_suite() {
  echo
  echo "## registry of $rows rows (NDJSON), --check and --dry-run, CPU $cpu"
  awk -v n="$rows" 'BEGIN { split("youtube mastodon bluesky tiktok instagram", p, " ");
    for (i = 0; i < n; i++) { q = p[i % 5 + 1];
      h = (q == "mastodon") ? "ma" i "@example.social" : (q == "youtube") ? "@yt" i : "h" i;
      printf "{\"kind\":\"account\",\"platform\":\"%s\",\"handle\":\"%s\",\"role\":\"candidate\",\"owner\":\"Calon %d\",\"district\":\"DAPIL %d\"}\n", q, h, i, i % 84 }
  }' >"$work/big.ndjson"
  echo "registry: $(mb "$(wc -c <"$work/big.ndjson")") MB"
  printf '%-28s %8s %12s %10s\n' "command" "wall s" "peak RSS MB" "lines out"
  local mode shard
  for mode in --check --dry-run; do
    for shard in "" "--shard 1/64"; do
      # shellcheck disable=SC2086
      PANTAU_YOUTUBE_API_KEY=bench "${pin[@]}" /usr/bin/time -f '%e %M' -o "$work/time" "$fetch" $mode $shard \
        "$work/big.ndjson" >"$work/out" 2>"$work/err" || true
      read -r wall rss <"$work/time"
      printf '%-28s %8.1f %12.1f %10d\n' "$mode $shard" "$wall" "$(awk -v m="$rss" 'BEGIN { print m / 1024 }')" "$(wc -l <"$work/out")"
    done
  done
}

merge_suite() {
  local report=$build/tools/pantau-report gen=$build/bench/pantau-bench-gen
  echo
  echo "## report --merge of $shards partial states over $merge_posts classified posts, CPU $cpu"
  "$gen" --kind classified --count "$merge_posts" --seed 7 >"$work/all.ndjson"
  echo "posts: $(mb "$(wc -c <"$work/all.ndjson")") MB"
  awk -v n="$shards" -v dir="$work" '{ print > (dir "/shard." (NR % n) ".ndjson") }' "$work/all.ndjson"
  local t0 t1 k stamp=2024-02-14T00:00:00Z
  t0=$(date +%s.%N)
  for ((k = 0; k < shards; k++)); do
    "${pin[@]}" "$report" --partial --generated-at "$stamp" "$work/shard.$k.ndjson" >"$work/part.$k.json"
  done
  t1=$(date +%s.%N)
  printf '%-34s %8s %12s
' "step" "wall s" "peak RSS MB"
  printf '%-34s %8.1f %12s
' "$shards x report --partial" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "-"
  echo "partial states: $(mb "$(cat "$work"/part.*.json | wc -c)") MB in all"
  "${pin[@]}" /usr/bin/time -f '%e %M' -o "$work/time" "$report" --merge --format json \
    --generated-at "$stamp" "$work"/part.*.json >"$work/merged.json" 2>"$work/err" || { tail "$work/err"; return 1; }
  read -r wall rss <"$work/time"
  printf '%-34s %8.1f %12.1f
' "report --merge --format json" "$wall" "$(awk -v m="$rss" 'BEGIN { print m / 1024 }')"
  "${pin[@]}" /usr/bin/time -f '%e %M' -o "$work/time" "$report" --format json \
    --generated-at "$stamp" "$work/all.ndjson" >"$work/single.json" 2>"$work/err" || { tail "$work/err"; return 1; }
  read -r wall rss <"$work/time"
  printf '%-34s %8.1f %12.1f
' "one report over all posts" "$wall" "$(awk -v m="$rss" 'BEGIN { print m / 1024 }')"
  if cmp -s "$work/merged.json" "$work/single.json"; then
    echo "merged report = single report, byte for byte"
  else
    echo "merged report DIFFERS from the single report"
    return 1
  fi
}

for s in "${suites[@]}"; do
  case "$s" in
    fetch) fetch_suite ;;
    registry) registry_suite ;;
    merge) merge_suite ;;
    *) echo "bench/scale/run.sh: unknown suite '$s'" >&2; exit 2 ;;
  esac
done
