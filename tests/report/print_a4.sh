#!/bin/sh
# Prints the fixture's HTML report to an A4 PDF in headless Chromium (--print-to-pdf, the report's
# own @page and print CSS) and checks in the PDF that no table is cut at the page edge. A4's
# text box is 210 mm less the side margins of the report's @page rule, in CSS px; in the PDF each
# page's white background (the first "0 0 W H re" of its content) has the width Chromium laid
# the page out at, and every table cell it draws (the tagged /TH and /TD marked content) has a
# rectangle. A table too wide for the paper is either clipped (a cell beyond W) or makes Chromium
# shrink the whole page to fit (W beyond the text box): both fail. Both languages, with staff's
# decisions loaded (the widest tables). Exit 77 (ctest SKIP_RETURN_CODE) without chromium or
# python3.
#   print_a4.sh PANTAU_REPORT INPUT.ndjson REVIEWS
set -u
report=$1
input=$2
reviews=$3
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ] || ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: chromium or python3 is not installed"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# check PDF HTML: "ok"/"FAIL" lines from the page content streams.
check() {
  python3 - "$1" "$2" <<'PY'
import re, sys, zlib
data = open(sys.argv[1], "rb").read()
rule = re.search(r"@page\s*\{[^}]*margin:\s*([\d.]+)mm(?:\s+([\d.]+)mm)?", open(sys.argv[2]).read())
if not rule:
    print("FAIL the report has no @page margin in mm")
    sys.exit(1)
side = float(rule.group(2) or rule.group(1))
box = (210.0 - 2 * side) / 25.4 * 96  # CSS px
widest = 0.0
pages = cells = 0
worst = (0.0, 0.0, 0)
for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
    try:
        text = zlib.decompress(raw).decode("latin1")
    except zlib.error:
        continue
    if "/MCID" not in text:
        continue  # not a page's content
    page = re.search(r"^0 0 ([\d.]+) ([\d.]+) re$", text, re.M)
    if not page:
        continue
    pages += 1
    width = float(page.group(1))
    widest = max(widest, width)
    tag = None
    for line in text.split("\n"):
        m = re.match(r"/(\w+) <</MCID", line)
        if m:
            tag = m.group(1)
            continue
        if line == "EMC":
            tag = None
            continue
        m = re.match(r"(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re$", line)
        if m and tag in ("TH", "TD"):
            cells += 1
            right = float(m.group(1)) + float(m.group(3))
            if right - width > worst[0] - worst[1]:
                worst = (right, width, pages)
if pages == 0 or cells == 0:
    print("FAIL no tagged page or table cell found in the PDF (did Chromium's output change?)")
    sys.exit(1)
if widest > box + 1:
    print("FAIL Chromium shrank a page to %.0f px to fit it on A4's %.0f px text box" % (widest, box))
    sys.exit(1)
if worst[0] > worst[1] + 1:
    print("FAIL a table cell ends at %.0f px on page %d, beyond the %.0f px text box of A4"
          % (worst[0], worst[2], worst[1]))
    sys.exit(1)
print("ok   %d pages at %.0f px (A4 text box %.0f px), %d table cells, none beyond the page"
      % (pages, widest, box, cells))
PY
}

status=0
for lang in id en; do
  "$report" --lang $lang --format html --reviews "$reviews" -o "$tmp/report-$lang.html" \
    "$input" || exit 1
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --no-first-run --disable-extensions --user-data-dir="$tmp/profile" --no-pdf-header-footer \
    --print-to-pdf="$tmp/report-$lang.pdf" "file://$tmp/report-$lang.html" >"$tmp/log" 2>&1
  if [ ! -s "$tmp/report-$lang.pdf" ]; then
    echo "FAIL chromium printed no PDF ($lang)"
    status=1
    continue
  fi
  printf '%s: ' "$lang"
  check "$tmp/report-$lang.pdf" "$tmp/report-$lang.html" || status=1
done
# The check must see a cut table: the same report with one table made wider than the paper.
sed 's#</main>#<table style="width:1200px"><tr><th>wide</th><td>cut at the edge</td></tr></table></main>#' \
  "$tmp/report-id.html" >"$tmp/wide.html"
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --no-first-run --disable-extensions --user-data-dir="$tmp/profile" --no-pdf-header-footer \
  --print-to-pdf="$tmp/wide.pdf" "file://$tmp/wide.html" >"$tmp/log" 2>&1
if check "$tmp/wide.pdf" "$tmp/wide.html" >"$tmp/wide.out"; then
  echo "FAIL the check passed a table wider than the paper: $(cat "$tmp/wide.out")"
  status=1
else
  echo "ok   a table wider than the paper is caught: $(cat "$tmp/wide.out")"
fi
exit $status
