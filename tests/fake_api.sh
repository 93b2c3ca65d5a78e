# Sourced by the shell tests that fetch from the loopback fake API (bench/fetch's
# pantau-bench-fetch-server), so that starting it is written once.
#
#   start_fake_api FAKE_API DIR [SERVER ARGS...]
#
# starts the server in the background (its log in DIR/server.log), waits up to 5 s for the port
# it chose, and sets server_pid and base (http://127.0.0.1:PORT). Returns 1 if it did not start;
# the caller's EXIT trap stops server_pid.
start_fake_api() {
  local exe=$1 dir=$2
  shift 2
  "$exe" --port-file "$dir/port" "$@" 2>"$dir/server.log" &
  server_pid=$!
  for _ in $(seq 1 100); do [ -s "$dir/port" ] && break; sleep 0.05; done
  [ -s "$dir/port" ] || return 1
  base="http://127.0.0.1:$(cat "$dir/port")"
}

# The scratch of a test that starts the fake: sets tmp (a new directory) and an EXIT trap that
# stops server_pid and removes tmp, and defines fail MESSAGE (prints it and exits 1).
fake_api_scratch() {
  tmp=$(mktemp -d)
  server_pid=
  trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
  fail() { echo "FAIL: $*"; exit 1; }
}
