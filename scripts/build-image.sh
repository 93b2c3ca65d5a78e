#!/usr/bin/env bash
# scripts/build-image.sh [--context-only | --print-image] [BUILD_DIR]
#
# The pantau container image, built without pulling from any registry: CPack's .deb installed
# into a Debian 12 minbase root made by debootstrap (as examples/kubernetes/Containerfile does on
# debian:bookworm-slim), packed as an OCI image by umoci, then unpacked again and checked by
# running the programs inside it with chroot. Writes
#   BUILD_DIR/image/pantau-VERSION.oci.tar   an oci-archive tagged localhost/pantau:VERSION, the
#                                            image examples/kubernetes/*.yaml name; load it with
#                                            `podman load -i`, `ctr -n k8s.io images import` or
#                                            `kind load image-archive`
#   BUILD_DIR/image/context/                 the .deb and shard.sh: the Containerfile's context
# --context-only stops after the context; --print-image prints the image name and exits.
# With PANTAU_FAKE_API (tests/fetch's loopback server) the image also runs one shard against it.
# Needs root, debootstrap, umoci and a Debian mirror (DEBIAN_MIRROR, default deb.debian.org);
# exits 77 (skipped) when one is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=image
case "${1:-}" in
  --context-only) mode=context; shift ;;
  --print-image) mode=print; shift ;;
esac
build=${1:-build/release}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
version=$(sed -n 's/^project(pantau VERSION \([0-9][0-9.]*\).*/\1/p' CMakeLists.txt)
image=localhost/pantau:$version
if [ $mode = print ]; then echo "$image"; exit 0; fi
say() { echo "build-image: $*"; }

out=$build/image
mkdir -p "$out/context"
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls -t "$build"/pantau_*.deb | head -1)
cp "$deb" "$out/context/pantau.deb"
cp examples/scale/shard.sh "$out/context/shard.sh"
say "context in $out/context ($(basename "$deb"), shard.sh)"
[ $mode = context ] && exit 0

[ "$(id -u)" = 0 ] || { say "needs root (debootstrap, chroot); skipped"; exit 77; }
command -v debootstrap >/dev/null || { say "debootstrap not installed; skipped"; exit 77; }
command -v umoci >/dev/null || { say "umoci not installed (Debian: umoci); skipped"; exit 77; }

work=$(mktemp -d)
server_pid=
cleanup() {
  umount "$work/rootfs/proc" "$work/check/rootfs/proc" 2>/dev/null || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
cache=${PANTAU_DEBOOTSTRAP_CACHE:-/var/cache/pantau-debootstrap}
mkdir -p "$cache"
if ! debootstrap --variant=minbase --cache-dir="$cache" bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1; then
  tail -5 "$work/debootstrap.log"
  say "debootstrap failed (no mirror?); skipped"
  exit 77
fi

# What the Containerfile's RUN does, in the debootstrap root.
cp "$out/context/pantau.deb" "$work/rootfs/tmp/pantau.deb"
install -m 755 "$out/context/shard.sh" "$work/rootfs/usr/local/bin/pantau-shard"
mount -t proc proc "$work/rootfs/proc"
chroot "$work/rootfs" sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends /tmp/pantau.deb ca-certificates >/dev/null &&
  apt-get clean && rm -rf /var/lib/apt/lists/* /tmp/pantau.deb'
umount "$work/rootfs/proc"
mkdir -p "$work/rootfs/srv/pantau"

# One layer from the root; the image config says what the Containerfile's WORKDIR/ENTRYPOINT say.
tag=$image
umoci init --layout "$work/oci"
umoci new --image "$work/oci:$tag"
umoci unpack --image "$work/oci:$tag" "$work/bundle" >/dev/null
rm -rf "$work/bundle/rootfs"
mv "$work/rootfs" "$work/bundle/rootfs"
umoci repack --image "$work/oci:$tag" "$work/bundle"
umoci config --image "$work/oci:$tag" --os linux --architecture amd64 \
  --config.workingdir /srv/pantau --config.entrypoint pantau \
  --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
umoci gc --layout "$work/oci"
rm -rf "$work/bundle"
archive=$out/pantau-$version.oci.tar
tar -C "$work/oci" -cf "$archive.tmp" . && mv "$archive.tmp" "$archive"
say "wrote $archive ($image, $(du -m "$archive" | cut -f1) MB)"

# The check: the image as a runtime sees it, unpacked again from the archive.
mkdir "$work/check-oci"
tar -C "$work/check-oci" -xf "$archive"
umoci unpack --image "$work/check-oci:$tag" "$work/check" >/dev/null
r=$work/check/rootfs
jq -e '.process.cwd == "/srv/pantau" and .process.args[0] == "pantau"' "$work/check/config.json" >/dev/null ||
  { say "FAIL: image config lacks the working directory or entrypoint"; exit 1; }
mount -t proc proc "$r/proc"  # as a runtime does: the programs find their data from /proc/self/exe
fail=0
check() { if chroot "$r" sh -c "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }
check "pantau --version" 'pantau --version | grep -q "^pantau (pantau) '"$version"'"'
for t in fetch-accounts normalize classify report; do
  check "pantau $t --version" "pantau $t --version | grep -q '^pantau-$t (pantau) '"
done
check "pantau-shard is there" 'pantau-shard 2>&1 | grep -q usage'
check "CA certificates for https" 'test -s /etc/ssl/certs/ca-certificates.crt'
check "a pipeline runs" 'printf "%s\n" "{\"kind\":\"probe\"}" | pantau normalize | pantau classify >/dev/null'
if [ -n "${PANTAU_FAKE_API:-}" ]; then
  # One shard of a small registry against the loopback fake, as a pod of shards-job.yaml runs.
  "$PANTAU_FAKE_API" --port-file "$work/port" --pages 2 --per-page 5 2>/dev/null &
  server_pid=$!
  for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.05; done
  for i in $(seq 1 40); do
    echo "{\"kind\":\"account\",\"platform\":\"bluesky\",\"handle\":\"bs$i\",\"role\":\"party\"}"
  done >"$r/srv/pantau/accounts.ndjson"
  check "a shard runs in the image" "cd /srv/pantau && pantau-shard 1 2 accounts.ndjson \
    --rate bluesky=1000/s --api-base bluesky=http://127.0.0.1:$(cat "$work/port") &&
    test -s part-1.ndjson && test -s s1.db"
fi
[ $fail = 0 ] && say "all passed" || say "failures"
exit $fail
