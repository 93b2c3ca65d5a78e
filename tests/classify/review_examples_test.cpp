// Staff's review decisions as labelled data (review_examples.h, review_eval.h) and training on
// them (cross_set.h), on small synthetic posts written here.
#include "pantau/classify/review_examples.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "pantau/classify/cross_set.h"
#include "pantau/classify/labels.h"
#include "pantau/classify/review_eval.h"

using namespace pantau::classify;
using pantau::records::Decision;
using pantau::records::Review;
using pantau::records::ReviewBook;

namespace {

const RulePack& shipped() {
  static RulePack pack = *load_rule_pack(PANTAU_SOURCE_RULES_DIR, make_term_normalizer());
  return pack;
}

std::string post(const std::string& id, const std::string& text, const std::string& labels = "[]") {
  return R"({"kind":"post","id":")" + id + R"(","text":")" + text + R"(","labels":)" + labels + "}";
}

Review review(const std::string& finding, Decision d, const std::string& label = "") {
  Review r;
  r.finding = finding;
  r.decision = d;
  r.label = label;
  return r;
}

// Insults of a candidate (staff confirm them) and a football coach quoted on a player (staff
// dismiss them: not about the election); both fire the insult rules.
std::string confirmed_text(int i) {
  return "caleg nomor " + std::to_string(i) + " itu goblok dan penipu rakyat";
}
std::string dismissed_text(int i) {
  return "kata pelatih, bek kiri itu goblok banget di laga ke " + std::to_string(i);
}
// New posts of each kind, worded differently (numbers are masked for the model).
// (Not "pelatih timnas: dasar bek goblok": since pack 2024.4 a headline's "Speaker:" quote is
// no insult of the author's own.)
const char* const kNewDismissed = "bek kiri timnas itu goblok banget";
const char* const kNewConfirmed = "caleg itu goblok, penipu rakyat kecil";

}  // namespace

TEST_CASE("a confirmed finding is a positive, a dismissed one a negative", "[reviews]") {
  ReviewBook book;
  book.add(review("x:1", Decision::kConfirmed, "insult"));
  book.add(review("x:2", Decision::kDismissed, "insult;hate"));
  book.add(review("x:3", Decision::kReported));  // no label: the post's own
  book.add(review("x:4", Decision::kNeedsCheck, "insult"));
  book.add(review("x:5", Decision::kDismissed, "money_politics"));  // not learned here
  book.add(review("x:6", Decision::kConfirmed, "insult"));          // its post never comes
  ReviewJoiner joiner(&book, {"insult", "hate", "sara"}, 2.5F);

  auto one = joiner.take(post("x:1", "dasar goblok"));
  REQUIRE(one.ok());
  REQUIRE(one->has_value());
  CHECK((*one)->gold == std::vector<uint8_t>{kGoldYes, kGoldUnknown, kGoldUnknown});
  CHECK((*one)->set == kReviewSet);
  CHECK((*one)->weight == 2.5F);
  CHECK((*one)->finding == "x:1");
  CHECK((*one)->text == "dasar goblok");

  auto two = joiner.take(post("x:2", "kata pelatih: goblok"));
  REQUIRE(two.ok());
  REQUIRE(two->has_value());
  CHECK((*two)->gold == std::vector<uint8_t>{kGoldNo, kGoldNo, kGoldUnknown});

  auto three = joiner.take(post("x:3", "orang kafir", R"([{"label":"sara","score":0.9}])"));
  REQUIRE(three.ok());
  REQUIRE(three->has_value());
  CHECK((*three)->gold == std::vector<uint8_t>{kGoldUnknown, kGoldUnknown, kGoldYes});

  auto four = joiner.take(post("x:4", "perlu dicek"));
  REQUIRE(four.ok());
  CHECK_FALSE(four->has_value());
  auto five = joiner.take(post("x:5", "amplop"));
  REQUIRE(five.ok());
  CHECK_FALSE(five->has_value());
  auto unreviewed = joiner.take(post("x:9", "selamat pagi"));
  REQUIRE(unreviewed.ok());
  CHECK_FALSE(unreviewed->has_value());
  auto again = joiner.take(post("x:1", "dasar goblok"));  // the same post twice counts once
  REQUIRE(again.ok());
  CHECK_FALSE(again->has_value());
  CHECK_FALSE(joiner.take("{not json").ok());

  const ReviewJoinStats& st = joiner.finish();
  CHECK(st.examples == 3);
  CHECK(st.positives == 2);
  CHECK(st.negatives == 1);
  CHECK(st.needs_check == 1);
  CHECK(st.no_label == 1);
  CHECK(st.no_post == 1);

  ReviewBook bad;
  bad.add(review("x:1", Decision::kConfirmed, "no_such_label"));
  ReviewJoiner strict(&bad, {"insult"}, 1.0F);
  CHECK_FALSE(strict.take(post("x:1", "dasar goblok")).ok());
  CHECK(ReviewJoiner::is_labelled(R"({"text":"a","gold":[]})"));
  CHECK_FALSE(ReviewJoiner::is_labelled(post("x:1", "a")));
}

TEST_CASE("the held-back split is seeded and stable per finding", "[reviews]") {
  size_t held = 0;
  for (int i = 0; i < 300; ++i) {
    const std::string id = "x:" + std::to_string(i);
    held += held_back(id, 1) ? 1 : 0;
    CHECK(held_back(id, 1) == held_back(id, 1));
  }
  CHECK(held > 70);  // about a third
  CHECK(held < 130);
  size_t moved = 0;
  for (int i = 0; i < 300; ++i) {
    const std::string id = "x:" + std::to_string(i);
    moved += held_back(id, 1) != held_back(id, 2) ? 1 : 0;
  }
  CHECK(moved > 0);  // another seed, another split
}

TEST_CASE("training on reviews moves the model the way staff decided", "[reviews][cross_set]") {
  auto c = Classifier::create(shipped());
  REQUIRE(c.ok());
  ReviewBook book;
  std::vector<std::string> posts;
  for (int i = 0; i < 12; ++i) {
    const std::string yes = "x:c" + std::to_string(i), no = "x:d" + std::to_string(i);
    book.add(review(yes, Decision::kConfirmed, "insult"));
    book.add(review(no, Decision::kDismissed, "insult"));
    posts.push_back(post(yes, confirmed_text(i)));
    posts.push_back(post(no, dismissed_text(i)));
  }
  ReviewJoiner joiner(&book, {"insult"}, 1.0F);
  std::vector<Example> reviewed;
  for (const auto& p : posts) {
    auto ex = joiner.take(p);
    REQUIRE(ex.ok());
    REQUIRE(ex->has_value());
    reviewed.push_back(std::move(**ex));
  }
  LodoOptions opts;
  opts.labels = {"insult"};
  opts.features.bits = 12;
  auto data = prepare_sets(**c, reviewed, opts);
  REQUIRE(data.ok());
  // Both kinds of post are rule hits today: the rules cannot tell them apart.
  for (const auto& fired : data->rules) REQUIRE(fired[0] == 1);
  std::vector<size_t> all(reviewed.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  const LinearModel model = train_calibrated(*data, all, opts);

  // The model: new posts like the dismissed ones get a lower log-odds than ones like the
  // confirmed.
  std::vector<Feature> f;
  REQUIRE((*c)->features(kNewDismissed, false, opts.features, &f).ok());
  const double z_dismissed = model.logit(0, f);
  REQUIRE((*c)->features(kNewConfirmed, false, opts.features, &f).ok());
  const double z_confirmed = model.logit(0, f);
  CHECK(z_dismissed < 0);
  CHECK(z_confirmed > 0);
  // Reviews alone never let the model add the label (they say nothing about what was missed);
  // the rule hits are scored per post.
  CHECK(model.stacker(0).off());
  CHECK(model.stacker(0).rule_precision < 0);

  auto score_of = [&](const std::string& text) {
    PostContext p;
    p.text = text;
    Classification out;
    REQUIRE((*c)->classify(p, &out).ok());
    for (const auto& l : out.labels) {
      if (kLabelIds[l.label] == "insult") return l.score;
    }
    return -1.0;
  };
  const double rules_dismissed = score_of(kNewDismissed);
  REQUIRE(rules_dismissed > 0);
  (*c)->set_model(&model, Mode::kBoth);
  const double after_dismissed = score_of(kNewDismissed);
  const double after_confirmed = score_of(kNewConfirmed);
  (*c)->set_model(nullptr, Mode::kRules);
  CHECK(after_dismissed >= 0);  // the rule hit stays, with a lower score
  CHECK(after_dismissed < 0.5);
  CHECK(after_confirmed > 0.5);
  CHECK(after_dismissed < rules_dismissed);

  // eval --reviews: the held-back third, before (the rules alone) and after.
  ReviewEvalOptions ropts;
  ropts.train = opts;
  auto report = evaluate_reviews(**c, {}, reviewed, nullptr, ropts);
  REQUIRE(report.ok());
  CHECK(report->held_reviews + report->train_reviews == reviewed.size());
  REQUIRE(report->rows.size() == 2);  // insult, all
  const ReviewEvalRow& row = report->rows[0];
  CHECK(row.label == "insult");
  CHECK(row.confirmed + row.dismissed == report->held_reviews);
  CHECK(row.before.kept_dismissed == row.dismissed);  // the rules keep every finding
  CHECK(row.after.kept_dismissed < row.dismissed);
  CHECK(row.after.auc > row.before.auc);
  CHECK(report->table().find("before: the rules alone") != std::string::npos);
  CHECK(report->json().find("\"held_back\"") != std::string::npos);
}

TEST_CASE("a review weight counts like repeating the example", "[reviews][model]") {
  FeatureOptions fo;
  fo.bits = 10;
  FeatureExtractor fx(fo);
  std::vector<std::vector<Feature>> docs(2);
  fx.extract("dasar goblok", {}, {}, &docs[0]);
  fx.extract("selamat pagi", {}, {}, &docs[1]);
  // The same text once positive (weight 1), once negative (weight 4): the negative wins.
  docs.push_back(docs[0]);
  std::vector<std::vector<uint8_t>> gold = {{1}, {0}, {0}};
  TrainOptions to;
  to.epochs = 20;
  LinearModel plain({"insult"}, fo, false), weighted({"insult"}, fo, false);
  plain.train(docs, gold, to);
  const std::vector<float> w = {1.0F, 1.0F, 4.0F};
  weighted.train(docs, gold, to, nullptr, &w);
  CHECK(weighted.logit(0, docs[0]) < plain.logit(0, docs[0]));
}
