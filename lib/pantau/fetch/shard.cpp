#include "pantau/fetch/shard.h"

#include <charconv>
#include <string>

namespace pantau::fetch {

Result<Shard> parse_shard(std::string_view text) {
  size_t slash = text.find('/');
  Shard s;
  auto num = [](std::string_view t, uint32_t* v) {
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), *v);
    return ec == std::errc() && p == t.data() + t.size() && !t.empty();
  };
  if (slash == std::string_view::npos || !num(text.substr(0, slash), &s.index) ||
      !num(text.substr(slash + 1), &s.count) || s.count == 0 || s.index == 0 || s.index > s.count) {
    return Error::invalid("shard must be K/N with 1 <= K <= N, got '" + std::string(text) + "'");
  }
  return s;
}

}  // namespace pantau::fetch
