#!/usr/bin/env bash
# tests/examples/poll_job.sh BIN_DIR: the shipped scheduled job, examples/poll.sh, run as a
# scheduler would, offline over the example district's recordings:
#   1. the first run fetches everything, reports every finding and the failed accounts, exit 1;
#   2. the second run (same state) fetches no post again and reports no finding again, exit 1;
#   3. a run where every account fails exits 3 with every failure in its report;
#   4. a run while another holds the state file exits 75 and touches nothing.
set -uo pipefail
bin=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }

export PANTAU_BIN=$bin PANTAU_DATA=$tmp/data PANTAU_REGISTRY=$src/examples/accounts.csv
export PANTAU_CLAIMS=$src/examples/claims.csv PANTAU_GAZETTEER=$src/examples/gazetteer.toml
export PANTAU_REPORT_FORMAT=json PANTAU_FETCH_ARGS="--replay $src/examples/replay"
export PANTAU_INSTAGRAM_USER_ID=17841400000000001
mkdir -p "$tmp/data"

# posts RAW_FILE: the number of posts in a raw file; findings REPORT: new findings in a report.
posts() { "$bin/pantau-normalize" "$1" | grep -c '"kind":"post"'; }
report_field() {  # REPORT PYTHON_EXPRESSION over the report object r
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

# 1. The first run.
bash "$src/examples/poll.sh" 2>"$tmp/run1.err"; code=$?
[ "$code" -eq 1 ] || fail "first run exited $code, expected 1 (some accounts fail on purpose): $(tail -5 "$tmp/run1.err")"
mapfile -t raws < <(ls "$tmp/data/raw/")
[ "${#raws[@]}" -eq 1 ] || fail "first run left ${#raws[@]} raw files"
first_raw=$tmp/data/raw/${raws[0]}
[ ! -w "$first_raw" ] || [ "$(id -u)" -eq 0 ] || fail "the raw file is writable"
[ "$(stat -c %a "$first_raw")" = 444 ] || fail "the raw file is not read-only: $(stat -c %a "$first_raw")"
posts1=$(posts "$first_raw")
[ "$posts1" -gt 0 ] || fail "the first run fetched no post"
cp "$tmp/data/report.json" "$tmp/report1.json"
new1=$(report_field "$tmp/report1.json" 'r["summary"]["new_findings"]')
failed1=$(report_field "$tmp/report1.json" 'r["summary"]["failed_accounts"]')
[ "$new1" -gt 0 ] || fail "the first report has no new finding"
[ "$failed1" -gt 0 ] || fail "the first report lists no failed account (the example has some)"
flagged1=$(report_field "$tmp/report1.json" 'r["summary"]["findings"]')
# The same flagged posts as the tour's one pipeline (examples/run.sh), claims and gazetteer included.
"$bin/pantau-fetch-accounts" $PANTAU_FETCH_ARGS "$PANTAU_REGISTRY" 2>/dev/null |
  "$bin/pantau-normalize" |
  "$bin/pantau-classify" --only-flagged --claims "$PANTAU_CLAIMS" --gazetteer "$PANTAU_GAZETTEER" \
    >"$tmp/tour.ndjson"
tour=$(grep -c '"kind":"post"' "$tmp/tour.ndjson")
mine=$(grep -c '"kind":"post"' "$tmp/data/flagged.ndjson")
[ "$tour" -gt 0 ] && [ "$mine" -eq "$tour" ] || fail "poll.sh flagged $mine posts, the tour's pipeline $tour"

# 2. The second run: nothing new upstream, so no post fetched twice and no finding reported twice.
bash "$src/examples/poll.sh" 2>"$tmp/run2.err"; code=$?
[ "$code" -eq 1 ] || fail "second run exited $code, expected 1: $(tail -5 "$tmp/run2.err")"
grep -o 'no recorded exchange for [^"]*' "$tmp/data/errors/"* | sort -u | head -5 |
  sed 's/^/  second run asked for an unrecorded request: /' | grep . && fail "unrecorded requests"
mapfile -t raws < <(ls "$tmp/data/raw/")
[ "${#raws[@]}" -eq 2 ] || fail "after two runs there are ${#raws[@]} raw files, expected 2"
second_raw=$tmp/data/raw/${raws[1]}
posts2=$(posts "$second_raw")
[ "$posts2" -eq 0 ] || fail "the second run fetched $posts2 posts again"
new2=$(report_field "$tmp/data/report.json" 'r["summary"]["new_findings"]')
[ "$new2" -eq 0 ] || fail "the second report has $new2 new findings, expected 0"
flagged2=$(report_field "$tmp/data/report.json" 'r["summary"]["findings"]')
[ "$flagged2" -eq "$flagged1" ] || fail "flagged posts went from $flagged1 to $flagged2 (duplicates?)"
failed2=$(report_field "$tmp/data/report.json" 'r["summary"]["failed_accounts"]')
[ "$failed2" -eq "$failed1" ] || fail "the second report lists $failed2 failed accounts, the first $failed1"

# 3. Every account fails (no recording answers): exit 3, and the report says so.
mkdir -p "$tmp/empty-replay"
PANTAU_FETCH_ARGS="--replay $tmp/empty-replay" bash "$src/examples/poll.sh" 2>"$tmp/run3.err"
code=$?
[ "$code" -eq 3 ] || fail "a run where every account fails exited $code, expected 3"
accounts=$("$bin/pantau-fetch-accounts" --check "$PANTAU_REGISTRY" 2>/dev/null | grep -c '"kind":"account"')
failed3=$(report_field "$tmp/data/report.json" 'r["summary"]["failed_accounts"]')
[ "$failed3" -eq "$accounts" ] ||
  fail "the report of a run where all $accounts accounts failed lists $failed3 failures"

# 4. Another run holds the state: exit 75, no new raw or error file, the report untouched.
cp "$tmp/data/report.json" "$tmp/report3.json"
flock "$tmp/data/state.db.lock" sleep 5 &
holder=$!
sleep 0.3
bash "$src/examples/poll.sh" 2>"$tmp/run4.err"; code=$?
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
[ "$code" -eq 75 ] || fail "a run on a locked state exited $code, expected 75: $(cat "$tmp/run4.err")"
[ "$(ls "$tmp/data/raw" | wc -l)" -eq 3 ] || fail "the locked-out run left a raw file"
[ "$(ls "$tmp/data/errors" | wc -l)" -eq 3 ] || fail "the locked-out run left an errors file"
cmp -s "$tmp/report3.json" "$tmp/data/report.json" || fail "the locked-out run changed the report"

[ $status -eq 0 ] && echo "ok: poll.sh: $posts1 posts and $new1 new findings, then $posts2 and $new2; all failing: exit 3 with $failed3 failures; locked: exit 75"
exit $status
