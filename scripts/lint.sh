#!/usr/bin/env bash
# clang-format (check only) and clang-tidy over the project's own sources.
#   scripts/lint.sh [--fix]
set -uo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files 'lib/*.cpp' 'lib/*.h' 'tools/*.cpp' 'bench/*.cpp' 'tests/*.cpp' 'tests/*.h')
status=0
if [ "${1:-}" = --fix ]; then
  clang-format -i $files
else
  clang-format --dry-run -Werror $files || status=1
fi
[ -f build/ci/compile_commands.json ] || cmake --preset ci >/dev/null
clang-tidy -p build/ci --quiet $(git ls-files 'lib/*.cpp' 'tools/*.cpp') 2>/dev/null | grep -E 'warning:|error:' && status=1
exit $status
