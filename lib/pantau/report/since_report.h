// "What is new since last time": reads the previous run's JSON report (--format json) or partial
// state (--partial) and adds the ids of the findings it listed, plus its "known_ids", to the
// state's known set. Findings not in that set are marked new (and, with --new-only, are the only
// ones kept). The JSON report carries forward every id it has seen, so a chain of scheduled runs
// each comparing with the previous one never reports a finding as new twice.
#pragma once

#include <string>

#include "pantau/report/report_state.h"
#include "pantau/result.h"

namespace pantau::report {

// Errors name the file (and the line, for a state).
Status load_since_report(const std::string& path, ReportState* state);

}  // namespace pantau::report
