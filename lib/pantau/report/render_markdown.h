// --format md: the report for reading in a terminal, a Git forge or a chat: run summary, counts
// by label x platform and by day, owners and accounts ranked by findings, the quiet-period and
// neutrality sections, the top findings with their text (matched words in bold) and Formulir
// Model A drafts, and the accounts that could not be fetched.
// Post text is escaped so it can never become links, HTML, headings or table cells.
#pragma once

#include <string>

#include "pantau/report/report_view.h"

namespace pantau::report {

void render_markdown(const ReportView& view, std::string* out);

}  // namespace pantau::report
