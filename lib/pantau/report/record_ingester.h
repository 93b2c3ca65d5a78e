// RecordIngester: reads one NDJSON line into a ReportState.
//
//  - post: counted, and kept as a finding when it ranks among the top N of a list;
//  - account (registry entry): the account is known even when it posted nothing;
//  - error: the account could not be fetched (or a later stage failed on it);
//  - status: what a recheck found of a post (deleted, edited, ...), joined to its finding;
//  - report_state: a partial state written by --partial, merged in;
//  - any other kind: counted and otherwise ignored.
// In merge mode only report_state records are accepted.
//
// One simdjson parser and the per-post buffers are reused for the whole run.
#pragma once

#include <simdjson.h>

#include <vector>

#include "pantau/line_reader.h"
#include "pantau/report/report_state.h"
#include "pantau/result.h"

namespace pantau::report {

class RecordIngester {
 public:
  RecordIngester(ReportState* state, bool merge_only) : state_(state), merge_only_(merge_only) {}

  // Parses `line` and adds it to the state. On error nothing of the line is counted (the caller
  // reports it with the line's position and counts it as a bad line).
  Status ingest(const Line& line);

 private:
  Status ingest_post(simdjson::dom::object post, bool utf8_repaired);
  Status ingest_error(simdjson::dom::object rec);

  ReportState* state_;
  bool merge_only_;
  simdjson::dom::parser parser_;
  records::Account account_;                // account records
  records::AccountView account_view_;       // the current post's account
  std::vector<PostSummary::Label> labels_;  // reused for every post
};

}  // namespace pantau::report
