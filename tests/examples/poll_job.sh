#!/usr/bin/env bash
# tests/examples/poll_job.sh BIN_DIR: the shipped scheduled job, examples/poll.sh, run as a
# scheduler would, offline over the example district's recordings:
#   1. the first run fetches everything, reports every finding and the failed accounts, exit 1;
#   2. the second run (same state) fetches no post again and reports no finding again, exit 1;
#   3. a run where every account fails exits 3 with every failure in its report;
#   4. a run while another holds the state file exits 75 and touches nothing;
#   5. (against the loopback fake FAKE_API) the open findings of the runs before are rechecked
#      within PANTAU_RECHECK_REQUESTS, less those PANTAU_REVIEWS dismissed, their status records
#      kept in the run's raw file; a check that cannot be made makes the run exit 1.
# tests/examples/poll_job.sh BIN_DIR FAKE_API
set -uo pipefail
bin=$1
fake_api=$2
src=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }

export PANTAU_BIN=$bin PANTAU_DATA=$tmp/data PANTAU_REGISTRY=$src/examples/accounts.csv
export PANTAU_CLAIMS=$src/examples/claims.csv PANTAU_GAZETTEER=$src/examples/gazetteer.toml
export PANTAU_REPORT_FORMAT=json PANTAU_FETCH_ARGS="--replay $src/examples/replay"
# The recordings hold no lookups by id: runs 1-4 do not recheck (run 5 does, on loopback).
export PANTAU_RECHECK_REQUESTS=0
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

# 5. Recheck. A fresh data directory whose flagged.ndjson (as a run before left it) holds 120 X
#    posts, one of them dismissed by staff, and a YouTube video (no key: its check cannot be
#    made); the registry is one Mastodon account on the same fake.
. "$src/tests/fake_api.sh"
server_pid=
trap 'rm -rf "$tmp"; [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null' EXIT
start_fake_api "$fake_api" "$tmp" --lookup 1 || fail "fake server did not start"
mkdir -p "$tmp/data5"
for i in $(seq 1000 1119); do
  echo "{\"kind\":\"post\",\"id\":\"x:175500000000000$i\",\"platform\":\"x\",\"native_id\":\"175500000000000$i\",\"text\":\"post 175500000000000$i\",\"labels\":[]}"
done >"$tmp/data5/flagged.ndjson"
echo '{"kind":"post","id":"youtube:vid1001","platform":"youtube","native_id":"vid1001","text":"post 1001"}' >>"$tmp/data5/flagged.ndjson"
echo '{"kind":"review","finding":"x:1755000000000001003","decision":"bukan_pelanggaran","reviewed_at":"2024-02-15T03:00:00Z"}' >"$tmp/reviews.ndjson"
echo '{"kind":"account","platform":"mastodon","handle":"calon@example.social","role":"candidate"}' >"$tmp/registry5.ndjson"
PANTAU_DATA=$tmp/data5 PANTAU_REGISTRY=$tmp/registry5.ndjson PANTAU_CLAIMS= PANTAU_GAZETTEER= \
  PANTAU_FETCH_ARGS="--api-base mastodon=$base --api-base x=$base --api-base youtube=$base" \
  PANTAU_RECHECK_REQUESTS=3 PANTAU_REVIEWS=$tmp/reviews.ndjson PANTAU_X_BEARER_TOKEN=x-poll-secret \
  PANTAU_YOUTUBE_API_KEY= bash "$src/examples/poll.sh" 2>"$tmp/run5.err"
code=$?
[ "$code" -eq 1 ] || fail "a run whose recheck partly failed exited $code, expected 1: $(tail -5 "$tmp/run5.err")"
raw5=$(ls "$tmp/data5/raw/"*.ndjson.gz)
zcat "$raw5" >"$tmp/raw5.ndjson"
x_status=$(grep '"kind":"status"' "$tmp/raw5.ndjson" | grep -c '"platform":"x"')
[ "$x_status" -eq 119 ] || fail "expected 119 X status records (120, one dismissed), got $x_status"
grep -q '"id":"x:1755000000000001003"' "$tmp/raw5.ndjson" && fail "a dismissed finding was rechecked"
grep -q '"id":"x:1755000000000001007","platform":"x","native_id":"1755000000000001007","status":"deleted"' \
  "$tmp/raw5.ndjson" || fail "the deleted post has no deleted status in the raw file"
grep '"id":"youtube:vid1001"' "$tmp/raw5.ndjson" | grep -q '"status":"unknown"' ||
  fail "the video that could not be checked is not unknown"
grep -q '"stage":"fetch"' "$tmp/data5/errors/"*.ndjson || fail "the failed check is not in the run's errors"
lookups=$(grep -c '"endpoint":"tweets"' "$tmp/raw5.ndjson")
[ "$lookups" -eq 2 ] || fail "expected 2 X lookups (119 ids), got $lookups"
grep -q 'x-poll-secret' "$tmp/raw5.ndjson" "$tmp/run5.err" && fail "the token leaked"
[ -s "$tmp/data5/report.json" ] || fail "no report after a recheck"

[ $status -eq 0 ] && echo "ok: poll.sh: recheck of 120 open findings within 3 requests; "
[ $status -eq 0 ] && echo "ok: poll.sh: $posts1 posts and $new1 new findings, then $posts2 and $new2; all failing: exit 3 with $failed3 failures; locked: exit 75"
exit $status
