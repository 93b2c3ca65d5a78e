// RateLimiter: a request budget that is never exceeded, for one (platform, host, credential).
//
// It allows at most `limit` requests in any window of `window_ms` (a sliding-window log: the
// times of the last `limit` requests are kept in a ring). We chose this over a token bucket
// because a bucket of capacity N refilled at N per window admits up to 2N requests in some
// window, and servers count fixed or sliding windows; the log never exceeds what it was told.
// Memory is `limit` timestamps (capped at kMaxLimit).
//
// A server may also say it is out of budget (429, Retry-After, "ratelimit-remaining: 0"):
// pause_until() stops all requests on the budget until then.
//
// Time is passed in (steady milliseconds), so the limiter is deterministic and testable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace pantau::fetch {

class RateLimiter {
 public:
  static constexpr int64_t kMaxLimit = 100000;

  // limit <= 0 means unlimited.
  RateLimiter(int64_t limit, int64_t window_ms);

  // Returns 0 and counts the request when one may start at `now`; else the milliseconds to wait
  // (nothing is counted).
  int64_t try_acquire(int64_t now);
  // The milliseconds until a request could start (0: now), without counting one.
  int64_t wait_time(int64_t now) const;

  void pause_until(int64_t t) {
    if (t > paused_until_) paused_until_ = t;
  }
  int64_t paused_until() const { return paused_until_; }

  int64_t limit() const { return limit_; }
  int64_t window_ms() const { return window_ms_; }

 private:
  int64_t limit_;
  int64_t window_ms_;
  std::vector<int64_t> ring_;  // start times of the last `limit_` requests
  size_t next_ = 0;            // oldest entry once the ring is full
  size_t count_ = 0;
  int64_t paused_until_ = 0;
};

}  // namespace pantau::fetch
