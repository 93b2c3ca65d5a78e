#include "pantau/line_reader.h"

#include <algorithm>
#include <cstring>

#include "pantau/utf8.h"

namespace pantau {
namespace {
constexpr size_t kChunk = size_t{1} << 20;  // read size; also the smallest buffer
constexpr size_t kPad = simdjson::SIMDJSON_PADDING;
}  // namespace

LineReader::LineReader(std::vector<std::string> operands, size_t max_line_bytes)
    : operands_(std::move(operands)), max_line_(max_line_bytes) {
  if (operands_.empty()) operands_.emplace_back("-");
}

LineReader::LineReader(std::unique_ptr<ByteSource> source, size_t max_line_bytes)
    : source_(std::move(source)), max_line_(max_line_bytes) {
  name_ = source_->name();
  eof_ = false;
}

Result<bool> LineReader::open_next_operand() {
  source_.reset();
  if (next_operand_ >= operands_.size()) return false;
  const std::string& path = operands_[next_operand_++];
  name_ = path == "-" ? "<stdin>" : path;
  lineno_ = 0;
  begin_ = end_ = 0;
  skipping_ = false;
  continued_ = false;
  reset_glue();
  auto src = open_input(path);
  if (!src) {
    eof_ = true;
    // The message already names the path; callers print it without a line number.
    return src.error();
  }
  source_ = std::move(*src);
  eof_ = false;
  return true;
}

Result<bool> LineReader::fill() {
  // Move unread bytes to the front, then make room for one more chunk plus padding.
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buf_.size() < end_ + kChunk + kPad) {
    // Doubling, but never past what the longest accepted line needs: a longer line is refused
    // before the next fill, so a gzip bomb costs max_line_ bytes of buffer, not twice that.
    const size_t need = end_ + kChunk + kPad;
    const size_t most = std::max(need, max_line_ + kChunk + kPad);
    buf_.resize(std::min(std::max(buf_.size() * 2, need), most));
  }
  auto r = source_->read(buf_.data() + end_, kChunk);
  if (!r) {
    if (r.error().code != Error::Code::kInterrupted) eof_ = true;  // interrupted reads may resume
    return r.error();
  }
  if (*r == 0) {
    eof_ = true;
    return false;
  }
  end_ += *r;
  return true;
}

void LineReader::reset_glue() {
  glue_.reset();
  glue_fed_ = 0;
  glue_probed_ = 0;
}

size_t LineReader::glued_value_end(const char* start, size_t len) {
  if (glue_fed_ == 0) {
    // The cheap test first: files glued by cat meet as "}{" (yt-dlp's info.json has no final
    // newline), so a long line without that pair anywhere is one record and is not followed
    // bracket by bracket. The pair may straddle what was probed before, hence the one back.
    const size_t from = glue_probed_ > 0 ? glue_probed_ - 1 : 0;
    if (memmem(start + from, len - from, "}{", 2) == nullptr) {
      glue_probed_ = len;
      return std::string_view::npos;
    }
  }
  const size_t close = glue_.feed(std::string_view(start + glue_fed_, len - glue_fed_));
  if (close != std::string_view::npos) return glue_fed_ + close;
  glue_fed_ = len;
  return std::string_view::npos;
}

Result<bool> LineReader::next(Line* line) {
  for (;;) {
    if (!source_ || (eof_ && begin_ == end_)) {
      auto opened = open_next_operand();
      if (!opened) return opened.error();
      if (!*opened) return false;
      continue;
    }
    // Find the end of the current line in the buffered bytes.
    const char* start = buf_.data() + begin_;
    // (memchr on an empty, never-allocated buffer would be passed a null pointer.)
    const char* nl =
        end_ > begin_ ? static_cast<const char*>(std::memchr(start, '\n', end_ - begin_)) : nullptr;
    size_t len = nl ? static_cast<size_t>(nl - start) : end_ - begin_;
    bool cut = false;
    if (cut_json_ && !skipping_ && len >= cut_from_) {
      const size_t close = glued_value_end(start, len);
      // A value that closes at the line's end is the line (NDJSON); cut only before more.
      if (close != std::string_view::npos && (close < len || nl == nullptr)) {
        len = close;
        cut = true;
      }
    }
    if (nl == nullptr && !eof_ && !cut) {
      if (skipping_) {  // still inside a too-long line: drop what we have and read on
        begin_ = end_;
      } else if (end_ - begin_ > max_line_) {
        if (!continued_) ++lineno_;
        continued_ = false;
        skipping_ = true;
        begin_ = end_;
        reset_glue();
        return Error{Error::Code::kTooLong,
                     "line longer than the maximum of " + std::to_string(max_line_) + " bytes"};
      }
      auto r = fill();
      if (!r) return r.error();
      continue;
    }
    begin_ += len + (nl && !cut ? 1 : 0);
    reset_glue();
    if (skipping_) {  // the tail of a too-long line; its number was already counted
      skipping_ = false;
      continue;
    }
    const bool continues = continued_;
    continued_ = cut;  // the rest of this line comes next, under the same number
    if (!continues) ++lineno_;
    if (len > max_line_) {
      return Error{Error::Code::kTooLong,
                   "line longer than the maximum of " + std::to_string(max_line_) + " bytes"};
    }
    std::string_view text(start, len);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    // Blank (or whitespace-only) lines carry no record.
    if (std::all_of(text.begin(), text.end(),
                    [](char c) { return c == ' ' || c == '\t' || c == '\r'; })) {
      continue;
    }
    line->input = name_;
    line->number = lineno_;
    line->continued = continues;
    line->utf8_repaired = false;
    if (!is_valid_utf8(text)) {
      repaired_.clear();
      append_repaired_utf8(text, &repaired_);
      repaired_.reserve(repaired_.size() + kPad);
      line->text = repaired_;
      line->capacity = repaired_.capacity();
      line->utf8_repaired = true;
      return true;
    }
    line->text = text;
    // Bytes after the line in the buffer (the next lines) plus the padding are readable.
    line->capacity = static_cast<size_t>(buf_.data() + buf_.size() - text.data());
    return true;
  }
}

}  // namespace pantau
