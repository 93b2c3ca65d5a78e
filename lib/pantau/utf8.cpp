#include "pantau/utf8.h"

#include <simdjson.h>

namespace pantau {
namespace {

// Length of the well-formed sequence starting at s[i], or 0 when it is ill-formed; in that case
// *bad_len receives the length of the maximal subpart to replace (at least 1).
size_t sequence_length(std::string_view s, size_t i, size_t* bad_len) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  const size_t n = s.size();
  auto cont = [&](size_t k, unsigned char lo, unsigned char hi) {
    if (i + k >= n) return false;
    const auto b = static_cast<unsigned char>(s[i + k]);
    return b >= lo && b <= hi;
  };
  *bad_len = 1;
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1, 0x80, 0xBF) ? 2 : 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
    if (!cont(1, lo, hi)) return 0;
    *bad_len = 2;
    return cont(2, 0x80, 0xBF) ? 3 : 0;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
    if (!cont(1, lo, hi)) return 0;
    *bad_len = 2;
    if (!cont(2, 0x80, 0xBF)) return 0;
    *bad_len = 3;
    return cont(3, 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

}  // namespace

bool is_valid_utf8(std::string_view s) { return simdjson::validate_utf8(s.data(), s.size()); }

size_t append_repaired_utf8(std::string_view in, std::string* out) {
  size_t replaced = 0;
  size_t i = 0;
  size_t run = 0;  // start of the current well-formed run, copied in one piece
  while (i < in.size()) {
    if (static_cast<unsigned char>(in[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t bad = 0;
    const size_t len = sequence_length(in, i, &bad);
    if (len != 0) {
      i += len;
      continue;
    }
    out->append(in.data() + run, i - run);
    out->append(kReplacementCharacter);
    ++replaced;
    i += bad;
    run = i;
  }
  out->append(in.data() + run, in.size() - run);
  return replaced;
}

size_t count_code_points(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

size_t byte_offset_of_code_point(std::string_view s, size_t cp_index) {
  size_t seen = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (seen == cp_index) return i;
      ++seen;
    }
  }
  return s.size();
}

char32_t decode_utf8(std::string_view s, size_t* pos) {
  size_t bad = 0;
  const size_t i = *pos;
  const size_t len = sequence_length(s, i, &bad);
  const auto b = [&](size_t k) {
    return static_cast<char32_t>(static_cast<unsigned char>(s[i + k]));
  };
  switch (len) {
    case 1:
      *pos += 1;
      return b(0);
    case 2:
      *pos += 2;
      return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3:
      *pos += 3;
      return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    case 4:
      *pos += 4;
      return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    default:
      *pos += bad;
      return 0xFFFD;
  }
}

void append_utf8(char32_t cp, std::string* out) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace pantau
