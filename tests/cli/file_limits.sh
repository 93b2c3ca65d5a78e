#!/usr/bin/env bash
# A full disk, met as a file size limit (ulimit -f, with SIGXFSZ ignored so write() fails with
# EFBIG as it fails with ENOSPC on a full disk; /dev/full is not available everywhere): every
# program says which file could not be written and exits non-zero, and `report -o` leaves the
# previous report whole. BIN_DIR SOURCE_DIR.
set -u
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
unset PANTAU_YOUTUBE_API_KEY PANTAU_MASTODON_TOKEN PANTAU_BLUESKY_TOKEN PANTAU_X_BEARER_TOKEN \
  PANTAU_FACEBOOK_TOKEN PANTAU_INSTAGRAM_TOKEN PANTAU_TIKTOK_CLIENT_KEY PANTAU_TIKTOK_CLIENT_SECRET
export PANTAU_INSTAGRAM_USER_ID=17841400000000001

fetch() { "$bin/pantau-fetch-accounts" --replay "$src/examples/replay" "$@" "$src/examples/accounts.csv"; }
fetch >"$tmp/raw.ndjson" 2>/dev/null
[ -s "$tmp/raw.ndjson" ] || fail "the replayed fetch gave nothing"
"$bin/pantau-normalize" "$tmp/raw.ndjson" >"$tmp/posts.ndjson" 2>/dev/null
"$bin/pantau-classify" "$tmp/posts.ndjson" >"$tmp/classified.ndjson" 2>/dev/null
[ -s "$tmp/classified.ndjson" ] || fail "the pipeline gave nothing"

# limited KB COMMAND...: runs COMMAND with files limited to KB kilobytes; sets rc and err.
limited() {
  local kb=$1
  shift
  (trap '' XFSZ; ulimit -S -f "$kb"; "$@") 2>"$tmp/err"
  rc=$?
  err=$(cat "$tmp/err")
}

limited 16 sh -c "\"$bin/pantau-normalize\" \"$tmp/raw.ndjson\" >\"$tmp/out\""
[ "$rc" -eq 1 ] || fail "normalize into a full file exited $rc"
grep -q "pantau-normalize: <stdout>: write error: File too large" "$tmp/err" || fail "normalize: $err"

limited 16 sh -c "\"$bin/pantau-classify\" \"$tmp/posts.ndjson\" >\"$tmp/out\""
[ "$rc" -eq 1 ] || fail "classify into a full file exited $rc"
grep -q "pantau-classify: <stdout>: write error: File too large" "$tmp/err" || fail "classify: $err"

limited 16 sh -c "exec \"$bin/pantau-fetch-accounts\" --replay \"$src/examples/replay\" \
  \"$src/examples/accounts.csv\" >\"$tmp/out\""
[ "$rc" -eq 1 ] || fail "fetch into a full file exited $rc"
grep -q "pantau-fetch-accounts: <stdout>: write error: File too large" "$tmp/err" || fail "fetch: $err"

# report -o: the old report stays whole, and no temporary file is left behind.
echo "the report of the previous run" >"$tmp/report.html"
limited 16 "$bin/pantau-report" "$tmp/classified.ndjson" -o "$tmp/report.html"
[ "$rc" -eq 1 ] || fail "report -o into a full disk exited $rc"
grep -q "report.html" "$tmp/err" || fail "report does not name its file: $err"
grep -q "File too large" "$tmp/err" || fail "report does not say why: $err"
[ "$(cat "$tmp/report.html")" = "the report of the previous run" ] || fail "the old report was damaged"
leftover=$(find "$tmp" -maxdepth 1 -name '.report.html*' | head -1)
[ -z "$leftover" ] || fail "a temporary file was left behind: $leftover"

# The state database: SQLite's "disk I/O error" says which system error it was.
limited 24 sh -c "exec \"$bin/pantau-fetch-accounts\" --replay \"$src/examples/replay\" \
  --state \"$tmp/state.db\" \"$src/examples/accounts.csv\" >/dev/null"
[ "$rc" -ne 0 ] || fail "fetch with a state file it cannot write exited 0"
grep -q "state.db: .*(File too large)" "$tmp/err" || fail "state: $err"
echo "ok: normalize, classify, fetch, report -o and the state file fail loudly on a full disk"
