#!/usr/bin/env bash
# examples/scale/run-parallel.sh -S LOGINS -n N -d DIR [-r RETRIES] [-f FORMAT] [--ssh CMD]
#                                REGISTRY [FETCH-ACCOUNTS ARGS...]
#
# N shards of one registry on the hosts named by LOGINS (GNU parallel's --sshlogin list, e.g.
# "4/mon1,4/mon2": 4 shards at a time on each), each running examples/scale/shard.sh in DIR,
# then the N partial reports merged here into DIR/report.FORMAT (default md).
#
#   examples/scale/run-parallel.sh -S 4/mon1,4/mon2 -n 16 -r 3 -d /srv/pantau accounts.csv
#
# DIR must be the same path on every host and on this one, on a shared file system (NFS): a
# shard that fails is rerun by parallel (--retries) on another host if it can, and resumes from
# DIR/sK.db there; the merge reads DIR/part-*.ndjson. shard.sh must be in DIR, REGISTRY is read
# relative to DIR, pantau must be on each host's PATH (or PANTAU names it), and credentials come
# from each host's own environment or a --credentials FILE in the fetch arguments, never from
# this command line. DIR/jobs.log is parallel's job log: one line per attempt, with host and
# exit status. Exits 1 (without merging) when a shard still fails after its retries.
# PANTAU_MERGE_ARGS adds words to the final `report --merge` (e.g. "--lang en --top 100").
set -euo pipefail
logins='' shards='' dir='' retries=3 format=md ssh_cmd=''
while [ $# -gt 0 ]; do
  case "$1" in
    -S) logins=$2; shift 2 ;;
    -n) shards=$2; shift 2 ;;
    -d) dir=$2; shift 2 ;;
    -r) retries=$2; shift 2 ;;
    -f) format=$2; shift 2 ;;
    --ssh) ssh_cmd=$2; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    --) shift; break ;;
    -*) echo "run-parallel.sh: unknown option '$1'" >&2; exit 2 ;;
    *) break ;;
  esac
done
if [ -z "$logins" ] || [ -z "$shards" ] || [ -z "$dir" ] || [ $# -lt 1 ]; then
  echo "usage: run-parallel.sh -S LOGINS -n N -d DIR [-r RETRIES] [-f FORMAT] REGISTRY [ARGS...]" >&2
  exit 2
fi
case "$dir" in /*) ;; *) echo "run-parallel.sh: -d needs an absolute path" >&2; exit 2 ;; esac
export PANTAU=${PANTAU:-pantau}
ssh_opt=()
[ -n "$ssh_cmd" ] && ssh_opt=(--ssh "$ssh_cmd")

# -q: every word reaches shard.sh as it is, quoted for the remote shell.
parallel --will-cite --sshlogin "$logins" "${ssh_opt[@]}" --retries "$retries" \
  --joblog "$dir/jobs.log" --workdir "$dir" --env PANTAU --tagstring 'shard {}' \
  -q "$dir/shard.sh" {} "$shards" "$@" ::: $(seq 1 "$shards")

# shellcheck disable=SC2086 # PANTAU_MERGE_ARGS is a list of words
"$PANTAU" report --merge ${PANTAU_MERGE_ARGS:-} --format "$format" -o "$dir/report.$format" \
  "$dir"/part-*.ndjson
