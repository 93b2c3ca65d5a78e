#!/usr/bin/env bash
# The README's main command: set up, build, and run the whole pipeline on the bundled examples,
# offline and without credentials. Prints where the report is.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --preset release
exec examples/run.sh build/release
