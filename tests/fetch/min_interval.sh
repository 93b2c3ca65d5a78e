#!/usr/bin/env bash
# --min-interval: a rerun skips the accounts whose last poll completed within the interval, so a
# run killed half-way and started again goes straight to what is left, and loses nothing.
# BIN_DIR FAKE_API RAW_POST_IDS.
set -u
. "$(dirname "$0")/../fake_api.sh"
bin_dir=$1
fake_api=$2
post_ids=$3
exe="$bin_dir/pantau-fetch-accounts"
fake_api_scratch

start_fake_api "$fake_api" "$tmp" --pages 8 --per-page 5 --delay-ms 20 --threads 16 ||
  fail "fake server did not start"
for i in $(seq 1 10); do
  echo "{\"kind\":\"account\",\"platform\":\"mastodon\",\"handle\":\"ma$i@example.social\",\"role\":\"candidate\"}"
  echo "{\"kind\":\"account\",\"platform\":\"bluesky\",\"handle\":\"bs$i\",\"role\":\"party\"}"
done >"$tmp/registry.ndjson"
run() {  # STATE [extra args...]; exec, so that "run ... &" gives pantau's own pid to kill
  local state=$1
  shift
  exec "$exe" --state "$state" --concurrency 2 --api-base "mastodon=$base" \
    --api-base "bluesky=$base" "$@" "$tmp/registry.ndjson"
}
requests() { sed -n 's/.* \([0-9]*\) requests,.*/\1/p' "$1" | tail -1; }

(run "$tmp/a.db") >"$tmp/a.out" 2>"$tmp/a.err" || fail "first run failed: $(cat "$tmp/a.err")"
full=$(requests "$tmp/a.err")

# Right after a complete run nothing is due: no request, no record, exit 0.
(run "$tmp/a.db" --min-interval 1h) >"$tmp/a2.out" 2>"$tmp/a2.err" ||
  fail "a rerun with nothing due exited $?: $(cat "$tmp/a2.err")"
[ "$(requests "$tmp/a2.err")" -eq 0 ] || fail "a rerun with nothing due made requests: $(cat "$tmp/a2.err")"
grep -q "20 polled within --min-interval" "$tmp/a2.err" || fail "the summary does not say so: $(cat "$tmp/a2.err")"
[ ! -s "$tmp/a2.out" ] || fail "a rerun with nothing due wrote records"
(run "$tmp/a.db" --min-interval 1h --dry-run) >"$tmp/dry.out" 2>&1 || fail "dry run failed"
grep -q "20 account(s) polled within --min-interval" "$tmp/dry.out" || fail "the plan does not say so: $(cat "$tmp/dry.out")"
# Without it every account is polled again (one incremental request each at least).
(run "$tmp/a.db") >/dev/null 2>"$tmp/a3.err" || fail "a plain rerun failed"
[ "$(requests "$tmp/a3.err")" -ge 20 ] || fail "a plain rerun made $(requests "$tmp/a3.err") requests"

# Killed half-way, then resumed twice from copies of its state: with --min-interval the accounts
# it had finished cost nothing, and together with the killed run's output nothing is lost.
run "$tmp/b.db" >"$tmp/b.out" 2>/dev/null &
pid=$!
sleep 0.8
kill -9 "$pid" 2>/dev/null || fail "the run ended before it could be killed (machine too fast?)"
wait "$pid" 2>/dev/null
for f in b.db b.db-wal b.db-shm; do [ -e "$tmp/$f" ] && cp "$tmp/$f" "$tmp/c${f#b}"; done
(run "$tmp/b.db" --min-interval 1h) >>"$tmp/b.out" 2>"$tmp/b.err" || fail "resume failed: $(cat "$tmp/b.err")"
(run "$tmp/c.db") >/dev/null 2>"$tmp/c.err" || fail "plain resume failed: $(cat "$tmp/c.err")"
skipping=$(requests "$tmp/b.err")
plain=$(requests "$tmp/c.err")
[ "$skipping" -lt "$plain" ] || fail "resume with --min-interval made $skipping requests, without $plain"
grep -q "polled within --min-interval" "$tmp/b.err" || fail "the resumed run skipped no account"
"$post_ids" <"$tmp/a.out" | sort -u >"$tmp/a.ids"
"$post_ids" <"$tmp/b.out" 2>/dev/null | sort -u >"$tmp/b.ids"
cmp -s "$tmp/a.ids" "$tmp/b.ids" || fail "killed + resumed with --min-interval lost or added posts"

(run "$tmp/d.db" --min-interval soon) >/dev/null 2>"$tmp/u.err"
[ $? -eq 2 ] || fail "a bad duration is not a usage error"
"$exe" --min-interval 1h "$tmp/registry.ndjson" >/dev/null 2>"$tmp/u2.err"
[ $? -eq 2 ] || fail "--min-interval without --state is not a usage error"
echo "ok: nothing due: 0 of $full requests; resumed after kill -9: $skipping requests, $plain without --min-interval; no post lost"
