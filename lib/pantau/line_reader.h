// LineReader: the NDJSON input side of every tool.
//
// Reads the operands in order as one stream ("-" is standard input, .gz is decompressed), and
// hands out one line at a time with its input name and 1-based line number. Memory is bounded by
// the longest line: one buffer is reused for the whole run and only grows to fit a line, up to
// `max_line_bytes`. CRLF line ends are tolerated, blank lines are skipped, and a line whose bytes
// are not valid UTF-8 is repaired (ill-formed bytes become U+FFFD) and flagged.
//
// The line's bytes are followed by at least simdjson::SIMDJSON_PADDING readable bytes, so a
// simdjson parser can iterate the line in place without a copy (see Line::padded()).
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/byte_source.h"
#include "pantau/json_split.h"
#include "pantau/result.h"

namespace pantau {

struct Line {
  std::string_view text;       // without the line end; valid UTF-8
  size_t capacity = 0;         // readable bytes from text.data(), >= text.size() + SIMDJSON_PADDING
  std::string_view input;      // the input's name ("<stdin>" or the path)
  uint64_t number = 0;         // 1-based line number within that input
  bool utf8_repaired = false;  // ill-formed UTF-8 was replaced by U+FFFD
  // A later piece of the same line (same number): the reader cut the line between JSON values
  // glued together without a newline (LineReader::cut_between_json_values).
  bool continued = false;

  simdjson::padded_string_view padded() const {
    return simdjson::padded_string_view(text.data(), text.size(), capacity);
  }
};

class LineReader {
 public:
  // A raw record holds one whole API response: a 100-tweet X page with its expansions weighs
  // 0.34 MB, a t.me/s page at most 4 MiB (fetch-accounts refuses more), a collector's output for
  // a channel some tens of MB. Every program holds a few times its longest line, so the default
  // is what real input needs, not more (it was 256 MiB). --max-line-bytes raises it.
  static constexpr size_t kDefaultMaxLineBytes = size_t{64} << 20;  // 64 MiB

  // `operands` are paths or "-"; an empty list means standard input.
  explicit LineReader(std::vector<std::string> operands,
                      size_t max_line_bytes = kDefaultMaxLineBytes);
  // Reads from an already open source (tests, embedded documents).
  LineReader(std::unique_ptr<ByteSource> source, size_t max_line_bytes = kDefaultMaxLineBytes);

  // Advances to the next non-blank line.
  //  - ok(true): *line is valid until the next call.
  //  - ok(false): all input is consumed.
  //  - error: something went wrong at input_name():line_number(); the message names no
  //    position. Reading may go on: after a too-long line it resumes at the next line, after an
  //    input that cannot be opened or read it resumes with the next operand.
  Result<bool> next(Line* line);

  // JSON values glued together without newlines (`cat *.info.json`: yt-dlp writes each file
  // without a final newline) make one "line" as long as all the files. With this on, a line
  // that has outgrown one read chunk (1 MiB) is cut after each top-level value that closes in
  // it (brackets and strings are followed, json_split.h), so memory stays bounded by the
  // longest value, not by the glued whole; the pieces keep the line's number and are marked
  // `continued` after the first. Lines shorter than a chunk are untouched (normalize splits
  // those itself), and a long line is followed bracket by bracket only when it holds "}{".
  // `min_bytes` lowers the length from which lines are examined (the fuzz harness, whose
  // inputs stay far below a chunk).
  static constexpr size_t kCutFrom = size_t{1} << 20;
  void cut_between_json_values(bool on, size_t min_bytes = kCutFrom) {
    cut_json_ = on;
    cut_from_ = min_bytes;
  }

  const std::string& input_name() const { return name_; }
  uint64_t line_number() const { return lineno_; }

 private:
  Result<bool> open_next_operand();
  Result<bool> fill();  // reads more bytes; ok(false) at end of the current input
  // Where the first top-level JSON value in the current line's first `len` bytes ends, or
  // npos; follows on from the previous call for the same line.
  size_t glued_value_end(const char* start, size_t len);
  void reset_glue();

  std::vector<std::string> operands_;
  size_t next_operand_ = 0;
  std::unique_ptr<ByteSource> source_;
  std::string name_;
  size_t max_line_;
  std::vector<char> buf_;  // [begin_, end_) holds unread bytes; padding follows end_
  size_t begin_ = 0;
  size_t end_ = 0;
  bool eof_ = true;
  bool skipping_ = false;  // discarding the rest of a too-long line
  uint64_t lineno_ = 0;
  // cut_between_json_values(): whether it is on; the brackets followed so far in the current
  // line (its first glue_fed_ bytes); whether the next line is the rest of a cut one.
  bool cut_json_ = false;
  size_t cut_from_ = kCutFrom;
  JsonSplitter glue_;
  size_t glue_fed_ = 0;     // bytes of the current line fed to glue_
  size_t glue_probed_ = 0;  // bytes of the current line searched for "}{" in vain
  bool continued_ = false;
  std::string repaired_;  // reused buffer for lines that needed UTF-8 repair
};

}  // namespace pantau
