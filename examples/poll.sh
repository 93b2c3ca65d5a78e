#!/usr/bin/env bash
# examples/poll.sh: the scheduled job (cron, systemd timer, Kubernetes CronJob), one run.
#
#   fetch-accounts --state state.db --errors errors/STAMP.ndjson REGISTRY | gzip > raw/STAMP.ndjson.gz
#   fetch-accounts --state state.db --recheck flagged.ndjson --max-requests N   (appended to it)
#   normalize --dedup raw/*.ndjson.gz | classify --only-flagged --claims C --gazetteer G > flagged.ndjson
#   report --since-report last.json --new-only flagged.ndjson errors/STAMP.ndjson -o report.html
#
# Every run fetches only what is new since the last one (the state file, which fetch-accounts
# locks: two runs never share it), keeps what it fetched as an immutable, timestamped raw file,
# classifies every post fetched so far (duplicates removed) with the claims and the gazetteer,
# and writes a report of the findings that are new since the previous run, together with the
# accounts that failed in this one. Every run also asks the platforms again about the open
# findings of the runs before (flagged.ndjson, less those dismissed in PANTAU_REVIEWS), within a
# request budget: a status record per post (present, edited, deleted, ...) goes into the run's
# raw file beside the lookups' raw records, so a deletion is kept as evidence. Files in
# PANTAU_DATA:
#   state.db, state.db.lock    fetch-accounts' memory between runs, and its lock
#   raw/STAMP.ndjson.gz        what each run fetched, never rewritten (read-only once written)
#   errors/STAMP.ndjson        each run's error records (failed accounts), also in its report
#   flagged.ndjson             every post with a finding, from all raw files
#   report.FORMAT              this run's report: new findings and this run's failures
#   last.json                  what has been reported, for the next run's --since-report
#
# Settings (environment):
#   PANTAU_DATA       data directory (default: the current directory)
#   PANTAU_BIN        directory of the pantau-* programs (default: found on PATH)
#   PANTAU_REGISTRY   the account registry (default: PANTAU_DATA/accounts.csv)
#   PANTAU_CLAIMS     debunked claims CSV (default: PANTAU_DATA/claims.csv; empty: none)
#   PANTAU_GAZETTEER  the candidate list TOML (default: PANTAU_DATA/gazetteer.toml; empty: none)
#   PANTAU_FETCH_ARGS more fetch-accounts flags, split on spaces, e.g. "--credentials FILE" or,
#                     to rehearse offline, "--replay examples/replay"
#   PANTAU_REPORT_FORMAT  html (default), md, csv or json
#   PANTAU_RECHECK_REQUESTS  lookup requests per run for rechecking open findings (default 100,
#                     up to 100 X posts or 50 YouTube videos each; 0: no recheck); a bigger set
#                     of findings is rechecked in turns over the runs
#   PANTAU_RECHECK_ARGS  fetch-accounts flags for the recheck (default: PANTAU_FETCH_ARGS)
#   PANTAU_REVIEWS    staff's decisions (findings CSV or review records): findings dismissed
#                     there are not rechecked (default: none)
#
# Exit status: the worst of its stages, so the scheduler sees what went wrong:
#   0    all accounts fetched, report written
#   1    some accounts failed (the report lists them), or some rechecks could not be made (their
#        posts have status unknown, their error records are in errors/STAMP.ndjson), report
#        written
#   2    usage or configuration error (a missing registry, claims or gazetteer file); nothing run
#   3    nothing could run: no account could be fetched (no credentials, network down, empty
#        registry); the report lists the failures
#   4    normalize, classify or report failed (bad records or an I/O error); see the log
#   75   another run holds the state file (EX_TEMPFAIL): nothing done, try again later
#   130  interrupted (SIGINT), 143 terminated (SIGTERM); fetch-accounts saved its state
set -euo pipefail

die() {  # STATUS MESSAGE
  echo "poll.sh: $2" >&2
  exit "$1"
}
case "${1:-}" in
  -h | --help) sed -n '2,51p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) die 2 "no arguments expected (settings are environment variables; see --help)" ;;
esac

data=${PANTAU_DATA:-.}
registry=${PANTAU_REGISTRY-$data/accounts.csv}
claims=${PANTAU_CLAIMS-$data/claims.csv}
gazetteer=${PANTAU_GAZETTEER-$data/gazetteer.toml}
format=${PANTAU_REPORT_FORMAT:-html}
read -r -a fetch_args <<<"${PANTAU_FETCH_ARGS:-}"
read -r -a recheck_args <<<"${PANTAU_RECHECK_ARGS-${PANTAU_FETCH_ARGS:-}}"
recheck_requests=${PANTAU_RECHECK_REQUESTS:-100}
reviews=${PANTAU_REVIEWS:-}
case "$recheck_requests" in
  '' | *[!0-9]*) die 2 "PANTAU_RECHECK_REQUESTS=$recheck_requests is not a number" ;;
esac
if [ -n "${PANTAU_BIN:-}" ]; then
  [ -x "$PANTAU_BIN/pantau-fetch-accounts" ] || die 2 "no pantau programs in PANTAU_BIN=$PANTAU_BIN"
  PATH="$PANTAU_BIN:$PATH"
fi
for prog in pantau-fetch-accounts pantau-normalize pantau-classify pantau-report; do
  command -v "$prog" >/dev/null || die 2 "$prog is not on PATH (set PANTAU_BIN)"
done
[ -d "$data" ] || die 2 "PANTAU_DATA=$data is not a directory"
[ -r "$registry" ] || die 2 "cannot read the registry $registry (PANTAU_REGISTRY)"
classify_args=(--only-flagged)
if [ -n "$claims" ]; then
  [ -r "$claims" ] || die 2 "cannot read the claims $claims (PANTAU_CLAIMS; empty: none)"
  classify_args+=(--claims "$claims")
fi
if [ -n "$gazetteer" ]; then
  [ -r "$gazetteer" ] || die 2 "cannot read the gazetteer $gazetteer (PANTAU_GAZETTEER; empty: none)"
  classify_args+=(--gazetteer "$gazetteer")
fi
if [ -n "$reviews" ]; then
  [ -r "$reviews" ] || die 2 "cannot read the reviews $reviews (PANTAU_REVIEWS; empty: none)"
  recheck_args+=(--reviews "$reviews")
fi

mkdir -p "$data/raw" "$data/errors"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
n=1
base=$stamp
while [ -e "$data/raw/$stamp.ndjson.gz" ] || [ -e "$data/errors/$stamp.ndjson" ]; do
  n=$((n + 1))
  stamp=$base.$n
done
raw=$data/raw/$stamp.ndjson.gz
errors=$data/errors/$stamp.ndjson
tmp_raw=$data/raw/.$stamp.ndjson.tmp
trap 'rm -f "$tmp_raw" "$tmp_raw.gz" "$errors.recheck" "$data/.flagged.tmp" "$data/.last.json.tmp" "$data/.status.tmp"' EXIT

# A signal to this script (Kubernetes sends SIGTERM to the container's first process only) is
# passed on to fetch-accounts, which saves its state and exits 143; then this script stops too.
signal=
fetch_pid=
# shellcheck disable=SC2317  # called by the traps
on_signal() {  # NAME STATUS
  signal=$2
  if [ -n "$fetch_pid" ]; then kill -s "$1" "$fetch_pid" 2>/dev/null || true; fi
}
trap 'on_signal INT 130' INT
trap 'on_signal TERM 143' TERM
stop_if_signalled() {
  if [ -n "$signal" ]; then die "$signal" "stopped by a signal after $1"; fi
}

# run_fetch ARGS...: runs pantau-fetch-accounts in the background (so that this script can pass
# signals on while it waits), appending to the run's raw file; its status in fetch_status.
run_fetch() {
  pantau-fetch-accounts "$@" >>"$tmp_raw" &
  fetch_pid=$!
  while :; do
    fetch_status=0
    wait "$fetch_pid" || fetch_status=$?
    # wait returns early (status > 128) when a trapped signal arrives; the program still runs.
    kill -0 "$fetch_pid" 2>/dev/null || break
  done
  fetch_pid=
}

# 1. Fetch. fetch-accounts locks the state file itself; its status is the run's first verdict.
: >"$tmp_raw"
run_fetch --state "$data/state.db" --errors "$errors" "${fetch_args[@]}" "$registry"
case "$fetch_status" in
  0 | 1 | 3) ;;
  75) rm -f "$errors"; die 75 "another run holds $data/state.db; nothing done" ;;
  *) rm -f "$errors"; die "$fetch_status" "pantau-fetch-accounts exited $fetch_status; stopped" ;;
esac
status=$fetch_status

# 1b. Recheck the open findings of the runs before (not those staff dismissed), within the
#     budget: lookups and status records go into this run's raw file, failed checks into its
#     error file. A check that could not be made counts as a failure (1), never as "deleted".
if [ "$recheck_requests" -gt 0 ] && [ -s "$data/flagged.ndjson" ] && [ -z "$signal" ]; then
  run_fetch --state "$data/state.db" --errors "$errors.recheck" --max-requests "$recheck_requests" \
    "${recheck_args[@]}" --recheck "$data/flagged.ndjson"
  [ -e "$errors.recheck" ] && cat "$errors.recheck" >>"$errors" && rm -f "$errors.recheck"
  case "$fetch_status" in
    0) ;;
    1 | 3) [ "$status" -ne 0 ] || status=1 ;;
    75) echo "poll.sh: another run took $data/state.db; open findings not rechecked" >&2
      [ "$status" -ne 0 ] || status=1 ;;
    130 | 143) ;;  # the signal is handled below
    *) # A bad PANTAU_RECHECK_ARGS must not cost the posts just fetched: they are kept.
      echo "poll.sh: pantau-fetch-accounts --recheck exited $fetch_status (see PANTAU_RECHECK_ARGS); open findings not rechecked" >&2
      [ "$status" -ne 0 ] || status=1 ;;
  esac
fi
gzip -c "$tmp_raw" >"$tmp_raw.gz" || die 4 "cannot write $raw"
mv "$tmp_raw.gz" "$raw"
chmod a-w "$raw"
rm -f "$tmp_raw"
stop_if_signalled "fetching"

# 2. Every post fetched so far, once, with its findings.
if ! pantau-normalize --dedup "$data"/raw/*.ndjson.gz |
  pantau-classify "${classify_args[@]}" >"$data/.flagged.tmp"; then
  die 4 "normalize or classify failed; $data/flagged.ndjson is unchanged"
fi
mv "$data/.flagged.tmp" "$data/flagged.ndjson"
stop_if_signalled "classifying"

# 3. The report: findings new since the last one, and this run's failed accounts. last.json
#    moves on only when the report was written, so a failed run's findings are reported next time.
#    Rechecks' status records go first: --new-only keeps a known finding deleted since the last
#    report (news) only when it has read the deletion before the post.
[ -e "$data/last.json" ] || : >"$data/last.json"
grep -h '^{"kind":"status"' "$data/flagged.ndjson" >"$data/.status.tmp" || true
if ! pantau-report --since-report "$data/last.json" --format json -o "$data/.last.json.tmp" \
  "$data/.status.tmp" "$data/flagged.ndjson" "$errors" ||
  ! pantau-report --since-report "$data/last.json" --new-only --format "$format" \
    -o "$data/report.$format" "$data/.status.tmp" "$data/flagged.ndjson" "$errors"; then
  die 4 "report failed; last.json is unchanged, the next run reports these findings again"
fi
mv "$data/.last.json.tmp" "$data/last.json"

case "$status" in
  0) echo "poll.sh: done: $data/report.$format" >&2 ;;
  1) echo "poll.sh: some accounts or rechecks failed (listed in $data/report.$format)" >&2 ;;
  3) echo "poll.sh: no account could be fetched (listed in $data/report.$format)" >&2 ;;
esac
exit "$status"
