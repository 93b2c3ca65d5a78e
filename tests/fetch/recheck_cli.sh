#!/usr/bin/env bash
# pantau-fetch-accounts --recheck and --hydrate, the real program against the loopback fake
# (pantau-fake-api --lookup 1: every id's last digit says its fate, fake_lookup_api.h):
# exactly one status record per id; kill -9 during a recheck and a rerun with the same state
# complete it, repeating at most the batches in flight; --dry-run plans without a request;
# --max-requests defers the rest and the next run takes them in turn; --hydrate rebuilds raw
# records and names every id it could not rebuild. BIN_DIR FAKE_API.
set -u
. "$(dirname "$0")/../fake_api.sh"
bin_dir=$1
fake_api=$2
exe="$bin_dir/pantau-fetch-accounts"
fake_api_scratch

start_fake_api "$fake_api" "$tmp" --lookup 1 --delay-ms 60 || fail "fake server did not start"
export PANTAU_X_BEARER_TOKEN=x-cli-secret-5521 PANTAU_YOUTUBE_API_KEY=yt-cli-secret-6632
apis=(--api-base "x=$base" --api-base "youtube=$base" --api-base "mastodon=$base"
  --api-base "bluesky=$base")

# 250 X ids (3 requests), 60 YouTube (2), 30 Mastodon (30), 30 Bluesky (2); ids as post records
# (with the text first fetched) and as plain ids.
{
  for i in $(seq 1000 1249); do
    echo "{\"kind\":\"post\",\"id\":\"x:175500000000000$i\",\"platform\":\"x\",\"native_id\":\"175500000000000$i\",\"text\":\"post 175500000000000$i\"}"
  done
  for i in $(seq 1000 1059); do echo "youtube:vid$i"; done
  for i in $(seq 1000 1029); do
    echo "{\"kind\":\"post\",\"id\":\"mastodon:mastodon.social/$i\",\"platform\":\"mastodon\",\"native_id\":\"mastodon.social/$i\",\"text\":\"post $i\"}"
  done
  for i in $(seq 1000 1029); do echo "bluesky:did:plc:budi/$i"; done
  echo '{"kind":"review","finding":"x:1","decision":"benar"}'
} >"$tmp/input.ndjson"
total=370

statuses() {  # FILE: "id status" per status record
  python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.strip()
    if not line: continue
    try: r = json.loads(line)
    except ValueError: continue  # a killed run may leave half a line
    if r.get("kind") == "status": print(r["id"], r["status"])
' "$1"
}

# 1. One uninterrupted run: exactly one status per id, and the fates come out right.
"$exe" --recheck "$tmp/input.ndjson" "${apis[@]}" >"$tmp/a.out" 2>"$tmp/a.err" ||
  fail "recheck exited $?: $(cat "$tmp/a.err")"
statuses "$tmp/a.out" >"$tmp/a.st"
[ "$(wc -l <"$tmp/a.st")" -eq "$total" ] || fail "$(wc -l <"$tmp/a.st") status records for $total ids"
[ "$(cut -d' ' -f1 "$tmp/a.st" | sort -u | wc -l)" -eq "$total" ] || fail "an id got two status records"
grep -q '^x:1755000000000001006 edited$' "$tmp/a.st" || fail "X edit not seen"
grep -q '^x:1755000000000001007 deleted$' "$tmp/a.st" || fail "X deletion not seen"
grep -q '^mastodon:mastodon.social/1009 account_gone$' "$tmp/a.st" || fail "Mastodon 410 not account_gone"
grep -q '^youtube:vid1008 not_visible$' "$tmp/a.st" || fail "a missing video is not not_visible"
grep -q '^youtube:vid1006 present$' "$tmp/a.st" || fail "an id without text cannot be edited"
grep -q 'recheck: 370 ids' "$tmp/a.err" || fail "no summary: $(cat "$tmp/a.err")"
[ "$(grep -c '"kind":"raw"' "$tmp/a.out")" -eq 37 ] || fail "expected 37 raw records (one per request)"
! grep -q -e x-cli-secret -e yt-cli-secret "$tmp/a.out" "$tmp/a.err" || fail "a secret in the output"
# normalize passes status records through, and makes no error of a deleted post's 404.
"$bin_dir/pantau-normalize" "$tmp/a.out" >"$tmp/a.norm" 2>"$tmp/a.norm.err" || fail "normalize failed"
[ "$(grep -c '"kind":"status"' "$tmp/a.norm")" -eq "$total" ] || fail "normalize dropped status records"
! grep -q '"kind":"error"' "$tmp/a.norm" || fail "normalize made errors of answers: $(grep '"kind":"error"' "$tmp/a.norm" | head -2)"

# 2. --dry-run: the plan, no request, no state written.
"$exe" --dry-run --state "$tmp/d.db" --recheck "$tmp/input.ndjson" "${apis[@]}" >"$tmp/d.out" 2>"$tmp/d.err" ||
  fail "dry run exited $?: $(cat "$tmp/d.err")"
grep -Eq '^x +3 ' "$tmp/d.out" || fail "dry run: X is not 3 requests: $(cat "$tmp/d.out")"
grep -Eq '^mastodon +30 ' "$tmp/d.out" || fail "dry run: Mastodon is not 30 requests: $(cat "$tmp/d.out")"
grep -q '370 ids in 37 lookup requests' "$tmp/d.err" || fail "dry run: no id count: $(cat "$tmp/d.err")"
! grep -q '"kind"' "$tmp/d.out" || fail "dry run wrote records"

# 3. kill -9 twice during a recheck with a state file, then a rerun: every id answered, at most
#    the batches in flight (2 at a time, up to 100 ids each) repeated, and the rerun skips the
#    batches already answered.
run() { exec "$exe" --state "$tmp/b.db" --concurrency 2 --recheck "$tmp/input.ndjson" "${apis[@]}"; }
kills=0
: >"$tmp/b.out"
for delay in 0.3 0.3; do
  run >>"$tmp/b.out" 2>>"$tmp/b.err" &
  pid=$!
  sleep "$delay"
  if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null
done
before=$(grep -c '"kind":"raw"' "$tmp/b.out")
[ "$before" -gt 0 ] && [ "$before" -lt 37 ] || fail "the kills came too early or late ($before raw records)"
(run) >>"$tmp/b.out" 2>>"$tmp/b.err" || fail "resumed recheck failed: $(cat "$tmp/b.err")"
statuses "$tmp/b.out" >"$tmp/b.st"
cmp -s <(sort -u "$tmp/a.st") <(sort -u "$tmp/b.st") || fail "killed+resumed recheck says other things"
repeated=$(($(wc -l <"$tmp/b.st") - $(sort -u "$tmp/b.st" | wc -l)))
[ "$repeated" -le $((kills * 2 * 100)) ] || fail "$repeated status records repeated after $kills kills"
raws=$(grep -c '"kind":"raw"' "$tmp/b.out")
[ "$raws" -le $((37 + kills * 2)) ] || fail "the resumed run asked again for answered batches ($raws raw records)"
# The run ended: the same ids are a new recheck, all asked again.
(run) >"$tmp/c.out" 2>"$tmp/c.err" || fail "second recheck failed"
[ "$(statuses "$tmp/c.out" | wc -l)" -eq "$total" ] || fail "a new recheck after one ended skipped ids"

# 4. --max-requests: a budget of 10 requests per run; runs take the ids in turns.
"$exe" --state "$tmp/m.db" --max-requests 10 --recheck "$tmp/input.ndjson" "${apis[@]}" \
  >"$tmp/m1.out" 2>"$tmp/m1.err" || fail "budgeted run failed: $(cat "$tmp/m1.err")"
[ "$(grep -c '"kind":"raw"' "$tmp/m1.out")" -eq 10 ] || fail "the budget of 10 requests was not kept"
grep -q 'left for the next run' "$tmp/m1.err" || fail "the deferred ids are not mentioned"
"$exe" --state "$tmp/m.db" --max-requests 10 --recheck "$tmp/input.ndjson" "${apis[@]}" \
  >"$tmp/m2.out" 2>"$tmp/m2.err" || fail "second budgeted run failed"
overlap=$(comm -12 <(statuses "$tmp/m1.out" | cut -d' ' -f1 | sort) <(statuses "$tmp/m2.out" | cut -d' ' -f1 | sort) | wc -l)
[ "$overlap" -eq 0 ] || fail "the second budgeted run checked $overlap ids of the first again"

# 5. --hydrate a dehydrated list: raw records for what is there, an error record (and a line on
#    stderr) for each id that is not, and nothing else.
{
  echo "# pantau-normalize --dehydrate"
  echo "# platform: x"
  echo "# collected: 2024-01-01T00:00:00Z/2024-02-14T00:00:00Z"
  for i in $(seq 1000 1019); do echo "175500000000000$i"; done
  echo "# platform: bluesky"
  for i in $(seq 1000 1009); do echo "did:plc:budi/$i"; done
} >"$tmp/ids.txt"
"$exe" --hydrate "$tmp/ids.txt" --errors "$tmp/h.errors" "${apis[@]}" >"$tmp/h.out" 2>"$tmp/h.err" ||
  fail "hydrate exited $?: $(cat "$tmp/h.err")"
! grep -q '"kind":"status"' "$tmp/h.out" || fail "hydrate wrote status records"
posts=$("$bin_dir/pantau-normalize" "$tmp/h.out" | grep -c '"kind":"post"')
# Fates 0-6 are there: 14 of 20 X ids, 7 of 10 Bluesky ids.
[ "$posts" -eq 21 ] || fail "hydrate rebuilt $posts posts, expected 21"
[ "$(grep -c '"stage":"hydrate"' "$tmp/h.errors")" -eq 9 ] || fail "expected 9 error records: $(cat "$tmp/h.errors")"
grep -q 'ids.txt:11: .*x:1755000000000001007: not rebuilt: deleted' "$tmp/h.err" ||
  fail "hydrate does not say which id was not rebuilt and why: $(cat "$tmp/h.err")"

# 5b. --dehydrate what was hydrated: a header per platform with the collection period, the 21
#     ids once each; hydrating that list again rebuilds the same posts.
"$bin_dir/pantau-normalize" --dehydrate "$tmp/h.out" "$tmp/h.out" >"$tmp/ids2.txt" 2>"$tmp/dh.err" ||
  fail "dehydrate failed: $(cat "$tmp/dh.err")"
grep -qx '# platform: x' "$tmp/ids2.txt" || fail "no X header: $(head -5 "$tmp/ids2.txt")"
grep -qx '# platform: bluesky' "$tmp/ids2.txt" || fail "no Bluesky header"
grep -Eq '^# collected: [0-9T:.Z-]+/[0-9T:.Z-]+$' "$tmp/ids2.txt" || fail "no collection period"
[ "$(grep -vc '^#' "$tmp/ids2.txt")" -eq 21 ] || fail "dehydrate wrote $(grep -vc '^#' "$tmp/ids2.txt") ids, expected 21"
grep -qx '# ids: 14' "$tmp/ids2.txt" || fail "the X id count is not 14"
"$exe" --hydrate "$tmp/ids2.txt" "${apis[@]}" 2>/dev/null | "$bin_dir/pantau-normalize" 2>/dev/null |
  grep -o '"id":"[^"]*"' | sort -u >"$tmp/again.ids"
"$bin_dir/pantau-normalize" "$tmp/h.out" 2>/dev/null | grep -o '"id":"[^"]*"' | sort -u >"$tmp/first.ids"
cmp -s "$tmp/again.ids" "$tmp/first.ids" || fail "hydrating the dehydrated list gave other posts"

# 5c. A bad line is named by file and line, exits 1, and the other ids are still checked.
printf 'x:1755000000000001000\nnot an id\n{"kind":"post","id":1}\nbluesky:did:plc:budi/1001\n' >"$tmp/bad.txt"
"$exe" --recheck "$tmp/bad.txt" "${apis[@]}" >"$tmp/bad.out" 2>"$tmp/bad.err"
[ $? -eq 1 ] || fail "bad input lines did not exit 1"
grep -q 'bad.txt:2: ' "$tmp/bad.err" || fail "line 2 not named: $(cat "$tmp/bad.err")"
grep -q 'bad.txt:3: ' "$tmp/bad.err" || fail "line 3 not named: $(cat "$tmp/bad.err")"
[ "$(statuses "$tmp/bad.out" | wc -l)" -eq 2 ] || fail "the good ids of a bad file were not checked"

# 6. Usage errors.
"$exe" --recheck "$tmp/input.ndjson" "$tmp/ids.txt" >/dev/null 2>&1
[ $? -eq 2 ] || fail "--recheck with a registry operand is not a usage error"
"$exe" --max-requests 3 "$tmp/ids.txt" >/dev/null 2>&1
[ $? -eq 2 ] || fail "--max-requests without --recheck is not a usage error"
echo "ok: 370 ids, one status each; $kills kills, $repeated repeated; budget rotates; hydrate 21 posts, 9 named"
