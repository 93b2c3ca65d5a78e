#!/usr/bin/env bash
# Fails when a C++ source of the project is not formatted with .clang-format.
# Fix with: scripts/lint.sh --fix
set -u
clang_format=$1
cd "$2" || exit 1
files=$(find lib tools tests bench -name '*.cpp' -o -name '*.h' | sort)
bad=()
for f in $files; do
  "$clang_format" --dry-run -Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ ${#bad[@]} -gt 0 ]; then
  echo "not clang-formatted (run scripts/lint.sh --fix):"
  printf '  %s\n' "${bad[@]}"
  exit 1
fi
echo "clang-format: $(echo "$files" | wc -w) files ok"
