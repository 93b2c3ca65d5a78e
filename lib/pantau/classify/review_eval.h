// Did a district's decisions help? `pantau-classify eval --reviews`: the reviewed findings are
// split by a seeded hash of their id (review_examples.h, held_back(): about a third held back);
// the model is trained without reviews ("before": the given --model, else one trained on the
// labelled inputs, else the rules alone) and with the remaining reviews added ("after"), and
// both score the held-back findings.
//
// Every held-back finding is a rule hit or a model label that staff confirmed or dismissed, so
// what a better model changes is its score: per label the table counts the findings a report
// with --min-score would keep (confirmed kept / dismissed kept, precision and recall of
// "kept" against "confirmed") and the AUC of the score (the chance that a confirmed finding
// scores above a dismissed one; 0.5 is no better than chance).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pantau/classify/classifier.h"
#include "pantau/classify/cross_set.h"
#include "pantau/classify/evaluation.h"
#include "pantau/classify/model.h"
#include "pantau/result.h"

namespace pantau::classify {

struct ReviewEvalOptions {
  LodoOptions train;        // labels, seed, training and features of both models
  Mode mode = Mode::kBoth;  // how the classifier runs with a model (kModel or kBoth)
  double min_score = 0.5;   // the report's --min-score the "kept" counts assume
  uint32_t one_in = 3;      // held back: about one review in `one_in`
};

struct ReviewSide {
  uint64_t kept_confirmed = 0, kept_dismissed = 0;
  double auc = -1;  // -1: undefined (no confirmed or no dismissed finding)
  double precision() const;
  double recall(uint64_t confirmed) const;
};

struct ReviewEvalRow {
  std::string label;
  uint64_t confirmed = 0, dismissed = 0;  // held-back findings with a decision for the label
  ReviewSide before, after;
};

struct ReviewEvalReport {
  std::string before;  // what "before" was: "rules", "--model FILE", "model (N labelled)"
  uint64_t train_reviews = 0, held_reviews = 0, labelled = 0;
  double min_score = 0.5;
  std::vector<ReviewEvalRow> rows;  // per label with held-back decisions, then "all"
  std::string table() const;
  std::string json() const;
};

// `labelled`: ordinary labelled examples; `reviewed`: examples made from reviews
// (ReviewJoiner). `current`: the model in use today, or null.
Result<ReviewEvalReport> evaluate_reviews(Classifier& classifier,
                                          const std::vector<Example>& labelled,
                                          const std::vector<Example>& reviewed,
                                          const LinearModel* current,
                                          const ReviewEvalOptions& opts);

}  // namespace pantau::classify
