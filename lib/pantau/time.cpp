#include "pantau/time.h"

#include <chrono>
#include <cstdio>

namespace pantau {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `n` digits at s[*pos].
bool read_digits(std::string_view s, size_t* pos, int n, int* out) {
  if (*pos + static_cast<size_t>(n) > s.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    const char c = s[*pos + static_cast<size_t>(i)];
    if (!is_digit(c)) return false;
    v = v * 10 + (c - '0');
  }
  *pos += static_cast<size_t>(n);
  *out = v;
  return true;
}

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

Error bad(std::string_view s, const char* why) {
  return Error::invalid("invalid time \"" + std::string(s.substr(0, 64)) + "\": " + why);
}

// Parses "+HH:MM", "+HHMM", "+HH" at s[*pos]; "Z" handled by the caller.
bool read_offset(std::string_view s, size_t* pos, int* seconds) {
  if (*pos >= s.size() || (s[*pos] != '+' && s[*pos] != '-')) return false;
  const int sign = s[*pos] == '-' ? -1 : 1;
  ++*pos;
  int hh = 0, mm = 0;
  if (!read_digits(s, pos, 2, &hh)) return false;
  if (*pos < s.size() && s[*pos] == ':') ++*pos;
  if (*pos < s.size()) {
    if (!read_digits(s, pos, 2, &mm)) return false;
  }
  if (hh > 23 || mm > 59) return false;
  *seconds = sign * (hh * 3600 + mm * 60);
  return true;
}

}  // namespace

int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilTime civil_from_millis(EpochMillis t, int offset_seconds) {
  t += int64_t{offset_seconds} * 1000;
  int64_t days = t >= 0 ? t / 86400000 : (t - 86399999) / 86400000;
  int64_t ms_of_day = t - days * 86400000;
  CivilTime c;
  c.millis = static_cast<int>(ms_of_day % 1000);
  const int64_t secs = ms_of_day / 1000;
  c.hour = static_cast<int>(secs / 3600);
  c.minute = static_cast<int>(secs / 60 % 60);
  c.second = static_cast<int>(secs % 60);
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = static_cast<int>(yoe + era * 400 + (c.month <= 2));
  return c;
}

Result<EpochMillis> parse_datetime(std::string_view s, int default_offset_seconds, bool* had_zone) {
  size_t pos = 0;
  int y = 0, mo = 0, d = 0, hh = 0, mi = 0, ss = 0, ms = 0;
  if (!read_digits(s, &pos, 4, &y) || pos >= s.size() || s[pos++] != '-' ||
      !read_digits(s, &pos, 2, &mo) || pos >= s.size() || s[pos++] != '-' ||
      !read_digits(s, &pos, 2, &d)) {
    return bad(s, "expected YYYY-MM-DD");
  }
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) return bad(s, "no such date");
  int offset = default_offset_seconds;
  bool zone = false;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')
      return bad(s, "expected 'T' after the date");
    ++pos;
    if (!read_digits(s, &pos, 2, &hh) || pos >= s.size() || s[pos++] != ':' ||
        !read_digits(s, &pos, 2, &mi)) {
      return bad(s, "expected HH:MM");
    }
    if (pos < s.size() && s[pos] == ':') {
      ++pos;
      if (!read_digits(s, &pos, 2, &ss)) return bad(s, "expected seconds");
    }
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      int digits = 0;
      while (pos < s.size() && is_digit(s[pos])) {
        if (digits < 3) ms = ms * 10 + (s[pos] - '0');
        ++digits;
        ++pos;
      }
      if (digits == 0) return bad(s, "empty fraction of a second");
      for (int k = digits; k < 3; ++k) ms *= 10;
    }
    if (hh > 23 || mi > 59 || ss > 60) return bad(s, "time of day out of range");
    if (ss == 60) ss = 59;  // leap second: clamp rather than reject
    if (pos < s.size()) {
      if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
        offset = 0;
        zone = true;
      } else if (read_offset(s, &pos, &offset)) {
        zone = true;
      } else {
        return bad(s, "invalid zone offset");
      }
    }
    if (pos != s.size()) return bad(s, "unexpected characters after the time");
  }
  if (had_zone) *had_zone = zone;
  const int64_t secs = days_from_civil(y, mo, d) * 86400 + hh * 3600 + mi * 60 + ss - offset;
  return secs * 1000 + ms;
}

Result<int> parse_utc_offset(std::string_view s) {
  if (s == "Z" || s == "UTC" || s == "GMT") return 0;
  if (s.substr(0, 3) == "UTC" || s.substr(0, 3) == "GMT") s.remove_prefix(3);
  size_t pos = 0;
  int seconds = 0;
  // Accept "+7" as shorthand for "+07".
  if (s.size() == 2 && (s[0] == '+' || s[0] == '-') && is_digit(s[1])) {
    return (s[0] == '-' ? -1 : 1) * (s[1] - '0') * 3600;
  }
  if (!read_offset(s, &pos, &seconds) || pos != s.size()) {
    return Error::invalid("invalid UTC offset \"" + std::string(s) + "\"");
  }
  return seconds;
}

Result<EpochMillis> parse_http_date(std::string_view s) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto month_of = [&](std::string_view m) {
    for (int i = 0; i < 12; ++i) {
      if (m == kMonths[i]) return i + 1;
    }
    return 0;
  };
  int d = 0, y = 0, hh = 0, mi = 0, ss = 0;
  char mon[4] = {};
  char wk[16] = {};
  const std::string str(s.substr(0, 64));
  // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
  if (std::sscanf(str.c_str(), "%15[A-Za-z], %2d %3s %4d %2d:%2d:%2d GMT", wk, &d, mon, &y, &hh,
                  &mi, &ss) == 7 ||
      // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"
      std::sscanf(str.c_str(), "%15[A-Za-z], %2d-%3s-%4d %2d:%2d:%2d GMT", wk, &d, mon, &y, &hh,
                  &mi, &ss) == 7 ||
      // asctime: "Sun Nov  6 08:49:37 1994"
      std::sscanf(str.c_str(), "%15[A-Za-z] %3s %d %2d:%2d:%2d %4d", wk, mon, &d, &hh, &mi, &ss,
                  &y) == 7) {
    if (y < 100) y += y < 70 ? 2000 : 1900;
    const int m = month_of(mon);
    if (m == 0 || d < 1 || d > days_in_month(y, m) || hh > 23 || mi > 59 || ss > 60) {
      return Error::invalid("invalid HTTP date \"" + str + "\"");
    }
    return (days_from_civil(y, m, d) * 86400 + hh * 3600 + mi * 60 + ss) * 1000;
  }
  return Error::invalid("invalid HTTP date \"" + str + "\"");
}

std::string format_rfc3339(EpochMillis t) {
  const CivilTime c = civil_from_millis(t);
  char buf[40];
  if (c.millis != 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.year, c.month, c.day,
                  c.hour, c.minute, c.second, c.millis);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour,
                  c.minute, c.second);
  }
  return buf;
}

std::string format_date(EpochMillis t, int offset_seconds) {
  const CivilTime c = civil_from_millis(t, offset_seconds);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

EpochMillis now_millis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace pantau
