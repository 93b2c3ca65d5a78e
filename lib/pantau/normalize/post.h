// Post: one item in pantau's common post schema (man/pantau-records.5, POST RECORDS), as the
// platform mappings fill it, and PostWriter, which turns it into the NDJSON record.
//
// Mappings only copy what the platform says; PostWriter derives the rest the same way for every
// platform: the cleaned `text` (NFC, no controls, valid UTF-8), hashtags / mentions / URLs from
// the text when the platform gave no entities, and the record's field order. No `text_norm`:
// classify normalizes `text` itself, with the offset map its evidence needs (docs/normalize.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/normalize/json_out.h"
#include "pantau/text/text_normalizer.h"
#include "pantau/time.h"

namespace pantau::normalize {

struct Media {
  std::string type;                // photo, video, audio, gif, link, other
  std::string url;                 // may be empty (null)
  std::optional<double> duration;  // seconds
};

struct Post {
  std::string_view
      platform;           // youtube, x, facebook, instagram, tiktok, telegram, mastodon, bluesky
  std::string native_id;  // the platform's own id, as a string
  std::string url;        // empty: null
  std::string_view type = "post";  // post, video, comment, reply, repost, quote, story
  std::string parent;              // a full post id ("x:123"); empty: null
  std::optional<EpochMillis> created_at;
  // How precise created_at is: empty when the platform gave the time, "day" when it gave only
  // a date (yt-dlp's upload_date), which created_at then holds as 00:00 UTC.
  std::string_view created_at_precision;
  std::string author_id, author_handle, author_name;
  std::string text;  // as the platform gave it; PostWriter cleans it
  std::string lang, title;
  std::vector<std::string> hashtags, mentions, urls;
  // Which entity lists the platform gave; the others are extracted from the text.
  bool given_hashtags = false, given_mentions = false, given_urls = false;
  std::vector<Media> media;
  std::optional<int64_t> likes, comments, shares, views, quotes, bookmarks;
  size_t utf8_repairs = 0;  // ill-formed text replaced while reading the platform's JSON

  void clear();
};

// Where the posts of one input record came from (the `source` object, and the `account`).
struct Provenance {
  std::string format;          // "youtube.videos", "yt-dlp", "twarc2", ...
  std::string raw_sha256;      // the raw record's sha256, or the SHA-256 of a foreign input line
  std::string fetched_at;      // RFC 3339, or empty
  std::string request_url;     // redacted, or empty
  std::string account_json;    // the registry entry as a compact JSON object, or empty (null)
  std::string_view input;      // input name
  uint64_t line = 0;           // 1-based line number (of the first line for whole documents)
  bool utf8_repaired = false;  // the input line itself needed UTF-8 repair

  void clear();
};

class PostWriter {
 public:
  // Appends the post record (one JSON object, no newline) to *out.
  void write(const Post& post, const Provenance& prov, std::string* out);
  // The same through a RecordWriter (json_out.h), for many posts in a row.
  void write(const Post& post, const Provenance& prov, RecordWriter& w);

  // The id of the post ("youtube:abc"): the key --dedup uses.
  static void post_id(const Post& post, std::string* out);

 private:
  // Strings are written after clean_text(): NUL bytes in TikTok usernames are real.
  void append_clean(std::string_view value, size_t* repairs, RecordWriter& w);
  template <typename Strings>
  void append_strings(const Strings& items, size_t* repairs, RecordWriter& w);

  // The end of the record from "observed_at" to the end of "source", which depends on the
  // Provenance only: written once per input record and copied into each of its posts.
  struct ProvenanceTail {
    bool valid = false;
    std::string format, raw_sha256, fetched_at, request_url, input;
    uint64_t line = 0;
    std::string json;
    size_t repairs = 0;
    bool matches(const Provenance& p) const;
  };
  const ProvenanceTail& provenance_tail(const Provenance& prov);

  text::FoldScratch scratch_;
  std::string text_, id_, field_;
  std::vector<std::string_view> found_tags_, found_mentions_, found_urls_;
  ProvenanceTail tail_;
};

// Hashtags (without '#'), mentions (without '@') and http(s) URLs found in `text`, in order,
// without duplicates. The views point into `text`.
void extract_entities(std::string_view text, std::vector<std::string_view>* hashtags,
                      std::vector<std::string_view>* mentions, std::vector<std::string_view>* urls);

}  // namespace pantau::normalize
