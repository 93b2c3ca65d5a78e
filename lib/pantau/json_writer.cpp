#include "pantau/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "pantau/utf8.h"

namespace pantau {
namespace {

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighs = 0x8080808080808080ULL;

// True when any byte of the word is < 0x20, '"' or '\\' (SWAR "has a zero byte" tests), so
// runs of plain bytes are copied eight at a time.
inline bool word_needs_escape(uint64_t w) {
  const uint64_t below_space = (w - kOnes * 0x20) & ~w;
  const uint64_t q = w ^ (kOnes * '"');
  const uint64_t quote = (q - kOnes) & ~q;
  const uint64_t b = w ^ (kOnes * '\\');
  const uint64_t backslash = (b - kOnes) & ~b;
  return ((below_space | quote | backslash) & kHighs) != 0;
}

inline bool byte_needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

void append_escape(unsigned char c, std::string* out) {
  switch (c) {
    case '"':
      out->append("\\\"");
      return;
    case '\\':
      out->append("\\\\");
      return;
    case '\n':
      out->append("\\n");
      return;
    case '\r':
      out->append("\\r");
      return;
    case '\t':
      out->append("\\t");
      return;
    case '\b':
      out->append("\\b");
      return;
    case '\f':
      out->append("\\f");
      return;
    default: {
      static constexpr char kHex[] = "0123456789abcdef";
      const char buf[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
      out->append(buf, 6);
    }
  }
}

}  // namespace

void append_json_string_valid(std::string_view s, std::string* out) {
  out->push_back('"');
  const char* p = s.data();
  const char* end = p + s.size();
  const char* run = p;
  auto escape_at = [&](const char* at) {
    out->append(run, static_cast<size_t>(at - run));
    append_escape(static_cast<unsigned char>(*at), out);
    run = at + 1;
  };
  while (p + 8 <= end) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    if (!word_needs_escape(w)) {
      p += 8;
      continue;
    }
    for (const char* stop = p + 8; p < stop; ++p) {
      if (byte_needs_escape(static_cast<unsigned char>(*p))) escape_at(p);
    }
  }
  for (; p < end; ++p) {
    if (byte_needs_escape(static_cast<unsigned char>(*p))) escape_at(p);
  }
  out->append(run, static_cast<size_t>(end - run));
  out->push_back('"');
}

size_t append_json_string(std::string_view s, std::string* out) {
  // Validate once up front: the common case is valid UTF-8, copied as is.
  if (is_valid_utf8(s)) {
    append_json_string_valid(s, out);
    return 0;
  }
  std::string repaired;
  repaired.reserve(s.size() + 16);
  const size_t replaced = append_repaired_utf8(s, &repaired);
  append_json_string_valid(repaired, out);
  return replaced;
}

void JsonWriter::before_value() {
  if (need_comma_) out_->push_back(',');
  need_comma_ = true;
}

void JsonWriter::begin_object() {
  before_value();
  out_->push_back('{');
  need_comma_ = false;
}

void JsonWriter::end_object() {
  out_->push_back('}');
  need_comma_ = true;
}

void JsonWriter::begin_array() {
  before_value();
  out_->push_back('[');
  need_comma_ = false;
}

void JsonWriter::end_array() {
  out_->push_back(']');
  need_comma_ = true;
}

void JsonWriter::key(std::string_view name) {
  before_value();
  if (append_json_string(name, out_) != 0) repaired_ = true;
  out_->push_back(':');
  need_comma_ = false;
}

void JsonWriter::string(std::string_view s) {
  before_value();
  if (append_json_string(s, out_) != 0) repaired_ = true;
}

void JsonWriter::number(int64_t v) {
  before_value();
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_->append(buf, r.ptr);
}

void JsonWriter::number(uint64_t v) {
  before_value();
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_->append(buf, r.ptr);
}

void JsonWriter::number(double v) {
  before_value();
  if (!std::isfinite(v)) {
    out_->append("null");
    return;
  }
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);  // locale-independent, shortest round trip
  out_->append(buf, r.ptr);
}

void JsonWriter::boolean(bool v) {
  before_value();
  out_->append(v ? "true" : "false");
}

void JsonWriter::null() {
  before_value();
  out_->append("null");
}

void JsonWriter::raw(std::string_view json) {
  before_value();
  out_->append(json);
}

void JsonWriter::field_or_null(std::string_view name, std::string_view s) {
  key(name);
  if (s.empty()) {
    null();
  } else {
    string(s);
  }
}

}  // namespace pantau
