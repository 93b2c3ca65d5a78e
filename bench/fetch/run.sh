#!/usr/bin/env bash
# bench/fetch/run.sh: pantau-fetch-accounts against a loopback API server that adds a fixed
# latency to every response. Prints wall time beside the ideal requests x latency / concurrency,
# their ratio (target <= 1.2) and peak RSS (target < 100 MB).
#
#   bench/fetch/run.sh                      (from bench/run.sh, or alone with BENCH_BUILD set)
#   FETCH_ACCOUNTS=13100 FETCH_PAGES=3 FETCH_LATENCY_MS=100 FETCH_CONCURRENCY=64 bench/fetch/run.sh
#
# There is no jq/python3 row: the work is waiting on the network, and the figure that matters is
# how close pantau gets to the latency bound with bounded memory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${BENCH_BUILD:-$root/build/release}
out=${BENCH_OUT:-$root/bench/out}
accounts=${FETCH_ACCOUNTS:-13100}
pages=${FETCH_PAGES:-3}
latency=${FETCH_LATENCY_MS:-100}
concurrency=${FETCH_CONCURRENCY:-64}
mkdir -p "$out"
work=$(mktemp -d "$out/fetch.XXXXXX")
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Threads: one per keep-alive connection the client holds, plus slack.
"$build/bench/fetch/pantau-bench-fetch-server" --port-file "$work/port" --pages "$pages" \
  --per-page 20 --delay-ms "$latency" --threads $((concurrency * 2)) 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 1 200); do [ -s "$work/port" ] && break; sleep 0.05; done
base="http://127.0.0.1:$(cat "$work/port")"

registry() {  # PLATFORMS...: $accounts NDJSON account records spread over the platforms
  awk -v n="$accounts" -v list="$*" 'BEGIN {
    k = split(list, p, " ");
    for (i = 0; i < n; i++) {
      q = p[i % k + 1];
      h = (q == "youtube") ? "@yt" i : (q == "mastodon") ? "ma" i "@example.social" : "bs" i;
      printf "{\"kind\":\"account\",\"platform\":\"%s\",\"handle\":\"%s\",\"role\":\"candidate\"}\n", q, h;
    }
  }'
}

echo
echo "## fetch: $accounts accounts x $pages pages, ${latency} ms per response, concurrency $concurrency"
printf '%-34s %9s %9s %9s %7s %12s %9s\n' "registry" "requests" "wall s" "ideal s" "ratio" "peak RSS MB" "records"
run_case() {  # NAME PLATFORMS...
  local name=$1
  shift
  registry "$@" >"$work/registry.ndjson"
  rm -f "$work/state.db"*
  local before after
  before=$(grep -c . "$work/server.log" || true)
  PANTAU_YOUTUBE_API_KEY=bench-key /usr/bin/time -f '%e %M' -o "$work/time" \
    "$build/tools/pantau-fetch-accounts" --concurrency "$concurrency" --state "$work/state.db" \
    --rate youtube=1000000/s --rate mastodon=1000000/s --rate bluesky=1000000/s \
    --quota youtube=1000000000 \
    --api-base "youtube=$base" --api-base "mastodon=$base" --api-base "bluesky=$base" -v \
    "$work/registry.ndjson" >"$work/raw.ndjson" 2>"$work/err" || { cat "$work/err"; return 1; }
  local wall rss requests records
  read -r wall rss <"$work/time"
  requests=$(sed -n 's/.*, \([0-9]*\) requests,.*/\1/p' "$work/err" | tail -1)
  records=$(wc -l <"$work/raw.ndjson")
  awk -v n="$name" -v r="$requests" -v w="$wall" -v l="$latency" -v c="$concurrency" -v m="$rss" -v rec="$records" \
    'BEGIN { ideal = r * l / 1000 / c; printf "%-34s %9d %9.1f %9.1f %7.2f %12.1f %9d\n", n, r, w, ideal, w / ideal, m / 1024, rec }'
}
run_case "bluesky (3 requests/account)" bluesky
run_case "mixed youtube/mastodon/bluesky" youtube mastodon bluesky
