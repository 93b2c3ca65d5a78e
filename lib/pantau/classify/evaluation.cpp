#include "pantau/classify/evaluation.h"

#include <simdjson.h>

#include <cstdio>
#include <random>

#include "pantau/classify/labels.h"
#include "pantau/json_writer.h"
#include "pantau/record.h"

namespace pantau::classify {
namespace {

double ratio(uint64_t a, uint64_t b) {
  return b ? static_cast<double>(a) / static_cast<double>(b) : 0;
}

std::string fixed(double v, int digits = 3) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

double round4(double x) {
  return static_cast<double>(static_cast<int64_t>(x * 10000.0 + 0.5)) / 10000.0;
}

}  // namespace

double LabelCounts::precision() const { return ratio(tp, tp + fp); }
double LabelCounts::recall() const { return ratio(tp, tp + fn); }
double LabelCounts::f1() const {
  double p = precision(), r = recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

Result<Example> parse_example(std::string_view record, const std::vector<std::string>& labels) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto err = parser.parse(std::string(record)).get(doc)) {
    return Error::invalid("invalid JSON: " + json_error_message(err));
  }
  Example ex;
  ex.record = std::string(record);
  ex.gold.assign(labels.size(), 0);
  std::string_view text;
  simdjson::dom::element t;
  if (!doc["text"].get(t) && !t.is_null()) {
    if (t.get_string().get(text)) return Error::invalid("\"text\" is not a string");
  }
  ex.text = std::string(text);
  std::string_view set;
  if (!doc["set"].get_string().get(set)) ex.set = std::string(set);
  simdjson::dom::array annotated;
  if (!doc["labelled"].get_array().get(annotated)) {
    std::fill(ex.gold.begin(), ex.gold.end(), kGoldUnknown);
    for (auto a : annotated) {
      std::string_view id;
      if (a.get_string().get(id)) return Error::invalid("\"labelled\" must hold label id strings");
      if (!label_index(id)) {
        return Error::invalid("unknown label \"" + std::string(id) + "\" in labelled");
      }
      for (size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] == id) ex.gold[i] = kGoldNo;
      }
    }
  }
  simdjson::dom::array gold;
  if (doc["gold"].get_array().get(gold)) {
    return Error::invalid("labelled record needs \"gold\": a list of label ids");
  }
  for (auto g : gold) {
    std::string_view id;
    if (g.get_string().get(id)) return Error::invalid("\"gold\" must hold label id strings");
    if (!label_index(id))
      return Error::invalid("unknown label \"" + std::string(id) + "\" in gold");
    for (size_t i = 0; i < labels.size(); ++i) {
      if (labels[i] == id && ex.gold[i] == kGoldNo) ex.gold[i] = kGoldYes;
    }
  }
  return ex;
}

void Metrics::add(const std::vector<uint8_t>& gold, const std::vector<uint8_t>& pred) {
  ++examples;
  uint64_t inter = 0, uni = 0;
  bool same = true;
  for (size_t i = 0; i < labels.size(); ++i) {
    if (gold[i] == kGoldUnknown) continue;
    bool g = gold[i] == kGoldYes, p = pred[i];
    if (g && p)
      ++counts[i].tp;
    else if (p)
      ++counts[i].fp;
    else if (g)
      ++counts[i].fn;
    else
      ++counts[i].tn;
    inter += g && p;
    uni += g || p;
    same = same && g == p;
  }
  // An example with neither gold nor predicted labels is fully right.
  jaccard_sum += uni ? static_cast<double>(inter) / static_cast<double>(uni) : 1.0;
  exact += same;
}

void Metrics::merge(const Metrics& o) {
  for (size_t i = 0; i < counts.size() && i < o.counts.size(); ++i) {
    counts[i].tp += o.counts[i].tp;
    counts[i].fp += o.counts[i].fp;
    counts[i].fn += o.counts[i].fn;
    counts[i].tn += o.counts[i].tn;
  }
  examples += o.examples;
  jaccard_sum += o.jaccard_sum;
  exact += o.exact;
  positives += o.positives;
  with_evidence += o.with_evidence;
}

LabelCounts Metrics::micro() const {
  LabelCounts m;
  for (const auto& c : counts) {
    m.tp += c.tp;
    m.fp += c.fp;
    m.fn += c.fn;
    m.tn += c.tn;
  }
  return m;
}

double Metrics::macro_f1() const {
  double s = 0;
  for (const auto& c : counts) s += c.f1();
  return counts.empty() ? 0 : s / static_cast<double>(counts.size());
}

std::string Metrics::table() const {
  std::string out;
  char line[160];
  std::snprintf(line, sizeof line, "%-18s %7s %7s %7s %7s %6s %6s %6s\n", "label", "support", "tp",
                "fp", "fn", "prec", "recall", "f1");
  out += line;
  for (size_t i = 0; i < labels.size(); ++i) {
    const auto& c = counts[i];
    std::snprintf(line, sizeof line, "%-18s %7llu %7llu %7llu %7llu %6s %6s %6s\n",
                  labels[i].c_str(), static_cast<unsigned long long>(c.tp + c.fn),
                  static_cast<unsigned long long>(c.tp), static_cast<unsigned long long>(c.fp),
                  static_cast<unsigned long long>(c.fn), fixed(c.precision()).c_str(),
                  fixed(c.recall()).c_str(), fixed(c.f1()).c_str());
    out += line;
  }
  LabelCounts m = micro();
  std::snprintf(line, sizeof line, "%-18s %7llu %7llu %7llu %7llu %6s %6s %6s\n", "micro",
                static_cast<unsigned long long>(m.tp + m.fn), static_cast<unsigned long long>(m.tp),
                static_cast<unsigned long long>(m.fp), static_cast<unsigned long long>(m.fn),
                fixed(m.precision()).c_str(), fixed(m.recall()).c_str(), fixed(m.f1()).c_str());
  out += line;
  out += "examples " + std::to_string(examples) + ", accuracy (example-based) " +
         fixed(accuracy()) + ", exact match " + fixed(exact_accuracy()) + ", macro F1 " +
         fixed(macro_f1()) + ", positives with evidence " + std::to_string(with_evidence) + "/" +
         std::to_string(positives) + "\n";
  return out;
}

std::string Metrics::json(std::string_view mode, uint32_t folds, std::string_view data) const {
  std::string out;
  JsonWriter w(&out);
  w.begin_object();
  w.field("data", data);
  w.field("mode", mode);
  w.field("folds", static_cast<int64_t>(folds));
  w.field("examples", static_cast<int64_t>(examples));
  w.key("accuracy");
  w.number(round4(accuracy()));
  w.key("exact_match");
  w.number(round4(exact_accuracy()));
  w.key("macro_f1");
  w.number(round4(macro_f1()));
  w.field("positives", static_cast<int64_t>(positives));
  w.field("positives_with_evidence", static_cast<int64_t>(with_evidence));
  w.key("labels");
  w.begin_object();
  auto put = [&](std::string_view name, const LabelCounts& c) {
    w.key(name);
    w.begin_object();
    w.field("support", static_cast<int64_t>(c.tp + c.fn));
    w.field("tp", static_cast<int64_t>(c.tp));
    w.field("fp", static_cast<int64_t>(c.fp));
    w.field("fn", static_cast<int64_t>(c.fn));
    w.key("precision");
    w.number(round4(c.precision()));
    w.key("recall");
    w.number(round4(c.recall()));
    w.key("f1");
    w.number(round4(c.f1()));
    w.end_object();
  };
  for (size_t i = 0; i < labels.size(); ++i) put(labels[i], counts[i]);
  put("micro", micro());
  w.end_object();
  w.end_object();
  return out;
}

Status classify_example(Classifier& classifier, simdjson::dom::parser& parser, const Example& ex,
                        Classification* c) {
  simdjson::dom::element doc;
  simdjson::dom::object obj;
  if (parser.parse(ex.record).get(doc) || doc.get_object().get(obj)) {
    return Error::invalid(ex.input + ":" + std::to_string(ex.line) + ": invalid record");
  }
  PostContext ctx;
  Status s = classifier.read_post(obj, &ctx);  // a bad field still classifies
  (void)s;
  if (auto r = classifier.classify(ctx, c); !r) return r.error();
  return {};
}

namespace {

Status score_examples(Classifier& classifier, const std::vector<Example>& examples,
                      const std::vector<size_t>& which, const std::vector<std::string>& labels,
                      Metrics* metrics) {
  simdjson::dom::parser parser;
  Classification c;
  std::vector<uint8_t> pred(labels.size());
  for (size_t idx : which) {
    const Example& ex = examples[idx];
    if (Status s = classify_example(classifier, parser, ex, &c); !s) return s;
    std::fill(pred.begin(), pred.end(), 0);
    for (const auto& lo : c.labels) {
      for (size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] == kLabelIds[lo.label]) {
          pred[i] = 1;
          ++metrics->positives;
          if (!lo.evidence.empty()) ++metrics->with_evidence;
        }
      }
    }
    metrics->add(ex.gold, pred);
  }
  return {};
}

Result<LinearModel> train_on(Classifier& classifier, const std::vector<Example>& examples,
                             const std::vector<size_t>& which, const EvalOptions& opts) {
  const bool with_rules = opts.mode == Mode::kBoth;
  std::vector<std::vector<Feature>> docs;
  std::vector<std::vector<uint8_t>> gold;
  docs.reserve(which.size());
  for (size_t idx : which) {
    docs.emplace_back();
    if (auto s = classifier.features(examples[idx].text, with_rules, opts.features, &docs.back());
        !s) {
      return s.error();
    }
    gold.push_back(examples[idx].gold);
  }
  LinearModel model(opts.labels, opts.features, with_rules);
  model.train(docs, gold, opts.train);
  model.pack = classifier.pack().name;
  model.version = classifier.pack().version;
  return model;
}

}  // namespace

Result<LinearModel> train_model(Classifier& classifier, const std::vector<Example>& examples,
                                const EvalOptions& opts) {
  std::vector<size_t> all(examples.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  return train_on(classifier, examples, all, opts);
}

Result<Metrics> evaluate(Classifier& classifier, const std::vector<Example>& examples,
                         const EvalOptions& opts) {
  Metrics total(opts.labels);
  if (opts.mode == Mode::kRules || opts.folds < 2) {
    if (opts.mode == Mode::kRules) classifier.set_model(nullptr, Mode::kRules);
    std::vector<size_t> all(examples.size());
    for (size_t i = 0; i < all.size(); ++i) all[i] = i;
    if (auto s = score_examples(classifier, examples, all, opts.labels, &total); !s) {
      return s.error();
    }
    return total;
  }
  // Deterministic fold assignment: a seeded shuffle of the example indexes, dealt round-robin.
  std::vector<size_t> order(examples.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(opts.seed);
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
  for (uint32_t k = 0; k < opts.folds; ++k) {
    std::vector<size_t> train, test;
    for (size_t i = 0; i < order.size(); ++i) {
      (i % opts.folds == k ? test : train).push_back(order[i]);
    }
    auto model = train_on(classifier, examples, train, opts);
    if (!model) return model.error();
    classifier.set_model(&*model, opts.mode);
    Metrics fold(opts.labels);
    Status s = score_examples(classifier, examples, test, opts.labels, &fold);
    classifier.set_model(nullptr, Mode::kRules);
    if (!s) return s.error();
    total.merge(fold);
  }
  return total;
}

}  // namespace pantau::classify
