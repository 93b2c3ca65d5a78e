// Labels: the members pantau-classify adds to a post (pantau-records(5), LABELS): "labels", an
// array of Label (each with its Evidence spans and Targets), and "classifier".
//
// The field tables list each part's members in the order they are written. pantau-report reads
// labels with parse_label() and writes them back (partial states, JSON reports) with
// write_label() / write_evidence() / write_target(). pantau-classify writes its own output by
// hand from its Classification (classified_record.h: it runs for every post), with the same
// names in the same order.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/json_writer.h"
#include "pantau/result.h"

namespace pantau::records {

// The members classify adds to a post.
inline constexpr std::string_view kClassifiedFields[] = {"labels", "classifier"};
inline constexpr std::string_view kLabelFields[] = {
    "label", "score", "name_id", "name_en", "basis", "rules", "evidence", "targets",
};
// "similarity" is classify's (hoax evidence); a report does not carry it.
inline constexpr std::string_view kEvidenceFields[] = {
    "rule", "field", "start", "end", "text", "note", "claim_id", "claim_url", "similarity",
};
inline constexpr std::string_view kTargetFields[] = {"type", "name", "ballot_no", "party"};
inline constexpr std::string_view kClassifierFields[] = {"pack", "version", "model", "election"};

struct Evidence {
  std::string rule;
  int64_t start = -1;  // code points into `field`, end exclusive; -1 when there is no span
  int64_t end = -1;
  std::string text;      // the quoted original words
  std::string note;      // context rules: e.g. the calendar window
  std::string claim_id;  // hoax: the debunked claim
  std::string claim_url;
  std::string field = {};  // where the span is: empty: the post's text; "title": its title

  bool operator==(const Evidence&) const = default;
};

struct Target {
  std::string type, name, ballot_no, party;
  bool operator==(const Target&) const = default;
};

struct Label {
  std::string label;
  double score = 0;
  std::string name_id, name_en, basis;
  std::vector<std::string> rules;
  std::vector<Evidence> evidence;
  std::vector<Target> targets;

  bool operator==(const Label&) const = default;
};

// Reads one item of "labels". "label" is required; other members are optional. Errors name
// the member at fault ("evidence[1]: \"start\" is not an integer").
Status parse_label(simdjson::dom::object o, Label* out);

// Writes an evidence item: rule, text and the span always (null when empty), field, note
// and the claim only when set.
void write_evidence(JsonWriter& w, const Evidence& e);
void write_target(JsonWriter& w, const Target& t);
// Writes one item of "labels", every member of kLabelFields.
void write_label(JsonWriter& w, const Label& l);

}  // namespace pantau::records
