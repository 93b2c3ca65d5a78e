#!/usr/bin/env bash
# Trusted time on the real program, against a local time-stamping authority made here: a
# throwaway CA and a TSA certificate (extendedKeyUsage critical timeStamping), `openssl ts
# -reply` behind a loopback HTTP server (fake_tsa.py) that wants basic authentication.
#   1. a run writes its manifest and the token; --verify and `openssl ts -verify` accept them;
#      the TSA's password is in no output;
#   2. a changed line, a missing line, a token over another manifest, another CA: each fails,
#      naming what;
#   3. the TSA down: exit 1, every raw record and the manifest still written, no token.
# BIN_DIR FAKE_API. Exit 77 (skipped) without openssl or python3.
set -u
. "$(dirname "$0")/../fake_api.sh"
bin_dir=$1
fake_api=$2
exe="$bin_dir/pantau-fetch-accounts"
command -v openssl >/dev/null && command -v python3 >/dev/null || {
  echo "SKIP: needs openssl and python3"
  exit 77
}
tmp=$(mktemp -d)
server_pid=
tsa_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -n "$tsa_pid" ] && kill "$tsa_pid" 2>/dev/null && wait "$tsa_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$tmp" || exit 1

# The authority: a CA, and a TSA certificate it signed for time stamping only.
ec=(-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes)
openssl req -x509 "${ec[@]}" -keyout ca.key -out ca.pem -days 2 -subj "/CN=pantau test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  2>/dev/null || fail "cannot make the CA"
openssl req "${ec[@]}" -keyout tsa.key -out tsa.csr -subj "/CN=pantau test TSA" 2>/dev/null ||
  fail "cannot make the TSA key"
printf 'extendedKeyUsage=critical,timeStamping\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n' >tsa.ext
openssl x509 -req -in tsa.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out tsa.pem -days 2 \
  -extfile tsa.ext 2>/dev/null || fail "cannot sign the TSA certificate"
cat >tsa.cnf <<CNF
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = $tmp
serial = \$dir/tsaserial
crypto_device = builtin
signer_cert = \$dir/tsa.pem
certs = \$dir/ca.pem
signer_key = \$dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
CNF
echo 01 >tsaserial
secret='p4ss-s3cret'
python3 "$(dirname "$0")/fake_tsa.py" --dir "$tmp" --config tsa.cnf --port-file tsa.port \
  --auth "stamp:$secret" 2>tsa.err &
tsa_pid=$!
for _ in $(seq 1 100); do [ -s tsa.port ] && break; sleep 0.05; done
[ -s tsa.port ] || fail "the TSA did not start: $(cat tsa.err)"
tsa="http://stamp:$secret@127.0.0.1:$(cat tsa.port)/tsa"

start_fake_api "$fake_api" "$tmp" --pages 3 --per-page 5 || fail "fake API did not start"
echo '{"kind":"account","platform":"mastodon","handle":"ma1@example.social","role":"candidate"}' \
  >registry.ndjson
fetch() { "$exe" --api-base "mastodon=$base" "$@" registry.ndjson; }

# 1. A run with a manifest and a timestamp.
fetch --manifest run.manifest.json --tsa "$tsa" >raw.ndjson 2>run.err
rc=$?
[ "$rc" -eq 0 ] || fail "the run exited $rc: $(cat run.err)"
[ -s run.manifest.json ] || fail "no manifest"
[ -s run.manifest.tsr ] || fail "no token beside the manifest: $(cat run.err)"
lines=$(wc -l <raw.ndjson)
[ "$lines" -ge 3 ] || fail "only $lines raw records"
python3 - "$lines" <<'PY' || fail "the manifest does not list every line"
import hashlib, json, sys
m = json.load(open("run.manifest.json"))
raw = open("raw.ndjson", "rb").read().split(b"\n")[:-1]
assert m["records"] == int(sys.argv[1]) == len(m["lines"]), m["records"]
assert m["lines"] == [hashlib.sha256(l).hexdigest() for l in raw]
assert m["tool"].startswith("pantau-fetch-accounts "), m["tool"]
assert m["registry"][0]["file"] == "registry.ndjson"
assert m["registry"][0]["sha256"] == hashlib.sha256(open("registry.ndjson", "rb").read()).hexdigest()
assert m["started_at"] <= m["ended_at"]
PY
grep -q "auth=ok" tsa.log || fail "the TSA did not get the credentials: $(cat tsa.log)"
grep -q "content-type=application/timestamp-query" tsa.log || fail "not a timestamp query"
grep -q "REDACTED@127.0.0.1" run.manifest.json || fail "the manifest's argv is not redacted"
grep -q "timestamp run.manifest.tsr: 20" run.err || fail "no timestamp notice: $(cat run.err)"
if grep -l "$secret" run.err run.manifest.json raw.ndjson; then fail "the TSA password leaked"; fi

"$exe" --verify raw.ndjson run.manifest.json --tsa-ca ca.pem >verify.out 2>verify.err ||
  fail "--verify rejected a good run: $(cat verify.err)"
grep -q "every line matches, in order" verify.out || fail "verify output: $(cat verify.out)"
grep -q "signature verified against ca.pem" verify.out || fail "verify output: $(cat verify.out)"
# The equivalent OpenSSL command line from docs/fetch.md.
openssl ts -verify -in run.manifest.tsr -data run.manifest.json -CAfile ca.pem 2>&1 |
  grep -q "Verification: OK" || fail "openssl ts -verify does not accept the token"

# 2. Each tampering is caught and named.
sed '2s/"/~/' raw.ndjson >changed.ndjson
"$exe" --verify changed.ndjson run.manifest.json --tsa-ca ca.pem >/dev/null 2>changed.err &&
  fail "--verify accepted a changed line"
grep -q "changed.ndjson:2: SHA-256 differs from line 2 of the manifest" changed.err ||
  fail "the changed line is not named: $(cat changed.err)"
[ "$(grep -c 'differs' changed.err)" -eq 1 ] || fail "more than the changed line: $(cat changed.err)"
sed '2d' raw.ndjson >cut.ndjson
"$exe" --verify cut.ndjson run.manifest.json >/dev/null 2>cut.err && fail "--verify accepted a cut file"
grep -q "cut.ndjson:2: line 2 of the manifest is missing before this line" cut.err ||
  fail "the missing line is not named: $(cat cut.err)"
head -n "$((lines - 1))" raw.ndjson >short.ndjson
"$exe" --verify short.ndjson run.manifest.json >/dev/null 2>short.err && fail "--verify accepted a short file"
grep -q "line $lines of the manifest is missing: the file ends after line $((lines - 1))" short.err ||
  fail "the missing last line is not named: $(cat short.err)"

fetch --manifest other.manifest.json --tsa "$tsa" >other.ndjson 2>other.err || fail "second run: $(cat other.err)"
mkdir swapped && cp raw.ndjson run.manifest.json swapped/ && cp other.manifest.tsr swapped/run.manifest.tsr
"$exe" --verify swapped/raw.ndjson swapped/run.manifest.json --tsa-ca ca.pem >/dev/null 2>swapped.err &&
  fail "--verify accepted a token over another manifest"
grep -q "the token is over another file" swapped.err || fail "swapped token: $(cat swapped.err)"

openssl req -x509 "${ec[@]}" -keyout other-ca.key -out other-ca.pem -days 2 -subj "/CN=other CA" 2>/dev/null
"$exe" --verify raw.ndjson run.manifest.json --tsa-ca other-ca.pem >/dev/null 2>otherca.err &&
  fail "--verify accepted a token signed under another CA"
grep -q "signature does not verify against other-ca.pem" otherca.err || fail "other CA: $(cat otherca.err)"

# 3. The TSA down: the data is fine, the timestamp is missing.
kill "$tsa_pid" && wait "$tsa_pid" 2>/dev/null
tsa_pid=
fetch --manifest down.manifest.json --tsa "$tsa" >down.ndjson 2>down.err
rc=$?
[ "$rc" -eq 1 ] || fail "TSA down: exit $rc, expected 1: $(cat down.err)"
[ "$(wc -l <down.ndjson)" -eq "$lines" ] || fail "TSA down: raw records lost"
[ -s down.manifest.json ] || fail "TSA down: no manifest"
[ ! -e down.manifest.tsr ] || fail "TSA down: a token was written"
grep -q "time-stamping authority http://REDACTED@127.0.0.1:[0-9]*/tsa: .*down.manifest.json is written without a timestamp token" down.err ||
  fail "TSA down: unclear message: $(cat down.err)"
if grep -q "$secret" down.err down.manifest.json; then fail "TSA down: the password leaked"; fi
"$exe" --verify down.ndjson down.manifest.json >down-verify.out 2>&1 || fail "the untimestamped run does not verify"
grep -q "timestamp: none" down-verify.out || fail "verify: $(cat down-verify.out)"
echo "trusted time: ok ($lines records)"
