// Review decisions: what staff decided about a finding, read back from the findings CSV they
// filled (either dialect) or from `review` NDJSON records (man/pantau-records.5). Shared by the
// stages that act on decisions (report, fetch-accounts --recheck, classify train/eval), so it
// lives apart from all of them.
//
// A finding is one post, so a review is keyed by the finding id (the post id, the CSV's `id`
// column): one CSV row maps to exactly one review. `label` records the labels the reviewer saw
// (the CSV's `labels` cell, several separated by ';'); classify training applies the decision to
// those labels (review_labels()). The latest review of a finding wins: the later
// reviewed_at, then the later in the order the files were read. Memory: the reviews only.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <simdjson.h>

#include "pantau/result.h"
#include "pantau/time.h"

namespace pantau::records {

inline constexpr std::string_view kReviewKind = "review";
// A review without a time (the earliest of all).
inline constexpr EpochMillis kNoReviewTime = std::numeric_limits<EpochMillis>::min();

enum class Decision { kConfirmed, kDismissed, kReported, kNeedsCheck };

// A confirmed finding (benar, dilaporkan) is a violation; a dismissed one is not; perlu dicek is
// no decision yet.
inline bool is_positive(Decision d) {
  return d == Decision::kConfirmed || d == Decision::kReported;
}

// The record's code: "benar", "bukan_pelanggaran", "dilaporkan", "perlu_dicek".
std::string_view decision_code(Decision d);
// Accepts the codes and the words staff type ("Bukan pelanggaran", " perlu  dicek "): case,
// spaces, '_' and '-' do not matter. std::nullopt for anything else.
std::optional<Decision> parse_decision(std::string_view s);

struct Review {
  std::string finding, label, reason, reviewer, reviewed_at;
  Decision decision = Decision::kNeedsCheck;
  EpochMillis reviewed_ms = kNoReviewTime;
  uint64_t order = 0;  // read order, the tie-break
};

// The label ids a review names: its `label` split at ';' (and ','), trimmed, empty parts
// dropped.
std::vector<std::string> review_labels(const Review& r);

// The one parser of a `review` record (the object's kind is not checked here).
Result<Review> parse_review_record(simdjson::dom::object obj);

class ReviewBook {
 public:
  // Keeps `r` unless the finding already has a later review.
  void add(Review r);
  const Review* find(std::string_view finding) const;
  size_t size() const { return by_finding_.size(); }
  bool empty() const { return by_finding_.empty(); }
  // Every kept review, in no particular order.
  template <typename F>
  void for_each(F&& f) const {
    for (const auto& [id, r] : by_finding_) f(r);
  }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  uint64_t next_order_ = 0;
  std::unordered_map<std::string, Review, Hash, std::equal_to<>> by_finding_;
};

// Reads one reviews file: NDJSON `review` records, or a findings CSV (BOM or not, `;` or `,`,
// ="..." ids, Excel's formula guard). Rows with an empty decision are skipped. Errors of single
// lines go to *line_errors as "FILE:LINE: message" and reading goes on; the returned error is for
// a file that cannot be read at all. CSV rows have no time: they take the file's modification
// time as reviewed_at.
Status load_reviews(const std::string& path, ReviewBook* book,
                    std::vector<std::string>* line_errors);

}  // namespace pantau::records
