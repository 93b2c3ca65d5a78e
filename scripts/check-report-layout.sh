#!/bin/sh
# Checks an HTML report's layout in headless Chromium at one window width: no table wider than
# the page (a key column pushed off-screen) and no chart label outside its chart. The report
# itself runs no script (its Content-Security-Policy forbids it), so a copy without the policy
# gets a small probe script that writes what it finds into the title, which --dump-dom prints.
#
#   scripts/check-report-layout.sh REPORT.html WIDTH
#
# Prints one line per problem; exit 0 when there is none, 1 when there are, 77 without chromium.
set -eu
in=${1:?usage: check-report-layout.sh REPORT.html WIDTH}
width=${2:?usage: check-report-layout.sh REPORT.html WIDTH}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "check-report-layout.sh: chromium not found; skipping" >&2
  exit 77
fi
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
probe='<script>
(function () {
  // Headless windows are at least 500 px wide: narrower pages are laid out in a WIDTH box.
  document.documentElement.style.maxWidth = "WIDTHpx";
  var out = [], page = Math.min(document.documentElement.clientWidth, WIDTH);
  document.querySelectorAll("table").forEach(function (t, i) {
    var r = t.getBoundingClientRect();
    if (r.width > 0 && (r.right > page + 1 || t.scrollWidth > t.clientWidth + 1))
      out.push("table " + i + " (" + (t.closest("section") || {}).id + ") is " +
               Math.round(r.width) + " px wide on a " + page + " px page");
  });
  document.querySelectorAll("svg.chart").forEach(function (s, i) {
    var vb = s.viewBox.baseVal;
    s.querySelectorAll("text").forEach(function (t) {
      var b = t.getBBox();
      if (b.x < vb.x - 1 || b.x + b.width > vb.x + vb.width + 1)
        out.push("chart " + i + " label «" + t.textContent + "» is clipped");
    });
    var px = s.getBoundingClientRect().width / (vb.width || 1);
    var fs = parseFloat(getComputedStyle(s.querySelector("text") || s).fontSize) * px;
    if (s.querySelector("text") && fs < 9)
      out.push("chart " + i + " text is " + fs.toFixed(1) + " px");
  });
  document.title = "LAYOUT:" + (out.length ? out.join("|") : "ok");
})();
</script>'
probe=$(printf '%s' "$probe" | sed "s/WIDTH/$width/g")
# Drop the policy (so the probe may run) and add the probe before </body>.
sed -e 's/<meta http-equiv="Content-Security-Policy"[^>]*>//' "$in" |
  awk -v probe="$probe" '/<\/body>/ { print probe } { print }' >"$tmp/probe.html"
"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --no-first-run --disable-extensions --user-data-dir="$tmp/profile" \
  --window-size="$width,2000" --virtual-time-budget=3000 --dump-dom "file://$tmp/probe.html" \
  >"$tmp/dom" 2>"$tmp/log" || { echo "check-report-layout.sh: chromium failed" >&2; exit 1; }
result=$(sed -n 's/.*<title>LAYOUT:\([^<]*\)<\/title>.*/\1/p' "$tmp/dom" | head -1)
if [ -z "$result" ]; then
  echo "check-report-layout.sh: the probe did not run" >&2
  exit 1
fi
if [ "$result" = ok ]; then
  echo "ok   $width px: no table wider than the page, no clipped chart label"
  exit 0
fi
echo "$result" | tr '|' '\n' | sed "s/^/FAIL $width px: /"
exit 1
