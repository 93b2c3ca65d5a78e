#include "pantau/report/render.h"

#include "pantau/report/render_csv.h"
#include "pantau/report/render_html.h"
#include "pantau/report/render_json.h"
#include "pantau/report/render_markdown.h"

namespace pantau::report {

std::optional<Format> parse_format(std::string_view name) {
  if (name == "md" || name == "markdown") return Format::kMarkdown;
  if (name == "html") return Format::kHtml;
  if (name == "csv") return Format::kCsv;
  if (name == "json") return Format::kJson;
  return std::nullopt;
}

std::optional<Format> format_for_path(std::string_view path) {
  const size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || path.find('/', dot) != std::string_view::npos) {
    return std::nullopt;
  }
  const std::string_view ext = path.substr(dot + 1);
  if (ext == "htm") return Format::kHtml;
  return parse_format(ext);
}

void render(const ReportView& view, Format format, CsvOptions csv, std::string* out) {
  switch (format) {
    case Format::kMarkdown:
      render_markdown(view, out);
      return;
    case Format::kHtml:
      render_html(view, out);
      return;
    case Format::kCsv:
      render_csv(view, csv, out);
      return;
    case Format::kJson:
      render_json(view, out);
      return;
  }
}

}  // namespace pantau::report
