// The report formats and one entry point that renders a view in any of them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pantau/report/csv_writer.h"
#include "pantau/report/report_view.h"

namespace pantau::report {

enum class Format { kMarkdown, kHtml, kCsv, kJson };

// "md" (or "markdown"), "html", "csv", "json".
std::optional<Format> parse_format(std::string_view name);
// The format a file name asks for by its extension (.md, .html/.htm, .csv, .json), if any.
std::optional<Format> format_for_path(std::string_view path);

void render(const ReportView& view, Format format, CsvOptions csv, std::string* out);

}  // namespace pantau::report
