// When to try a failed request again: exponential backoff with jitter for transient failures,
// and the server's own Retry-After (delta-seconds or an HTTP-date, RFC 9110 §10.2.3) on 429 and
// 503. Pure functions of their inputs, so they are tested without waiting.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string_view>

#include "pantau/fetch/http.h"
#include "pantau/time.h"

namespace pantau::fetch {

struct RetryPolicy {
  int max_attempts = 5;    // attempts per request, the first included
  int64_t base_ms = 1000;  // first backoff
  int64_t max_backoff_ms = 60000;
  int64_t max_retry_after_ms = 15 * 60 * 1000;  // a longer Retry-After gives the account up
};

// Milliseconds to wait before attempt `attempt + 1` after `attempt` failures (attempt >= 1):
// base * 2^(attempt-1), capped, with "equal jitter" (uniform in [d/2, d]) so that many accounts
// failing together do not retry in lockstep.
int64_t backoff_ms(const RetryPolicy& p, int attempt, std::mt19937_64& rng);

// The wait a Retry-After header asks for, in milliseconds from `now_wall` (wall-clock ms, for
// the HTTP-date form). nullopt when absent or unparseable; 0 for a date in the past.
std::optional<int64_t> retry_after_ms(const HttpResponse& r, EpochMillis now_wall);

// When a rate-limit header says the budget is spent ("x-ratelimit-remaining: 0" or
// "ratelimit-remaining: 0"), the milliseconds until its reset ("x-ratelimit-reset" as an
// RFC 3339 time on Mastodon, epoch seconds on Bluesky and X; "ratelimit-reset" as epoch seconds
// or, per the IETF draft, delta-seconds). nullopt when the budget is not spent.
std::optional<int64_t> rate_limit_reset_ms(const HttpResponse& r, EpochMillis now_wall);

}  // namespace pantau::fetch
