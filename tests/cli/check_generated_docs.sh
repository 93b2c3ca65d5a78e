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
# The completions are scripts: each must at least parse (zsh and fish where installed).
for f in $files; do
  case $f in
    completions/bash/*) bash -n "$src/$f" || { echo "FAIL: $f is not valid bash"; failures=$((failures + 1)); } ;;
    completions/zsh/*) if command -v zsh >/dev/null; then zsh -n "$src/$f" || { echo "FAIL: $f is not valid zsh"; failures=$((failures + 1)); }; fi ;;
    completions/fish/*) if command -v fish >/dev/null; then fish -n "$src/$f" || { echo "FAIL: $f is not valid fish"; failures=$((failures + 1)); }; fi ;;
  esac
done
# And they complete: a subcommand's choices, a value list, the flags after a subcommand.
complete_bash() {  # PROGRAM WORD... : the words bash offers for the last WORD
  bash -c 'complete() { :; }; compopt() { :; }; source "$1"; shift; fn=_${1//-/_}
           COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); "$fn"; echo "${COMPREPLY[*]}"' \
    _ "$src/completions/bash/$1" "$@"
}
expect() {  # WANTED GOT...
  local wanted=$1
  shift
  [ "$*" = "$wanted" ] || { echo "FAIL: bash completion gave '$*', wanted '$wanted'"; failures=$((failures + 1)); }
}
expect "rules model both" "$(complete_bash pantau-classify eval --mode "")"
expect "telegram-export" "$(complete_bash pantau-normalize --from tel)"
expect "--lodo --labels" "$(complete_bash pantau-classify eval --l)"
expect "--line-buffered" "$(complete_bash pantau-classify --l)"  # not train/eval's --labels
expect "youtube=" "$(complete_bash pantau-fetch-accounts --rate y)"
[ $failures -eq 0 ] && echo "all $(echo "$files" | wc -l) generated files up to date"
exit $((failures > 0))
