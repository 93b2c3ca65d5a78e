// What the classifier reads from a post and what it says about it: PostContext in,
// Classification out. A header of its own because every part of the classifier (scoring,
// context rules, the evidence builder, the record reader/writer) passes these around, and none
// of them needs the Classifier itself.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/time.h"

namespace pantau::classify {

// What the classifier reads from a post record.
struct PostContext {
  std::string_view text;
  std::string_view title;  // a video's title (YouTube, yt-dlp); classified with the text
  bool has_time = false;
  EpochMillis created_at = 0;
  // "created_at_precision":"day": created_at is only the (UTC) day, at 00:00 UTC; the time of
  // day is unknown (yt-dlp's upload_date without a timestamp).
  bool day_only = false;
  bool has_account = false;
  std::string_view role, owner, party, ballot_no, election, region;
};

// A Classification's strings are views (building one allocates nothing once its vectors have
// grown): into the rule pack, the claims index, the post's `text` and account fields, and the
// classifier's per-post scratch. They stay valid while those live and until the classifier
// classifies the next post.
// Where an evidence span lies: the post's `text` (the default) or its `title`.
inline constexpr std::string_view kTitleField = "title";

struct EvidenceOut {
  std::string_view rule;
  std::string_view field;  // empty: `text`; kTitleField: the span is in the title
  int64_t start = -1;      // code points of `text` (or of `title`); -1 for a note
  int64_t end = -1;
  std::string_view text;
  std::string_view note;
  std::string_view claim_id, claim_url;
  double similarity = -1;
};

struct TargetOut {
  std::string_view type, name, ballot_no, party;
  bool operator==(const TargetOut&) const = default;
};

struct LabelOut {
  size_t label = 0;  // index into kLabelIds / RulePack::labels
  double score = 0;
  std::vector<std::string_view> rules;
  std::vector<EvidenceOut> evidence;
  std::vector<TargetOut> targets;
};

struct Classification {
  std::vector<LabelOut> labels;  // sorted by label id
  std::string election;          // the calendar applied, empty when none
};

}  // namespace pantau::classify
