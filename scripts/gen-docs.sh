#!/usr/bin/env bash
# Writes the man pages' OPTIONS sections (and .TH versions) and the bash, zsh and fish completions
# from the flag tables (tools/*/flags.h) into the tree. Run it after changing a flag and commit
# what it changes; the docs.generated test fails while they differ.
#   scripts/gen-docs.sh [BUILD_DIR]     (default build/ci; same as the gen-docs build target)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/ci}
[ -f "$build/CMakeCache.txt" ] || cmake --preset ci >/dev/null
cmake --build "$build" --target pantau-gen-docs >/dev/null
"$build/tools/pantau-gen-docs" "$root" "$root"
git -C "$root" status --short -- man completions
