// Evaluation of the classifier on labelled posts: per-label precision, recall and F1, and the
// multi-label accuracies the literature reports (example-based accuracy |Y∩Z|/|Y∪Z|, as in
// Ibrohim & Budi 2019, and exact-match accuracy), with k-fold cross-validation of the model.
//
// Labelled input is NDJSON: post-like records with "text" (and optionally "account",
// "created_at") and "gold": the list of label ids a human assigned (an empty list for a
// negative). Optional: "set", the data set the record comes from (leave-one-dataset-out,
// cross_set.h), and "labelled", the label ids its annotators were asked about (the others are
// unknown for that record, neither positive nor negative; absent: all). Other fields are
// ignored.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/classify/classifier.h"
#include "pantau/classify/model.h"
#include "pantau/result.h"

namespace pantau::classify {

// Example::gold values.
inline constexpr uint8_t kGoldNo = 0, kGoldYes = 1, kGoldUnknown = 2;

struct Example {
  std::string record;         // the input line
  std::string text;           // its "text"
  std::string set;            // its "set", or empty
  std::vector<uint8_t> gold;  // per evaluated label (EvalOptions::labels order): kGold*
  std::string input;          // where it came from, for messages
  uint64_t line = 0;
  float weight = 1;     // how much it counts in training (reviews: --review-weight)
  std::string finding;  // for a staff review: the finding (post) id it was made from
};

// Parses one labelled record. Gold labels outside `labels` are ignored; unknown label ids are
// an error.
Result<Example> parse_example(std::string_view record, const std::vector<std::string>& labels);

// Classifies one parsed example as its post record would be classified (a bad field still
// classifies), into *c; `parser` is reused across calls. Evaluation and the cross-set run both
// read their examples through this.
Status classify_example(Classifier& classifier, simdjson::dom::parser& parser, const Example& ex,
                        Classification* c);

struct LabelCounts {
  uint64_t tp = 0, fp = 0, fn = 0, tn = 0;
  double precision() const;
  double recall() const;
  double f1() const;
};

struct Metrics {
  std::vector<std::string> labels;
  std::vector<LabelCounts> counts;
  uint64_t examples = 0;
  double jaccard_sum = 0;      // example-based accuracy numerator
  uint64_t exact = 0;          // examples whose predicted set equals the gold set
  uint64_t positives = 0;      // predicted labels
  uint64_t with_evidence = 0;  // predicted labels that carry at least one evidence item

  explicit Metrics(std::vector<std::string> l = {}) : labels(std::move(l)), counts(labels.size()) {}
  // Labels whose gold is kGoldUnknown are not counted.
  void add(const std::vector<uint8_t>& gold, const std::vector<uint8_t>& pred);
  void merge(const Metrics& other);
  double accuracy() const { return examples ? jaccard_sum / static_cast<double>(examples) : 0; }
  double exact_accuracy() const {
    return examples ? static_cast<double>(exact) / static_cast<double>(examples) : 0;
  }
  LabelCounts micro() const;
  double macro_f1() const;

  // A fixed-width table for people, and a JSON object for scripts.
  std::string table() const;
  std::string json(std::string_view mode, uint32_t folds, std::string_view data) const;
};

struct EvalOptions {
  std::vector<std::string> labels;  // which labels to score
  Mode mode = Mode::kRules;
  uint32_t folds = 5;  // model/both: k-fold cross-validation
  uint64_t seed = 1;   // fold assignment
  TrainOptions train;
  FeatureOptions features;
};

// Scores the classifier on `examples`. In kRules mode (or with a model already set on the
// classifier and folds == 0) every example is classified once; in kModel/kBoth mode with
// folds >= 2, a model is trained on k-1 folds and scores the held-out fold, k times.
Result<Metrics> evaluate(Classifier& classifier, const std::vector<Example>& examples,
                         const EvalOptions& opts);

// Trains a model on `examples` (features from the classifier's normalizer and, for kBoth,
// its rules).
Result<LinearModel> train_model(Classifier& classifier, const std::vector<Example>& examples,
                                const EvalOptions& opts);

}  // namespace pantau::classify
