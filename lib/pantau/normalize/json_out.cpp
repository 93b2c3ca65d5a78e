#include "pantau/normalize/json_out.h"

#include <cstdint>
#include <cstring>

namespace pantau::normalize {
namespace {

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighs = 0x8080808080808080ULL;

// True when any byte of the word is < 0x20, '"' or '\\' (SWAR: "has a zero byte" tests).
inline bool needs_escape(uint64_t w) {
  const uint64_t below_space = (w - kOnes * 0x20) & ~w;
  const uint64_t q = w ^ (kOnes * '"');
  const uint64_t quote = (q - kOnes) & ~q;
  const uint64_t b = w ^ (kOnes * '\\');
  const uint64_t backslash = (b - kOnes) & ~b;
  return ((below_space | quote | backslash) & kHighs) != 0;
}

void append_escaped_byte(unsigned char c, std::string* out) {
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
    default:
      if (c < 0x20) {
        static const char kHex[] = "0123456789abcdef";
        char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out->append(u, 6);
      } else {
        out->push_back(static_cast<char>(c));
      }
  }
}

void append_2(int v, char* p) {
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
}

}  // namespace

void append_json_quoted(std::string_view s, std::string* out) {
  out->push_back('"');
  const char* p = s.data();
  const char* end = p + s.size();
  const char* run = p;
  while (p + 8 <= end) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    if (!needs_escape(w)) {
      p += 8;
      continue;
    }
    for (int k = 0; k < 8; ++k, ++p) {
      unsigned char c = static_cast<unsigned char>(*p);
      if (c < 0x20 || c == '"' || c == '\\') {
        out->append(run, static_cast<size_t>(p - run));
        append_escaped_byte(c, out);
        run = p + 1;
      }
    }
  }
  for (; p < end; ++p) {
    unsigned char c = static_cast<unsigned char>(*p);
    if (c < 0x20 || c == '"' || c == '\\') {
      out->append(run, static_cast<size_t>(p - run));
      append_escaped_byte(c, out);
      run = p + 1;
    }
  }
  out->append(run, static_cast<size_t>(end - run));
  out->push_back('"');
}

void append_json_quoted_or_null(std::string_view s, std::string* out) {
  if (s.empty()) {
    out->append("null");
  } else {
    append_json_quoted(s, out);
  }
}

void append_uint(uint64_t v, std::string* out) {
  char buf[24];
  char* p = buf + sizeof buf;
  do {
    *--p = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  out->append(p, static_cast<size_t>(buf + sizeof buf - p));
}

void append_json_time(EpochMillis t, std::string* out) {
  const CivilTime c = civil_from_millis(t);
  if (c.year < 0 || c.year > 9999) {
    out->push_back('"');
    out->append(format_rfc3339(t));
    out->push_back('"');
    return;
  }
  char b[32] = {'"'};
  append_2(c.year / 100, b + 1);
  append_2(c.year % 100, b + 3);
  b[5] = '-';
  append_2(c.month, b + 6);
  b[8] = '-';
  append_2(c.day, b + 9);
  b[11] = 'T';
  append_2(c.hour, b + 12);
  b[14] = ':';
  append_2(c.minute, b + 15);
  b[17] = ':';
  append_2(c.second, b + 18);
  size_t n = 20;
  if (c.millis != 0) {
    b[n++] = '.';
    b[n++] = static_cast<char>('0' + c.millis / 100);
    append_2(c.millis % 100, b + n);
    n += 2;
  }
  b[n++] = 'Z';
  b[n++] = '"';
  out->append(b, n);
}

}  // namespace pantau::normalize
