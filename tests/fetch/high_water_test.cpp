// The high-water mark of adapters that order by time (YouTube, Mastodon, Bluesky, Facebook,
// Instagram, TikTok): posts published in the same second as the last run's newest post are
// handed out exactly once, in the run that first sees them, never again on later runs.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "pantau/fetch/adapter.h"

using namespace pantau::fetch;

namespace {

using Item = std::pair<std::string, pantau::EpochMillis>;  // id, time; newest first

// One run over a listing, as an adapter does it: returns the ids it hands out.
std::vector<std::string> run(AccountState* state, const std::vector<Item>& listing) {
  TaskConfig config;
  begin_run(state, config);
  std::vector<std::string> out;
  for (const auto& [id, time] : listing) {
    note_run_top(state, id, time);
    if (place_item(*state, config, id, time) == ItemPlace::kWanted) out.push_back(id);
  }
  finish_run(state, config);
  return out;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("posts of the same second as the newest are written once, not on every run",
          "[adapters][state]") {
  AccountState state;
  const std::vector<Item> first = {{"b", 100'000}, {"a", 100'000}, {"c", 50'000}};
  CHECK(run(&state, first) == Ids{"b", "a", "c"});
  CHECK(state.newest_time == 100'000);
  // Before the fix only "b" was remembered, so "a" came back on every later run.
  CHECK(run(&state, first).empty());
  CHECK(run(&state, first).empty());

  // A sibling published in the same second, seen only now: handed out once, then remembered.
  std::vector<Item> second = {{"d", 100'000}, {"b", 100'000}, {"a", 100'000}, {"c", 50'000}};
  CHECK(run(&state, second) == Ids{"d"});
  CHECK(run(&state, second).empty());

  // A newer post moves the mark; the old second's posts stay behind it.
  second.insert(second.begin(), {"e", 200'000});
  CHECK(run(&state, second) == Ids{"e"});
  CHECK(state.newest_time == 200'000);
  CHECK(state.newest_id == "e");
  CHECK(run(&state, second).empty());
}

TEST_CASE("a state file written before siblings were remembered still works", "[adapters][state]") {
  AccountState state;
  state.newest_time = 100'000;
  state.newest_id = "b";  // one id, as older versions stored it
  const std::vector<Item> listing = {{"b", 100'000}, {"a", 100'000}, {"c", 50'000}};
  CHECK(run(&state, listing) == Ids{"a"});  // the one sibling the old run missed, once
  CHECK(run(&state, listing).empty());
}
