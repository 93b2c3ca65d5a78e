#!/usr/bin/env bash
# `cat *.info.json | pantau-normalize --from yt-dlp` for a channel: yt-dlp ends each .info.json
# without a newline, so the files glue into one line far longer than --max-line-bytes. Every
# video must still become a post, the summary must count one input line, and a value longer than
# the limit must still be refused by name. BIN_DIR FIXTURES_DIR
set -u
bin=$1/pantau-normalize
info=$2/collectors/ytdlp_instagram.info.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

# 6,000 files of 403 bytes: 2.4 MB glued, against a limit of 1 MiB.
n=6000
for ((i = 0; i < n; i++)); do cat "$info"; done >"$tmp/glued"
printf '\n{"kind":"probe","n":1}\n' >>"$tmp/glued"
"$bin" -v --from yt-dlp --max-line-bytes 1M "$tmp/glued" >"$tmp/out" 2>"$tmp/err"; rc=$?
posts=$(grep -c '"kind":"post"' "$tmp/out")
[ "$rc" -eq 0 ] || fail "exit $rc (expected 0): $(head -3 "$tmp/err")"
[ "$posts" -eq "$n" ] || fail "$posts posts (expected $n)"
grep -q '"kind":"probe"' "$tmp/out" || fail "the record after the glued line was lost"
grep -q "lines 2, posts $n" "$tmp/err" || fail "summary does not count 2 lines and $n posts: $(tail -1 "$tmp/err")"

# One value longer than the limit is still an error naming the line, and the rest is read.
{ cat "$info"; head -c 1500000 /dev/zero | tr '\0' 'x' | sed 's/^/{"id":"big","title":"/; s/$/"}/'
  cat "$info"; printf '\n'; cat "$info"; printf '\n'; } >"$tmp/big"
"$bin" --from yt-dlp --max-line-bytes 1M "$tmp/big" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ "$rc" -eq 1 ] || fail "a too-long value: exit $rc (expected 1)"
grep -q "big:1: line longer than the maximum" "$tmp/err" || fail "no error naming big:1: $(cat "$tmp/err")"
posts=$(grep -c '"kind":"post"' "$tmp/out")
# The files before and after the long value on line 1, and the one on line 2.
[ "$posts" -eq 3 ] || fail "a too-long value: $posts posts (expected 3)"

[ "$failures" -eq 0 ] && echo "ok: $n glued .info.json files read one by one"
exit $((failures > 0))
