// The partial report state as NDJSON (--partial writes it, --merge reads it back).
//
// Every line is {"kind":"report_state","part":...}: a header (format version, options), the
// totals, the known ids of --since-report, the aggregates (day x platform x label cells, accounts,
// failed accounts, rule packs, inputs, other kinds, time zones), the status records (every
// check, as read) and the kept findings as trimmed post records. Lines are sorted, so a state is
// deterministic and diffs cleanly; reading any number of states in any order gives the same
// ReportState (see report_state.h). The format is internal to pantau-report: it may change between
// versions, and the header's "format" number says when.
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>

#include "pantau/report/report_state.h"
#include "pantau/result.h"

namespace pantau::report {

inline constexpr std::string_view kStateKind = "report_state";
inline constexpr int64_t kStateFormat = 2;  // 2: status records

// Appends the state as NDJSON lines (each ended by '\n') to *out.
void write_state(const ReportState& state, std::string* out);

// Merges one state record (kind "report_state") into *state. Errors name the member at fault.
Status merge_state_record(simdjson::dom::object rec, ReportState* state);

}  // namespace pantau::report
