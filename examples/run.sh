#!/usr/bin/env bash
# examples/run.sh [BUILD_DIR] [OUT_DIR]
#
# The main job on the bundled example district, offline and without credentials:
#
#   pantau fetch-accounts --replay examples/replay examples/accounts.csv |
#     pantau normalize |
#     pantau classify --claims examples/claims.csv --gazetteer examples/gazetteer.toml
#       > OUT_DIR/classified.ndjson
#   pantau fetch-accounts --replay examples/replay --recheck FLAGGED > OUT_DIR/recheck.ndjson
#   pantau report --format html -o OUT_DIR/report.html OUT_DIR/status.ndjson OUT_DIR/classified.ndjson
#
# The recheck is the next morning's: two of the flagged posts (examples/recheck.txt) are asked
# for again by id, and the recordings answer that one was deleted after it was found and one
# edited (make-replay.py RECHECKS). FLAGGED is those two post records from classified.ndjson, so
# the recheck can tell an edit; status.ndjson is the recheck's status records (recheck.ndjson
# keeps the raw answers beside them), and every report shows the deleted finding.
#
# BUILD_DIR is a build tree (programs in BUILD_DIR/tools) or an install prefix (BUILD_DIR/bin);
# default build/release. OUT_DIR defaults to examples/out. Besides report.html it writes the same
# report as report.md, findings.csv and report.json, report-reviewed.html with the decisions of
# reviews.csv, the review loop's reviews-eval.txt, model.bin and classified-model.ndjson (the
# decisions of reviews.csv and reviews-round2.csv as training data), and keeps the intermediate
# streams
# (raw.ndjson, classified.ndjson) so every finding can be traced back to the recorded response.
#
# Exit status: 0 when the report was written (the example registry contains accounts that fail
# on purpose: a deleted account, a rate-limited one and platforms without an adapter; the report
# lists them), 1 when a program failed, 2 on a usage error.
set -uo pipefail

usage() {
  printf 'run.sh: %s\nUsage: examples/run.sh [BUILD_DIR] [OUT_DIR]\nTry --help.\n' "$1" >&2
  exit 2
}
case "${1:-}" in
  -h | --help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  -*) usage "unknown option $1" ;;
esac
[ $# -le 2 ] || usage "too many arguments"

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build/release}
out=${2:-$here/out}

bin=
for d in "$build/tools" "$build/bin" "$build"; do
  if [ -x "$d/pantau-fetch-accounts" ]; then bin=$(cd "$d" && pwd); break; fi
done
if [ -z "$bin" ]; then
  echo "run.sh: no pantau programs in $build (build first: scripts/setup.sh)" >&2
  exit 1
fi
for p in pantau pantau-fetch-accounts pantau-normalize pantau-classify pantau-report; do
  if [ ! -x "$bin/$p" ]; then echo "run.sh: $bin/$p is missing" >&2; exit 1; fi
done
export PATH="$bin:$PATH"
# Offline and credential-free: --replay answers every request from the recordings, and no real
# key from the caller's environment is needed or used.
unset PANTAU_YOUTUBE_API_KEY PANTAU_MASTODON_TOKEN PANTAU_BLUESKY_TOKEN PANTAU_X_BEARER_TOKEN \
  PANTAU_FACEBOOK_TOKEN PANTAU_INSTAGRAM_TOKEN PANTAU_TIKTOK_CLIENT_KEY PANTAU_TIKTOK_CLIENT_SECRET
# Instagram's business_discovery is asked through the user's own business account; this is the
# example district office's (fictional) one, which the recordings were made with.
export PANTAU_INSTAGRAM_USER_ID=17841400000000001

mkdir -p "$out" || exit 1

echo "run.sh: fetching (replayed), normalizing, classifying ..." >&2
pantau fetch-accounts --replay "$here/replay" "$here/accounts.csv" |
  tee "$out/raw.ndjson" |
  pantau normalize |
  pantau classify --claims "$here/claims.csv" --gazetteer "$here/gazetteer.toml" \
    >"$out/classified.ndjson"
status=("${PIPESTATUS[@]}")
# fetch-accounts exits 1 when some accounts failed, which this registry makes happen on purpose.
if [ "${status[0]}" -gt 1 ]; then
  echo "run.sh: pantau fetch-accounts failed (exit ${status[0]})" >&2
  exit 1
fi
names=("pantau fetch-accounts" "tee raw.ndjson" "pantau normalize" "pantau classify")
for i in 1 2 3; do
  if [ "${status[$i]}" -ne 0 ]; then
    echo "run.sh: ${names[$i]} failed (exit ${status[$i]})" >&2
    exit 1
  fi
done

echo "run.sh: rechecking two flagged posts the next morning (replayed) ..." >&2
# The post records of the ids in recheck.txt: with the text as it was found, an edit shows.
sed -n 's/^\([a-z]*:[^#[:space:]]*\)$/"id":"\1"/p' "$here/recheck.txt" >"$out/recheck-ids.txt"
grep '^{"kind":"post"' "$out/classified.ndjson" | grep -F -f "$out/recheck-ids.txt" \
  >"$out/recheck-posts.ndjson"
rm -f "$out/recheck-ids.txt"
if ! pantau fetch-accounts --replay "$here/replay" --recheck "$out/recheck-posts.ndjson" \
    >"$out/recheck.ndjson"; then
  echo "run.sh: pantau fetch-accounts --recheck failed" >&2
  exit 1
fi
grep '^{"kind":"status"' "$out/recheck.ndjson" >"$out/status.ndjson"

for spec in html:report.html md:report.md csv:findings.csv json:report.json; do
  if ! pantau report --format "${spec%%:*}" \
      -o "$out/${spec#*:}" "$out/status.ndjson" "$out/classified.ndjson"; then
    echo "run.sh: pantau report --format ${spec%%:*} failed" >&2
    exit 1
  fi
done

# The review loop: three decisions staff typed into the findings spreadsheet (reviews.csv) flow
# back; the reviewed report shows them, keeps the dismissed finding out of the lists, and lists
# what still needs review.
if ! pantau report --reviews "$here/reviews.csv" -o "$out/report-reviewed.html" \
    "$out/status.ndjson" "$out/classified.ndjson"; then
  echo "run.sh: pantau report --reviews failed" >&2
  exit 1
fi

# ... and into the model: the decisions of both rounds (reviews.csv, reviews-round2.csv) are
# labelled data for the district's own model. eval first says, on a held-back third of the
# decisions, whether they help; train writes the model; the next classification uses it.
labels=hoax,insult,black_campaign,money_politics,hate,sara,violence
reviews=(--reviews "$here/reviews.csv" --reviews "$here/reviews-round2.csv")
if ! pantau classify eval --labels "$labels" "${reviews[@]}" --claims "$here/claims.csv" \
    "$out/classified.ndjson" \
    >"$out/reviews-eval.txt"; then
  echo "run.sh: pantau classify eval --reviews failed" >&2
  exit 1
fi
if ! pantau classify train --labels "$labels" "${reviews[@]}" --claims "$here/claims.csv" \
    --out "$out/model.bin" "$out/classified.ndjson"; then
  echo "run.sh: pantau classify train --reviews failed" >&2
  exit 1
fi
if ! pantau classify --model "$out/model.bin" --claims "$here/claims.csv" \
    --gazetteer "$here/gazetteer.toml" "$out/classified.ndjson" >"$out/classified-model.ndjson"; then
  echo "run.sh: pantau classify --model failed" >&2
  exit 1
fi

echo "The report is ready: $out/report.html"
# The summary table of the Markdown report ("## Ringkasan", the first section), so the run ends
# with what was found.
awk '/^## /{n++} n==1 && /^\|/ && !/^\|---/ && !/^\|  \|/' "$out/report.md" | sed 's/^/  /'
cat <<EOF
  The same report: $out/report.md, $out/findings.csv, $out/report.json
  With staff's decisions from $here/reviews.csv: $out/report-reviewed.html
  The decisions as training data: $out/reviews-eval.txt (before/after), $out/model.bin,
           $out/classified-model.ndjson (classified again with that model)
  Streams: $out/raw.ndjson (recorded responses), $out/classified.ndjson (labelled posts),
           $out/recheck.ndjson (the recheck's answers and status records)
EOF
