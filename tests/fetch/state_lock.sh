#!/usr/bin/env bash
# Two runs on one --state file: the second is turned away with exit 75 (EX_TEMPFAIL) and says
# which process holds the lock; once the first has ended (even by kill -9) the next one runs.
# BIN_DIR FAKE_API.
set -u
. "$(dirname "$0")/../fake_api.sh"
bin_dir=$1
fake_api=$2
exe="$bin_dir/pantau-fetch-accounts"
fake_api_scratch

start_fake_api "$fake_api" "$tmp" --pages 20 --per-page 5 --delay-ms 100 --threads 4 ||
  fail "fake server did not start"
echo '{"kind":"account","platform":"mastodon","handle":"ma1@example.social","role":"candidate"}' \
  >"$tmp/registry.ndjson"
run() {
  exec "$exe" --state "$tmp/state.db" --concurrency 1 --api-base "mastodon=$base" "$@" \
    "$tmp/registry.ndjson"
}

# The first run takes 20 pages x 100 ms; the second starts while it holds the lock.
run >"$tmp/a.out" 2>"$tmp/a.err" &
first=$!
for _ in $(seq 1 100); do [ -s "$tmp/state.db.lock" ] && break; sleep 0.05; done
(run) >"$tmp/b.out" 2>"$tmp/b.err"; rc=$?
[ "$rc" -eq 75 ] || fail "second run exited $rc, expected 75: $(cat "$tmp/b.err")"
[ ! -s "$tmp/b.out" ] || fail "the turned-away run wrote records"
grep -q "state.db: in use by another run (pid $first on $(hostname) since 20[0-9-]*T[0-9:]*Z)" \
  "$tmp/b.err" || fail "the message does not name the holder: $(cat "$tmp/b.err")"
# A dry run only reads the state: it is not turned away.
(run --dry-run) >/dev/null 2>"$tmp/c.err" || fail "--dry-run was turned away: $(cat "$tmp/c.err")"

# kill -9 leaves the lock file behind, but not the lock: the next run goes ahead.
kill -9 "$first"
wait "$first" 2>/dev/null
[ -e "$tmp/state.db.lock" ] || fail "the lock file is gone"
(run) >"$tmp/d.out" 2>"$tmp/d.err" || fail "run after kill -9 exited $?: $(cat "$tmp/d.err")"
echo "ok: the second run exits 75 naming pid $first; after kill -9 the next run proceeds"
