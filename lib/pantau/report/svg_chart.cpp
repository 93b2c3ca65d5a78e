#include "pantau/report/svg_chart.h"

#include <algorithm>
#include <charconv>

#include "pantau/report/text_escape.h"

namespace pantau::report {
namespace {

// Coordinates with one decimal, locale-independent.
std::string num(double v) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 1);
  std::string s(buf, r.ptr);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

std::string esc(std::string_view s) {
  std::string out;
  append_html_escaped(s, &out);
  return out;
}

uint64_t total_of(const ChartData& d, size_t category) {
  uint64_t t = 0;
  for (const auto& s : d.series) t += s.values[category];
  return t;
}

uint64_t max_total(const ChartData& d) {
  uint64_t m = 0;
  for (size_t c = 0; c < d.categories.size(); ++c) m = std::max(m, total_of(d, c));
  return m;
}

void open_svg(const ChartData& d, double width, double height, std::string* out) {
  *out += "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 " + num(width) + " " + num(height) +
          "\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"sans-serif\" font-size=\"11\">";
  *out += "<title>" + esc(d.title) + "</title>";
}

}  // namespace

void nice_scale(uint64_t max_value, uint64_t* axis_max, uint64_t* step) {
  if (max_value == 0) {
    *axis_max = 1;
    *step = 1;
    return;
  }
  // Aim at about four grid steps.
  uint64_t magnitude = 1;
  while (magnitude * 10 <= max_value / 4 + 1 && magnitude < UINT64_MAX / 100) magnitude *= 10;
  for (uint64_t m : {1, 2, 5, 10}) {
    const uint64_t s = m * magnitude;
    if (s * 4 >= max_value || m == 10) {
      *step = s;
      *axis_max = (max_value + s - 1) / s * s;
      return;
    }
  }
}

void append_column_chart(const ChartData& d, std::string* out) {
  const size_t n = d.categories.size();
  // Always 400 units wide, a phone's width, so the 11-unit text stays 11 px there however many
  // days there are (bars get thinner instead); CSS caps the width on large screens.
  const double left = 32, right = 8, top = 10, bottom = 24;
  const double plot_h = 170;
  const double plot_w = 360;
  const double width = left + plot_w + right;
  const double height = top + plot_h + bottom;
  uint64_t axis_max = 1, step = 1;
  nice_scale(max_total(d), &axis_max, &step);
  open_svg(d, width, height, out);
  const double scale = plot_h / static_cast<double>(axis_max);
  for (uint64_t v = 0; v <= axis_max; v += step) {
    const double y = top + plot_h - static_cast<double>(v) * scale;
    *out += "<line x1=\"" + num(left) + "\" x2=\"" + num(left + plot_w) + "\" y1=\"" + num(y) +
            "\" y2=\"" + num(y) + "\" stroke=\"#ddd\"/>";
    *out += "<text x=\"" + num(left - 4) + "\" y=\"" + num(y + 4) +
            "\" text-anchor=\"end\" fill=\"#555\">" + std::to_string(v) + "</text>";
    if (step == 0) break;
  }
  const double bar_slot = plot_w / static_cast<double>(std::max<size_t>(n, 1));
  const double bar_w = std::max(2.0, bar_slot * 0.7);
  // Label every k-th bar so the labels (about 40 units wide) never overlap.
  const size_t per_label = static_cast<size_t>(44.0 / bar_slot) + 1;
  const size_t every = std::max<size_t>(1, per_label);
  for (size_t c = 0; c < n; ++c) {
    const double x = left + bar_slot * static_cast<double>(c) + (bar_slot - bar_w) / 2;
    double y = top + plot_h;
    for (const auto& s : d.series) {
      const uint64_t v = s.values[c];
      if (v == 0) continue;
      const double h = static_cast<double>(v) * scale;
      y -= h;
      *out += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(bar_w) +
              "\" height=\"" + num(h) + "\" fill=\"" + esc(s.color) + "\"><title>" +
              esc(d.categories[c]) + ": " + esc(s.name) + " " + std::to_string(v) +
              "</title></rect>";
    }
    if (c % every == 0) {
      const double cx = x + bar_w / 2;
      *out += "<text x=\"" + num(cx) + "\" y=\"" + num(top + plot_h + 14) +
              "\" text-anchor=\"middle\" fill=\"#333\">" + esc(d.categories[c]) + "</text>";
    }
  }
  *out += "<line x1=\"" + num(left) + "\" x2=\"" + num(left + plot_w) + "\" y1=\"" +
          num(top + plot_h) + "\" y2=\"" + num(top + plot_h) + "\" stroke=\"#333\"/>";
  *out += "</svg>";
}

void append_bar_chart(const ChartData& d, std::string* out) {
  const size_t n = d.categories.size();
  // Each name on its own line above its bar, so names are never cut or clipped at 400 units.
  const double name_w = 0, right = 40, row_h = 34, top = 4;
  const double plot_w = 360;
  const double width = name_w + plot_w + right;
  const double height = top * 2 + row_h * static_cast<double>(std::max<size_t>(n, 1));
  const uint64_t max_value = std::max<uint64_t>(max_total(d), 1);
  open_svg(d, width, height, out);
  const double scale = plot_w / static_cast<double>(max_value);
  for (size_t c = 0; c < n; ++c) {
    double y = top + row_h * static_cast<double>(c);
    // Names longer than the row (about 55 characters at 11 units) are cut with an ellipsis.
    std::string name = excerpt(d.categories[c], 55);
    *out += "<text x=\"2\" y=\"" + num(y + 11) + "\" fill=\"#333\">" + esc(name) + "</text>";
    y += 12;
    double x = name_w;
    for (const auto& s : d.series) {
      const uint64_t v = s.values[c];
      if (v == 0) continue;
      const double w = static_cast<double>(v) * scale;
      *out += "<rect x=\"" + num(x) + "\" y=\"" + num(y + 2) + "\" width=\"" + num(w) +
              "\" height=\"" + num(row_h - 20) + "\" fill=\"" + esc(s.color) + "\"><title>" +
              esc(d.categories[c]) + ": " + esc(s.name) + " " + std::to_string(v) +
              "</title></rect>";
      x += w;
    }
    *out += "<text x=\"" + num(x + 4) + "\" y=\"" + num(y + 13) + "\" fill=\"#333\">" +
            std::to_string(total_of(d, c)) + "</text>";
  }
  *out += "</svg>";
}

}  // namespace pantau::report
