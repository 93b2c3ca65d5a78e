// RecordNormalizer: the library entry point of pantau-normalize. One input line (or one whole
// document) in, zero or more output records out:
//
//   raw record          -> the posts of its body (mapping chosen by platform + endpoint), or an
//                          error record when the fetch itself failed (HTTP status >= 400)
//   foreign JSON        -> the posts it holds (format detected from its keys, or --from)
//   any other record    -> passed through untouched (post, error, account, unknown kinds)
//   unreadable line     -> an error record naming input and line, and an error Status
//
// A line that opens a JSON value and breaks where pretty-printers break lines starts a document
// that is joined with the lines after it until its brackets close (a Telegram export, `jq .`
// output), and a line that holds several values one after another (`cat *.info.json`) is read
// value by value (json_split.h): both come out as if the input were NDJSON.
//
// Memory is bounded by the longest line or document: two simdjson parsers (the line, and a raw
// record's body) and all buffers are reused. With dedup on, the ids seen so far are kept (IdSet).
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/json_split.h"
#include "pantau/line_reader.h"
#include "pantau/normalize/dedup.h"
#include "pantau/normalize/detect.h"
#include "pantau/normalize/mapping.h"
#include "pantau/normalize/post.h"
#include "pantau/record.h"
#include "pantau/result.h"
#include "pantau/text/text_normalizer.h"

namespace pantau::normalize {

struct NormalizeOptions {
  InputFormat from = InputFormat::kAuto;          // format of lines that are not pantau records
  bool dedup = false;                             // drop posts whose id was already written
  size_t max_document_bytes = size_t{256} << 20;  // a pretty-printed document's limit
  std::string tool = "pantau-normalize";          // the error records' "tool"
};

// What one source format (a post's source.format: "x.users_tweets", "yt-dlp", ...) held.
struct FormatStats {
  std::string format;
  uint64_t documents = 0;  // JSON documents (a line each, unless pretty-printed)
  uint64_t items = 0;      // items they held (posts, videos, statuses, messages)
  uint64_t posts = 0;      // posts written from them
};

struct NormalizeStats {
  uint64_t lines = 0, posts = 0, duplicates = 0, passed_through = 0, failed = 0;
  uint64_t fetch_errors = 0;         // raw records of failed requests turned into error records
  uint64_t items = 0;                // items held by the lines that were mapped
  uint64_t items_without_post = 0;   // of those, items no post was made of
  std::vector<FormatStats> formats;  // in the order they were first seen
  // Whether anything was skipped or failed (the summary is then worth printing unasked).
  bool anything_lost() const { return failed > 0 || fetch_errors > 0 || items_without_post > 0; }
};

// One line for stderr: "lines 12, posts 340 (x.users_tweets: 10 documents, 340 items, 340
// posts), passed through 1, failed 1".
std::string summary_of(const NormalizeStats& stats);

class RecordNormalizer {
 public:
  explicit RecordNormalizer(NormalizeOptions opts);
  ~RecordNormalizer();

  // Appends the output records for `line` to *out, each followed by '\n'. On error, *out holds
  // an error record for the line and the returned message says what was wrong (without the
  // input name and line, which the caller adds).
  Status normalize_line(const Line& line, std::string* out);

  // Ends the input: a pretty-printed document still open is an error (it was cut short).
  Status finish(std::string* out);
  // Where the document being joined began (input, line), for finish()'s error.
  std::string_view document_input() const { return doc_input_; }
  uint64_t document_line() const { return doc_line_; }

  // The same for a whole JSON document that is not NDJSON (a pretty-printed Telegram export or
  // yt-dlp info file): `format` must not be kAuto. `input` names it in records and errors.
  Status normalize_document(std::string_view document, InputFormat format, std::string_view input,
                            std::string* out);

  // A note about the last line that is worth telling the user but is not a failure (for
  // example a raw record of a failed request); empty when there is none.
  const std::string& warning() const { return warning_; }

  const NormalizeStats& stats() const { return stats_; }

 private:
  class Sink;
  // One value of a line (the whole line, or one of several glued together).
  Status normalize_value(const Line& line, bool whole_line, std::string* out);
  // The values of a line that holds several.
  Status normalize_glued(const Line& line, std::string* out);
  // A line of the pretty-printed document being joined.
  Status continue_document(const Line& line, std::string* out);
  // Fails the document being joined: `why` says how it ended.
  Status fail_document(std::string_view why, std::string* out);
  Status normalize_json(simdjson::padded_string_view json, const Line& line, bool whole_line,
                        std::string* out);
  Status normalize_raw(const Line& line, std::string* out);
  // Readies the document `json` for `map`: iterates it On Demand into *doc with body_parser_,
  // or indexes it into tokens_.
  simdjson::error_code prepare(Mapping map, simdjson::padded_string_view json, od::document* doc);
  // Runs `map` over *doc (a JsonMapping) or tokens_ (a TokenMapping), as prepared.
  // Then checks that what the mapping found accounts for the input: items that all gave no
  // post, or no items where a page keeps them, are an error naming the format and what it
  // should have looked like.
  Status run_mapping(Mapping map, od::document* doc, std::string* out);
  // The accounting check of run_mapping(), also used for Telegram's HTML pages.
  Status account(const MapContext& ctx, std::string_view expected);
  FormatStats& format_stats(std::string_view format);
  Status fail(const Line& line, Error error, std::string* out);
  // fail() after an exception: trims *out back to the last whole record written since
  // `before`, then writes the error record.
  Status fail_after_throw(const Line& line, std::string message, size_t before, std::string* out);
  void append_error_record(std::string_view stage, std::string_view platform,
                           std::optional<int64_t> http_status, std::string_view message,
                           bool retryable, std::string* out);

  NormalizeOptions opts_;
  simdjson::ondemand::parser line_parser_;
  simdjson::ondemand::parser body_parser_;
  JsonTokens tokens_;  // the index X pages are read through (json_tokens.h)
  RecordValidator validator_;
  PostWriter writer_;
  Post post_;
  Provenance prov_;
  IdSet seen_;
  NormalizeStats stats_;
  uint64_t counted_line_ = 0;
  // The pretty-printed document being joined (empty when none): its text so far, where it
  // began, and how far its brackets have closed.
  std::string doc_;
  std::string doc_input_;
  uint64_t doc_line_ = 0;
  bool doc_repaired_ = false;
  JsonSplitter doc_split_;  // the stats_.lines value whose line format_stats() counted
  std::unique_ptr<Sink> sink_;
  std::string body_;  // a raw record's unescaped body (padded for simdjson)
  std::string scratch_;
  std::string warning_;
  std::string passthrough_id_;  // the "id" of a post record passing through, for --dedup
  // Fields of the raw record being read.
  std::string platform_, endpoint_, adapter_, encoding_;
  std::optional<int64_t> status_;
  std::string_view body_json_;  // the body's JSON string contents, escapes included
};

}  // namespace pantau::normalize
