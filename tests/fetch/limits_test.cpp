// The request budget, backoff and Retry-After rules, with time passed in.
#include <catch2/catch.hpp>

#include "pantau/fetch/options.h"
#include "pantau/fetch/rate_limiter.h"
#include "pantau/fetch/retry.h"

using namespace pantau;
using namespace pantau::fetch;

TEST_CASE("the rate limiter never admits more than N requests in any window", "[rate]") {
  RateLimiter r(3, 1000);
  CHECK(r.try_acquire(0) == 0);
  CHECK(r.try_acquire(10) == 0);
  CHECK(r.try_acquire(20) == 0);
  CHECK(r.try_acquire(30) == 970);  // the first request leaves the window at 1000
  CHECK(r.try_acquire(999) == 1);
  CHECK(r.try_acquire(1000) == 0);
  CHECK(r.try_acquire(1005) == 5);
  // Simulate a busy client and check every window.
  RateLimiter s(5, 100);
  std::vector<int64_t> admitted;
  for (int64_t t = 0; t < 2000; t += 3) {
    if (s.try_acquire(t) == 0) admitted.push_back(t);
  }
  for (size_t i = 0; i + 5 < admitted.size(); ++i) CHECK(admitted[i + 5] - admitted[i] >= 100);
  CHECK(admitted.size() >= 95);  // and it is not needlessly slow
}

TEST_CASE("pause_until holds every request; unlimited budgets only pause", "[rate]") {
  RateLimiter r(0, 1000);
  CHECK(r.try_acquire(5) == 0);
  r.pause_until(500);
  CHECK(r.try_acquire(100) == 400);
  CHECK(r.try_acquire(500) == 0);
}

TEST_CASE("backoff doubles, is capped and jittered", "[retry]") {
  RetryPolicy p;
  p.base_ms = 1000;
  p.max_backoff_ms = 8000;
  std::mt19937_64 rng(42);
  for (int i = 0; i < 50; ++i) {
    const int64_t d1 = backoff_ms(p, 1, rng);
    CHECK(d1 >= 500);
    CHECK(d1 <= 1000);
    const int64_t d3 = backoff_ms(p, 3, rng);
    CHECK(d3 >= 2000);
    CHECK(d3 <= 4000);
    const int64_t d9 = backoff_ms(p, 9, rng);
    CHECK(d9 >= 4000);
    CHECK(d9 <= 8000);
  }
}

TEST_CASE("Retry-After in seconds and as an HTTP-date", "[retry]") {
  HttpResponse r;
  r.headers = {{"retry-after", "120"}};
  CHECK(retry_after_ms(r, 0) == 120000);
  const EpochMillis now = *parse_datetime("2015-10-21T07:28:00Z");
  r.headers = {{"retry-after", "Wed, 21 Oct 2015 07:28:30 GMT"}};
  CHECK(retry_after_ms(r, now) == 30000);
  r.headers = {{"retry-after", "Wed, 21 Oct 2015 07:00:00 GMT"}};
  CHECK(retry_after_ms(r, now) == 0);
  r.headers = {{"retry-after", "soon"}};
  CHECK_FALSE(retry_after_ms(r, now).has_value());
  r.headers = {};
  CHECK_FALSE(retry_after_ms(r, now).has_value());
}

TEST_CASE("spent rate-limit headers give the wait until reset", "[retry]") {
  const EpochMillis now = 1744582800000;  // Bluesky fixture: reset 1744582868 (epoch seconds)
  HttpResponse r;
  r.headers = {{"ratelimit-remaining", "0"}, {"ratelimit-reset", "1744582868"}};
  CHECK(rate_limit_reset_ms(r, now) == 68000);
  r.headers = {{"ratelimit-remaining", "12"}, {"ratelimit-reset", "1744582868"}};
  CHECK_FALSE(rate_limit_reset_ms(r, now).has_value());
  // Mastodon: an RFC 3339 time with microseconds
  r.headers = {{"x-ratelimit-remaining", "0"},
               {"x-ratelimit-reset", "2025-04-13T22:21:00.212100Z"}};
  CHECK(rate_limit_reset_ms(r, *parse_datetime("2025-04-13T22:20:00Z")) == 60212);
  // The IETF draft's delta-seconds
  r.headers = {{"ratelimit-remaining", "0"}, {"ratelimit-reset", "30"}};
  CHECK(rate_limit_reset_ms(r, now) == 30000);
}

TEST_CASE("option values: budgets, platform pairs, time bounds", "[options]") {
  auto r = parse_rate("300/5m");
  REQUIRE(r);
  CHECK(r->requests == 300);
  CHECK(r->window_ms == 300000);
  CHECK(parse_rate("20/s")->window_ms == 1000);
  CHECK(parse_rate("7")->requests == 7);
  CHECK_FALSE(parse_rate("0/s"));
  CHECK_FALSE(parse_rate("5/fortnight"));
  auto pv = parse_platform_value("Twitter=http://127.0.0.1:1");
  REQUIRE(pv);
  CHECK(pv->first == "x");
  CHECK_FALSE(parse_platform_value("nowhere=1"));
  CHECK_FALSE(parse_platform_value("youtube"));
  CHECK(*parse_time_bound("2024-02-11") == *parse_datetime("2024-02-11T00:00:00Z"));
  CHECK_FALSE(parse_time_bound("yesterday"));
  CHECK(*parse_duration("90s") == 90'000);
  CHECK(*parse_duration("30m") == 1'800'000);
  CHECK(*parse_duration("2h") == 7'200'000);
  CHECK(*parse_duration("1d") == 86'400'000);
  CHECK(*parse_duration("0") == 0);
  CHECK_FALSE(parse_duration("30"));  // a unit is needed, except for 0
  CHECK_FALSE(parse_duration("soon"));
  CHECK_FALSE(parse_duration("2w"));
  CHECK_FALSE(parse_duration("99999999999d"));
  EngineStats s;
  s.accounts_total = 10;
  s.accounts_done = 5;
  s.posts = 7;
  s.started_ms = 0;
  CHECK(format_progress(s, 10000) ==
        "5/10 accounts, 7 posts, 0 requests, 0 retries, 0 waits, 0 errors, ETA 0:00:10");
}
