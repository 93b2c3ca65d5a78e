#!/bin/sh
# Renders the fixture's HTML report in headless Chromium at a phone's and a desktop's width and
# checks that screenshots were made, then checks the layout (scripts/check-report-layout.sh) at
# 1400 px (a desktop), 700 px (the text width of A4 paper) and 400 px (a phone): no table wider
# than the page, no clipped chart label, chart text at least 9 px. Exit 77 (ctest
# SKIP_RETURN_CODE) when chromium is absent.
#   render_html.sh PANTAU_REPORT INPUT.ndjson RENDER_SCRIPT
set -u
report=$1
input=$2
render=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 &&
   ! command -v google-chrome >/dev/null 2>&1; then
  echo "SKIP: chromium is not installed (apt-get install chromium)"
  exit 77
fi
"$report" --format html -o "$tmp/report.html" "$input" || exit 1
status=0
for size in "390 3000" "1280 2000"; do
  set -- $size
  if sh "$render" "$tmp/report.html" "$tmp/shot-$1.png" "$1" "$2"; then
    bytes=$(wc -c <"$tmp/shot-$1.png")
    # A blank page compresses to a few kB; a rendered report is far larger.
    if [ "$bytes" -gt 20000 ]; then
      echo "ok   rendered at width $1 ($bytes bytes)"
    else
      echo "FAIL screenshot at width $1 is nearly empty ($bytes bytes)"
      status=1
    fi
  else
    rc=$?
    [ $rc -eq 77 ] && exit 77
    echo "FAIL chromium could not render the report"
    status=1
  fi
done
layout=$(dirname "$render")/check-report-layout.sh
for lang in id en; do
  "$report" --lang $lang --format html -o "$tmp/report-$lang.html" "$input" || exit 1
  for width in 1400 700 400; do
    sh "$layout" "$tmp/report-$lang.html" $width || status=1
  done
done
exit $status
