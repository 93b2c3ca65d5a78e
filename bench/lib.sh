# Shared helpers for bench suites (sourced). Each timing runs the command once with output to a
# file under $BENCH_OUT, after one untimed warm-up read of the input (page cache).
#   bench_input KIND        path of generated input of that kind (post|raw|classified), made once
#   bench_header TEXT       starts a table
#   bench_time NAME INPUT CMD...   runs and records wall time, MB/s of INPUT, user CPU time (the
#                           per-core figure: MB/s of INPUT per user CPU second), peak RSS
#   bench_ratios            prints each row's time relative to the first row
BENCH_ROWS=()

bench_input() {
  local kind=$1 f="$BENCH_OUT/$1-$BENCH_COUNT.ndjson"
  if [ ! -s "$f" ]; then
    "$BENCH_BUILD/bench/pantau-bench-gen" --kind "$kind" --count "$BENCH_COUNT" --seed 42 >"$f.tmp"
    mv "$f.tmp" "$f"
  fi
  echo "$f"
}

bench_mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.0f", b / 1e6 }'; }

bench_header() {
  BENCH_ROWS=()
  echo
  echo "## $1"
  printf '%-28s %10s %10s %10s %12s %12s\n' "program" "wall s" "MB/s" "user s" "MB/s/core" \
    "peak RSS MB"
}

bench_time() {
  local name=$1 input=$2
  shift 2
  cat "$input" >/dev/null
  local tf="$BENCH_OUT/time.txt"
  /usr/bin/time -f '%e %U %M' -o "$tf" "$@" >"$BENCH_OUT/out.ndjson" 2>"$BENCH_OUT/stderr.txt" ||
    true
  local wall user rss
  read -r wall user rss <"$tf"
  local bytes
  bytes=$(stat -c %s "$input")
  local mbs
  mbs=$(awk -v b="$bytes" -v t="$wall" 'BEGIN { printf "%.0f", (t > 0 ? b / 1e6 / t : 0) }')
  # User time of the whole command (a pipeline's stages add up), so the per-core figure of a
  # "sh -c 'cat | prog'" row includes cat.
  local per_core
  per_core=$(awk -v b="$bytes" -v t="$user" 'BEGIN { printf "%.0f", (t > 0 ? b / 1e6 / t : 0) }')
  printf '%-28s %10s %10s %10s %12s %12s\n' "$name" "$wall" "$mbs" "$user" "$per_core" \
    "$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')"
  BENCH_ROWS+=("$name|$wall")
}

bench_ratios() {
  local first=${BENCH_ROWS[0]#*|}
  echo "ratios (time / ${BENCH_ROWS[0]%|*}):"
  local row
  for row in "${BENCH_ROWS[@]}"; do
    awk -v n="${row%|*}" -v t="${row#*|}" -v f="$first" 'BEGIN { printf "  %-26s %6.1fx\n", n, (f > 0 ? t / f : 0) }'
  done
}
