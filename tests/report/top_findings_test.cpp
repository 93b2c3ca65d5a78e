#include "pantau/report/top_findings.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>

using namespace pantau::report;

namespace {
std::shared_ptr<const Finding> make(std::string id, double score, int64_t fetched = 0,
                                    std::string text = "") {
  auto f = std::make_shared<Finding>();
  f->id = std::move(id);
  f->fetched_ms = fetched;
  f->text = std::move(text);
  FindingLabel l;
  l.label = "hoax";
  l.score = score;
  f->labels.push_back(l);
  return f;
}
std::vector<std::string> ids(const TopFindings& t) {
  std::vector<std::string> out;
  for (const auto& r : t.sorted()) out.push_back(r.finding->id);
  return out;
}
}  // namespace

TEST_CASE("top findings rank by score, then id", "[report][top]") {
  TopFindings t(3);
  t.offer(0.5, make("x:b", 0.5));
  t.offer(0.9, make("x:c", 0.9));
  t.offer(0.5, make("x:a", 0.5));
  t.offer(0.1, make("x:d", 0.1));  // worse than all three: not kept
  t.offer(0.5, make("x:0", 0.5));  // ties with a and b, smaller id: pushes b out
  CHECK(ids(t) == std::vector<std::string>{"x:c", "x:0", "x:a"});
  CHECK(t.would_keep(0.6, "x:z"));
  CHECK_FALSE(t.would_keep(0.5, "x:b"));
  CHECK(t.would_keep(0.5, "x:1"));
}

TEST_CASE("a post offered twice keeps its better version", "[report][top]") {
  TopFindings t(5);
  t.offer(0.7, make("x:a", 0.7, 100, "old"));
  t.offer(0.7, make("x:a", 0.7, 200, "new"));    // same score, later fetch wins
  t.offer(0.6, make("x:a", 0.6, 300, "lower"));  // lower score never replaces
  REQUIRE(t.size() == 1);
  CHECK(t.sorted()[0].finding->text == "new");
  t.offer(0.8, make("x:a", 0.8, 50, "higher"));
  REQUIRE(t.size() == 1);
  CHECK(t.sorted()[0].finding->text == "higher");
  CHECK(t.sorted()[0].score == 0.8);
}

TEST_CASE("the kept set does not depend on the offering order", "[report][top]") {
  std::vector<std::shared_ptr<const Finding>> all;
  for (int i = 0; i < 60; ++i) {
    // Many ties and duplicate ids with differing versions.
    all.push_back(make("x:" + std::to_string(i % 25), 0.1 * (i % 7), i % 4, std::to_string(i)));
  }
  auto run = [&](const std::vector<std::shared_ptr<const Finding>>& order) {
    TopFindings t(10);
    for (const auto& f : order) t.offer(f->labels[0].score, f);
    std::vector<std::string> out;
    for (const auto& r : t.sorted()) out.push_back(r.finding->id + "/" + r.finding->text);
    return out;
  };
  const auto expected = run(all);
  REQUIRE(expected.size() == 10);
  std::mt19937 rng(42);
  for (int k = 0; k < 20; ++k) {
    auto order = all;
    std::shuffle(order.begin(), order.end(), rng);
    CHECK(run(order) == expected);
  }
}

TEST_CASE("capacity zero keeps nothing", "[report][top]") {
  TopFindings t(0);
  t.offer(1.0, make("x:a", 1.0));
  CHECK(t.size() == 0);
  CHECK_FALSE(t.would_keep(1.0, "x:a"));
}
