#!/usr/bin/env bash
# A run killed with SIGKILL (several times) and rerun yields the same posts as an uninterrupted
# run, and repeats at most the pages that were in flight: BIN_DIR FAKE_API RAW_POST_IDS.
set -u
. "$(dirname "$0")/../fake_api.sh"
bin_dir=$1
fake_api=$2
post_ids=$3
exe="$bin_dir/pantau-fetch-accounts"
fake_api_scratch

start_fake_api "$fake_api" "$tmp" --pages 8 --per-page 5 --delay-ms 20 --threads 16 ||
  fail "fake server did not start"

# 30 accounts, 10 per platform, as NDJSON account records.
for i in $(seq 1 10); do
  echo "{\"kind\":\"account\",\"platform\":\"youtube\",\"handle\":\"@yt$i\",\"role\":\"candidate\"}"
  echo "{\"kind\":\"account\",\"platform\":\"mastodon\",\"handle\":\"ma$i@example.social\",\"role\":\"candidate\"}"
  echo "{\"kind\":\"account\",\"platform\":\"bluesky\",\"handle\":\"bs$i\",\"role\":\"party\"}"
done >"$tmp/registry.ndjson"

export PANTAU_YOUTUBE_API_KEY=kill-test-key
run() {  # STATE [extra args...]; exec, so that "run ... &" gives pantau's own pid to kill
  local state=$1
  shift
  exec "$exe" --state "$state" --concurrency 4 --rate youtube=1000/s --api-base "youtube=$base" \
    --api-base "mastodon=$base" --api-base "bluesky=$base" "$@" "$tmp/registry.ndjson"
}

(run "$tmp/a.db") >"$tmp/a.out" 2>"$tmp/a.err" || fail "uninterrupted run failed: $(cat "$tmp/a.err")"

kills=0
: >"$tmp/b.out"
for delay in 0.4 0.7 0.5; do
  run "$tmp/b.db" >>"$tmp/b.out" 2>>"$tmp/b.err" &
  pid=$!
  sleep "$delay"
  if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null
done
(run "$tmp/b.db") >>"$tmp/b.out" 2>>"$tmp/b.err" || fail "resumed run failed: $(cat "$tmp/b.err")"

"$post_ids" <"$tmp/a.out" | sort >"$tmp/a.ids" 2>/dev/null
# A killed run may leave half a line at its end; that page's state was never saved.
"$post_ids" <"$tmp/b.out" 2>/dev/null | sort >"$tmp/b.ids"
expected=$((30 * 8 * 5))
a_unique=$(sort -u "$tmp/a.ids" | wc -l)
b_unique=$(sort -u "$tmp/b.ids" | wc -l)
b_total=$(wc -l <"$tmp/b.ids")
[ "$a_unique" -eq "$expected" ] || fail "uninterrupted run has $a_unique posts, expected $expected"
[ "$(wc -l <"$tmp/a.ids")" -eq "$expected" ] || fail "uninterrupted run repeated posts"
cmp -s <(sort -u "$tmp/a.ids") <(sort -u "$tmp/b.ids") || fail "killed+resumed run has different posts"
repeated=$((b_total - b_unique))
# At most the pages in flight per kill: 4 slots x 5 posts.
limit=$((kills * 4 * 5))
[ "$repeated" -le "$limit" ] || fail "$repeated posts repeated after $kills kills (limit $limit)"

# SIGTERM (how systemd and Kubernetes stop a job): exit 143 after the state is saved; the rerun
# loses nothing and repeats at most the pages whose companion calls were in flight (a YouTube
# listing page is written before its videos.list, the state saved after it): 4 slots x 5 posts.
run "$tmp/c.db" >"$tmp/c.out" 2>"$tmp/c.err" &
pid=$!
sleep 0.5
kill -TERM "$pid"
wait "$pid"; rc=$?
[ "$rc" -eq 143 ] || fail "SIGTERM exited $rc, expected 143: $(cat "$tmp/c.err")"
first=$("$post_ids" <"$tmp/c.out" | wc -l)
[ "$first" -gt 0 ] && [ "$first" -lt "$expected" ] || fail "SIGTERM came too early or late ($first posts)"
(run "$tmp/c.db") >>"$tmp/c.out" 2>>"$tmp/c.err" || fail "run after SIGTERM failed: $(cat "$tmp/c.err")"
"$post_ids" <"$tmp/c.out" | sort >"$tmp/c.ids"
cmp -s <(sort -u "$tmp/a.ids") <(sort -u "$tmp/c.ids") || fail "SIGTERM+rerun: different posts"
c_repeated=$(($(wc -l <"$tmp/c.ids") - $(sort -u "$tmp/c.ids" | wc -l)))
[ "$c_repeated" -le 20 ] || fail "$c_repeated posts repeated after SIGTERM (limit 20)"
echo "ok: SIGTERM exits 143 after $first posts; the rerun completes, $c_repeated repeated (limit 20)"
echo "ok: $b_unique posts after $kills kills, $repeated repeated (limit $limit), same as uninterrupted"
