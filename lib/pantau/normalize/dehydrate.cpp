#include "pantau/normalize/dehydrate.h"

namespace pantau::normalize {

void Dehydrator::add(std::string_view records) {
  size_t at = 0;
  while (at < records.size()) {
    size_t end = records.find('\n', at);
    if (end == std::string_view::npos) end = records.size();
    const std::string_view line = records.substr(at, end - at);
    at = end + 1;
    if (line.find("\"kind\":\"post\"") == std::string_view::npos) continue;
    simdjson::dom::element rec;
    std::string_view kind, platform, native_id, fetched_at;
    if (parser_.parse(line.data(), line.size()).get(rec) || rec["kind"].get_string().get(kind) ||
        kind != "post" || rec["platform"].get_string().get(platform) ||
        rec["native_id"].get_string().get(native_id)) {
      continue;
    }
    Platform& p = platforms_[std::string(platform)];
    if (!p.seen.insert(std::string(native_id)).second) continue;
    p.ids.emplace_back(native_id);
    ++ids_;
    if (rec["source"]["fetched_at"].get_string().get(fetched_at) || fetched_at.empty()) continue;
    // The same format everywhere (format_rfc3339), so strings order as times.
    if (p.first.empty() || fetched_at < p.first) p.first = std::string(fetched_at);
    if (p.last.empty() || fetched_at > p.last) p.last = std::string(fetched_at);
  }
}

std::string Dehydrator::text() const {
  std::string out =
      "# pantau-normalize --dehydrate: rebuild with pantau-fetch-accounts --hydrate FILE\n";
  for (const auto& [name, p] : platforms_) {
    out += "# platform: " + name + "\n";
    out += "# collected: " + (p.first.empty() ? std::string("unknown") : p.first + "/" + p.last) +
           "\n";
    out += "# ids: " + std::to_string(p.ids.size()) + "\n";
    for (const auto& id : p.ids) out += id + "\n";
  }
  return out;
}

}  // namespace pantau::normalize
