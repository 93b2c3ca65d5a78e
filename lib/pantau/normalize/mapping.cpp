// Helpers shared by the platform mappings (mapping.h).
#include <charconv>
#include <cmath>

#include "pantau/normalize/mapping.h"
#include "pantau/record.h"

namespace pantau::normalize {

void parse_time_text(std::string_view s, std::optional<EpochMillis>* out) {
  out->reset();
  if (s.empty()) return;
  bool digits = true;
  for (char c : s) digits = digits && c >= '0' && c <= '9';
  if (digits) {
    int64_t secs = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), secs);
    if (ec == std::errc() && end == s.data() + s.size() && secs < 100'000'000'000LL) {
      *out = secs * 1000;
    }
    return;
  }
  auto t = parse_datetime(s);
  if (t) *out = *t;
}

void read_time(od::value v, std::optional<EpochMillis>* out) {
  out->reset();
  od::json_type t;
  if (v.type().get(t)) return;
  if (t == od::json_type::number) {
    double secs = 0;
    if (!v.get_double().get(secs) && secs >= 0 && secs < 1e11) {
      *out = static_cast<EpochMillis>(std::llround(secs * 1000.0));
    }
    return;
  }
  std::string s;
  if (read_string(v, &s)) parse_time_text(s, out);
}

Error json_error(std::string_view what, simdjson::error_code e) {
  return Error::invalid(std::string(what) + ": " + json_error_message(e));
}

}  // namespace pantau::normalize
