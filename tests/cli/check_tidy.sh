#!/usr/bin/env bash
# Runs clang-tidy (.clang-tidy at the top) over the project's library and program sources using
# the build's compile_commands.json; the checks named in WarningsAsErrors fail the test.
#   check_tidy.sh CLANG_TIDY SOURCE_DIR BUILD_DIR
set -u
tidy=$1
src=$2
build=$3
cd "$src" || exit 1
files=$(find lib tools -name '*.cpp' | sort)
# Two at a time (the CI machine has two cores); each file's findings are printed as they come.
printf '%s\n' $files | xargs -P 2 -n 4 "$tidy" -p "$build" --quiet 2>/dev/null >"$build/clang-tidy.log"
status=${PIPESTATUS[1]}
grep -E 'error:' "$build/clang-tidy.log" && { echo "clang-tidy: errors (see above)"; exit 1; }
n=$(grep -c 'warning:' "$build/clang-tidy.log")
echo "clang-tidy: $(echo "$files" | wc -w) files, no errors, $n advisory warnings ($build/clang-tidy.log)"
exit 0
