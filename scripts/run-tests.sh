#!/usr/bin/env bash
# The README's test command: set up, build with warnings as errors, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --preset ci
ctest --preset ci "$@"
