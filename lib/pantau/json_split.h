// Where JSON values end in text that is not one value per line: a pretty-printed document over
// many lines (a Telegram Desktop export, `jq .` output), or documents glued together without a
// newline between them (`cat *.info.json`). Only brackets and strings are followed, byte by
// byte; the values themselves are parsed later, so junk between values is not skipped here but
// left at the start of the next value, for the parser to report.
#pragma once

#include <cstddef>
#include <string_view>

namespace pantau {

class JsonSplitter {
 public:
  // Reads on from where the last call stopped. Returns the offset in `s` just past the value
  // that closes there (the bracket that brings the depth back to 0), or npos when `s` ends
  // inside a value (or holds only white space).
  size_t feed(std::string_view s);

  // Whether a value has begun and not yet closed.
  bool open() const { return depth_ > 0; }
  // Whether the text so far ends inside a string (no pretty-printer breaks a line there).
  bool in_string() const { return in_string_; }

  void reset() { *this = JsonSplitter(); }

 private:
  size_t depth_ = 0;
  bool in_string_ = false, escape_ = false;
};

}  // namespace pantau
