// Finding: one classified post with at least one violation label, with everything a report shows
// about it (text, evidence spans, account, provenance). Parsed from a `post` record
// (man/pantau-records.5, POST RECORDS + LABELS) and written back in the same shape, so partial
// report states (--partial) carry findings as trimmed post records and one parser reads both.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/json_writer.h"
#include "pantau/records/account.h"
#include "pantau/records/labels.h"
#include "pantau/result.h"
#include "pantau/time.h"

namespace pantau::report {

inline constexpr EpochMillis kNoTime = std::numeric_limits<EpochMillis>::min();

// A label as a report reads it (pantau-records(5), LABELS; records/labels.h).
using Evidence = records::Evidence;
using Target = records::Target;
using FindingLabel = records::Label;

struct Finding {
  std::string id, platform, native_id, type, url, parent, created_at, lang, title, text;
  std::string author_id, author_handle, author_name;
  bool has_account = false;
  records::Account account;  // its summary (AccountForm::kSummary)
  std::string source_format, raw_sha256, fetched_at, request_url, source_input;
  int64_t source_line = -1;
  // Reach when the platform reported it (metrics.views, .shares, .likes, .comments); -1 unknown.
  int64_t views = -1, shares = -1, likes = -1, comments = -1;
  std::string pack, version, model, election;  // classifier
  std::vector<FindingLabel> labels;            // as the classifier ordered them
  bool utf8_repaired = false;

  // Derived when parsed, not serialized.
  EpochMillis created_ms = kNoTime;
  EpochMillis fetched_ms = kNoTime;

  bool operator==(const Finding&) const = default;
};

// Reads a post record into *out. Requires "id" to be a string; other members are optional
// (null or missing gives an empty value). Errors name the member at fault.
Status parse_finding(simdjson::dom::object post, Finding* out);

// Writes `f` as a compact post record (kind "post", only the members a report uses), in a fixed
// member order. parse_finding() of the output gives back an equal Finding.
void write_finding_record(const Finding& f, JsonWriter& w);

}  // namespace pantau::report
