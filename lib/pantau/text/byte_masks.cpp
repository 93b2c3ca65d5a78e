// ByteMasks (byte_masks.h).
#include "pantau/text/byte_masks.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace pantau::text {

void ByteMasks::compute(std::string_view s) {
#if defined(__SSE2__)
  const size_t blocks = s.size() / 64 + 1;
  blocks_.resize(blocks);
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const __m128i case_bit = _mm_set1_epi8(0x20);
  const __m128i lower_a = _mm_set1_epi8('a');
  const __m128i zero = _mm_set1_epi8('0');
  const __m128i twenty_five = _mm_set1_epi8(25);
  const __m128i nine = _mm_set1_epi8(9);
  const __m128i space = _mm_set1_epi8(' ');
  // x <= limit, unsigned, per byte.
  auto at_most = [](__m128i x, __m128i limit) { return _mm_cmpeq_epi8(_mm_min_epu8(x, limit), x); };
  auto bits = [](__m128i m) {
    return static_cast<uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(m)));
  };
  for (size_t b = 0; b < blocks; ++b) {
    ByteMaskBlock& m = blocks_[b];
    m = ByteMaskBlock{};
    for (int c = 0; c < 4; ++c) {
      const unsigned char* q = p + 64 * b + 16 * static_cast<size_t>(c);
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
      const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q + 1));
      const __m128i after_next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q + 2));
      // Letters: (byte | 0x20) - 'a' <= 25 (bytes >= 0x80 and punctuation fall outside).
      const __m128i letter = at_most(_mm_sub_epi8(_mm_or_si128(v, case_bit), lower_a), twenty_five);
      const __m128i digit = at_most(_mm_sub_epi8(v, zero), nine);
      const int shift = 16 * c;
      m.word |= bits(_mm_or_si128(letter, digit)) << shift;
      m.digit |= bits(digit) << shift;
      m.space |= bits(_mm_cmpeq_epi8(v, space)) << shift;
      m.high |= bits(v) << shift;
      m.triple |= bits(_mm_cmpeq_epi8(v, next)) << shift;  // s[k] == s[k + 1] for now
      m.skip2 |= bits(_mm_cmpeq_epi8(v, after_next)) << shift;
    }
  }
  finish_triples();
#else
  compute_scalar(s);
#endif
}

void ByteMasks::compute_scalar(std::string_view s) {
  const size_t blocks = s.size() / 64 + 1;
  blocks_.resize(blocks);
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (size_t b = 0; b < blocks; ++b) {
    ByteMaskBlock& m = blocks_[b];
    m = ByteMaskBlock{};
    for (size_t k = 0; k < 64; ++k) {
      const size_t i = 64 * b + k;
      const unsigned char c = p[i];
      const uint64_t bit = uint64_t{1} << k;
      const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      const bool digit = c >= '0' && c <= '9';
      if (letter || digit) m.word |= bit;
      if (digit) m.digit |= bit;
      if (c == ' ') m.space |= bit;
      if (c >= 0x80) m.high |= bit;
      if (c == p[i + 1]) m.triple |= bit;  // s[k] == s[k + 1] for now
      if (c == p[i + 2]) m.skip2 |= bit;
    }
  }
  finish_triples();
}

void ByteMasks::finish_triples() {
  blocks_.emplace_back();  // the clear block behind the text, for window()
  // s[k] == s[k + 1] and s[k + 1] == s[k + 2]: the pair mask and itself shifted by one, with
  // the next block's first bit carried in.
  for (size_t b = 0; b + 1 < blocks_.size(); ++b) {
    const uint64_t pairs = blocks_[b].triple;
    const uint64_t next = blocks_[b + 1].triple;
    blocks_[b].triple = pairs & ((pairs >> 1) | (next << 63));
  }
}

}  // namespace pantau::text
