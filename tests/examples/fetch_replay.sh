#!/usr/bin/env bash
# tests/examples/fetch_replay.sh BIN_DIR: the recorded responses in examples/replay/ still answer
# every request pantau-fetch-accounts makes for examples/accounts.csv, and the accounts that fail
# on purpose fail the documented way. Needs only fetch-accounts, so it guards the recordings
# against adapter changes even while other programs are being built.
set -uo pipefail
bin=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
PANTAU_INSTAGRAM_USER_ID=17841400000000001 \
  "$bin/pantau-fetch-accounts" --replay "$src/examples/replay" "$src/examples/accounts.csv" \
  >"$tmp/out.ndjson" 2>"$tmp/err"
code=$?
status=0
fail() { echo "FAIL: $*"; status=1; }
[ "$code" -eq 1 ] || fail "exit status $code, expected 1 (some accounts fail on purpose)"
if grep -q 'no recorded exchange' "$tmp/out.ndjson" "$tmp/err"; then
  fail "requests without a recording (regenerate with examples/make-replay.py?):"
  grep -o 'no recorded exchange for [^"]*' "$tmp/out.ndjson" | sort -u | head -20
fi
# Every recorded listing page with items (the responses that carry posts) must come out as a raw
# record; resolution steps (channels, accounts/lookup) and empty last pages may or may not be kept.
python3 - "$src/examples/replay" "$tmp/out.ndjson" <<'PY' || status=1
import glob, json, sys, urllib.parse
def canonical(url):
    base, _, query = url.partition("?")
    params = sorted(urllib.parse.parse_qsl(query, keep_blank_values=True))
    return base + "?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote, safe="")
listings = ("/playlistItems?", "/videos?", "/statuses?", "getAuthorFeed?", "/tweets?",
            "/posts?", "business_discovery", "/research/video/query/", "https://t.me/s/")
def items_of(url, text):
    if url.startswith("https://t.me/s/"):
        return text.count('data-post="')
    body = json.loads(text)
    if isinstance(body, list):
        return body
    if "business_discovery" in body:
        return body["business_discovery"].get("media", {}).get("data", [])
    data = body.get("data")
    if isinstance(data, dict):  # TikTok: {"data": {"videos": [...]}}
        return data.get("videos", [])
    return data or body.get("items", body.get("feed", []))
wanted = {}
for path in glob.glob(sys.argv[1] + "/*.http"):
    with open(path, encoding="utf-8") as f:
        request, _, rest = f.read().partition("\n\n")
    method, url = request.split("\n")[0].split(" ", 1)
    # The later poll's exchanges (fetched-at 05:00 and after, make-replay.py's LATER_POLL_AT)
    # answer a second run with --state; tests/examples/poll_job.sh checks those.
    if "\nfetched-at: 2024-02-20T05:" in request:
        continue
    # The next morning's recheck (make-replay.py RECHECK_AT) answers run.sh's --recheck.
    if "\nfetched-at: 2024-02-21T" in request:
        continue
    if not rest.startswith("HTTP/1.1 200") or not any(m in url for m in listings):
        continue
    if method == "POST":  # the raw record keeps the URL, not the body: one listing per URL
        continue
    items = items_of(url, rest.partition("\n\n")[2])
    if items:  # an empty last page need not be kept
        wanted[canonical(url)] = path.rsplit("/", 1)[-1]
got = set()
for line in open(sys.argv[2], encoding="utf-8"):
    r = json.loads(line)
    if r.get("kind") == "raw":
        got.add(canonical(r["request_url"]))
missing = sorted(set(wanted) - got)
for url in missing:
    print(f"FAIL: recorded listing page not fetched: {url} ({wanted[url]})")
print(f"{'ok' if not missing else 'FAIL'}: {len(wanted) - len(missing)} of {len(wanted)} "
      f"recorded listing pages came out as raw records ({len(got)} raw records in all)")
sys.exit(1 if missing else 0)
PY
python3 - "$src/examples/expected-findings.tsv" "$tmp/out.ndjson" <<'PY' || status=1
import json, sys
failed = {}
for line in open(sys.argv[1], encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if len(f) > 3 and f[3] == "failed":
        failed[f[0]] = f[2]
errors = {}
for line in open(sys.argv[2], encoding="utf-8"):
    r = json.loads(line)
    if r.get("kind") == "error":
        errors[(r.get("account") or {}).get("key")] = r
ok = True
for key, code in failed.items():
    e = errors.get(key)
    if e is None:
        print(f"FAIL: no error record for {key} (expected http {code})"); ok = False
    elif str(e.get("http_status")) != code:
        print(f"FAIL: {key}: http_status {e.get('http_status')}, expected {code}"); ok = False
    else:
        print(f"ok: {key} failed with http {code}: {e.get('message')}")
sys.exit(0 if ok else 1)
PY

# The schedule rehearsed: a first run with --state, then a second one. Every incremental request
# of the second (X since_id, Graph since, Bluesky by DID, TikTok's shorter window) is recorded,
# and with nothing new upstream it writes no raw record and fails only the planted accounts.
for run in 1 2; do
  PANTAU_INSTAGRAM_USER_ID=17841400000000001 \
    "$bin/pantau-fetch-accounts" --state "$tmp/state.db" --replay "$src/examples/replay" \
    "$src/examples/accounts.csv" >"$tmp/run$run.ndjson" 2>"$tmp/run$run.err"
  code=$?
  [ "$code" -eq 1 ] || fail "run $run with --state: exit $code, expected 1"
done
if grep -q 'no recorded exchange' "$tmp/run2.ndjson"; then
  fail "the second run asked for requests without a recording (regenerate with examples/make-replay.py?):"
  grep -o 'no recorded exchange for [^"]*' "$tmp/run2.ndjson" | sort -u | head -20
fi
raw2=$(grep -c '"kind":"raw"' "$tmp/run2.ndjson")
[ "$raw2" -eq 0 ] || fail "the second run wrote $raw2 raw records, expected none (nothing new)"
errors1=$(grep -c '"kind":"error"' "$tmp/run1.ndjson")
errors2=$(grep -c '"kind":"error"' "$tmp/run2.ndjson")
[ "$errors2" -eq "$errors1" ] || fail "the second run has $errors2 error records, the first $errors1"
[ $status -eq 0 ] && echo "ok: a second run with --state: every request recorded, no raw record, $errors2 planted failures"
exit $status
