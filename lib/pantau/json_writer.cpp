#include "pantau/json_writer.h"

#include <array>
#include <charconv>
#include <cmath>

#include "pantau/utf8.h"

namespace pantau {
namespace {

// 0: copy as is; 1: needs an escape; 2: non-ASCII (needs UTF-8 validation).
constexpr std::array<uint8_t, 256> make_class_table() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[static_cast<size_t>(c)] = 1;
  t['"'] = 1;
  t['\\'] = 1;
  for (int c = 0x80; c < 0x100; ++c) t[static_cast<size_t>(c)] = 2;
  return t;
}
constexpr auto kClass = make_class_table();

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

size_t append_json_string(std::string_view s, std::string* out) {
  out->push_back('"');
  // Validate once up front: the common case is valid UTF-8, where non-ASCII bytes are copied.
  const bool valid = is_valid_utf8(s);
  size_t replaced = 0;
  std::string repaired;
  if (!valid) {
    repaired.reserve(s.size() + 16);
    replaced = append_repaired_utf8(s, &repaired);
    s = repaired;
  }
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (kClass[c] != 1) continue;
    out->append(s.data() + run, i - run);
    append_escape(c, out);
    run = i + 1;
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
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
