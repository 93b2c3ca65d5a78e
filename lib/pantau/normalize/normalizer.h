// RecordNormalizer: the library entry point of pantau-normalize. One input line (or one whole
// document) in, zero or more output records out:
//
//   raw record          -> the posts of its body (mapping chosen by platform + endpoint), or an
//                          error record when the fetch itself failed (HTTP status >= 400)
//   foreign JSON        -> the posts it holds (format detected from its keys, or --from)
//   any other record    -> passed through untouched (post, error, account, unknown kinds)
//   unreadable line     -> an error record naming input and line, and an error Status
//
// Memory is bounded by the longest line: two simdjson parsers (the line, and a raw record's
// body) and all buffers are reused. With dedup on, the ids seen so far are kept (IdSet).
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

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
  InputFormat from = InputFormat::kAuto;  // format of lines that are not pantau records
  bool dedup = false;                     // drop posts whose id was already written
  const text::SlangTable* slang = &text::SlangTable::builtin();  // for text_norm; may be null
  std::string tool = "pantau-normalize";                         // the error records' "tool"
};

struct NormalizeStats {
  uint64_t lines = 0, posts = 0, duplicates = 0, passed_through = 0, failed = 0;
  uint64_t fetch_errors = 0;  // raw records of failed requests turned into error records
};

class RecordNormalizer {
 public:
  explicit RecordNormalizer(NormalizeOptions opts);
  ~RecordNormalizer();

  // Appends the output records for `line` to *out, each followed by '\n'. On error, *out holds
  // an error record for the line and the returned message says what was wrong (without the
  // input name and line, which the caller adds).
  Status normalize_line(const Line& line, std::string* out);

  // The same for a whole JSON document that is not NDJSON (a pretty-printed Telegram export or
  // yt-dlp info file): `format` must not be kAuto. `input` names it in records and errors.
  Status normalize_document(std::string_view document, InputFormat format, std::string_view input,
                            std::string* out);

  // A note about the last line that is worth telling the user but is not a failure (for
  // example a raw record of a failed request); empty when there is none.
  const std::string& warning() const { return warning_; }

  const NormalizeStats& stats() const { return stats_; }
  const IdSet& seen_ids() const { return seen_; }

 private:
  class Sink;
  Status normalize_json(simdjson::padded_string_view json, const Line& line, std::string* out);
  Status normalize_raw(const Line& line, std::string* out);
  // Readies the document `json` for `map`: iterates it On Demand into *doc with body_parser_,
  // or indexes it into tokens_.
  simdjson::error_code prepare(Mapping map, simdjson::padded_string_view json, od::document* doc);
  // Runs `map` over *doc (a JsonMapping) or tokens_ (a TokenMapping), as prepared.
  Status run_mapping(Mapping map, od::document* doc, std::string* out);
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
  std::unique_ptr<Sink> sink_;
  std::string body_;  // a raw record's unescaped body (padded for simdjson)
  std::string scratch_;
  std::string warning_;
  // Fields of the raw record being read.
  std::string platform_, endpoint_, adapter_, encoding_;
  std::optional<int64_t> status_;
  std::string_view body_json_;  // the body's JSON string contents, escapes included
};

}  // namespace pantau::normalize
