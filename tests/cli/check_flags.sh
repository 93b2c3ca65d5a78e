#!/usr/bin/env bash
# The man pages' OPTIONS and the completions are generated from the flag tables (tools/*/flags.h;
# docs.generated checks they are up to date). This checks the tables against the programs, both
# ways, for each program and subcommand: every long flag its --help lists is in its man page and
# its bash, zsh and fish completions (a flag registered without its table entry fails here), and
# every flag its table gives the shells is one --help lists (ripgrep's ci/test-complete).
set -u
bin_dir=$1
src=$2
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
for spec in pantau-fetch-accounts pantau-normalize pantau-report pantau-classify \
            "pantau-classify train" "pantau-classify eval" "pantau-classify import-claims"; do
  prog=${spec%% *}
  sub=${spec#"$prog"}
  sub=${sub# }
  flags=$("$bin_dir/$prog" $sub --help | grep -oE '(^|[ ,])--[a-z][a-z0-9-]*' | sed 's/^[ ,]*//' | sort -u)
  [ -n "$flags" ] || fail "$spec: no flags found in --help"
  for f in $flags; do
    name=${f#--}
    grep -q -- "\\\\-\\\\-$name\b\|--$name\b" "$src/man/$prog.1" || fail "$spec: $f missing from man/$prog.1"
    grep -q -- "--$name\b" "$src/completions/bash/$prog" || fail "$spec: $f missing from completions/bash/$prog"
    grep -q -- "--$name\b" "$src/completions/zsh/_$prog" || fail "$spec: $f missing from completions/zsh/_$prog"
    grep -q -- "-l $name\b" "$src/completions/fish/$prog.fish" || fail "$spec: $f missing from completions/fish/$prog.fish"
  done
  # The other way: the fish file has one line per flag of the table, by subcommand.
  if [ -n "$sub" ]; then
    lines=$(grep -F "__fish_seen_subcommand_from $sub\"" "$src/completions/fish/$prog.fish")
  else
    lines=$(grep '^complete' "$src/completions/fish/$prog.fish" | grep -vF -- '-n "__fish_seen')
  fi
  for name in $(echo "$lines" | grep -oE ' -l [a-z0-9-]+' | sed 's/ -l //'); do
    echo "$flags" | grep -qx -- "--$name" || fail "$spec: --$name is in its flag table but not in --help"
  done
done
[ $failures -eq 0 ] && echo "all flags documented"
exit $((failures > 0))
