#include "pantau/normalize/json_out.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "pantau/json_writer.h"

namespace pantau::normalize {
namespace {

void put_2(int v, char* p) {
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
}

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighs = 0x8080808080808080ULL;

// True when all eight bytes are printable ASCII other than '"' and '\\' (SWAR, exact).
inline bool plain_word(uint64_t w) {
  const uint64_t below_space = (w - kOnes * 0x20) & ~w;
  const uint64_t d = w ^ (kOnes * 0x7F);
  const uint64_t del = (d - kOnes) & ~d;
  const uint64_t q = w ^ (kOnes * '"');
  const uint64_t quote = (q - kOnes) & ~q;
  const uint64_t b = w ^ (kOnes * '\\');
  const uint64_t backslash = (b - kOnes) & ~b;
  return ((w | below_space | del | quote | backslash) & kHighs) == 0;
}

inline bool plain_byte(unsigned char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; }

}  // namespace

RecordWriter::RecordWriter(std::string* out) : out_(out), p_(out->data() + out->size()), end_(p_) {}

void RecordWriter::grow(size_t n) {
  // The new bytes are zero-filled by resize(): growing by a quarter more than is written so far
  // (at least 4 KiB) keeps that to about one pass over the output.
  const size_t used = static_cast<size_t>(p_ - out_->data());
  out_->resize(used + n + std::max<size_t>(4096, used / 4));
  p_ = out_->data() + used;
  end_ = out_->data() + out_->size();
}

void RecordWriter::finish() {
  out_->resize(static_cast<size_t>(p_ - out_->data()));
  p_ = end_ = out_->data() + out_->size();
}

void RecordWriter::raw(std::string_view s) {
  ensure(s.size());
  std::memcpy(p_, s.data(), s.size());
  p_ += s.size();
}

void RecordWriter::string(std::string_view s) {
  ensure(6 * s.size() + 2);
  p_ = write_json_string_valid(p_, s);
}

void RecordWriter::string_or_null(std::string_view s) {
  if (s.empty()) {
    literal("null");
  } else {
    string(s);
  }
}

bool RecordWriter::plain_string_or_null(std::string_view s) {
  const size_t n = s.size();
  if (n == 0) {
    literal("null");
    return true;
  }
  // Checked and copied in one pass into the room ahead; p_ moves only if all was plain.
  ensure(n + 2 + 16);
  const char* src = s.data();
  char* d = p_ + 1;
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i printable_span = _mm_set1_epi8(0x7E - 0x20);
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  auto plain16 = [&](size_t at) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + at));
    const __m128i from_space = _mm_sub_epi8(v, space);
    const __m128i printable = _mm_cmpeq_epi8(_mm_min_epu8(from_space, printable_span), from_space);
    const __m128i special = _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash));
    if (_mm_movemask_epi8(_mm_andnot_si128(special, printable)) != 0xFFFF) return false;
    _mm_storeu_si128(reinterpret_cast<__m128i*>(d + at), v);
    return true;
  };
  for (; i + 16 <= n; i += 16) {
    if (!plain16(i)) return false;
  }
  // The rest as the last 16 bytes, overlapping what was checked: no byte-wise tail.
  if (i < n && n >= 16) {
    if (!plain16(n - 16)) return false;
    i = n;
  }
#endif
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, src + i, 8);
    if (!plain_word(w)) return false;
    std::memcpy(d + i, &w, 8);
  }
  for (; i < n; ++i) {
    if (!plain_byte(static_cast<unsigned char>(src[i]))) return false;
    d[i] = src[i];
  }
  p_[0] = '"';
  p_[n + 1] = '"';
  p_ += n + 2;
  return true;
}

void RecordWriter::uint(uint64_t v) {
  // The digits end at buf + 24; 24 bytes from the first digit on are stored in one fixed-size
  // copy (three moves, no call), and p_ advances by the digits only.
  char buf[48];
  char* q = buf + 24;
  do {
    *--q = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  ensure(24);
  std::memcpy(p_, q, 24);
  p_ += buf + 24 - q;
}

void RecordWriter::time(EpochMillis t) {
  const CivilTime c = civil_from_millis(t);
  if (c.year < 0 || c.year > 9999) {
    byte('"');
    raw(format_rfc3339(t));
    byte('"');
    return;
  }
  ensure(32);
  char* b = p_;
  b[0] = '"';
  put_2(c.year / 100, b + 1);
  put_2(c.year % 100, b + 3);
  b[5] = '-';
  put_2(c.month, b + 6);
  b[8] = '-';
  put_2(c.day, b + 9);
  b[11] = 'T';
  put_2(c.hour, b + 12);
  b[14] = ':';
  put_2(c.minute, b + 15);
  b[17] = ':';
  put_2(c.second, b + 18);
  size_t n = 20;
  if (c.millis != 0) {
    b[n++] = '.';
    b[n++] = static_cast<char>('0' + c.millis / 100);
    put_2(c.millis % 100, b + n);
    n += 2;
  }
  b[n++] = 'Z';
  b[n++] = '"';
  p_ += n;
}

}  // namespace pantau::normalize
