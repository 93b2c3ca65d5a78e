#include "pantau/classify/review_eval.h"

#include <simdjson.h>

#include <cmath>
#include <cstdio>

#include "pantau/classify/labels.h"
#include "pantau/classify/review_examples.h"
#include "pantau/json_writer.h"

namespace pantau::classify {
namespace {

double ratio(uint64_t a, uint64_t b) {
  return b ? static_cast<double>(a) / static_cast<double>(b) : 0;
}

std::string fixed(double v) {
  if (v < 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

double round4(double x) { return std::round(x * 10000.0) / 10000.0; }

// Per held-back example, per label: the score the classifier gives it (0 when not emitted).
Result<std::vector<std::vector<double>>> score_held(Classifier& classifier,
                                                    const std::vector<Example>& examples,
                                                    const std::vector<size_t>& held,
                                                    const std::vector<std::string>& labels) {
  simdjson::dom::parser parser;
  Classification c;
  std::vector<std::vector<double>> out;
  for (size_t i : held) {
    if (Status s = classify_example(classifier, parser, examples[i], &c); !s) return s.error();
    std::vector<double> scores(labels.size(), 0.0);
    for (const auto& lo : c.labels) {
      for (size_t l = 0; l < labels.size(); ++l) {
        if (labels[l] == kLabelIds[lo.label]) scores[l] = lo.score;
      }
    }
    out.push_back(std::move(scores));
  }
  return out;
}

// Kept counts and AUC of `scores` against `gold` (kGoldYes / kGoldNo pairs only).
ReviewSide side_of(const std::vector<double>& scores, const std::vector<uint8_t>& gold,
                   double min_score) {
  ReviewSide s;
  uint64_t pairs = 0;
  double wins = 0;
  for (size_t i = 0; i < scores.size(); ++i) {
    const bool kept = scores[i] > 0 && scores[i] >= min_score;
    if (gold[i] == kGoldYes) {
      s.kept_confirmed += kept;
      for (size_t j = 0; j < scores.size(); ++j) {
        if (gold[j] != kGoldNo) continue;
        ++pairs;
        wins += scores[i] > scores[j] ? 1.0 : scores[i] == scores[j] ? 0.5 : 0.0;
      }
    } else {
      s.kept_dismissed += kept;
    }
  }
  s.auc = pairs ? wins / static_cast<double>(pairs) : -1;
  return s;
}

}  // namespace

double ReviewSide::precision() const {
  return ratio(kept_confirmed, kept_confirmed + kept_dismissed);
}
double ReviewSide::recall(uint64_t confirmed) const { return ratio(kept_confirmed, confirmed); }

Result<ReviewEvalReport> evaluate_reviews(Classifier& classifier,
                                          const std::vector<Example>& labelled,
                                          const std::vector<Example>& reviewed,
                                          const LinearModel* current,
                                          const ReviewEvalOptions& opts) {
  const std::vector<std::string>& labels = opts.train.labels;
  std::vector<Example> all = labelled;
  all.insert(all.end(), reviewed.begin(), reviewed.end());
  std::vector<size_t> base, with_reviews, held;
  for (size_t i = 0; i < labelled.size(); ++i) base.push_back(i);
  with_reviews = base;
  for (size_t i = labelled.size(); i < all.size(); ++i) {
    (held_back(all[i].finding, opts.train.seed, opts.one_in) ? held : with_reviews).push_back(i);
  }
  ReviewEvalReport report;
  report.labelled = labelled.size();
  report.held_reviews = held.size();
  report.train_reviews = reviewed.size() - held.size();
  report.min_score = opts.min_score;
  if (held.empty() || report.train_reviews == 0) {
    return Error::invalid(std::to_string(reviewed.size()) +
                          " usable reviews are too few to hold some back and train on the rest");
  }
  auto data = prepare_sets(classifier, all, opts.train);
  if (!data) return data.error();

  LinearModel before_model;
  const LinearModel* before = current;
  if (current != nullptr) {
    report.before = "the given --model";
  } else if (!base.empty()) {
    before_model = train_calibrated(*data, base, opts.train);
    before = &before_model;
    report.before = "a model trained on the " + std::to_string(base.size()) + " labelled examples";
  } else {
    report.before = "the rules alone";
  }
  const LinearModel after_model = train_calibrated(*data, with_reviews, opts.train);

  classifier.set_model(before, before != nullptr ? opts.mode : Mode::kRules);
  auto before_scores = score_held(classifier, all, held, labels);
  classifier.set_model(&after_model, opts.mode);
  auto after_scores = score_held(classifier, all, held, labels);
  classifier.set_model(nullptr, Mode::kRules);
  if (!before_scores) return before_scores.error();
  if (!after_scores) return after_scores.error();

  std::vector<double> pooled_before, pooled_after;
  std::vector<uint8_t> pooled_gold;
  ReviewEvalRow total;
  total.label = "all";
  for (size_t l = 0; l < labels.size(); ++l) {
    std::vector<double> b, a;
    std::vector<uint8_t> gold;
    for (size_t k = 0; k < held.size(); ++k) {
      const uint8_t g = all[held[k]].gold[l];
      if (g > kGoldYes) continue;
      b.push_back((*before_scores)[k][l]);
      a.push_back((*after_scores)[k][l]);
      gold.push_back(g);
    }
    if (gold.empty()) continue;
    ReviewEvalRow row;
    row.label = labels[l];
    for (uint8_t g : gold) ++(g == kGoldYes ? row.confirmed : row.dismissed);
    row.before = side_of(b, gold, opts.min_score);
    row.after = side_of(a, gold, opts.min_score);
    total.confirmed += row.confirmed;
    total.dismissed += row.dismissed;
    report.rows.push_back(std::move(row));
    pooled_before.insert(pooled_before.end(), b.begin(), b.end());
    pooled_after.insert(pooled_after.end(), a.begin(), a.end());
    pooled_gold.insert(pooled_gold.end(), gold.begin(), gold.end());
  }
  total.before = side_of(pooled_before, pooled_gold, opts.min_score);
  total.after = side_of(pooled_after, pooled_gold, opts.min_score);
  report.rows.push_back(std::move(total));
  return report;
}

std::string ReviewEvalReport::table() const {
  std::string out = "reviews: " + std::to_string(held_reviews) + " held back, " +
                    std::to_string(train_reviews) + " trained on; before: " + before +
                    "; after: the same plus the reviews\n";
  char line[200];
  std::snprintf(line, sizeof line,
                "kept at --min-score %.2f (confirmed/dismissed), precision and "
                "recall of kept against confirmed, AUC of the score\n",
                min_score);
  out += line;
  std::snprintf(line, sizeof line, "%-18s %5s %5s | %-7s %6s %6s %6s | %-7s %6s %6s %6s\n", "label",
                "conf", "dism", "before", "prec", "recall", "auc", "after", "prec", "recall",
                "auc");
  out += line;
  for (const auto& r : rows) {
    auto kept = [](const ReviewSide& s) {
      return std::to_string(s.kept_confirmed) + "/" + std::to_string(s.kept_dismissed);
    };
    std::snprintf(line, sizeof line, "%-18s %5llu %5llu | %-7s %6s %6s %6s | %-7s %6s %6s %6s\n",
                  r.label.c_str(), static_cast<unsigned long long>(r.confirmed),
                  static_cast<unsigned long long>(r.dismissed), kept(r.before).c_str(),
                  fixed(r.before.precision()).c_str(), fixed(r.before.recall(r.confirmed)).c_str(),
                  fixed(r.before.auc).c_str(), kept(r.after).c_str(),
                  fixed(r.after.precision()).c_str(), fixed(r.after.recall(r.confirmed)).c_str(),
                  fixed(r.after.auc).c_str());
    out += line;
  }
  return out;
}

std::string ReviewEvalReport::json() const {
  std::string out;
  JsonWriter w(&out);
  w.begin_object();
  w.field("before", before);
  w.field("held_back", static_cast<int64_t>(held_reviews));
  w.field("trained_on_reviews", static_cast<int64_t>(train_reviews));
  w.field("labelled", static_cast<int64_t>(labelled));
  w.key("min_score");
  w.number(min_score);
  w.key("labels");
  w.begin_object();
  for (const auto& r : rows) {
    w.key(r.label);
    w.begin_object();
    w.field("confirmed", static_cast<int64_t>(r.confirmed));
    w.field("dismissed", static_cast<int64_t>(r.dismissed));
    for (const auto& [name, s] :
         {std::pair<std::string_view, const ReviewSide*>{"before", &r.before},
          {"after", &r.after}}) {
      w.key(name);
      w.begin_object();
      w.field("kept_confirmed", static_cast<int64_t>(s->kept_confirmed));
      w.field("kept_dismissed", static_cast<int64_t>(s->kept_dismissed));
      w.key("precision");
      w.number(round4(s->precision()));
      w.key("recall");
      w.number(round4(s->recall(r.confirmed)));
      w.key("auc");
      if (s->auc < 0) {
        w.null();
      } else {
        w.number(round4(s->auc));
      }
      w.end_object();
    }
    w.end_object();
  }
  w.end_object();
  w.end_object();
  return out;
}

}  // namespace pantau::classify
