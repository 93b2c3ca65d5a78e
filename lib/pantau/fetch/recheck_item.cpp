#include "pantau/fetch/recheck_item.h"

#include <simdjson.h>

#include <unordered_set>

#include "pantau/fetch/account.h"
#include "pantau/line_reader.h"
#include "pantau/record.h"
#include "pantau/sha256.h"

namespace pantau::fetch {

namespace {

std::string_view trim_ws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool plain_id(std::string_view s) {
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '"' || c == '{' || c == '}') return false;
  }
  return !s.empty();
}

}  // namespace

bool parse_post_id(std::string_view text, std::string* platform, std::string* native_id) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 >= text.size()) return false;
  std::string p = canonical_platform(text.substr(0, colon));
  if (p.empty() || !plain_id(text.substr(colon + 1))) return false;
  *platform = std::move(p);
  *native_id = std::string(text.substr(colon + 1));
  return true;
}

RecheckInput read_recheck_input(
    const std::vector<std::string>& operands, size_t max_line_bytes,
    const std::function<void(std::string_view, int64_t, std::string_view)>& on_error) {
  RecheckInput in;
  LineReader reader(operands, max_line_bytes);
  simdjson::dom::parser parser;
  std::unordered_set<std::string> seen;
  std::string header_platform;  // a dehydrated list's "# platform: NAME"
  Line line;
  auto bad = [&](std::string_view message) {
    in.errors++;
    on_error(line.input, static_cast<int64_t>(line.number), message);
  };
  auto add = [&](RecheckItem item) {
    item.input = std::string(line.input);
    item.line = static_cast<int64_t>(line.number);
    if (!seen.insert(item.id).second) {
      in.duplicates++;
      return;
    }
    in.items.push_back(std::move(item));
  };
  for (;;) {
    auto more = reader.next(&line);
    if (!more) {
      in.errors++;
      on_error(reader.input_name(), static_cast<int64_t>(reader.line_number()),
               more.error().message);
      continue;
    }
    if (!*more) break;
    const std::string_view text = trim_ws(line.text);
    if (text.empty()) continue;
    if (text.front() == '#') {
      in.skipped++;
      std::string_view h = trim_ws(text.substr(1));
      if (h.substr(0, 9) == "platform:") {
        header_platform = canonical_platform(trim_ws(h.substr(9)));
        if (header_platform.empty()) bad("unknown platform in header: " + std::string(h));
      }
      continue;
    }
    if (text.front() != '{') {
      RecheckItem item;
      if (!header_platform.empty()) {
        if (!plain_id(text)) {
          bad("not an id: " + std::string(text.substr(0, 80)));
          continue;
        }
        item.platform = header_platform;
        item.native_id = std::string(text);
      } else if (!parse_post_id(text, &item.platform, &item.native_id)) {
        bad("not a post record nor an id platform:native_id: " + std::string(text.substr(0, 80)));
        continue;
      }
      item.id = item.platform + ":" + item.native_id;
      add(std::move(item));
      continue;
    }
    simdjson::dom::element doc;
    if (auto e = parser.parse(line.text.data(), line.text.size()).get(doc)) {
      bad("invalid JSON: " + json_error_message(e));
      continue;
    }
    std::string_view kind;
    if (doc["kind"].get_string().get(kind) || kind != kind::kPost) {
      in.skipped++;
      continue;
    }
    std::string_view id, platform, native_id, post_text;
    if (doc["id"].get_string().get(id) || doc["platform"].get_string().get(platform) ||
        doc["native_id"].get_string().get(native_id)) {
      bad("a post record without string id, platform and native_id");
      continue;
    }
    RecheckItem item;
    item.id = std::string(id);
    item.platform = std::string(platform);
    item.native_id = std::string(native_id);
    if (!doc["text"].get_string().get(post_text)) item.sha256_before = sha256_hex(post_text);
    add(std::move(item));
  }
  return in;
}

}  // namespace pantau::fetch
