#include "pantau/fetch/http.h"

#include <charconv>

#include "pantau/fetch/url.h"

namespace pantau::fetch {

std::string_view HttpResponse::header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return {};
}

bool parse_response_head(std::string_view head, int* status, Headers* headers) {
  headers->clear();
  *status = 0;
  bool first = true;
  while (!head.empty()) {
    size_t nl = head.find('\n');
    std::string_view line = head.substr(0, nl);
    head = nl == std::string_view::npos ? std::string_view{} : head.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (first) {
      first = false;
      // "HTTP/1.1 200 OK" or "HTTP/2 200"
      if (line.substr(0, 5) != "HTTP/") return false;
      size_t sp = line.find(' ');
      if (sp == std::string_view::npos) return false;
      std::string_view code = line.substr(sp + 1, 3);
      auto [p, ec] = std::from_chars(code.data(), code.data() + code.size(), *status);
      if (ec != std::errc() || p != code.data() + code.size()) return false;
      continue;
    }
    if (line.empty()) break;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    headers->emplace_back(ascii_lower(trim(line.substr(0, colon))),
                          std::string(trim(line.substr(colon + 1))));
  }
  return *status >= 100 && *status <= 599;
}

}  // namespace pantau::fetch
