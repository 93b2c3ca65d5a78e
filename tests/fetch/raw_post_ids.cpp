// raw-post-ids: prints one "platform:account:item-id" line per post inside the raw records read
// from stdin (YouTube playlistItems, Mastodon statuses, Bluesky getAuthorFeed). Tests pipe it
// into `sort | uniq` to check that every post arrived exactly once after dedup.
#include <simdjson.h>

#include <iostream>
#include <string>

int main() {
  simdjson::dom::parser line_parser;
  simdjson::dom::parser body_parser;
  std::string line;
  int bad = 0;
  while (std::getline(std::cin, line)) {
    simdjson::dom::element rec;
    if (line_parser.parse(line).get(rec)) {
      ++bad;
      continue;
    }
    std::string_view kind, platform, endpoint, body, key;
    if (rec["kind"].get_string().get(kind) || kind != "raw") continue;
    if (rec["platform"].get_string().get(platform) || rec["endpoint"].get_string().get(endpoint) ||
        rec["body"].get_string().get(body) || rec["account"]["key"].get_string().get(key)) {
      ++bad;
      continue;
    }
    simdjson::dom::element doc;
    const std::string body_copy(body);
    if (body_parser.parse(body_copy).get(doc)) {
      ++bad;
      continue;
    }
    const std::string prefix = std::string(platform) + ":" + std::string(key) + ":";
    if (endpoint == "playlistItems") {
      for (simdjson::dom::element it : doc["items"].get_array()) {
        std::string_view id;
        if (!it["contentDetails"]["videoId"].get_string().get(id) ||
            !it["snippet"]["resourceId"]["videoId"].get_string().get(id)) {
          std::cout << prefix << id << "\n";
        }
      }
    } else if (endpoint == "statuses") {
      for (simdjson::dom::element it : doc.get_array()) {
        std::string_view id;
        if (!it["id"].get_string().get(id)) std::cout << prefix << id << "\n";
      }
    } else if (endpoint == "getAuthorFeed") {
      for (simdjson::dom::element it : doc["feed"].get_array()) {
        std::string_view id;
        if (!it["post"]["uri"].get_string().get(id)) std::cout << prefix << id << "\n";
      }
    }
  }
  if (bad > 0) std::cerr << "raw-post-ids: " << bad << " unreadable records\n";
  return bad > 0 ? 1 : 0;
}
