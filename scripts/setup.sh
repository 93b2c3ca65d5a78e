#!/usr/bin/env bash
# scripts/setup.sh [--preset release|ci|debug] [--no-build]
#
# Idempotent set-up on a fresh Debian 12 / Ubuntu machine: installs every missing Debian package
# (as root, or through sudo), generates the de_DE.UTF-8 locale the locale-independence tests use,
# then configures and builds pantau with the chosen CMake preset (default: release).
set -euo pipefail
cd "$(dirname "$0")/.."
preset=release
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --preset) preset=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

say() { printf 'setup: %s\n' "$*" >&2; }

# Build tools and libraries (all from Debian; nothing is downloaded from elsewhere).
packages=(
  cmake ninja-build g++ pkg-config
  libcli11-dev libfmt-dev libsimdjson-dev libcurl4-openssl-dev libutf8proc-dev
  catch2 libsqlite3-dev libssl-dev libcpp-httplib-dev libtomlplusplus-dev zlib1g-dev
  libgumbo-dev   # HTML5 parser for Telegram's t.me/s preview pages (fetch-accounts)
  locales ca-certificates clang-format clang-tidy
  clang-14 libclang-rt-14-dev   # the fuzz preset: libFuzzer + ASan/UBSan runtimes (scripts/fuzz.sh)
  chromium   # tests/report/render_html.sh renders the HTML report headless (skips without it)
  debootstrap dpkg-dev   # scripts/test-deb.sh: the .deb installed into a clean Debian root
  parallel openssh-server openssh-client   # tests/scale/parallel_ssh.sh: shards over ssh
  umoci python3-yaml   # scripts/build-image.sh packs the image; tests/scale checks the manifests
  jq python3 time   # benchmarks and evaluation scripts only
)
# Vectorscan is Debian's Hyperscan-compatible matcher; older Ubuntu ships Hyperscan itself.
hs_package=libvectorscan-dev

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else say "need root (or sudo) to run: $*"; exit 1
  fi
}

missing=()
for p in "${packages[@]}" "$hs_package"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  if ! apt-cache show libvectorscan-dev >/dev/null 2>&1; then
    missing=("${missing[@]/libvectorscan-dev/libhyperscan-dev}")
  fi
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# A comma-decimal UTF-8 locale: the tests check that output is identical under it and under C.
if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
  say "generating the de_DE.UTF-8 locale"
  if [ -f /etc/locale.gen ]; then
    as_root sh -c "grep -q '^de_DE.UTF-8 UTF-8' /etc/locale.gen || echo 'de_DE.UTF-8 UTF-8' >> /etc/locale.gen"
    as_root locale-gen >/dev/null
  else
    as_root locale-gen de_DE.UTF-8 >/dev/null   # Ubuntu
  fi
fi

if [ $build = 1 ]; then
  say "configuring and building (preset $preset)"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
fi
