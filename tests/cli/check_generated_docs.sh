#!/usr/bin/env bash
# The man pages' OPTIONS sections and the completions are generated from the flag tables
# (tools/*/flags.h): what is committed must be what pantau-gen-docs writes now. On a difference,
# run scripts/gen-docs.sh and commit the result.
set -u
gen=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$gen" "$src" "$tmp" || { echo "FAIL: pantau-gen-docs $src $tmp failed"; exit 1; }
files=$("$gen" --list)
[ -n "$files" ] || { echo "FAIL: pantau-gen-docs --list lists nothing"; exit 1; }
failures=0
for f in $files; do
  if ! diff -u "$src/$f" "$tmp/$f"; then
    echo "FAIL: $f differs from a fresh generation (run scripts/gen-docs.sh)"
    failures=$((failures + 1))
  fi
done
[ $failures -eq 0 ] && echo "all $(echo "$files" | wc -l) generated files up to date"
exit $((failures > 0))
