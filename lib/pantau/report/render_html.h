// --format html: the report as one self-contained file: inline CSS and inline SVG charts
// (findings by day and label, by platform, by owner), no scripts and no external requests (a
// Content-Security-Policy says so to the browser too). Laid out for a phone first, and printable
// on A4. Every piece of record data is HTML-escaped and only http(s) URLs become links.
#pragma once

#include <string>

#include "pantau/report/report_view.h"

namespace pantau::report {

void render_html(const ReportView& view, std::string* out);

}  // namespace pantau::report
