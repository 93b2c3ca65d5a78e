// A small linear model beside the rules: one logistic regression per label over hashed
// features of the normalized text (the "hashing trick"), as fastText/Vowpal Wabbit do, so the
// model has a fixed size and needs no vocabulary file.
//
// Features: word unigrams and bigrams, character 3..5-grams of each word with its boundaries
// ("<kafir>" -> "<ka", "kaf", ..., "fir>"), all L2-normalized; and, when the model was trained
// with rules ("both" mode), one feature per fired rule id with value 1. Every feature keeps the
// byte span it came from, so a positive prediction can name its strongest features as evidence
// (the words with the largest positive contributions, or the evidence of a fired rule).
//
// Masked tokens give no feature at all, so that the model learns language, not topics, and its
// evidence can never be one of them: numbers, @mentions, #hashtags, URLs, the placeholders
// USER and URL of anonymized data sets, and, when the original text is known, person names
// (a Capitalised word that does not start a sentence).
//
// A label's probability is calibrated (calibration.h: a Stacker per label, fitted on held-out
// folds by `pantau-classify train`), and the Stacker's gate says when the model alone may add
// the label.
//
// File format (little-endian): "PANTAU-LINEAR-1\n", one line of JSON metadata
// {"labels":[...],"bits":18,"rules":true,"pack":"pantau-id","version":"2024.1",
// "calibration":[[a,b,c,gate,rule_precision],...],...}, then per label one float32 bias
// followed by 2^bits float32 weights. A file without "calibration" reads as the identity (a=1,
// b=c=0, gate 0.5, rule precision unknown).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/classify/calibration.h"
#include "pantau/classify/tokens.h"
#include "pantau/result.h"
#include "pantau/text/text_normalizer.h"

namespace pantau::classify {

struct Feature {
  uint32_t bucket = 0;
  float value = 0;
  uint32_t begin = 0;  // byte span in the normalized text (begin == end for rule features)
  uint32_t end = 0;
  int32_t rule = -1;  // index of the fired rule for rule features, else -1
};

struct FeatureOptions {
  uint32_t bits = 18;  // 2^bits buckets per label
  bool word_bigrams = true;
  bool char_ngrams = true;
  uint32_t char_min = 3;
  uint32_t char_max = 5;
};

// The original text a normalized text came from, for the masks that need its case.
struct MaskSource {
  std::string_view original;
  const text::NormalizedText* normalized = nullptr;
};

// True when the model must not see token [begin, end) of `normalized` (see above). `source`
// may be null: then names are not recognised, the other masks still apply.
bool is_masked_token(std::string_view normalized, uint32_t begin, uint32_t end,
                     const MaskSource* source);

// Extracts features, reusing its buffers across calls (not thread-safe).
class FeatureExtractor {
 public:
  explicit FeatureExtractor(FeatureOptions opts = {}) : opts_(opts) {}
  // `rule_ids` are the ids of the rules that fired (empty when the model does not use rules);
  // `rule_indexes` their indexes in the pack, carried in Feature::rule.
  void extract(std::string_view normalized, const std::vector<std::string_view>& rule_ids,
               const std::vector<int32_t>& rule_indexes, std::vector<Feature>* out,
               const MaskSource* source = nullptr);
  const FeatureOptions& options() const { return opts_; }

 private:
  FeatureOptions opts_;
  std::vector<Token> tokens_;
  std::vector<Token> kept_;
  std::string gram_;
};

struct TrainOptions {
  uint32_t epochs = 12;
  double learning_rate = 0.5;  // AdaGrad base rate
  double l2 = 1e-7;
  uint64_t seed = 1;     // example order is shuffled deterministically
  bool balance = false;  // weight positives by negatives/positives
};

struct Contribution {
  size_t feature;  // index into the feature vector passed to explain()
  double value;    // weight * feature value
};

class LinearModel {
 public:
  LinearModel() = default;
  LinearModel(std::vector<std::string> labels, FeatureOptions opts, bool uses_rules);

  const std::vector<std::string>& labels() const { return labels_; }
  // Index of `label` in labels(), or -1.
  int label_slot(std::string_view label) const;
  const FeatureOptions& feature_options() const { return opts_; }
  bool uses_rules() const { return uses_rules_; }

  // Free-form provenance written into the file ("pack", "version", "trained_on").
  std::string pack, version, trained_on, name;

  // The model's log-odds (uncalibrated) that the document with `features` has label `slot`.
  double logit(size_t slot, const std::vector<Feature>& features) const;
  // Probability that the document with `features` has label `slot` (uncalibrated).
  double predict(size_t slot, const std::vector<Feature>& features) const;
  // How the logit becomes a calibrated probability, and the gate of the model alone.
  const Stacker& stacker(size_t slot) const { return stackers_[slot]; }
  void set_stacker(size_t slot, const Stacker& s) { stackers_[slot] = s; }
  // The `k` largest positive contributions to label `slot`, largest first.
  std::vector<Contribution> explain(size_t slot, const std::vector<Feature>& features,
                                    size_t k) const;

  // Trains every label on `docs` with gold labels `gold[doc][slot]` (0 no, 1 yes, anything
  // else: not annotated, skipped for that label). With `which`, only those documents. With
  // `weights` (one per document), a document's gradient is scaled by its weight (a review
  // decision counts more than a public example, review_examples.h).
  void train(const std::vector<std::vector<Feature>>& docs,
             const std::vector<std::vector<uint8_t>>& gold, const TrainOptions& opts,
             const std::vector<size_t>* which = nullptr,
             const std::vector<float>* weights = nullptr);

  Status save(const std::string& path) const;
  static Result<LinearModel> load(const std::string& path);

 private:
  std::vector<std::string> labels_;
  FeatureOptions opts_;
  bool uses_rules_ = false;
  std::vector<float> bias_;
  std::vector<std::vector<float>> weights_;  // per label, 2^bits
  std::vector<Stacker> stackers_;
};

}  // namespace pantau::classify
