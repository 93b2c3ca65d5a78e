// RuleScorer on a pack of a few rules built in the test: no lexicon, no matcher.
#include "pantau/classify/scoring.h"

#include <catch2/catch.hpp>

#include "pantau/classify/labels.h"

using namespace pantau::classify;

namespace {

Rule rule(const char* id, const char* label, double weight) {
  Rule r;
  r.id = id;
  r.label = label;
  r.weight = weight;
  return r;
}

// insult.a (0.5) and insult.b (0.6) score insult; news.frame dampens insult by 0.5 unless
// insult.spared fired; group.x is the signal "group"; a combination group + insult makes sara.
RulePack tiny_pack() {
  RulePack p;
  for (auto id : kLabelIds) {
    LabelInfo l;
    l.id = std::string(id);
    p.labels.push_back(l);
  }
  p.signals = {"group"};
  p.rules.push_back(rule("insult.a", "insult", 0.5));
  p.rules.push_back(rule("insult.b", "insult", 0.6));
  Rule damp = rule("news.frame", "", 0.5);
  damp.dampens = {"insult"};
  damp.spares = {"insult.spared"};
  p.rules.push_back(damp);
  p.rules.push_back(rule("insult.spared", "insult", 0.1));
  p.rules.push_back(rule("group.x", "group", 0.3));
  Combination c;
  c.id = "sara.group_insult";
  c.label = "sara";
  c.all = {"group", "insult"};
  c.weight = 0.7;
  p.combinations.push_back(c);
  return p;
}

constexpr uint32_t kTargetTag = 0x80000000u;

}  // namespace

TEST_CASE("scoring: slots are labels first, then signals", "[scoring]") {
  RulePack pack = tiny_pack();
  RuleScorer s(pack);
  CHECK(s.slot_of("sara") == 0);
  CHECK(s.slot_of("insult") == *label_index("insult"));
  CHECK(s.slot_of("group") == kLabelIds.size());
  CHECK(s.slot_of("nope") == SIZE_MAX);
  CHECK(s.rule_slots()[2] == SIZE_MAX);  // a pure dampener scores nothing
}

TEST_CASE("scoring: noisy-OR of the rules that fired, each counted once", "[scoring]") {
  RulePack pack = tiny_pack();
  RuleScorer s(pack);
  HitContext ctx(pack, kTargetTag);
  const size_t insult = *label_index("insult");
  s.start_post();
  s.fire(0);
  s.fire(0);  // a second hit of the same rule adds nothing
  s.fire(1);
  s.settle(false, ctx, "", {});
  CHECK(s.score(insult) == Approx(1 - 0.5 * 0.4));
  CHECK(s.fired_rules() == std::vector<int32_t>{0, 1});
  CHECK(s.score(*label_index("hate")) == 0);

  s.start_post();  // nothing of the previous post is left
  s.fire(1);
  s.settle(false, ctx, "", {});
  CHECK(s.score(insult) == Approx(0.6));
  CHECK(s.fired_rules() == std::vector<int32_t>{1});
}

TEST_CASE("scoring: dampeners weaken unless a rule they spare fired", "[scoring]") {
  RulePack pack = tiny_pack();
  RuleScorer s(pack);
  HitContext ctx(pack, kTargetTag);
  const size_t insult = *label_index("insult");
  s.start_post();
  s.fire(2);  // the dampener first: order does not matter
  s.fire(0);
  s.settle(false, ctx, "", {});
  CHECK(s.direct(insult) == Approx(0.5));
  CHECK(s.damping(insult) == Approx(0.5));
  CHECK(s.score(insult) == Approx(0.25));

  s.start_post();
  s.fire(0);
  s.fire(2);
  s.fire(3);  // spared
  s.settle(false, ctx, "", {});
  CHECK(s.damping(insult) == 1.0);
  CHECK(s.score(insult) == Approx(1 - 0.5 * 0.9));
}

TEST_CASE("scoring: a combination counts as one more rule when all its parts fired", "[scoring]") {
  RulePack pack = tiny_pack();
  RuleScorer s(pack);
  HitContext ctx(pack, kTargetTag);
  const size_t sara = *label_index("sara");
  s.start_post();
  s.fire(4);  // group alone
  s.settle(false, ctx, "", {});
  CHECK_FALSE(s.combination_fired(0));
  CHECK(s.score(sara) == 0);

  s.start_post();
  s.fire(4);
  s.fire(0);
  s.fire(2);  // a dampened insult still has a rule that fired
  s.settle(false, ctx, "", {});
  REQUIRE(s.combination_fired(0));
  CHECK(s.combination_slot(0) == sara);
  CHECK(s.combination_parts(0) == std::vector<size_t>{kLabelIds.size(), *label_index("insult")});
  CHECK(s.score(sara) == Approx(0.7));
  CHECK(s.best({sara, *label_index("insult")}) == Approx(0.7));

  pack.combinations[0].needs_target = true;
  RuleScorer t(pack);
  t.start_post();
  t.fire(4);
  t.fire(0);
  t.settle(false, ctx, "", {});
  CHECK_FALSE(t.combination_fired(0));
  t.start_post();
  t.fire(4);
  t.fire(0);
  t.settle(true, ctx, "", {});
  CHECK(t.combination_fired(0));
}
