#include "pantau/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// Writes the escape for `c` at d (2 or 6 bytes) and returns the end.
char* write_escape(unsigned char c, char* d) {
  char e = 0;
  switch (c) {
    case '"':
      e = '"';
      break;
    case '\\':
      e = '\\';
      break;
    case '\n':
      e = 'n';
      break;
    case '\r':
      e = 'r';
      break;
    case '\t':
      e = 't';
      break;
    case '\b':
      e = 'b';
      break;
    case '\f':
      e = 'f';
      break;
    default: {
      static constexpr char kHex[] = "0123456789abcdef";
      const char buf[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
      std::memcpy(d, buf, 6);
      return d + 6;
    }
  }
  d[0] = '\\';
  d[1] = e;
  return d + 2;
}

}  // namespace

char* write_json_chars_valid(char* d, std::string_view s) {
  // Blocks of 16 bytes (SSE2, part of every x86-64; 8 with SWAR elsewhere) are stored whole and
  // the pointers advance to the first byte that needs an escape. The stores stay inside the
  // room the contract asks for: the bytes not yet consumed produce at least as many output
  // bytes as a block writes ahead.
  const char* p = s.data();
  const char* const end = p + s.size();
  // Input from here on was copied byte for byte (no escape written since): the last 16 bytes of
  // the string may then be stored again over output already written.
  const char* copied_from = p;
  for (;;) {
#if defined(__SSE2__)
    const __m128i below_space = _mm_set1_epi8(0x1F);
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    auto special_bits = [&](__m128i v) {
      const __m128i special =
          _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, below_space), v),
                       _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
      return static_cast<unsigned>(_mm_movemask_epi8(special));
    };
    while (end - p >= 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(d), v);
      const unsigned mask = special_bits(v);
      if (mask != 0) {
        const unsigned k = static_cast<unsigned>(__builtin_ctz(mask));
        p += k;
        d += k;
        break;
      }
      p += 16;
      d += 16;
    }
    if (end - p < 16 && end - copied_from >= 16 && p < end) {
      // The tail as the string's last 16 bytes, overlapping bytes copied as they were: no
      // byte-wise loop when it needs no escape.
      const ptrdiff_t back = 16 - (end - p);
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(end - 16));
      if ((special_bits(v) >> back) == 0) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(d - back), v);
        return d + (end - p);
      }
    }
#endif
    while (end - p >= 8) {
      uint64_t w;
      std::memcpy(&w, p, 8);
      if (word_needs_escape(w)) break;
      std::memcpy(d, &w, 8);
      p += 8;
      d += 8;
    }
    while (p < end && !byte_needs_escape(static_cast<unsigned char>(*p))) *d++ = *p++;
    if (p == end) return d;
    d = write_escape(static_cast<unsigned char>(*p++), d);
    copied_from = p;
  }
}

char* write_json_string_valid(char* d, std::string_view s) {
  *d++ = '"';
  d = write_json_chars_valid(d, s);
  *d++ = '"';
  return d;
}

void append_json_string_valid(std::string_view s, std::string* out) {
  // A short string (most of a record's: ids, names, times, evidence) is escaped into a buffer on
  // the stack and appended with one call: the resize() below zero-fills the six-fold room it
  // makes, and two resizes and two push_backs per string cost more than the escaping itself.
  constexpr size_t kShort = 64;
  if (s.size() <= kShort) {
    char buf[6 * kShort + 2];
    char* e = write_json_string_valid(buf, s);
    out->append(buf, static_cast<size_t>(e - buf));
    return;
  }
  // In pieces, so that the room made ahead (six bytes per input byte, zero-filled by resize)
  // stays small for long strings.
  constexpr size_t kPiece = 4096;
  out->push_back('"');
  while (!s.empty()) {
    const std::string_view piece = s.substr(0, kPiece);
    s.remove_prefix(piece.size());
    const size_t old = out->size();
    out->resize(old + 6 * piece.size());
    char* e = write_json_chars_valid(out->data() + old, piece);
    out->resize(static_cast<size_t>(e - out->data()));
  }
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
