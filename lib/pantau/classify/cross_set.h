// Leave-one-dataset-out evaluation: train on every labelled data set but one, test on that
// one, for each in turn, after removing the texts that occur in more than one set, and score
// rules, model and their default combination (rules OR the model above its gate) per set and
// label with bootstrap 95% intervals and a reliability curve of the calibrated score.
//
// The model's calibration (calibration.h) is fitted on held-out folds of the TRAINING sets
// only: by data set when at least two training sets are annotated for a label (so the gate is
// chosen for text from a source the model has not seen), else seeded k-fold. The same routine
// trains the model that `pantau-classify train` ships.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/classify/calibration.h"
#include "pantau/classify/classifier.h"
#include "pantau/classify/evaluation.h"
#include "pantau/classify/model.h"
#include "pantau/result.h"

namespace pantau::classify {

// Key for near-duplicate detection: lowercase ASCII letters and digits of the text, without
// links, @handles, the USER/URL placeholders, "rt" and non-ASCII bytes, hashed.
uint64_t near_duplicate_key(std::string_view text);

struct DedupStats {
  std::string set;
  uint64_t before = 0, exact = 0, near = 0, after = 0;  // exact/near: removed
};

// Sets in the order of their first example.
std::vector<std::string> set_names(const std::vector<Example>& examples);

// Removes from each set the examples whose text occurs in a set that comes earlier (set_names
// order): exactly, or with the same near_duplicate_key. Duplicates inside one set stay. Keeps
// the order of the examples.
std::vector<DedupStats> dedup_across_sets(std::vector<Example>* examples);

struct Interval {
  double low = 0, high = 0;
};

struct Scores {
  LabelCounts counts;
  Interval precision, recall, f1;  // bootstrap 95% percentile intervals
};

// Bootstrap percentile intervals for precision, recall and F1 of several systems scored on the
// same resamples (seeded, so the same inputs give the same intervals). `preds[s][i]` is system
// s's decision on example i; gold values are 0/1.
std::vector<Scores> bootstrap_scores(const std::vector<uint8_t>& gold,
                                     const std::vector<std::vector<uint8_t>>& preds,
                                     uint32_t resamples, uint64_t seed);

struct LodoCell {
  std::string set, label;
  bool has_model = false;  // some training set is annotated for the label
  Stacker stacker;         // as fitted on the training sets' held-out folds
  Scores rules, model, combined;
  double ece = -1;  // of the combined score on this set (has_model)
};

struct LodoOptions {
  std::vector<std::string> labels;
  uint32_t inner_folds = 3;   // k-fold fallback for a label only one training set has
  uint32_t bootstrap = 1000;  // resamples for the intervals
  uint64_t seed = 1;          // folds and resamples
  // Labels the model may score but never add (gate off whatever the folds say): a label whose
  // training sets differ too much from the others in how often it occurs (insult: 84% of
  // ibrohim2018, 26% of ibrohim2019) makes the model add wrong labels on a new set.
  std::vector<std::string> model_off;
  TrainOptions train;
  FeatureOptions features;
};

struct LodoReport {
  std::vector<DedupStats> dedup;
  std::vector<LodoCell> cells;
  Reliability calibration;  // pooled over every (post, label) of the cells with a model
  Reliability emitted;      // the same, only where the default emits the label
  // Cells where the default combination's F1 is below the rules' (should be none).
  std::vector<std::string> worse_than_rules() const;
  std::string table() const;
  std::string json() const;
};

// The data prepared once: model features (masked), rule decisions and gold per example.
struct PreparedSets {
  std::vector<std::string> labels, sets;
  std::vector<std::vector<Feature>> features;
  std::vector<std::vector<uint8_t>> gold;   // kGold* per label
  std::vector<std::vector<uint8_t>> rules;  // 1 when the rules emit the label
  std::vector<uint32_t> set;                // index into sets
  std::vector<float> weight;                // Example::weight
};

Result<PreparedSets> prepare_sets(Classifier& classifier, const std::vector<Example>& examples,
                                  const LodoOptions& opts);

// Trains a text-feature model on the examples `which` and fits each label's Stacker and gate on
// held-out folds of them. A label no example is annotated for gets gate 2 (off).
LinearModel train_calibrated(const PreparedSets& data, const std::vector<size_t>& which,
                             const LodoOptions& opts);

Result<LodoReport> evaluate_lodo(Classifier& classifier, std::vector<Example> examples,
                                 const LodoOptions& opts);

}  // namespace pantau::classify
