#include "pantau/fetch/retry.h"

#include <algorithm>
#include <charconv>

#include "pantau/fetch/url.h"

namespace pantau::fetch {
namespace {

std::optional<int64_t> parse_int(std::string_view s) {
  s = trim(s);
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

// Epoch seconds, delta seconds (small numbers) or an RFC 3339 time, as milliseconds from now.
std::optional<int64_t> reset_to_wait(std::string_view v, EpochMillis now) {
  if (auto n = parse_int(v)) {
    // Epoch seconds are ~1.7e9; a delta is minutes at most. Anything below a year is a delta.
    if (*n < 365LL * 24 * 3600) return std::max<int64_t>(0, *n * 1000);
    return std::max<int64_t>(0, *n * 1000 - now);
  }
  auto t = parse_datetime(trim(v));
  if (!t) return std::nullopt;
  return std::max<int64_t>(0, *t - now);
}

}  // namespace

int64_t backoff_ms(const RetryPolicy& p, int attempt, std::mt19937_64& rng) {
  int64_t d = p.base_ms;
  for (int i = 1; i < attempt && d < p.max_backoff_ms; ++i) d *= 2;
  d = std::min(d, p.max_backoff_ms);
  if (d <= 1) return d;
  std::uniform_int_distribution<int64_t> jitter(d / 2, d);
  return jitter(rng);
}

std::optional<int64_t> retry_after_ms(const HttpResponse& r, EpochMillis now_wall) {
  std::string_view v = trim(r.header("retry-after"));
  if (v.empty()) return std::nullopt;
  if (auto secs = parse_int(v)) return std::max<int64_t>(0, *secs) * 1000;
  auto t = parse_http_date(v);
  if (!t) return std::nullopt;
  return std::max<int64_t>(0, *t - now_wall);
}

std::optional<int64_t> rate_limit_reset_ms(const HttpResponse& r, EpochMillis now_wall) {
  for (std::string_view prefix : {"x-ratelimit-", "ratelimit-", "x-rate-limit-"}) {
    std::string remaining_name = std::string(prefix) + "remaining";
    std::string_view remaining = r.header(remaining_name);
    if (remaining.empty()) continue;
    auto n = parse_int(remaining);
    if (!n || *n > 0) return std::nullopt;
    return reset_to_wait(r.header(std::string(prefix) + "reset"), now_wall);
  }
  return std::nullopt;
}

}  // namespace pantau::fetch
