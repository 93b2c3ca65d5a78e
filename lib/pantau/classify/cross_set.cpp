#include "pantau/classify/cross_set.h"

#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <unordered_map>
#include <unordered_set>

#include "pantau/classify/labels.h"
#include "pantau/classify/review_examples.h"
#include "pantau/classify/tokens.h"
#include "pantau/json_writer.h"

namespace pantau::classify {
namespace {

double round4(double x) {
  return static_cast<double>(static_cast<int64_t>(x * 10000.0 + 0.5)) / 10000.0;
}

std::string fixed(double v, int digits = 2) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

double f1_of(uint64_t tp, uint64_t fp, uint64_t fn) {
  return tp ? 2.0 * static_cast<double>(tp) / static_cast<double>(2 * tp + fp + fn) : 0.0;
}

double ratio(uint64_t a, uint64_t b) {
  return b ? static_cast<double>(a) / static_cast<double>(b) : 0.0;
}

}  // namespace

uint64_t near_duplicate_key(std::string_view text) {
  std::string key;
  key.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    // One whitespace-separated chunk at a time.
    size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != '\n' && text[j] != '\t' &&
           text[j] != '\r') {
      ++j;
    }
    std::string_view chunk = text.substr(i, j - i);
    i = j + 1;
    if (chunk.empty() || chunk[0] == '@' || chunk.substr(0, 4) == "http" ||
        chunk.substr(0, 4) == "www.") {
      continue;
    }
    std::string word;
    for (char ch : chunk) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
      if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) word.push_back(ch);
    }
    if (word.empty() || word == "user" || word == "url" || word == "rt") continue;
    key += word;
  }
  return hash_bytes(key, 7);
}

std::vector<std::string> set_names(const std::vector<Example>& examples) {
  std::vector<std::string> names;
  for (const auto& ex : examples) {
    if (std::find(names.begin(), names.end(), ex.set) == names.end()) names.push_back(ex.set);
  }
  return names;
}

std::vector<DedupStats> dedup_across_sets(std::vector<Example>* examples) {
  const std::vector<std::string> names = set_names(*examples);
  std::vector<DedupStats> stats(names.size());
  for (size_t s = 0; s < names.size(); ++s) stats[s].set = names[s];
  auto set_index = [&](const std::string& name) {
    return static_cast<size_t>(std::find(names.begin(), names.end(), name) - names.begin());
  };
  // The earliest set each text (exact) and key (near) was seen in.
  std::unordered_map<uint64_t, size_t> exact_owner, near_owner;
  for (const auto& ex : *examples) {
    const size_t s = set_index(ex.set);
    exact_owner.emplace(hash_bytes(ex.text, 3), s);  // emplace keeps the first (earliest)
    near_owner.emplace(near_duplicate_key(ex.text), s);
  }
  // The first pass met sets in example order, and sets are numbered by first appearance, but
  // a text may appear in a later-numbered set first when sets are interleaved: take the minimum.
  for (const auto& ex : *examples) {
    const size_t s = set_index(ex.set);
    auto& e = exact_owner[hash_bytes(ex.text, 3)];
    e = std::min(e, s);
    auto& n = near_owner[near_duplicate_key(ex.text)];
    n = std::min(n, s);
  }
  std::vector<Example> kept;
  kept.reserve(examples->size());
  for (auto& ex : *examples) {
    const size_t s = set_index(ex.set);
    ++stats[s].before;
    if (exact_owner[hash_bytes(ex.text, 3)] < s) {
      ++stats[s].exact;
    } else if (near_owner[near_duplicate_key(ex.text)] < s) {
      ++stats[s].near;
    } else {
      ++stats[s].after;
      kept.push_back(std::move(ex));
    }
  }
  *examples = std::move(kept);
  return stats;
}

std::vector<Scores> bootstrap_scores(const std::vector<uint8_t>& gold,
                                     const std::vector<std::vector<uint8_t>>& preds,
                                     uint32_t resamples, uint64_t seed) {
  const size_t n = gold.size();
  std::vector<Scores> out(preds.size());
  for (size_t s = 0; s < preds.size(); ++s) {
    LabelCounts& c = out[s].counts;
    for (size_t i = 0; i < n; ++i) {
      const bool g = gold[i] == 1, p = preds[s][i] != 0;
      c.tp += g && p;
      c.fp += !g && p;
      c.fn += g && !p;
      c.tn += !g && !p;
    }
  }
  if (n == 0 || resamples == 0) return out;
  std::vector<std::vector<double>> p(preds.size()), r(preds.size()), f(preds.size());
  std::mt19937_64 rng(seed);
  std::vector<LabelCounts> c(preds.size());
  for (uint32_t b = 0; b < resamples; ++b) {
    std::fill(c.begin(), c.end(), LabelCounts{});
    for (size_t k = 0; k < n; ++k) {
      const size_t i = static_cast<size_t>(rng() % n);
      const bool g = gold[i] == 1;
      for (size_t s = 0; s < preds.size(); ++s) {
        const bool q = preds[s][i] != 0;
        c[s].tp += g && q;
        c[s].fp += !g && q;
        c[s].fn += g && !q;
      }
    }
    for (size_t s = 0; s < preds.size(); ++s) {
      p[s].push_back(ratio(c[s].tp, c[s].tp + c[s].fp));
      r[s].push_back(ratio(c[s].tp, c[s].tp + c[s].fn));
      f[s].push_back(f1_of(c[s].tp, c[s].fp, c[s].fn));
    }
  }
  auto interval = [&](std::vector<double>& v) {
    std::sort(v.begin(), v.end());
    const auto last = static_cast<double>(v.size() - 1);
    return Interval{v[static_cast<size_t>(0.025 * last + 0.5)],
                    v[static_cast<size_t>(0.975 * last + 0.5)]};
  };
  for (size_t s = 0; s < preds.size(); ++s) {
    out[s].precision = interval(p[s]);
    out[s].recall = interval(r[s]);
    out[s].f1 = interval(f[s]);
  }
  return out;
}

Result<PreparedSets> prepare_sets(Classifier& classifier, const std::vector<Example>& examples,
                                  const LodoOptions& opts) {
  PreparedSets d;
  d.labels = opts.labels;
  d.sets = set_names(examples);
  classifier.set_model(nullptr, Mode::kRules);
  simdjson::dom::parser parser;
  Classification c;
  for (const auto& ex : examples) {
    d.set.push_back(
        static_cast<uint32_t>(std::find(d.sets.begin(), d.sets.end(), ex.set) - d.sets.begin()));
    d.gold.push_back(ex.gold);
    d.weight.push_back(ex.weight);
    if (Status s = classify_example(classifier, parser, ex, &c); !s) return s.error();
    std::vector<uint8_t> fired(opts.labels.size(), 0);
    for (const auto& lo : c.labels) {
      for (size_t i = 0; i < opts.labels.size(); ++i) {
        if (opts.labels[i] == kLabelIds[lo.label]) fired[i] = 1;
      }
    }
    d.rules.push_back(std::move(fired));
    d.features.emplace_back();
    if (auto s2 = classifier.features(ex.text, false, opts.features, &d.features.back()); !s2) {
      return s2.error();
    }
  }
  return d;
}

namespace {

// Held-out logits: per label, for each example of `which`, the logit of a model that did not
// see it; `valid` says where the fold's model had training data for the label.
struct HeldOut {
  std::vector<std::vector<double>> z;       // [label][k], k indexes `which`
  std::vector<std::vector<uint8_t>> valid;  // [label][k]
};

void fill_held_out(const PreparedSets& d, const std::vector<size_t>& which,
                   const std::vector<std::vector<size_t>>& folds, const LodoOptions& opts,
                   const std::vector<uint8_t>& use_for_label, HeldOut* out) {
  const size_t labels = d.labels.size();
  std::vector<uint32_t> fold_of(which.size());
  for (size_t f = 0; f < folds.size(); ++f) {
    for (size_t k : folds[f]) fold_of[k] = static_cast<uint32_t>(f);
  }
  for (size_t f = 0; f < folds.size(); ++f) {
    std::vector<size_t> train;
    std::vector<uint8_t> in_test(which.size(), 0);
    for (size_t k : folds[f]) in_test[k] = 1;
    for (size_t k = 0; k < which.size(); ++k) {
      if (!in_test[k]) train.push_back(which[k]);
    }
    LinearModel m(d.labels, opts.features, false);
    m.train(d.features, d.gold, opts.train, &train, &d.weight);
    for (size_t l = 0; l < labels; ++l) {
      if (!use_for_label[l]) continue;
      bool trained = false;
      for (size_t i : train) trained = trained || d.gold[i][l] <= kGoldYes;
      if (!trained) continue;
      for (size_t k : folds[f]) {
        out->z[l][k] = m.logit(l, d.features[which[k]]);
        out->valid[l][k] = 1;
      }
    }
  }
}

}  // namespace

// Held-out posts of each decision a label needs before its rule hits are scored per post from
// reviews alone (fewer give a fit that can put a confirmed finding at 0).
constexpr size_t kMinPerDecision = 5;

LinearModel train_calibrated(const PreparedSets& d, const std::vector<size_t>& which,
                             const LodoOptions& opts) {
  const size_t labels = d.labels.size();
  // Which training sets are annotated for each label.
  std::vector<std::vector<uint8_t>> annotated(labels, std::vector<uint8_t>(d.sets.size(), 0));
  for (size_t i : which) {
    for (size_t l = 0; l < labels; ++l) {
      if (d.gold[i][l] <= kGoldYes) annotated[l][d.set[i]] = 1;
    }
  }
  std::vector<uint8_t> by_set(labels, 0), by_kfold(labels, 0);
  for (size_t l = 0; l < labels; ++l) {
    size_t sets = 0;
    for (uint8_t a : annotated[l]) sets += a;
    by_set[l] = sets >= 2;
    by_kfold[l] = sets == 1;
  }
  HeldOut held;
  held.z.assign(labels, std::vector<double>(which.size(), 0.0));
  held.valid.assign(labels, std::vector<uint8_t>(which.size(), 0));
  if (std::find(by_set.begin(), by_set.end(), 1) != by_set.end()) {
    std::vector<std::vector<size_t>> folds(d.sets.size());
    for (size_t k = 0; k < which.size(); ++k) folds[d.set[which[k]]].push_back(k);
    folds.erase(std::remove_if(folds.begin(), folds.end(), [](const auto& f) { return f.empty(); }),
                folds.end());
    fill_held_out(d, which, folds, opts, by_set, &held);
  }
  if (std::find(by_kfold.begin(), by_kfold.end(), 1) != by_kfold.end()) {
    const uint32_t k = std::max<uint32_t>(2, opts.inner_folds);
    std::vector<size_t> order(which.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::mt19937_64 rng(opts.seed);
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    std::vector<std::vector<size_t>> folds(k);
    for (size_t i = 0; i < order.size(); ++i) folds[i % k].push_back(order[i]);
    fill_held_out(d, which, folds, opts, by_kfold, &held);
  }
  LinearModel model(d.labels, opts.features, false);
  model.train(d.features, d.gold, opts.train, &which, &d.weight);
  for (size_t l = 0; l < labels; ++l) {
    std::vector<double> z;
    std::vector<uint8_t> rule, gold;
    std::vector<uint32_t> group;
    for (size_t k = 0; k < which.size(); ++k) {
      const size_t i = which[k];
      if (!held.valid[l][k] || d.gold[i][l] > kGoldYes) continue;
      z.push_back(held.z[l][k]);
      rule.push_back(d.rules[i][l]);
      gold.push_back(d.gold[i][l]);
      group.push_back(d.set[i]);
    }
    // Staff reviews are decisions about findings only: they say which findings were right, not
    // what the classifier missed, so a label learned from reviews alone is never added by the
    // model (gate off). Its rule hits, and those of a label whose held-out posts are all rule
    // hits (no gate could be judged), are scored by the calibrated probability, fitted on exactly
    // such posts, instead of one precision for all, when the held-out posts have enough of both
    // decisions for a fit to mean something; else by the share of them that was right.
    bool only_reviews = true;
    for (size_t i : which) {
      if (d.gold[i][l] <= kGoldYes && d.sets[d.set[i]] != kReviewSet) only_reviews = false;
    }
    const bool judged = std::find(rule.begin(), rule.end(), 0) != rule.end() && !only_reviews;
    const auto yes = static_cast<size_t>(std::count(gold.begin(), gold.end(), kGoldYes));
    const bool enough = yes >= kMinPerDecision && gold.size() - yes >= kMinPerDecision;
    Stacker st;
    if (z.empty()) {
      st.gate = 2.0;  // nothing to learn from: the model never adds this label
    } else {
      st = fit_stacker(z, rule, gold);
      st.gate = choose_gate(st, z, rule, gold, group);
    }
    const bool forced_off = std::find(opts.model_off.begin(), opts.model_off.end(), d.labels[l]) !=
                            opts.model_off.end();
    if (forced_off || only_reviews) st.gate = 2.0;
    uint64_t hits = 0, right = 0;
    for (size_t i : which) {
      if (d.gold[i][l] > kGoldYes || !d.rules[i][l]) continue;
      ++hits;
      right += d.gold[i][l] == kGoldYes;
    }
    if (hits > 0 && (z.empty() || judged || forced_off || !enough)) {
      st.rule_precision = static_cast<double>(right) / static_cast<double>(hits);
    }
    model.set_stacker(l, st);
  }
  return model;
}

Result<LodoReport> evaluate_lodo(Classifier& classifier, std::vector<Example> examples,
                                 const LodoOptions& opts) {
  LodoReport report;
  report.dedup = dedup_across_sets(&examples);
  auto data = prepare_sets(classifier, examples, opts);
  if (!data) return data.error();
  const PreparedSets& d = *data;
  std::vector<double> all_p, emitted_p;
  std::vector<uint8_t> all_y, emitted_y;
  for (size_t s = 0; s < d.sets.size(); ++s) {
    std::vector<size_t> train, test;
    for (size_t i = 0; i < d.set.size(); ++i) (d.set[i] == s ? test : train).push_back(i);
    bool needed = false;  // does the held-out set have a label some training set has?
    for (size_t l = 0; l < d.labels.size(); ++l) {
      bool in_test = false, in_train = false;
      for (size_t i : test) in_test = in_test || d.gold[i][l] <= kGoldYes;
      for (size_t i : train) in_train = in_train || d.gold[i][l] <= kGoldYes;
      needed = needed || (in_test && in_train);
    }
    LinearModel model = needed ? train_calibrated(d, train, opts) : LinearModel();
    for (size_t l = 0; l < d.labels.size(); ++l) {
      LodoCell cell;
      cell.set = d.sets[s];
      cell.label = d.labels[l];
      if (needed) {
        for (size_t i : train) cell.has_model = cell.has_model || d.gold[i][l] <= kGoldYes;
      }
      if (cell.has_model) cell.stacker = model.stacker(l);
      std::vector<uint8_t> gold;
      std::vector<std::vector<uint8_t>> preds(3);
      std::vector<double> score;
      for (size_t i : test) {
        if (d.gold[i][l] > kGoldYes) continue;
        const bool rule = d.rules[i][l] != 0;
        bool alone = false, added = false;
        if (cell.has_model) {
          const double z = model.logit(l, d.features[i]);
          const double p = cell.stacker.probability(z, false);
          // As the classifier: a model positive needs a word with a positive contribution.
          const bool evidence =
              (p >= 0.5 || p >= cell.stacker.gate) && !model.explain(l, d.features[i], 1).empty();
          alone = evidence && p >= 0.5;
          added = evidence && !cell.stacker.off() && p >= cell.stacker.gate;
          score.push_back(rule ? cell.stacker.rule_hit_probability(z)
                               : cell.stacker.probability(z, false));
        }
        gold.push_back(d.gold[i][l]);
        preds[0].push_back(rule);
        preds[1].push_back(alone);
        preds[2].push_back(rule || added);
      }
      if (gold.empty()) continue;  // the set is not annotated for this label
      auto scores = bootstrap_scores(gold, preds, opts.bootstrap,
                                     opts.seed ^ hash_bytes(cell.set + "/" + cell.label, 11));
      cell.rules = scores[0];
      cell.model = scores[1];
      cell.combined = scores[2];
      if (cell.has_model) {
        cell.ece = reliability(score, gold).ece;
        all_p.insert(all_p.end(), score.begin(), score.end());
        all_y.insert(all_y.end(), gold.begin(), gold.end());
        for (size_t k = 0; k < score.size(); ++k) {
          if (!preds[2][k]) continue;
          emitted_p.push_back(score[k]);
          emitted_y.push_back(gold[k]);
        }
      }
      report.cells.push_back(std::move(cell));
    }
  }
  report.calibration = reliability(all_p, all_y);
  report.emitted = reliability(emitted_p, emitted_y);
  return report;
}

std::vector<std::string> LodoReport::worse_than_rules() const {
  std::vector<std::string> out;
  for (const auto& c : cells) {
    if (c.combined.counts.f1() + 1e-12 < c.rules.counts.f1()) out.push_back(c.set + "/" + c.label);
  }
  return out;
}

std::string LodoReport::table() const {
  std::string out =
      "leave-one-dataset-out: duplicates across sets removed (a text stays in the "
      "first set listed)\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-22s %8s %8s %8s %8s\n", "set", "examples", "exact", "near",
                "kept");
  out += line;
  for (const auto& s : dedup) {
    std::snprintf(line, sizeof line, "%-22s %8llu %8llu %8llu %8llu\n", s.set.c_str(),
                  static_cast<unsigned long long>(s.before),
                  static_cast<unsigned long long>(s.exact), static_cast<unsigned long long>(s.near),
                  static_cast<unsigned long long>(s.after));
    out += line;
  }
  out +=
      "\ntest set, label: support; precision/recall/F1 [F1 95% interval] of the rules, the "
      "model alone and the default (rules OR model >= gate)\n";
  std::snprintf(line, sizeof line, "%-22s %-15s %6s  %-27s %-27s %-27s %5s\n", "test set", "label",
                "supp", "rules P/R/F1 [F1 CI]", "model P/R/F1 [F1 CI]", "default P/R/F1 [F1 CI]",
                "gate");
  out += line;
  auto cellf = [](const Scores& s) {
    return fixed(s.counts.precision()) + "/" + fixed(s.counts.recall()) + "/" +
           fixed(s.counts.f1()) + " [" + fixed(s.f1.low) + "," + fixed(s.f1.high) + "]";
  };
  for (const auto& c : cells) {
    std::string gate = !c.has_model ? "-" : c.stacker.off() ? "off" : fixed(c.stacker.gate);
    std::snprintf(line, sizeof line, "%-22s %-15s %6llu  %-27s %-27s %-27s %5s\n", c.set.c_str(),
                  c.label.c_str(),
                  static_cast<unsigned long long>(c.rules.counts.tp + c.rules.counts.fn),
                  cellf(c.rules).c_str(), c.has_model ? cellf(c.model).c_str() : "-",
                  cellf(c.combined).c_str(), gate.c_str());
    out += line;
  }
  out +=
      "\nreliability of the default's score (calibrated probability) on the labels it "
      "emits, pooled over the test sets (observed: fraction right):\n";
  std::snprintf(line, sizeof line, "%-11s %8s %10s %10s\n", "bin", "count", "predicted",
                "observed");
  out += line;
  for (const auto& b : emitted.bins) {
    if (b.count == 0) continue;
    std::snprintf(line, sizeof line, "[%.1f,%.1f%c %8llu %10.3f %10.3f\n", b.low, b.high,
                  b.high >= 1.0 ? ']' : ')', static_cast<unsigned long long>(b.count),
                  b.mean_predicted, b.fraction_positive);
    out += line;
  }
  out += "expected calibration error (ECE) " + fixed(emitted.ece, 3) + " over " +
         std::to_string(emitted.count) + " emitted labels; " + fixed(calibration.ece, 3) +
         " over all " + std::to_string(calibration.count) + " (post, label) pairs\n";
  auto worse = worse_than_rules();
  if (worse.empty()) {
    out += "default >= rules alone (F1) on every set and label\n";
  } else {
    out += "default BELOW rules alone (F1) on:";
    for (const auto& w : worse) out += " " + w;
    out += "\n";
  }
  return out;
}

std::string LodoReport::json() const {
  std::string out;
  JsonWriter w(&out);
  w.begin_object();
  w.field("mode", "lodo");
  w.key("dedup");
  w.begin_array();
  for (const auto& s : dedup) {
    w.begin_object();
    w.field("set", s.set);
    w.field("examples", static_cast<int64_t>(s.before));
    w.field("exact_duplicates", static_cast<int64_t>(s.exact));
    w.field("near_duplicates", static_cast<int64_t>(s.near));
    w.field("kept", static_cast<int64_t>(s.after));
    w.end_object();
  }
  w.end_array();
  auto put = [&](std::string_view name, const Scores& s) {
    w.key(name);
    w.begin_object();
    w.field("tp", static_cast<int64_t>(s.counts.tp));
    w.field("fp", static_cast<int64_t>(s.counts.fp));
    w.field("fn", static_cast<int64_t>(s.counts.fn));
    for (auto [key, v, iv] : {std::tuple{"precision", s.counts.precision(), s.precision},
                              std::tuple{"recall", s.counts.recall(), s.recall},
                              std::tuple{"f1", s.counts.f1(), s.f1}}) {
      w.key(key);
      w.number(round4(v));
      w.key(std::string(key) + "_ci95");
      w.begin_array();
      w.number(round4(iv.low));
      w.number(round4(iv.high));
      w.end_array();
    }
    w.end_object();
  };
  w.key("cells");
  w.begin_array();
  for (const auto& c : cells) {
    w.begin_object();
    w.field("set", c.set);
    w.field("label", c.label);
    w.field("support", static_cast<int64_t>(c.rules.counts.tp + c.rules.counts.fn));
    put("rules", c.rules);
    if (c.has_model) {
      put("model", c.model);
      w.key("gate");
      if (c.stacker.off()) {
        w.null();
      } else {
        w.number(round4(c.stacker.gate));
      }
      w.key("ece");
      w.number(round4(c.ece));
    }
    put("default", c.combined);
    w.end_object();
  }
  w.end_array();
  // A reliability curve and its expected calibration error, under two keys.
  const auto put_reliability = [&](std::string_view curve_key, std::string_view ece_key,
                                   const auto& curve) {
    w.key(curve_key);
    w.begin_array();
    for (const auto& b : curve.bins) {
      w.begin_object();
      w.key("low");
      w.number(b.low);
      w.key("high");
      w.number(b.high);
      w.field("count", static_cast<int64_t>(b.count));
      w.key("predicted");
      w.number(round4(b.mean_predicted));
      w.key("observed");
      w.number(round4(b.fraction_positive));
      w.end_object();
    }
    w.end_array();
    w.key(ece_key);
    w.number(round4(curve.ece));
  };
  put_reliability("reliability", "ece", calibration);
  put_reliability("reliability_emitted", "ece_emitted", emitted);
  w.key("worse_than_rules");
  w.begin_array();
  for (const auto& s : worse_than_rules()) w.string(s);
  w.end_array();
  w.end_object();
  return out;
}

}  // namespace pantau::classify
