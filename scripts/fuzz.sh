#!/usr/bin/env bash
# Builds the fuzz preset (clang, libFuzzer, ASan + UBSan) and runs every harness in fuzz/ for
# SECONDS each (default 300), one after the other on one core, from its seed corpus plus what
# earlier runs found (build/fuzz/fuzz/corpus/<harness>, kept between runs).
#   scripts/fuzz.sh [SECONDS] [HARNESS...]
# Prints one line per harness: runs, runs per second, corpus size, findings. A finding (crash,
# sanitizer report, leak, a run over 10 s, over 2 GB RSS) is left in build/fuzz/findings/<harness>/
# and makes the exit status 1: turn it into a test (fuzz/regressions/<harness>/, docs/fuzzing.md).
# Exit 77 (skipped) when clang-14 or its libFuzzer runtime is not installed (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
[ $# -gt 0 ] && shift

probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long) { return 0; }\n' \
  >"$probe/p.cpp"
if ! command -v clang++-14 >/dev/null ||
   ! clang++-14 -fsanitize=fuzzer,address,undefined "$probe/p.cpp" -o "$probe/p" 2>/dev/null; then
  echo "fuzz: clang-14 with libFuzzer (libclang-rt-14-dev) is not installed: skipped" >&2
  exit 77
fi

export CMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER:-$(command -v ccache || true)}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz >/dev/null

bin=build/fuzz/fuzz
if [ $# -gt 0 ]; then
  harnesses=("$@")
else
  harnesses=()
  for f in "$bin"/fuzz_*; do harnesses+=("${f##*/fuzz_}"); done
fi
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
printf '%-20s %10s %8s %7s %s\n' harness runs runs/s corpus findings
for h in "${harnesses[@]}"; do
  findings=build/fuzz/findings/$h
  mkdir -p "$findings" "$bin/corpus/$h"
  log=build/fuzz/findings/$h.log
  "$bin/fuzz_$h" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=1048576 \
    -print_final_stats=1 -artifact_prefix="$findings/" "$bin/corpus/$h" "$bin/seeds/$h" \
    >"$log" 2>&1 || true
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  corpus=$(find "$bin/corpus/$h" -type f | wc -l)
  found=$(find "$findings" -type f | wc -l)
  printf '%-20s %10s %8s %7s %s\n' "$h" "${runs:-?}" "${rate:-?}" "$corpus" "$found"
  if [ "$found" -gt 0 ]; then
    status=1
    grep -m3 -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" >&2 || true
  fi
done
exit $status
