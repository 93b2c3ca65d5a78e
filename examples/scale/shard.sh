#!/usr/bin/env bash
# examples/scale/shard.sh K N REGISTRY [FETCH-ACCOUNTS ARGS...]
#
# One shard of a sharded run, in the current directory (the same directory on every host: a
# shared file system, so that a shard retried on another host finds its state):
#
#   sK.db               fetch state: a rerun or retry fetches only what is new
#   raw/K/*.ndjson      raw posts, one file per attempt, never rewritten
#   part-K.ndjson       `pantau report --partial` of everything shard K ever fetched
#
# The report is made from all of the shard's raw files, not from the fetch's stdout alone: a
# retry after a kill resumes from the state file and fetches only the rest, so its own output is
# not the whole shard. `normalize --dedup` drops the page that was in flight when it died.
# Exits non-zero when any stage fails, so that GNU parallel's --retries reruns it.
# PANTAU (default: pantau) names the front program.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: shard.sh K N REGISTRY [FETCH-ACCOUNTS ARGS...]" >&2; exit 2; }
k=$1 n=$2 registry=$3
shift 3
pantau=${PANTAU:-pantau}
mkdir -p "raw/$k"
# A killed attempt may have left half a line at the end of its file; that page was not saved in
# the state and is fetched again, so the fragment is cut (to the last newline).
for f in "raw/$k"/*.ndjson; do
  [ -s "$f" ] || continue
  if [ "$(tail -c 1 "$f" | od -An -c | tr -d ' ')" != '\n' ]; then
    keep=$(($(wc -c <"$f") - $(tail -n 1 "$f" | wc -c)))
    truncate -s "$keep" "$f"
  fi
done
raw="raw/$k/$(date -u +%Y%m%dT%H%M%SZ)-$$.ndjson"
# --min-interval: a retry skips the accounts the killed attempt had finished (docs/scale.md).
"$pantau" fetch-accounts --shard "$k/$n" --state "s$k.db" --min-interval "${PANTAU_MIN_INTERVAL:-30m}" \
  "$@" "$registry" >"$raw"
# Through standard input, as in `fetch-accounts | normalize`: the report then names its input
# "<stdin>" whatever the number of attempts, as a one-process run's report does.
cat "raw/$k"/*.ndjson | "$pantau" normalize --dedup | "$pantau" classify |
  "$pantau" report --partial -o "part-$k.ndjson.tmp"
mv "part-$k.ndjson.tmp" "part-$k.ndjson"
