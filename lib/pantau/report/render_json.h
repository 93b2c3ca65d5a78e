// --format json: the whole report as one compact JSON document (followed by a newline): summary,
// counts by label x platform and by day, accounts, owners, the kept findings with their
// Formulir Model A drafts, failed accounts, and "known_ids" for the next --since-report.
// Member names are English and stable; label names and form texts follow --lang.
#pragma once

#include <string>

#include "pantau/report/report_view.h"

namespace pantau::report {

void render_json(const ReportView& view, std::string* out);

}  // namespace pantau::report
