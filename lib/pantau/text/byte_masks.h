// Bit masks of byte classes over a text, one bit per byte, for TextNormalizer's word stage: with
// them a word's end, a run of spaces, and what the word rules need to know about a word (digits?
// non-ASCII? a letter repeated three times?) take a few bit operations per word instead of a loop
// per byte. Computed 16 bytes at a time with SSE2 (part of every x86-64), byte by byte elsewhere;
// tests/text/byte_masks_test.cpp checks both against the definitions below.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace pantau::text {

// The masks of 64 bytes; bit k stands for byte 64 * block + k.
struct ByteMaskBlock {
  uint64_t word = 0;    // ASCII letters and digits
  uint64_t digit = 0;   // ASCII digits
  uint64_t space = 0;   // ' '
  uint64_t high = 0;    // bytes >= 0x80
  uint64_t triple = 0;  // s[k] == s[k + 1] == s[k + 2]
  uint64_t skip2 = 0;   // s[k] == s[k + 2]
};

class ByteMasks {
 public:
  // Bytes after the text that compute() reads. They must be zero, so that the word, digit,
  // space and high bits of the padding are clear.
  static constexpr size_t kPadding = 80;

  // REQUIRES: s.data()[s.size()] to s.data()[s.size() + kPadding - 1] readable and zero.
  void compute(std::string_view s);
  // The same without SIMD (the reference, and the path on other architectures).
  void compute_scalar(std::string_view s);

  using Field = uint64_t ByteMaskBlock::*;

  template <Field F>
  bool test(size_t i) const {
    return ((blocks_[i >> 6].*F >> (i & 63)) & 1) != 0;
  }
  // Whether any bit / every bit of [b, e) is set (false / true for an empty range).
  template <Field F>
  bool any(size_t b, size_t e) const {
    for (; b < e; b = (b | 63) + 1) {
      if ((blocks_[b >> 6].*F & range_bits(b, e)) != 0) return true;
    }
    return false;
  }
  template <Field F>
  bool all(size_t b, size_t e) const {
    for (; b < e; b = (b | 63) + 1) {
      const uint64_t r = range_bits(b, e);
      if ((blocks_[b >> 6].*F & r) != r) return false;
    }
    return true;
  }
  // Bits i to i + 63 (bit 0 is byte i). REQUIRES: i <= the text's size.
  template <Field F>
  uint64_t window(size_t i) const {
    const size_t b = i >> 6;
    const unsigned shift = static_cast<unsigned>(i & 63);
    // The second shift is split in two so that shift == 0 does not shift by 64.
    return (blocks_[b].*F >> shift) | ((blocks_[b + 1].*F << 1) << (63 - shift));
  }
  // The first index >= i whose bit is clear. REQUIRES: i <= the text's size (the padding's
  // bits are clear for word, digit, space and high, so the search ends there).
  template <Field F>
  size_t next_clear(size_t i) const {
    for (;;) {
      const uint64_t clear = ~(blocks_[i >> 6].*F) >> (i & 63);
      if (clear != 0) return i + static_cast<size_t>(__builtin_ctzll(clear));
      i = (i | 63) + 1;
    }
  }

  // The blocks that cover the text, and one more, all clear (for window()).
  const std::vector<ByteMaskBlock>& blocks() const { return blocks_; }

 private:
  // The bits of [b, e) that lie in b's block.
  static uint64_t range_bits(size_t b, size_t e) {
    const size_t from = b & 63;
    const size_t to = (e - (b & ~size_t{63})) >= 64 ? 64 : e - (b & ~size_t{63});
    const uint64_t upto = to == 64 ? ~uint64_t{0} : (uint64_t{1} << to) - 1;
    return upto & (~uint64_t{0} << from);
  }
  void finish_triples();

  std::vector<ByteMaskBlock> blocks_;
};

}  // namespace pantau::text
