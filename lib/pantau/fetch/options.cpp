#include "pantau/fetch/options.h"

#include <charconv>
#include <cstdio>

#include "pantau/fetch/account.h"
#include "pantau/fetch/url.h"

namespace pantau::fetch {

Result<std::pair<std::string, std::string>> parse_platform_value(std::string_view text) {
  size_t eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == text.size()) {
    return Error::invalid("expected PLATFORM=VALUE, got '" + std::string(text) + "'");
  }
  std::string platform = canonical_platform(text.substr(0, eq));
  if (platform.empty()) {
    return Error::invalid("unknown platform '" + std::string(text.substr(0, eq)) + "'");
  }
  return std::make_pair(platform, std::string(trim(text.substr(eq + 1))));
}

Result<int64_t> parse_duration(std::string_view text) {
  const std::string_view t = trim(text);
  size_t digits = 0;
  while (digits < t.size() && t[digits] >= '0' && t[digits] <= '9') ++digits;
  int64_t count = 0;
  const auto [p, ec] = std::from_chars(t.data(), t.data() + digits, count);
  const std::string_view unit = t.substr(digits);
  const int64_t ms = unit == "s"   ? 1000
                     : unit == "m" ? 60'000
                     : unit == "h" ? 3'600'000
                     : unit == "d" ? 86'400'000
                                   : 0;
  if (digits == 0 || ec != std::errc() || p != t.data() + digits) {
    return Error::invalid("a duration is N with s, m, h or d (e.g. 30m, 6h), got '" +
                          std::string(text) + "'");
  }
  if (count == 0 && unit.empty()) return int64_t{0};
  if (ms == 0 || count > 365LL * 86'400'000 / ms) {
    return Error::invalid("a duration is N with s, m, h or d (e.g. 30m, 6h), got '" +
                          std::string(text) + "'");
  }
  return count * ms;
}

Result<RateSpec> parse_rate(std::string_view text) {
  RateSpec r;
  std::string_view t = trim(text);
  size_t slash = t.find('/');
  std::string_view n = t.substr(0, slash);
  auto [p, ec] = std::from_chars(n.data(), n.data() + n.size(), r.requests);
  if (ec != std::errc() || p != n.data() + n.size() || r.requests <= 0) {
    return Error::invalid("budget must be N/WINDOW (e.g. 300/5m), got '" + std::string(text) + "'");
  }
  r.window_ms = 1000;
  if (slash == std::string_view::npos) return r;
  std::string_view w = t.substr(slash + 1);
  int64_t count = 1;
  size_t digits = 0;
  while (digits < w.size() && w[digits] >= '0' && w[digits] <= '9') ++digits;
  if (digits > 0) {
    std::from_chars(w.data(), w.data() + digits, count);
  }
  std::string_view unit = w.substr(digits);
  int64_t ms = 0;
  if (unit == "s" || unit == "sec")
    ms = 1000;
  else if (unit == "m" || unit == "min")
    ms = 60 * 1000;
  else if (unit == "h")
    ms = 3600 * 1000;
  else if (unit == "d")
    ms = 24 * 3600 * 1000;
  if (ms == 0 || count <= 0) {
    return Error::invalid("budget window must be like 1s, 5m, 1h or 1d, got '" + std::string(w) +
                          "'");
  }
  r.window_ms = count * ms;
  return r;
}

Result<EpochMillis> parse_time_bound(std::string_view text) {
  auto t = parse_datetime(trim(text));
  if (!t) return Error::invalid("not a date or RFC 3339 time: '" + std::string(text) + "'");
  return *t;
}

std::string format_progress(const EngineStats& s, int64_t now) {
  const double elapsed = static_cast<double>(now - s.started_ms) / 1000.0;
  std::string eta = "--:--";
  if (s.accounts_done > 0 && s.accounts_done < s.accounts_total && elapsed > 0) {
    const double left = elapsed / static_cast<double>(s.accounts_done) *
                        static_cast<double>(s.accounts_total - s.accounts_done);
    const auto secs = static_cast<int64_t>(left + 0.5);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(secs / 3600),
                  static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
    eta = buf;
  } else if (s.accounts_done == s.accounts_total) {
    eta = "0:00:00";
  }
  char line[256];
  std::snprintf(line, sizeof line,
                "%lld/%lld accounts, %lld posts, %lld requests, %lld retries, %lld waits, "
                "%lld errors, ETA %s",
                static_cast<long long>(s.accounts_done), static_cast<long long>(s.accounts_total),
                static_cast<long long>(s.posts), static_cast<long long>(s.requests),
                static_cast<long long>(s.retries), static_cast<long long>(s.rate_waits),
                static_cast<long long>(s.accounts_failed), eta.c_str());
  return line;
}

std::string format_summary(const EngineStats& s) {
  char line[256];
  std::snprintf(
      line, sizeof line,
      "%lld accounts: %lld fetched, %lld failed, %lld skipped; %lld posts, %lld requests, "
      "%lld retries, %lld waits",
      static_cast<long long>(s.accounts_total), static_cast<long long>(s.accounts_ok),
      static_cast<long long>(s.accounts_failed), static_cast<long long>(s.accounts_skipped),
      static_cast<long long>(s.posts), static_cast<long long>(s.requests),
      static_cast<long long>(s.retries), static_cast<long long>(s.rate_waits));
  std::string out = line;
  if (s.accounts_fresh > 0) {
    out += "; " + std::to_string(s.accounts_fresh) + " polled within --min-interval, not again";
  }
  return out;
}

}  // namespace pantau::fetch
