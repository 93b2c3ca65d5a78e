#!/usr/bin/env bash
# examples/scale/run-parallel.sh for real: GNU parallel runs 4 shards over ssh on two "hosts"
# (one sshd of the test's own, reached as 127.0.0.1 and 127.0.0.2) against the loopback fake
# API; the first attempt of shard 2 is killed with SIGKILL mid-fetch, parallel reruns it
# (--retries) and it resumes from its state file; the merged report must equal, byte for byte,
# the report of one process over the whole registry.
#   parallel_ssh.sh BIN_DIR FAKE_API SOURCE_DIR
# Exits 77 (skipped) when parallel or sshd is missing or sshd cannot be started here.
set -u
. "$(dirname "$0")/../fake_api.sh"
bin_dir=$(cd "$1" && pwd)
fake_api=$2
src=$(cd "$3" && pwd)
skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }
command -v parallel >/dev/null || skip "GNU parallel not installed (Debian: parallel)"
sshd=$(command -v sshd || echo /usr/sbin/sshd)
[ -x "$sshd" ] || skip "sshd not installed (Debian: openssh-server)"
command -v ssh >/dev/null && command -v ssh-keygen >/dev/null || skip "ssh client not installed"

accounts=3000 shards=4
tmp=$(mktemp -d)
chmod 755 "$tmp"
server_pid='' sshd_pid=''
cleanup() {
  for p in $sshd_pid $server_pid; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
user=$(id -un)

# --- sshd on loopback: own host key, config, authorized key, a free port --------------------
ssh-keygen -q -t ed25519 -N '' -C pantau-test-host -f "$tmp/host_key" || fail "ssh-keygen"
ssh-keygen -q -t ed25519 -N '' -C pantau-test-client -f "$tmp/client_key" || fail "ssh-keygen"
echo "from=\"127.0.0.0/8\" $(cat "$tmp/client_key.pub")" >"$tmp/authorized_keys"
[ "$(id -u)" = 0 ] && mkdir -p /run/sshd  # privilege separation directory (absent in containers)
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
    echo $((20000 + RANDOM % 20000))
}
started=0
for _ in 1 2 3 4 5; do
  port=$(free_port)
  cat >"$tmp/sshd_config" <<CFG
Port $port
ListenAddress 127.0.0.1
ListenAddress 127.0.0.2
HostKey $tmp/host_key
PidFile $tmp/sshd.pid
AuthorizedKeysFile $tmp/authorized_keys
AllowUsers $user
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
MaxStartups 64
MaxSessions 64
CFG
  "$sshd" -t -f "$tmp/sshd_config" 2>"$tmp/sshd.log" || skip "sshd rejects its config here: $(head -1 "$tmp/sshd.log")"
  "$sshd" -D -e -f "$tmp/sshd_config" 2>>"$tmp/sshd.log" &
  sshd_pid=$!
  cat >"$tmp/ssh_config" <<CFG
Host *
  Port $port
  User $user
  IdentityFile $tmp/client_key
  IdentitiesOnly yes
  UserKnownHostsFile $tmp/known_hosts
  StrictHostKeyChecking yes
  BatchMode yes
  ConnectTimeout 5
  LogLevel ERROR
CFG
  echo "[127.0.0.1]:$port,[127.0.0.2]:$port $(cut -d' ' -f1,2 "$tmp/host_key.pub")" >"$tmp/known_hosts"
  refused=0
  for _ in $(seq 1 50); do
    if ssh -F "$tmp/ssh_config" 127.0.0.2 true 2>"$tmp/ssh.err"; then started=1; break; fi
    # sshd answers but will not let this user in: another port would not help.
    if grep -q 'Permission denied' "$tmp/ssh.err"; then refused=1; break; fi
    kill -0 "$sshd_pid" 2>/dev/null || break  # it could not listen: try another port
    sleep 0.1
  done
  [ $started = 1 ] || [ $refused = 1 ] && break
  kill "$sshd_pid" 2>/dev/null; wait "$sshd_pid" 2>/dev/null; sshd_pid=''
done
if [ $started = 0 ]; then
  why=$(grep -v '^Server listening' "$tmp/sshd.log" | head -1)
  [ $refused = 1 ] && why="it refuses the login ($(tail -1 "$tmp/ssh.err"); sshd: $why)"
  [ "$(id -u)" = 0 ] || skip "sshd run by the non-root user $user cannot be used here: $why"
  fail "sshd did not start or let $user in: $why"
fi

# --- the fake API, the registry, the work directory shared by both "hosts" -------------------
start_fake_api "$fake_api" "$tmp" --pages 3 --per-page 5 --delay-ms 2 --threads 32 ||
  fail "fake server did not start"
work=$tmp/srv
mkdir -p "$work" "$tmp/bin"
awk -v n=$accounts 'BEGIN { for (i = 0; i < n; i++)
  if (i % 2) printf "{\"kind\":\"account\",\"platform\":\"youtube\",\"handle\":\"@yt%d\",\"role\":\"candidate\"}\n", i;
  else printf "{\"kind\":\"account\",\"platform\":\"bluesky\",\"handle\":\"bs%d\",\"role\":\"party\"}\n", i }' \
  >"$work/accounts.ndjson"
cp "$src/examples/scale/shard.sh" "$work/shard.sh"
# YouTube and Bluesky: the fake gives their posts ids unique across accounts (its Mastodon ids
# repeat, and normalize --dedup would merge them).
fetch_args=(--concurrency 8 --rate youtube=1000000/s --rate bluesky=1000000/s
  --quota youtube=1000000000 --api-base "youtube=$base" --api-base "bluesky=$base")
export PANTAU_YOUTUBE_API_KEY=scale-test-key

# pantau as the shards see it: each fetch notes its shard and the address sshd was reached at;
# the first fetch of shard 2 is killed with SIGKILL once it has written some posts (mkdir: one
# attempt only, whichever host runs it).
cat >"$tmp/bin/pantau" <<WRAP
#!/usr/bin/env bash
export PANTAU_YOUTUBE_API_KEY=scale-test-key  # a shard's credentials come from its own host
if [ "\$1" = fetch-accounts ]; then
  shard=\$(printf '%s\\n' "\$@" | sed -n '/^--shard\$/{n;p}')
  echo "\$shard \$(echo "\$SSH_CONNECTION" | cut -d' ' -f3)" >>"$tmp/attempts"
fi
if [ "\$1" = fetch-accounts ] && [[ " \$* " == *" --shard 2/"* ]] && mkdir "$tmp/killed" 2>/dev/null; then
  out=\$(readlink -f /proc/\$\$/fd/1)
  "$bin_dir/pantau" "\$@" &
  pid=\$!
  while [ "\$(stat -c %s "\$out")" -lt 300000 ] && kill -0 \$pid 2>/dev/null; do sleep 0.02; done
  kill -9 \$pid
  wait \$pid
  exit 137
fi
exec "$bin_dir/pantau" "\$@"
WRAP
chmod +x "$tmp/bin/pantau"

# --- one process over the whole registry ---------------------------------------------------
# Reports say when they were made: both sides are given the same time, so they can be compared.
generated_at=2024-02-15T00:00:00Z
(cd "$work" && "$bin_dir/pantau" fetch-accounts --state "$tmp/single.db" "${fetch_args[@]}" accounts.ndjson |
  "$bin_dir/pantau" normalize --dedup | "$bin_dir/pantau" classify >"$tmp/single.classified") ||
  fail "single run failed"
for fmt in md json csv; do
  "$bin_dir/pantau" report --generated-at "$generated_at" --format $fmt -o "$tmp/single.$fmt" \
    "$tmp/single.classified" || fail "single report"
done

# --- the sharded run over ssh ---------------------------------------------------------------
start=$(date +%s)
PANTAU="$tmp/bin/pantau" PANTAU_MERGE_ARGS="--generated-at $generated_at" \
  "$src/examples/scale/run-parallel.sh" -S "2/127.0.0.1,2/127.0.0.2" \
  -n $shards -r 3 -d "$work" -f md --ssh "ssh -F $tmp/ssh_config" accounts.ndjson \
  "${fetch_args[@]}" >"$tmp/parallel.out" 2>&1 ||
  { cat "$tmp/parallel.out" "$work/jobs.log"; fail "run-parallel.sh failed"; }
echo "sharded run over ssh: $(($(date +%s) - start)) s"
cat "$work/jobs.log"

[ -d "$tmp/killed" ] || fail "shard 2 was never killed"
awk -F'\t' 'NR > 1 { print $2 }' "$work/jobs.log" | sort -u >"$tmp/hosts"
grep -q '127.0.0.1' "$tmp/hosts" && grep -q '127.0.0.2' "$tmp/hosts" || fail "not both hosts ran shards"
echo "fetch attempts (shard, host): $(sort "$tmp/attempts" | tr '\n' ' ')"
attempts=$(grep -c "^2/$shards " "$tmp/attempts")
[ "$attempts" = 2 ] || fail "shard 2 ran $attempts times; parallel should have retried it once"
[ "$(wc -l <"$tmp/attempts")" = $((shards + 1)) ] || fail "expected $((shards + 1)) fetches"
# The retry resumed: it fetched fewer posts than the shard has, and both attempts together have
# them all (checked by the byte comparison below).
files=("$work"/raw/2/*.ndjson)
[ ${#files[@]} = 2 ] || fail "shard 2 has ${#files[@]} raw files, expected 2 (killed + retry)"
first=$("$bin_dir/pantau" normalize <"${files[0]}" 2>/dev/null | wc -l)
second=$("$bin_dir/pantau" normalize <"${files[1]}" | wc -l)
shard_posts=$(cat "${files[@]}" | "$bin_dir/pantau" normalize --dedup | wc -l)
echo "shard 2: the killed attempt fetched $first posts, the retry $second; $shard_posts after --dedup"
[ "$first" -gt 0 ] && [ "$second" -lt "$shard_posts" ] || fail "shard 2's retry did not resume from its state"

for fmt in md json csv; do
  "$bin_dir/pantau" report --merge --generated-at "$generated_at" --format $fmt -o "$tmp/merged.$fmt" "$work"/part-*.ndjson || fail "merge $fmt"
  cmp "$tmp/single.$fmt" "$tmp/merged.$fmt" || { diff "$tmp/single.$fmt" "$tmp/merged.$fmt" | head; fail "merged $fmt differs"; }
done
cmp -s "$work/report.md" "$tmp/single.md" || fail "run-parallel.sh's report.md differs from the single run"
posts=$(wc -l <"$tmp/single.classified")
[ "$posts" -eq $((accounts * 15)) ] || fail "single run has $posts posts, expected $((accounts * 15))"
echo "ok: $shards shards on 2 ssh hosts, one killed and resumed; md, json, csv equal to one process ($posts posts)"
