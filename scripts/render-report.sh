#!/bin/sh
# Renders an HTML report to PNG with headless Chromium (Debian's `chromium` package), to check
# by eye how it looks on a phone or a desktop, and to prove that it loads nothing from outside.
#
#   scripts/render-report.sh REPORT.html OUT.png [WIDTH [HEIGHT]]
#
# WIDTH defaults to 390 (a phone), HEIGHT to 2400. Exit 0: rendered; 1: failed; 77: chromium is
# not installed (the ctest skip code).
set -eu
in=${1:?usage: render-report.sh REPORT.html OUT.png [WIDTH [HEIGHT]]}
out=${2:?usage: render-report.sh REPORT.html OUT.png [WIDTH [HEIGHT]]}
width=${3:-390}
height=${4:-2400}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "render-report.sh: chromium not found (apt-get install chromium); skipping" >&2
  exit 77
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
case $in in /*) abs=$in ;; *) abs=$PWD/$in ;; esac
case $out in /*) out_abs=$out ;; *) out_abs=$PWD/$out ;; esac
rm -f "$out_abs"
# No network of any kind: the report must be complete on its own.
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --disable-default-apps --disable-extensions --hide-scrollbars --mute-audio \
  --user-data-dir="$profile" --window-size="$width,$height" \
  --screenshot="$out_abs" "file://$abs" >"$profile/log" 2>&1 || {
  echo "render-report.sh: chromium failed:" >&2
  tail -20 "$profile/log" >&2
  exit 1
}
if [ ! -s "$out_abs" ]; then
  echo "render-report.sh: no screenshot written" >&2
  tail -20 "$profile/log" >&2
  exit 1
fi
