#!/usr/bin/env bash
# scripts/test-deb.sh [BUILD_DIR]
#
# Builds pantau's .deb with CPack, installs it into a clean Debian 12 root made with debootstrap
# (apt resolves the runtime libraries from Debian), and runs the programs from there: versions,
# man pages, completions, rule packs found relative to the install prefix, and a small pipeline.
# Needs root and access to a Debian mirror (DEBIAN_MIRROR, default deb.debian.org); exits 77
# (skipped) when either is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
[ "$(id -u)" = 0 ] || { echo "test-deb: needs root (debootstrap, chroot); skipped"; exit 77; }
command -v debootstrap >/dev/null || { echo "test-deb: debootstrap not installed; skipped"; exit 77; }
command -v dpkg-shlibdeps >/dev/null || { echo "test-deb: dpkg-dev not installed; skipped"; exit 77; }

(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls -t "$build"/pantau_*.deb | head -1)
echo "test-deb: built $deb"
dpkg-deb --info "$deb" | sed -n '/Depends/p'

work=$(mktemp -d)
trap 'umount "$work/root/proc" 2>/dev/null || true; rm -rf "$work"' EXIT
cache=${PANTAU_DEBOOTSTRAP_CACHE:-/var/cache/pantau-debootstrap}
mkdir -p "$cache"
if ! debootstrap --variant=minbase --cache-dir="$cache" bookworm "$work/root" "$mirror" >"$work/debootstrap.log" 2>&1; then
  tail -5 "$work/debootstrap.log"
  echo "test-deb: debootstrap failed (no mirror?); skipped"
  exit 77
fi
cp "$deb" "$work/root/tmp/pantau.deb"
mount -t proc proc "$work/root/proc"
chroot "$work/root" sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/pantau.deb >/dev/null'

fail=0
check() { if chroot "$work/root" sh -c "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }
check "pantau --version" 'pantau --version | grep -q "^pantau (pantau) "'
for t in fetch-accounts normalize classify report; do
  check "pantau-$t --version" "pantau $t --version | grep -q '^pantau-$t (pantau) '"
  check "man page of pantau-$t" "test -s /usr/share/man/man1/pantau-$t.1.gz -o -s /usr/share/man/man1/pantau-$t.1"
  check "bash completion of pantau-$t" "test -s /usr/share/bash-completion/completions/pantau-$t"
done
check "record formats man page" 'test -s /usr/share/man/man5/pantau-records.5.gz -o -s /usr/share/man/man5/pantau-records.5'
check "rule packs installed" 'test -d /usr/share/pantau/rules && ls /usr/share/pantau/rules | grep -q .'
check "scheduled job installed" 'test -x /usr/share/pantau/poll.sh'
check "a pipeline runs from the installed programs" \
  'printf "%s\n" "{\"kind\":\"probe\"}" | pantau normalize | pantau classify >/dev/null'
[ $fail = 0 ] && echo "test-deb: all passed" || echo "test-deb: failures"
exit $fail
