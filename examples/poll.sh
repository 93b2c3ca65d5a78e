#!/usr/bin/env bash
# examples/poll.sh: the scheduled job (cron, systemd timer, Kubernetes CronJob), one run.
#
#   fetch-accounts --state state.db --errors errors/STAMP.ndjson REGISTRY | gzip > raw/STAMP.ndjson.gz
#   normalize --dedup raw/*.ndjson.gz | classify --only-flagged --claims C --gazetteer G > flagged.ndjson
#   report --since-report last.json --new-only flagged.ndjson errors/STAMP.ndjson -o report.html
#
# Every run fetches only what is new since the last one (the state file, which fetch-accounts
# locks: two runs never share it), keeps what it fetched as an immutable, timestamped raw file,
# classifies every post fetched so far (duplicates removed) with the claims and the gazetteer,
# and writes a report of the findings that are new since the previous run, together with the
# accounts that failed in this one. Files in PANTAU_DATA:
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
#
# Exit status: the worst of its stages, so the scheduler sees what went wrong:
#   0    all accounts fetched, report written
#   1    some accounts failed (the report lists them), report written
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
  -h | --help) sed -n '2,38p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) die 2 "no arguments expected (settings are environment variables; see --help)" ;;
esac

data=${PANTAU_DATA:-.}
registry=${PANTAU_REGISTRY-$data/accounts.csv}
claims=${PANTAU_CLAIMS-$data/claims.csv}
gazetteer=${PANTAU_GAZETTEER-$data/gazetteer.toml}
format=${PANTAU_REPORT_FORMAT:-html}
read -r -a fetch_args <<<"${PANTAU_FETCH_ARGS:-}"
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
trap 'rm -f "$tmp_raw" "$tmp_raw.gz" "$data/.flagged.tmp" "$data/.last.json.tmp"' EXIT

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

# 1. Fetch. fetch-accounts locks the state file itself; its status is the run's first verdict.
#    It runs in the background so that this script can pass signals on while it waits.
pantau-fetch-accounts --state "$data/state.db" --errors "$errors" "${fetch_args[@]}" "$registry" \
  >"$tmp_raw" &
fetch_pid=$!
while :; do
  fetch_status=0
  wait "$fetch_pid" || fetch_status=$?
  # wait returns early (status > 128) when a trapped signal arrives; the program still runs.
  kill -0 "$fetch_pid" 2>/dev/null || break
done
fetch_pid=
case "$fetch_status" in
  0 | 1 | 3) ;;
  75) rm -f "$errors"; die 75 "another run holds $data/state.db; nothing done" ;;
  *) rm -f "$errors"; die "$fetch_status" "pantau-fetch-accounts exited $fetch_status; stopped" ;;
esac
gzip -c "$tmp_raw" >"$tmp_raw.gz" || die 4 "cannot write $raw"
mv "$tmp_raw.gz" "$raw"
chmod a-w "$raw"
rm -f "$tmp_raw"
stop_if_signalled "fetching"
status=$fetch_status

# 2. Every post fetched so far, once, with its findings.
if ! pantau-normalize --dedup "$data"/raw/*.ndjson.gz |
  pantau-classify "${classify_args[@]}" >"$data/.flagged.tmp"; then
  die 4 "normalize or classify failed; $data/flagged.ndjson is unchanged"
fi
mv "$data/.flagged.tmp" "$data/flagged.ndjson"
stop_if_signalled "classifying"

# 3. The report: findings new since the last one, and this run's failed accounts. last.json
#    moves on only when the report was written, so a failed run's findings are reported next time.
[ -e "$data/last.json" ] || : >"$data/last.json"
if ! pantau-report --since-report "$data/last.json" --format json -o "$data/.last.json.tmp" \
  "$data/flagged.ndjson" "$errors" ||
  ! pantau-report --since-report "$data/last.json" --new-only --format "$format" \
    -o "$data/report.$format" "$data/flagged.ndjson" "$errors"; then
  die 4 "report failed; last.json is unchanged, the next run reports these findings again"
fi
mv "$data/.last.json.tmp" "$data/last.json"

case "$status" in
  0) echo "poll.sh: done: $data/report.$format" >&2 ;;
  1) echo "poll.sh: some accounts failed (listed in $data/report.$format)" >&2 ;;
  3) echo "poll.sh: no account could be fetched (listed in $data/report.$format)" >&2 ;;
esac
exit "$status"
