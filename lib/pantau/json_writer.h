// JsonWriter: builds one compact JSON value into a caller-owned std::string.
//
// Field order is the order of the calls, so records come out in a stable, documented order.
// Strings are escaped per RFC 8259 (quote, backslash and control characters; everything else,
// including non-ASCII, is written as UTF-8) and are always valid UTF-8: ill-formed input bytes
// become U+FFFD and utf8_repaired() turns true, so the record can say so.
//
//   std::string out;
//   JsonWriter w(&out);
//   w.begin_object();
//   w.key("kind"); w.string("post");
//   w.key("likes"); w.number(int64_t{3});
//   w.end_object();          // out == {"kind":"post","likes":3}
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pantau {

class JsonWriter {
 public:
  // `out` is appended to, never cleared; it must outlive the writer.
  explicit JsonWriter(std::string* out) : out_(out) {}

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();

  // Writes the member name (and the separating comma when needed). Follow with one value.
  void key(std::string_view name);

  void string(std::string_view s);
  void number(int64_t v);
  void number(uint64_t v);
  void number(int v) { number(static_cast<int64_t>(v)); }
  void number(double v);  // shortest round-trip form; NaN and infinities are written as null
  void boolean(bool v);
  void null();
  // Writes `json` verbatim as one value. REQUIRES: `json` is one valid, compact JSON value in
  // valid UTF-8 (for example a simdjson raw_json() token of an already validated document).
  void raw(std::string_view json);

  // Shorthands for key + value.
  void field(std::string_view name, std::string_view s) {
    key(name);
    string(s);
  }
  void field(std::string_view name, const char* s) {
    key(name);
    string(s);
  }
  void field(std::string_view name, int64_t v) {
    key(name);
    number(v);
  }
  void field(std::string_view name, bool v) {
    key(name);
    boolean(v);
  }
  // Writes the string, or null when `s` is empty.
  void field_or_null(std::string_view name, std::string_view s);

  // True once any string written contained ill-formed UTF-8 (replaced by U+FFFD).
  bool utf8_repaired() const { return repaired_; }

  std::string* buffer() { return out_; }

 private:
  void before_value();

  std::string* out_;
  bool need_comma_ = false;
  bool repaired_ = false;
};

// Appends `s` as a quoted JSON string to `out`. Returns the number of U+FFFD replacements made
// for ill-formed UTF-8 (0 for valid input).
size_t append_json_string(std::string_view s, std::string* out);

// The same without the UTF-8 check, for hot paths whose strings come from a document simdjson
// already validated (normalize's post writer). REQUIRES: `s` is valid UTF-8.
void append_json_string_valid(std::string_view s, std::string* out);

// The same into a raw buffer: writes `s` escaped, without (chars) or with (string) the quotes,
// at `d` and returns the end. REQUIRES: valid UTF-8, and room for 6 * s.size() (+ 2) bytes at
// `d` (the worst case, every byte a control character written as \u00XX).
char* write_json_chars_valid(char* d, std::string_view s);
char* write_json_string_valid(char* d, std::string_view s);

}  // namespace pantau
