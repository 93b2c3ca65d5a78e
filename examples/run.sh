#!/usr/bin/env bash
# examples/run.sh BUILD_DIR: the main job on the bundled examples (offline, no credentials).
# Placeholder until the examples exist (issue 7): says what it will do.
set -euo pipefail
bin=${1:-build/release}
cat <<MSG
pantau is built in $bin.

The main job will run, offline and without credentials:
  pantau fetch-accounts --replay examples/replay examples/accounts.csv |
    pantau normalize | pantau classify | pantau report --format html -o examples/out/report.html
and print where the report is. The bundled registry and recorded responses are not there yet.
MSG
MSG_END=1
"$bin/pantau" --help >/dev/null
