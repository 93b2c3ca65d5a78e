#!/usr/bin/env bash
# Every long flag a program lists in --help must appear in its man page and in its bash, zsh and
# fish completions; a flag added without docs fails this test (ripgrep's ci/test-complete).
set -u
bin_dir=$1
src=$2
failures=0
for prog in pantau-fetch-accounts pantau-normalize pantau-classify pantau-report; do
  flags=$("$bin_dir/$prog" --help | grep -oE '(^|[ ,])--[a-z][a-z0-9-]*' | sed 's/^[ ,]*//' | sort -u)
  [ -n "$flags" ] || { echo "FAIL $prog: no flags found in --help"; failures=$((failures + 1)); }
  for f in $flags; do
    name=${f#--}
    grep -q -- "\\\\-\\\\-$name\b\|--$name\b" "$src/man/$prog.1" || { echo "FAIL $prog: $f missing from man/$prog.1"; failures=$((failures + 1)); }
    grep -q -- "--$name\b" "$src/completions/bash/$prog" || { echo "FAIL $prog: $f missing from completions/bash/$prog"; failures=$((failures + 1)); }
    grep -q -- "--$name\b" "$src/completions/zsh/_$prog" || { echo "FAIL $prog: $f missing from completions/zsh/_$prog"; failures=$((failures + 1)); }
    grep -q -- "-l $name\b" "$src/completions/fish/$prog.fish" || { echo "FAIL $prog: $f missing from completions/fish/$prog.fish"; failures=$((failures + 1)); }
  done
done
[ $failures -eq 0 ] && echo "all flags documented"
exit $((failures > 0))
