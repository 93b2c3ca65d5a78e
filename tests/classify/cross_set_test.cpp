// Leave-one-dataset-out evaluation, calibration and the rules+model combination, on small
// synthetic data written here (no ../shared needed).
#include "pantau/classify/cross_set.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "pantau/classify/calibration.h"
#include "pantau/classify/labels.h"

using namespace pantau::classify;

namespace {

const RulePack& shipped() {
  static RulePack pack = *load_rule_pack(PANTAU_SOURCE_RULES_DIR, make_term_normalizer());
  return pack;
}

Example make(const std::string& set, const std::string& text, std::vector<uint8_t> gold) {
  Example ex;
  ex.set = set;
  ex.text = text;
  ex.gold = std::move(gold);
  std::string escaped;
  for (char ch : text) {
    if (ch == '"' || ch == '\\') escaped.push_back('\\');
    escaped.push_back(ch);
  }
  ex.record = R"({"kind":"post","text":")" + escaped + R"(","gold":[]})";
  return ex;
}

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace

TEST_CASE("duplicates across sets leave the later set, near ones too", "[cross_set]") {
  std::vector<Example> ex = {
      make("a", "Dasar bodoh kamu", {1}),
      make("a", "selamat pagi", {0}),
      make("a", "selamat pagi", {0}),      // a duplicate inside one set stays
      make("b", "Dasar bodoh kamu", {1}),  // exact
      make("b", "@USER dasar BODOH kamu!! https://t.co/x", {1}),  // near
      make("b", "rt USER: selamat, pagi", {0}),                   // near
      make("b", "terima kasih", {0}),
  };
  auto stats = dedup_across_sets(&ex);
  REQUIRE(stats.size() == 2);
  CHECK(stats[0].set == "a");
  CHECK(stats[0].after == 3);
  CHECK(stats[1].before == 4);
  CHECK(stats[1].exact == 1);
  CHECK(stats[1].near == 2);
  CHECK(stats[1].after == 1);
  REQUIRE(ex.size() == 4);
  CHECK(ex.back().text == "terima kasih");
  CHECK(near_duplicate_key("Halo, Dunia") == near_duplicate_key("@x halo dunia http://a.b"));
  CHECK(near_duplicate_key("halo dunia") != near_duplicate_key("halo dunia lain"));
}

TEST_CASE("bootstrap intervals are seeded and bracket the estimate", "[cross_set]") {
  std::vector<uint8_t> gold, a, b;
  for (int i = 0; i < 200; ++i) {
    gold.push_back(i % 3 == 0);
    a.push_back(i % 3 == 0 || i % 7 == 0);
    b.push_back(i % 6 == 0);
  }
  auto s1 = bootstrap_scores(gold, {a, b}, 500, 42);
  auto s2 = bootstrap_scores(gold, {a, b}, 500, 42);
  auto s3 = bootstrap_scores(gold, {a, b}, 500, 43);
  REQUIRE(s1.size() == 2);
  for (size_t s = 0; s < 2; ++s) {
    CHECK(s1[s].f1.low == s2[s].f1.low);
    CHECK(s1[s].f1.high == s2[s].f1.high);
    CHECK(s1[s].f1.low <= s1[s].counts.f1());
    CHECK(s1[s].counts.f1() <= s1[s].f1.high);
    CHECK(s1[s].f1.low < s1[s].f1.high);
  }
  CHECK(s1[1].counts.recall() == Approx(34.0 / 67.0));
  CHECK(s1[1].counts.precision() == 1.0);
  CHECK((s1[0].f1.low != s3[0].f1.low || s1[0].f1.high != s3[0].f1.high));
}

TEST_CASE("the stacker recovers a known calibration and the rule's lift", "[calibration]") {
  std::vector<double> z;
  std::vector<uint8_t> rule, gold;
  // Deterministic "coin flips": y = 1 when a low-discrepancy draw falls below the probability.
  for (int i = 0; i < 20000; ++i) {
    const double zi = -4.0 + 8.0 * ((i * 7919) % 20000) / 20000.0;
    const bool r = i % 4 == 0;
    const double p = sigmoid(2.0 * zi - 1.0 + (r ? 1.5 : 0.0));
    const double u = std::fmod(i * 0.6180339887498949, 1.0);
    z.push_back(zi);
    rule.push_back(r);
    gold.push_back(u < p);
  }
  Stacker s = fit_stacker(z, rule, gold);
  CHECK(s.a == Approx(2.0).margin(0.2));
  CHECK(s.b == Approx(-1.0).margin(0.2));
  CHECK(s.c == Approx(1.5).margin(0.3));
  std::vector<double> p;
  for (size_t i = 0; i < z.size(); ++i) p.push_back(s.probability(z[i], rule[i]));
  CHECK(reliability(p, gold).ece < 0.03);
  // A constant 0.9 on half positives is off by 0.4.
  std::vector<double> constant(100, 0.9);
  std::vector<uint8_t> half(100, 0);
  for (size_t i = 0; i < 50; ++i) half[i] = 1;
  Reliability r = reliability(constant, half);
  CHECK(r.ece == Approx(0.4));
  CHECK(r.bins[9].count == 100);
  CHECK(r.bins[9].fraction_positive == Approx(0.5));
}

TEST_CASE("the gate turns the model off when it would only add wrong labels", "[calibration]") {
  // Rules find every positive; the model is confident on negatives only.
  std::vector<double> z = {3, 3, 3, -3, -3, -3};
  std::vector<uint8_t> rule = {1, 1, 0, 0, 0, 0};
  std::vector<uint8_t> gold = {1, 1, 0, 0, 0, 0};
  std::vector<uint32_t> group = {0, 1, 0, 1, 0, 1};
  Stacker s;  // identity: p = sigmoid(z)
  CHECK(choose_gate(s, z, rule, gold, group) > 1.0);
  // When the model finds what the rules miss, a gate is chosen.
  std::vector<uint8_t> rule2 = {1, 0, 0, 0, 0, 0};
  std::vector<uint8_t> gold2 = {1, 1, 1, 0, 0, 0};
  const double gate = choose_gate(s, z, rule2, gold2, group);
  CHECK(gate >= 0.5);
  CHECK(gate <= 0.95);
}

TEST_CASE("masked tokens give no feature", "[model]") {
  FeatureExtractor fx;
  std::vector<Feature> f;
  const std::string text = "@budi #pemilu 2024 https://t.co/x user bodoh";
  fx.extract(text, {}, {}, &f);
  REQUIRE_FALSE(f.empty());
  for (const auto& x : f) {
    CHECK(text.substr(x.begin, x.end - x.begin) == "bodoh");
  }
  // Names need the original text: a Capitalised word inside a sentence is masked, the first
  // word of a sentence and shouted words are not.
  auto c = Classifier::create(shipped());
  REQUIRE(c.ok());
  std::vector<Feature> g;
  const std::string post = "Dasar Ahok BODOH. Kamu pembohong";
  REQUIRE((*c)->features(post, false, {}, &g).ok());
  CHECK(is_masked_token("dasar ahok bodoh. kamu pembohong", 6, 10, nullptr) == false);
  bool saw_dasar = false, saw_kamu = false;
  for (const auto& x : g) {
    std::string_view w =
        std::string_view("dasar ahok bodoh. kamu pembohong").substr(x.begin, x.end - x.begin);
    CHECK(w.find("ahok") == std::string_view::npos);
    saw_dasar = saw_dasar || w == "dasar";
    saw_kamu = saw_kamu || w == "kamu";
  }
  CHECK(saw_dasar);
  CHECK(saw_kamu);
}

TEST_CASE("the model never erases a rule hit", "[classifier][cross_set]") {
  auto c = Classifier::create(shipped());
  REQUIRE(c.ok());
  PostContext post;
  post.text = "dasar goblok";
  Classification rules_only;
  REQUIRE((*c)->classify(post, &rules_only).ok());
  bool rule_insult = false;
  for (const auto& l : rules_only.labels)
    rule_insult = rule_insult || kLabelIds[l.label] == "insult";
  REQUIRE(rule_insult);
  // A model that is sure the post is not an insult, and a stacker that distrusts the rules.
  FeatureOptions fo;
  fo.bits = 10;
  LinearModel m({"insult", "hate"}, fo, false);
  std::vector<std::vector<Feature>> docs(40);
  std::vector<std::vector<uint8_t>> gold(40, {0, 0});
  for (auto& d : docs) REQUIRE((*c)->features("dasar goblok", false, fo, &d).ok());
  TrainOptions to;
  to.epochs = 20;
  m.train(docs, gold, to);
  m.set_stacker(0, Stacker{1.0, -5.0, -5.0, 0.5});
  (*c)->set_model(&m, Mode::kBoth);
  Classification both;
  REQUIRE((*c)->classify(post, &both).ok());
  const LabelOut* insult = nullptr;
  for (const auto& l : both.labels) {
    if (kLabelIds[l.label] == "insult") insult = &l;
  }
  REQUIRE(insult != nullptr);
  CHECK(insult->score < 0.5);  // the calibrated probability says so, but the label stays
  REQUIRE_FALSE(insult->evidence.empty());
  for (const auto& e : insult->evidence) CHECK(e.rule.substr(0, 6) != "model.");
  // Even a score of 0 (the model off, the rules never right on its folds) keeps the label.
  m.set_stacker(0, Stacker{1.0, -5.0, -5.0, 2.0, 0.0});
  REQUIRE((*c)->classify(post, &both).ok());
  insult = nullptr;
  for (const auto& l : both.labels) {
    if (kLabelIds[l.label] == "insult") insult = &l;
  }
  REQUIRE(insult != nullptr);
  CHECK(insult->score == 0.0);
  CHECK_FALSE(insult->evidence.empty());
  // kModel mode lets the model alone decide: the label goes.
  (*c)->set_model(&m, Mode::kModel);
  Classification alone;
  REQUIRE((*c)->classify(post, &alone).ok());
  for (const auto& l : alone.labels) CHECK(kLabelIds[l.label] != "insult");
  (*c)->set_model(nullptr, Mode::kRules);
}

TEST_CASE("leave-one-dataset-out tests each set on a model trained on the others", "[cross_set]") {
  auto c = Classifier::create(shipped());
  REQUIRE(c.ok());
  // Labels: insult, black_campaign. Set "c" is annotated for black_campaign only, and no
  // other set is, so no model can be trained for it when "c" is held out.
  std::vector<Example> ex;
  const char* bad[] = {"kamu tolol sekali", "dasar tolol", "tolol kau", "otak tolol"};
  const char* good[] = {"selamat pagi warga", "terima kasih semua", "hari yang cerah",
                        "ayo ke pasar"};
  for (const char* set : {"a", "b"}) {
    for (int i = 0; i < 4; ++i) {
      ex.push_back(
          make(set, std::string(bad[i]) + " " + set + std::to_string(i), {1, kGoldUnknown}));
      ex.push_back(
          make(set, std::string(good[i]) + " " + set + std::to_string(i), {0, kGoldUnknown}));
    }
  }
  ex.push_back(make("c", "dia penipu pemilu", {kGoldUnknown, 1}));
  ex.push_back(make("c", "pemilu damai", {kGoldUnknown, 0}));
  ex.push_back(make("c", "kamu tolol sekali a0", {kGoldUnknown, 0}));  // exact duplicate in set a
  LodoOptions opts;
  opts.labels = {"insult", "black_campaign"};
  opts.bootstrap = 50;
  opts.features.bits = 12;
  opts.inner_folds = 2;
  auto report = evaluate_lodo(**c, ex, opts);
  REQUIRE(report.ok());
  REQUIRE(report->dedup.size() == 3);
  CHECK(report->dedup[2].exact == 1);
  CHECK(report->dedup[2].after == 2);
  // Cells: a/insult, b/insult, c/black_campaign (no set is both).
  REQUIRE(report->cells.size() == 3);
  CHECK(report->cells[0].set == "a");
  CHECK(report->cells[0].label == "insult");
  CHECK(report->cells[0].has_model);
  CHECK(report->cells[0].rules.counts.tp + report->cells[0].rules.counts.fn == 4);
  CHECK(report->cells[0].rules.counts.tn + report->cells[0].rules.counts.fp == 4);
  CHECK(report->cells[2].set == "c");
  CHECK(report->cells[2].label == "black_campaign");
  CHECK_FALSE(report->cells[2].has_model);
  // Without a model the default is the rules.
  CHECK(report->cells[2].combined.counts.tp == report->cells[2].rules.counts.tp);
  CHECK(report->cells[2].combined.counts.fp == report->cells[2].rules.counts.fp);
  CHECK(report->table().find("leave-one-dataset-out") != std::string::npos);
  CHECK(report->json().find("\"worse_than_rules\"") != std::string::npos);
}
