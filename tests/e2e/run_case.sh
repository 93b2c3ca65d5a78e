#!/bin/sh
# Runs one golden end-to-end case: CASE_DIR BIN_DIR.
#   CASE_DIR/cmd       a shell command line, run in CASE_DIR with the programs first on PATH
#   CASE_DIR/stdin     optional standard input (else /dev/null)
#   CASE_DIR/expected.stdout, expected.stderr, expected.exit   what must come out
# PANTAU_UPDATE_GOLDEN=1 rewrites the expected files from the actual run (review the diff).
set -u
case_dir=$1
bin_dir=$2
PATH="$bin_dir:$PATH"
# No pattern-database cache in the real home; cases that test it set their own directory.
export PATH LC_ALL=C TZ=UTC NO_COLOR=1 PANTAU_CACHE_DIR=
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
stdin=/dev/null
[ -f "$case_dir/stdin" ] && stdin="$case_dir/stdin"
(cd "$case_dir" && sh ./cmd <"$stdin" >"$tmp/stdout" 2>"$tmp/stderr")
echo $? >"$tmp/exit"
if [ "${PANTAU_UPDATE_GOLDEN:-0}" = 1 ]; then
  cp "$tmp/stdout" "$case_dir/expected.stdout"
  cp "$tmp/stderr" "$case_dir/expected.stderr"
  cp "$tmp/exit" "$case_dir/expected.exit"
  echo "updated $case_dir"
  exit 0
fi
status=0
for f in stdout stderr exit; do
  if ! cmp -s "$case_dir/expected.$f" "$tmp/$f"; then
    echo "--- $f differs (expected vs actual) in $case_dir"
    diff -u "$case_dir/expected.$f" "$tmp/$f" | head -40
    status=1
  fi
done
[ $status -eq 0 ] && echo "ok $(basename "$case_dir")"
exit $status
