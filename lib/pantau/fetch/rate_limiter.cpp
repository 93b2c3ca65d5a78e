#include "pantau/fetch/rate_limiter.h"

#include <algorithm>

namespace pantau::fetch {

RateLimiter::RateLimiter(int64_t limit, int64_t window_ms)
    : limit_(std::min(limit, kMaxLimit)), window_ms_(std::max<int64_t>(window_ms, 1)) {
  if (limit_ > 0) ring_.assign(static_cast<size_t>(limit_), 0);
}

int64_t RateLimiter::wait_time(int64_t now) const {
  int64_t wait = paused_until_ > now ? paused_until_ - now : 0;
  if (limit_ <= 0 || count_ < ring_.size()) return wait;
  // The ring is full: the oldest of the last `limit` requests must leave the window first.
  const int64_t oldest = ring_[next_];
  const int64_t free_at = oldest + window_ms_;
  return std::max(wait, free_at > now ? free_at - now : 0);
}

int64_t RateLimiter::try_acquire(int64_t now) {
  const int64_t wait = wait_time(now);
  if (wait > 0) return wait;
  if (limit_ <= 0) return 0;
  ring_[next_] = now;
  next_ = (next_ + 1) % ring_.size();
  if (count_ < ring_.size()) ++count_;
  return 0;
}

}  // namespace pantau::fetch
