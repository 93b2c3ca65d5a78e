#!/usr/bin/env bash
# bench/normalize/run.sh: pantau-normalize on generated raw records (X API v2 pages, as
# pantau-fetch-accounts writes them) beside jq and python3 doing only a plain field extraction
# of the same input (id and text of every post in every page body), in one run.
# Run through bench/run.sh (which sets BENCH_BUILD, BENCH_OUT, BENCH_COUNT), or directly:
#   BENCH_BUILD=build/release BENCH_OUT=bench/out BENCH_COUNT=1000000 bench/normalize/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${BENCH_BUILD:=$(dirname "$(dirname "$here")")/build/release}"
: "${BENCH_OUT:=$(dirname "$here")/out}"
: "${BENCH_COUNT:=1000000}"
export BENCH_BUILD BENCH_OUT BENCH_COUNT
mkdir -p "$BENCH_OUT"
source "$here/../lib.sh"

in=$(bench_input raw)
norm="$BENCH_BUILD/tools/pantau-normalize"
bench_header "normalize: $BENCH_COUNT posts in raw pages ($(bench_mb "$in") MB)"
bench_time "pantau-normalize" "$in" "$norm" "$in"
posts=$(grep -c '"kind":"post"' "$BENCH_OUT/out.ndjson" || true)
bench_time "pantau-normalize --dedup" "$in" "$norm" --dedup "$in"
bench_time "pantau-normalize (stdin)" "$in" sh -c "cat '$in' | '$norm'"
if command -v jq >/dev/null; then
  bench_time "jq (id,text only)" "$in" jq -c '.body | fromjson | .data[] | {id: .id, text: .text}' "$in"
fi
bench_time "python3 json (id,text only)" "$in" python3 -c '
import json, sys
out = sys.stdout
for line in open(sys.argv[1], encoding="utf-8"):
    rec = json.loads(line)
    for t in json.loads(rec["body"])["data"]:
        out.write(json.dumps({"id": t["id"], "text": t["text"]}, ensure_ascii=False) + "\n")
' "$in"
bench_ratios
echo "posts written: $posts"

# The text normalizer alone, on the texts of the same posts.
texts="$BENCH_OUT/texts-$BENCH_COUNT.txt"
if [ ! -s "$texts" ]; then
  "$norm" "$in" | python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    if r.get("kind") == "post":
        sys.stdout.write(r["text"].replace("\n", " ") + "\n")
' >"$texts.tmp"
  mv "$texts.tmp" "$texts"
fi
bench_header "text normalizer alone: $(wc -l <"$texts") texts ($(bench_mb "$texts") MB of text)"
tn="$BENCH_BUILD/bench/normalize/pantau-bench-textnorm"
bench_time "clean_text only" "$texts" sh -c "'$tn' --clean <'$texts'"
bench_time "clean_text + text_norm" "$texts" sh -c "'$tn' <'$texts'"
bench_ratios
