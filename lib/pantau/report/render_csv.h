// --format csv: one row per kept finding, with flattened column names ("account.party") that
// stay the same in every language; values (label names, form texts) follow --lang.
// Rows: the top findings in rank order, then quiet-period and neutrality findings that are not
// among them; the "lists" column says which lists hold each row.
// --excel adds a UTF-8 byte order mark and the guards described in csv_writer.h.
#pragma once

#include <string>

#include "pantau/report/csv_writer.h"
#include "pantau/report/report_view.h"

namespace pantau::report {

void render_csv(const ReportView& view, CsvOptions options, std::string* out);

}  // namespace pantau::report
