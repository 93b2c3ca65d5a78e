#include "pantau/classify/model.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>

#include "pantau/classify/evaluation.h"
#include "test_support.h"

using namespace pantau::classify;

TEST_CASE("features keep their spans", "[model]") {
  FeatureExtractor fx;
  std::vector<Feature> f;
  fx.extract("dasar bego", {"insult.abusive"}, {4}, &f);
  REQUIRE_FALSE(f.empty());
  CHECK(f[0].begin == 0);
  CHECK(f[0].end == 5);  // the unigram "dasar"
  CHECK(f.back().rule == 4);
}

TEST_CASE("the model learns a separable toy problem and round-trips", "[model]") {
  FeatureOptions fo;
  fo.bits = 12;
  FeatureExtractor fx(fo);
  std::vector<std::string> texts = {"kamu bodoh sekali",  "dasar bodoh",     "bodoh kau",
                                    "selamat pagi semua", "pagi yang cerah", "terima kasih"};
  std::vector<std::vector<Feature>> docs;
  std::vector<std::vector<uint8_t>> gold;
  for (size_t i = 0; i < texts.size(); ++i) {
    docs.emplace_back();
    fx.extract(texts[i], {}, {}, &docs.back());
    gold.push_back({static_cast<uint8_t>(i < 3)});
  }
  LinearModel m({"insult"}, fo, false);
  TrainOptions to;
  to.epochs = 30;
  m.train(docs, gold, to);
  std::vector<Feature> q;
  fx.extract("bodoh", {}, {}, &q);
  CHECK(m.predict(0, q) > 0.5);
  fx.extract("selamat pagi", {}, {}, &q);
  CHECK(m.predict(0, q) < 0.5);
  auto path = pantau::test::scratch_path("model.bin");
  REQUIRE(m.save(path).ok());
  auto loaded = LinearModel::load(path);
  REQUIRE(loaded.ok());
  fx.extract("bodoh", {}, {}, &q);
  CHECK(loaded->predict(0, q) == Approx(m.predict(0, q)));
  CHECK(loaded->labels() == std::vector<std::string>{"insult"});
  CHECK(loaded->stacker(0).gate == 0.5);  // no calibration fitted: the identity
  m.set_stacker(0, Stacker{1.5, -0.25, 2.0, 0.75, 0.875});
  REQUIRE(m.save(path).ok());
  auto calibrated = LinearModel::load(path);
  REQUIRE(calibrated.ok());
  CHECK(calibrated->stacker(0).a == 1.5);
  CHECK(calibrated->stacker(0).b == -0.25);
  CHECK(calibrated->stacker(0).c == 2.0);
  CHECK(calibrated->stacker(0).gate == 0.75);
  CHECK(calibrated->stacker(0).rule_precision == 0.875);
  // A truncated file is an error, not garbage.
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - 4);
  CHECK_FALSE(LinearModel::load(path).ok());
  std::remove(path.c_str());
}

TEST_CASE("metrics: precision, recall and example-based accuracy", "[evaluation]") {
  Metrics m({"hate", "insult"});
  m.add({1, 1}, {1, 0});  // jaccard 1/2
  m.add({0, 0}, {0, 0});  // 1
  m.add({0, 1}, {1, 1});  // 1/2
  CHECK(m.counts[0].tp == 1);
  CHECK(m.counts[0].fp == 1);
  CHECK(m.counts[1].fn == 1);
  CHECK(m.accuracy() == Approx(2.0 / 3.0));
  CHECK(m.exact_accuracy() == Approx(1.0 / 3.0));
  CHECK(m.counts[1].precision() == 1.0);
  CHECK(m.counts[1].recall() == 0.5);
  auto ex = parse_example(R"({"text":"x","gold":["insult","violence"]})", {"hate", "insult"});
  REQUIRE(ex.ok());
  CHECK(ex->gold == std::vector<uint8_t>{0, 1});
  CHECK_FALSE(parse_example(R"({"text":"x","gold":["nope"]})", {"hate"}).ok());
}

TEST_CASE("the feature hash never changes: trained models depend on its values", "[model]") {
  // Computed by the first version (its FNV start is mistyped on purpose; see tokens.cpp).
  CHECK(hash_bytes("coblos", 1) == 0x73f00039aa9867d0ULL);
  CHECK(hash_bytes("", 0) == 0xd725c98e9509182eULL);
}
