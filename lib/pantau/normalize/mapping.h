// The interface between the record loop and the per-platform mappings.
//
// A mapping reads one platform response (a raw record's body, or a foreign-format line) and
// emits zero or more posts. It fills the reused Post, calls ctx.emit() for each, and returns an
// error only when the input as a whole cannot be read (wrong shape, not JSON); odd or missing
// fields give nulls, never an error. One mapping unit per platform lives in <platform>.cpp.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "pantau/normalize/json_read.h"
#include "pantau/normalize/json_tokens.h"
#include "pantau/normalize/post.h"
#include "pantau/result.h"

namespace pantau::normalize {

// Receives the posts a mapping produces.
class PostSink {
 public:
  virtual ~PostSink() = default;
  // `post` is valid only during the call.
  virtual void emit(const Post& post) = 0;
};

struct MapContext {
  std::string_view endpoint;  // the raw record's endpoint ("" for foreign formats)
  std::string_view adapter;   // the raw record's adapter ("" for foreign formats)
  Post* post = nullptr;       // reused: call post->clear() before filling it
  PostSink* sink = nullptr;
  // The input record's provenance. Foreign formats that carry their own (twarc2's request URL
  // and retrieval time, yt-dlp's extraction time) may fill fetched_at / request_url, before
  // their first emit().
  Provenance* prov = nullptr;
  std::string scratch;  // free for the mapping's own use
  // Accounting (the normalizer checks it after each mapping): `items` counts the items the
  // input holds (posts, videos, statuses, messages, comments), whether or not each becomes a
  // post; `found` says the mapping found where they are kept, so that a page with none is an
  // empty page (an API page with no results), not a page it could not read.
  uint64_t items = 0;
  bool found = false;
  // Counts one item of the input.
  void item() {
    ++items;
    found = true;
  }
  // Emits *post.
  void emit() { sink->emit(*post); }
};

// A mapping over a JSON document (an On Demand document, iterated once from its start).
using JsonMapping = Status (*)(od::document& doc, MapContext& ctx);
// A mapping over a JSON text read through its structural index (json_tokens.h), for the
// platform with the most volume.
using TokenMapping = Status (*)(const JsonTokens& doc, MapContext& ctx);

// The mapping of an input format: exactly one of the two is set. Made from the function itself,
// so which way a platform's data is read is said once, by its mapping's signature.
struct Mapping {
  JsonMapping json = nullptr;
  TokenMapping tokens = nullptr;
  constexpr Mapping() = default;
  // Implicit on purpose: tables and dispatch write `map_x`, not `{.tokens = map_x}`.
  constexpr Mapping(JsonMapping f) : json(f) {}
  constexpr Mapping(TokenMapping f) : tokens(f) {}
  explicit operator bool() const { return json != nullptr || tokens != nullptr; }
  friend bool operator==(const Mapping& a, const Mapping& b) {
    return a.json == b.json && a.tokens == b.tokens;
  }
};

// What the mapping `m` reads, for errors about input it found nothing in: "an X API v2 page
// ({\"data\": [...]}) or a twarc2 flatten tweet".
std::string_view expected_input(Mapping m);

// The mappings (one unit per platform; see each file for the fields it reads).
Status map_youtube(od::document& doc,
                   MapContext& ctx);  // playlistItems, videos, commentThreads, search, channels
Status map_x(const JsonTokens& doc, MapContext& ctx);      // API v2 pages, twarc2 lines
Status map_facebook(od::document& doc, MapContext& ctx);   // page feed / posts, comments
Status map_instagram(od::document& doc, MapContext& ctx);  // business_discovery, user media
Status map_tiktok(od::document& doc, MapContext& ctx);     // Research API video_query, comment_list
Status map_mastodon(od::document& doc, MapContext& ctx);   // an array of statuses or one status
Status map_bluesky(od::document& doc, MapContext& ctx);    // getAuthorFeed/getTimeline pages, posts
Status map_ytdlp(od::document& doc, MapContext& ctx);      // yt-dlp -j info JSON
Status map_gallery_dl(od::document& doc, MapContext& ctx);       // gallery-dl -j output
Status map_zeeschuimer(od::document& doc, MapContext& ctx);      // Zeeschuimer / 4CAT NDJSON items
Status map_telegram_export(od::document& doc, MapContext& ctx);  // Telegram Desktop result.json
Status map_telegram_page(std::string_view html, MapContext& ctx);  // t.me/s/<channel> HTML

// Shared helpers for mappings.

// Parses a platform time (RFC 3339 with any offset form, or epoch seconds as a number or a
// digit string) into *out; leaves it empty when it cannot.
void read_time(od::value v, std::optional<EpochMillis>* out);
void read_time(const JsonTokens& doc, uint32_t token, std::optional<EpochMillis>* out);
void parse_time_text(std::string_view s, std::optional<EpochMillis>* out);

// Turns a simdjson error into an Error naming what was being read.
Error json_error(std::string_view what, simdjson::error_code e);

}  // namespace pantau::normalize
