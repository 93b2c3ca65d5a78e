// Dehydrator: `pantau-normalize --dehydrate`. Turns the posts normalize writes into the id list
// a researcher may publish where the platforms' terms allow ids but not content (twarc2's
// dehydrate): per platform a header naming it and the collection period (the earliest and
// latest fetched_at of its posts), then its native ids, one per line, each once, in the order
// first seen. `pantau-fetch-accounts --hydrate FILE` reads it back:
//
//   # pantau-normalize --dehydrate: rebuild with pantau-fetch-accounts --hydrate FILE
//   # platform: x
//   # collected: 2024-01-10T01:00:00Z/2024-02-14T02:00:00Z
//   # ids: 2
//   1755000000000001000
//   1755000000000001006
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <simdjson.h>

namespace pantau::normalize {

class Dehydrator {
 public:
  // Takes the post records among `records` (NDJSON, as normalize writes them); other kinds are
  // ignored.
  void add(std::string_view records);
  // The id list (platforms in name order).
  std::string text() const;
  size_t ids() const { return ids_; }

 private:
  struct Platform {
    std::vector<std::string> ids;
    std::unordered_set<std::string> seen;
    std::string first, last;  // fetched_at range (RFC 3339 UTC strings order as times)
  };
  std::map<std::string, Platform> platforms_;
  simdjson::dom::parser parser_;
  size_t ids_ = 0;
};

}  // namespace pantau::normalize
