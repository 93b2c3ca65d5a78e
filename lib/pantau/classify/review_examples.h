// Staff's review decisions as labelled examples: a district's own decisions about its findings
// (records/review.h) teach its model. A review is joined to its post by the finding id, which is
// the post id; the post comes as an ordinary (classified) post record among the inputs.
//
// A confirmed finding (benar, dilaporkan) is a positive for its labels, a dismissed one (bukan
// pelanggaran) a negative; perlu dicek is no decision and is ignored. The labels are the ones
// the review names (its `label`, the CSV's `labels` cell), else the post's own `labels` (what
// the finding showed); every other label is unknown for the example (neither positive nor
// negative), and labels the model does not learn are left out. Each reviewed post becomes one
// example of the set "reviews" with the given weight; a post named twice in the input counts
// once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "pantau/classify/evaluation.h"
#include "pantau/records/review.h"
#include "pantau/result.h"

namespace pantau::classify {

inline constexpr std::string_view kReviewSet = "reviews";

struct ReviewJoinStats {
  uint64_t examples = 0;     // reviewed posts that became examples
  uint64_t positives = 0;    // of them: confirmed
  uint64_t negatives = 0;    // of them: dismissed
  uint64_t needs_check = 0;  // perlu dicek: ignored
  uint64_t no_label = 0;     // named none of the labels the model learns
  uint64_t no_post = 0;      // decisions whose post was not among the inputs (missing())
};

class ReviewJoiner {
 public:
  // `reviews` must outlive the joiner; `labels` are the labels the model learns.
  ReviewJoiner(const records::ReviewBook* reviews, std::vector<std::string> labels, float weight)
      : reviews_(reviews), labels_(std::move(labels)), weight_(weight) {}

  // True when `record` is labelled data (has "gold"), to be read by parse_example() instead.
  static bool is_labelled(std::string_view record);

  // The example for a post record: std::nullopt when it has no decision (or one that teaches
  // nothing: perlu dicek, no label to learn, already taken). An error for a record that is not
  // a JSON object or has a label that is no label id.
  Result<std::optional<Example>> take(std::string_view record);

  // Counts decisions whose post never came (call after the last record).
  const ReviewJoinStats& finish();
  const ReviewJoinStats& stats() const { return stats_; }

 private:
  const records::ReviewBook* reviews_;
  std::vector<std::string> labels_;
  float weight_;
  std::unordered_set<std::string> taken_;
  ReviewJoinStats stats_;
};

// A seeded, stable split: true when the finding is held back for testing (about one in
// `one_in`). Keyed by the id, so a finding stays on its side as decisions are added.
bool held_back(std::string_view finding, uint64_t seed, uint32_t one_in = 3);

}  // namespace pantau::classify
