#!/usr/bin/env bash
# tests/examples/pipeline.sh BIN_DIR OUT_DIR: runs the main job (examples/run.sh) with the built
# programs and checks the labelled stream and every report format against
# examples/expected-findings.tsv (check_report.py says which finding is missing and why).
set -uo pipefail
bin=$1
out=$2
src=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$out"
if ! "$src/examples/run.sh" "$bin" "$out"; then
  echo "FAIL: examples/run.sh did not finish"
  exit 1
fi
exec python3 "$src/tests/examples/check_report.py" \
  --findings "$src/examples/expected-findings.tsv" \
  --classified "$out/classified.ndjson" \
  --report-html "$out/report.html" --report-md "$out/report.md" \
  --report-csv "$out/findings.csv" --report-json "$out/report.json"
