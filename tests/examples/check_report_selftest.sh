#!/usr/bin/env bash
# The checker of the example pipeline must pass a correct stream and name every kind of problem
# in a wrong one (a test that cannot fail would prove nothing).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
d=$here/selftest
status=0
fail() { echo "FAIL: $*"; status=1; }
out=$(python3 "$here/check_report.py" --findings "$d/findings.tsv" --classified "$d/good.ndjson" \
  --report-md "$d/good-report.md") || fail "a correct stream was rejected:"$'\n'"$out"
grep -q '^2 of 3\|^3 of 3' <<<"$out" || fail "count line missing: $out"
out=$(python3 "$here/check_report.py" --findings "$d/findings.tsv" --classified "$d/bad.ndjson" \
  --report-md "$d/good-report.md")
[ $? -eq 1 ] || fail "a wrong stream was accepted"
for want in \
  "finding money_politics on youtube:AAAAAAAAAAA does not name its target 'Calon Satu'" \
  'finding campaign on youtube:AAAAAAAAAAA lacks its evidence' \
  'missing finding quiet_period on mastodon:111' \
  'post not in the stream (fetch/normalize lost it): mastodon:222' \
  'hard negative flagged: money_politics on bluesky:at://did:plc:abc/app.bsky.feed.post/3kaaaaaaaaaaa' \
  'label on a clean post: insult on mastodon:333' \
  '1 post(s) appear more than once in the stream (None + None): mastodon:111' \
  '1 post(s) in the stream that posts.txt does not have, from None: mastodon:444' \
  'failed account has no error record: mastodon:gone@x.example'; do
  grep -q -- "$want" <<<"$out" || fail "no line matching '$want' in:"$'\n'"$out"
done
out=$(python3 "$here/check_report.py" --findings "$d/findings.tsv" --classified "$d/good.ndjson" \
  --report-md "$d/bad-report.md")
[ $? -eq 1 ] || fail "a report without the money politics finding was accepted"
for want in \
  'bad-report.md: finding on youtube:AAAAAAAAAAA is not in the report' \
  'bad-report.md: failed account mastodon:gone@x.example (http 404) is not listed'; do
  grep -q -- "$want" <<<"$out" || fail "no line matching '$want' in:"$'\n'"$out"
done
[ $status -eq 0 ] && echo "ok: check_report.py accepts good input and names 11 problems"
exit $status
