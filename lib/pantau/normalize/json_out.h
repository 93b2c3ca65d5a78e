// Fast JSON output for post records, the hot path of pantau-normalize.
//
// RecordWriter writes one record into a std::string through a raw pointer: every call first
// makes sure there is room (one comparison; the string grows, zero-filled once, when there is
// not), then stores without std::string's per-append bookkeeping. Keys and punctuation are
// compile-time literals copied with fixed-size memcpy. Strings go through
// pantau::write_json_string_valid (json_writer.h): every string the post writer writes comes
// from a document simdjson validated (or was repaired on the way in), so the UTF-8 check is
// skipped.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "pantau/time.h"

namespace pantau::normalize {

class RecordWriter {
 public:
  // Appends to *out from its current end. Nothing else may append to *out until finish().
  explicit RecordWriter(std::string* out);
  RecordWriter(const RecordWriter&) = delete;
  RecordWriter& operator=(const RecordWriter&) = delete;
  // Calls finish().
  ~RecordWriter() { finish(); }

  // A literal: key, punctuation, null.
  template <size_t N>
  void literal(const char (&s)[N]) {
    ensure(N);
    std::memcpy(p_, s, N - 1);
    p_ += N - 1;
  }
  void raw(std::string_view s);
  void byte(char c) {
    ensure(1);
    *p_++ = c;
  }
  // A quoted, escaped string. REQUIRES: valid UTF-8.
  void string(std::string_view s);
  // The string, or null when it is empty.
  void string_or_null(std::string_view s);
  // The string, or null when it is empty, when it is printable ASCII without '"' or '\\' (the
  // usual id, handle or URL); false, writing nothing, otherwise.
  bool plain_string_or_null(std::string_view s);
  // A non-negative integer.
  void uint(uint64_t v);
  // "2024-02-11T03:00:00Z" (with ".250" when there are milliseconds), quoted; the same text as
  // format_rfc3339() without snprintf.
  void time(EpochMillis t);

  // Trims *out to what was written. Idempotent.
  void finish();

 private:
  void ensure(size_t n) {
    if (static_cast<size_t>(end_ - p_) < n) grow(n);
  }
  void grow(size_t n);

  std::string* out_;
  char* p_;
  char* end_;
};

}  // namespace pantau::normalize
