#!/usr/bin/env bash
# The probe table of STYLE.md §3.12 for one program: BIN_DIR PROGRAM.
# Every program reads NDJSON records; each probe states what a user may rely on.
set -u
bin_dir=$1
prog=$2
exe="$bin_dir/$prog"
# Arguments for the record probes (4-8, 10); help, version and bad-flag probes use none.
args=()
case "$prog" in
  pantau-fetch-accounts) args=(--check) ;;  # validate the registry: probes never touch a network
  pantau-report) args=(--generated-at 2024-01-01T00:00:00Z) ;;  # else the time it was run shows
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL [$prog] $*"; failures=$((failures + 1)); }
pass() { echo "ok   [$prog] $*"; }

# An input every program accepts: records of a kind it passes through untouched.
record='{"kind":"probe","n":1}'

# 1. --help: help on stdout, nothing on stderr, exit 0, examples first.
"$exe" --help >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ $rc -eq 0 ] && [ -s "$tmp/out" ] && [ ! -s "$tmp/err" ] && grep -q 'Examples:' "$tmp/out"; then
  pass "--help"; else fail "--help (rc=$rc)"; fi
"$exe" -h >"$tmp/out2" 2>/dev/null
cmp -s "$tmp/out" "$tmp/out2" && pass "-h equals --help" || fail "-h differs from --help"

# 2. --version: "PROG (pantau) X.Y.Z", exit 0.
out=$("$exe" --version 2>"$tmp/err"); rc=$?
if [ $rc -eq 0 ] && echo "$out" | head -1 | grep -Eq "^$prog \(pantau\) [0-9]+\.[0-9]+\.[0-9]+$"; then
  pass "--version"; else fail "--version: '$out' rc=$rc"; fi

# 3. A bad flag: usage on stderr, empty stdout, exit 2.
"$exe" --bogus-flag </dev/null >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q "^$prog: " "$tmp/err" && grep -q 'Usage:' "$tmp/err"; then
  pass "bad flag"; else fail "bad flag rc=$rc"; cat "$tmp/err"; fi

# 4. Empty input: empty stdout, empty stderr, exit 0. Except for fetch-accounts, whose input is
#    the registry: an empty one (a spreadsheet emptied by mistake) is "nothing could run", exit 3
#    with a message, so a scheduled job does not stay green while fetching nothing.
"$exe" "${args[@]}" </dev/null >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ "$prog" = pantau-fetch-accounts ]; then
  if [ $rc -eq 3 ] && [ ! -s "$tmp/out" ] && grep -q "^$prog: <stdin>: no accounts" "$tmp/err"; then
    pass "empty registry exits 3"; else fail "empty registry rc=$rc"; cat "$tmp/err"; fi
elif [ $rc -eq 0 ] && [ ! -s "$tmp/err" ]; then pass "empty input"; else fail "empty input rc=$rc"; cat "$tmp/err"; fi

# 5. Bad JSON on line 2: reported with input and line, exit 1; line 1 is not lost.
printf '%s\n{bad\n%s\n' "$record" "$record" | "$exe" "${args[@]}" >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ $rc -eq 1 ] && grep -q "^$prog: <stdin>:2: " "$tmp/err"; then pass "bad line reported"; else
  fail "bad line rc=$rc"; cat "$tmp/err"; fi

# 6. A missing file: named with the system's reason, exit 1.
"$exe" "${args[@]}" "$tmp/missing.ndjson" >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ $rc -eq 1 ] && grep -q "$tmp/missing.ndjson: No such file or directory" "$tmp/err"; then
  pass "missing file"; else fail "missing file rc=$rc"; cat "$tmp/err"; fi

# 7. | head -1 on a big input: quiet, exit 0.
for i in $(seq 1 20000); do echo "{\"kind\":\"probe\",\"n\":$i,\"pad\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}"; done >"$tmp/big.ndjson"
"$exe" "${args[@]}" "$tmp/big.ndjson" 2>"$tmp/err" | head -1 >/dev/null; rc=${PIPESTATUS[0]}
if [ $rc -eq 0 ] && [ ! -s "$tmp/err" ]; then pass "| head -1"; else fail "| head -1 rc=$rc"; cat "$tmp/err"; fi

# 8. > /dev/full: a write error, exit 1.
if [ -w /dev/full ]; then
  "$exe" "${args[@]}" "$tmp/big.ndjson" >/dev/full 2>"$tmp/err"; rc=$?
  if [ $rc -eq 1 ] && grep -qi "no space left on device" "$tmp/err"; then pass "> /dev/full"; else
    fail "> /dev/full rc=$rc"; cat "$tmp/err"; fi
fi

# 9. No colour escapes when piped.
if "$exe" --help | grep -q $'\x1b\['; then fail "colour escapes in piped output"; else pass "no colour when piped"; fi

# 10. Locale independence: byte-identical output under another locale.
other=$(locale -a 2>/dev/null | grep -iE '^(de_DE|id_ID|fr_FR)\.utf-?8$' | head -1)
if [ -z "$other" ]; then
  fail "no comma-decimal UTF-8 locale installed (scripts/setup.sh generates de_DE.UTF-8)"
else
  LC_ALL=C "$exe" "${args[@]}" "$tmp/big.ndjson" >"$tmp/c.out" 2>&1
  LC_ALL=$other "$exe" "${args[@]}" "$tmp/big.ndjson" >"$tmp/l.out" 2>&1
  cmp -s "$tmp/c.out" "$tmp/l.out" && pass "identical under $other" || fail "output differs under $other"
fi

# 11. SIGINT while waiting for input: exit 130, records already written are whole lines.
mkfifo "$tmp/fifo"
( printf '%s\n' "$record"; sleep 5 ) >"$tmp/fifo" &
writer=$!
"$exe" "$tmp/fifo" >"$tmp/out" 2>"$tmp/err" &
pid=$!
sleep 0.5
kill -INT $pid
wait $pid; rc=$?
kill $writer 2>/dev/null; wait $writer 2>/dev/null
if [ $rc -eq 130 ]; then pass "SIGINT exits 130"; else fail "SIGINT rc=$rc"; cat "$tmp/err"; fi

# 12. SIGTERM (how systemd and Kubernetes stop a job): exit 143, not 130, so a supervisor can
#     tell a stop from a Ctrl-C; the records already written are whole lines.
( printf '%s\n' "$record"; sleep 5 ) >"$tmp/fifo" &
writer=$!
"$exe" "$tmp/fifo" >"$tmp/out" 2>"$tmp/err" &
pid=$!
sleep 0.5
kill -TERM $pid
wait $pid; rc=$?
kill $writer 2>/dev/null; wait $writer 2>/dev/null
if [ $rc -eq 143 ] && grep -q "terminated" "$tmp/err"; then pass "SIGTERM exits 143"; else
  fail "SIGTERM rc=$rc"; cat "$tmp/err"; fi

[ $failures -eq 0 ] && echo "probes: all passed for $prog" || echo "probes: $failures failed for $prog"
exit $((failures > 0))
