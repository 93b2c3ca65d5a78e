// RecheckItem: one post a recheck (or hydrate) asks its platform about again, read from the
// input of `pantau-fetch-accounts --recheck FILE` or `--hydrate FILE`:
//   - post records (pantau-normalize's output, or classify's flagged posts): id, platform,
//     native_id, and the SHA-256 of "text", against which an edit is detected;
//   - id lines "platform:native_id" ("x:1757", "mastodon:mastodon.social/1123");
//   - a dehydrated id list (pantau-normalize --dehydrate): "# platform: x" header lines, then
//     bare native ids, one per line.
// Other records (raw, status, error, review, ...) and "#" comment lines are skipped. An id read
// twice is kept once (the first), so that every id gets exactly one status record.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/result.h"

namespace pantau::fetch {

struct RecheckItem {
  std::string id;             // "platform:native_id"
  std::string platform;       // canonical
  std::string native_id;      // as in pantau-records(5)
  std::string sha256_before;  // of the post's text as read; "" when the input had no text
  std::string input;          // where it was read, for messages
  int64_t line = 0;
};

struct RecheckInput {
  std::vector<RecheckItem> items;
  int64_t duplicates = 0;  // ids read again, dropped
  int64_t skipped = 0;     // records of other kinds, comments
  int64_t errors = 0;      // bad lines (reported through on_error)
};

// Reads `operands` ("-" or none: standard input; .gz decompressed). `on_error(input, line,
// message)` is told of every bad line; reading goes on after it.
RecheckInput read_recheck_input(
    const std::vector<std::string>& operands, size_t max_line_bytes,
    const std::function<void(std::string_view, int64_t, std::string_view)>& on_error);

// Parses "platform:native_id"; false when the platform is unknown or the id empty.
bool parse_post_id(std::string_view text, std::string* platform, std::string* native_id);

}  // namespace pantau::fetch
