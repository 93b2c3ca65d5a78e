// Calibrated scores: how the model's log-odds and the rules' decision become one probability,
// when the model alone may add a label (its gate), and how well probabilities match outcomes
// (reliability curve, expected calibration error).
//
// The Stacker is a logistic regression on two inputs learned on held-out folds (examples the
// model did not see): p = sigmoid(a*z + b + c*r), with z the model's log-odds and r = 1 when the
// rules emit the label. It is Platt scaling with the rule decision as a second feature, so a
// label's score is the probability that the label is right given both.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace pantau::classify {

struct Stacker {
  double a = 1, b = 0, c = 0;
  // The model alone adds the label when sigmoid(a*z + b) >= gate; a gate above 1 turns the
  // model off for the label (it never adds, it only scores).
  double gate = 0.5;
  // Fraction of the rules' hits that were right on the held-out folds (-1: unknown). When the
  // model is off for the label its log-odds are not trusted (they moved with each data set's
  // share of positives), so a rule hit's score is this instead.
  double rule_precision = -1;

  double probability(double z, bool rule) const;
  // The score of a label the rules emit.
  double rule_hit_probability(double z) const {
    return off() && rule_precision >= 0 ? rule_precision : probability(z, true);
  }
  bool adds(double z) const { return probability(z, false) >= gate; }
  bool off() const { return gate > 1.0; }
};

// Fits a, b, c by Newton's method (with a small ridge so that separable data stays finite) on
// held-out (z, rule, gold) triples; the gate is left at 0.5.
Stacker fit_stacker(const std::vector<double>& z, const std::vector<uint8_t>& rule,
                    const std::vector<uint8_t>& gold);

// Chooses the gate for `s` among 0.50, 0.55, ..., 0.95: the one with the best pooled F1 of
// "rules OR model alone >= gate" over the held-out examples, among the gates with which that
// combination is at least as good (F1) as the rules alone in every group (data set) with a
// positive example. When no gate qualifies, or none adds anything, the model is turned off
// (gate 2). `group[i]` is example i's group.
double choose_gate(const Stacker& s, const std::vector<double>& z, const std::vector<uint8_t>& rule,
                   const std::vector<uint8_t>& gold, const std::vector<uint32_t>& group);

struct ReliabilityBin {
  double low = 0, high = 0;  // [low, high) of predicted probability (the last bin includes 1)
  uint64_t count = 0;
  double mean_predicted = 0;
  double fraction_positive = 0;
};

struct Reliability {
  std::vector<ReliabilityBin> bins;
  double ece = 0;  // sum over bins of count/N * |fraction_positive - mean_predicted|
  uint64_t count = 0;
};

// Equal-width bins over [0, 1].
Reliability reliability(const std::vector<double>& p, const std::vector<uint8_t>& gold,
                        size_t bins = 10);

}  // namespace pantau::classify
