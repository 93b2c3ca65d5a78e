#include "pantau/text/byte_masks.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>

namespace pantau::text {
namespace {

// `s` with the zero padding compute() requires behind it (inside the string's capacity).
std::string_view padded(std::string* s) {
  const size_t n = s->size();
  s->resize(n + ByteMasks::kPadding);
  s->resize(n);
  return *s;
}

bool bit(const ByteMasks& m, uint64_t ByteMaskBlock::*f, size_t i) {
  return ((m.blocks()[i >> 6].*f >> (i & 63)) & 1) != 0;
}

TEST_CASE("byte masks follow their definitions - simd and scalar alike") {
  const std::string alphabet = "aaabAZ09 \x80\xF0\x9F.@#wk";
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1), len(0, 200);
  for (int iter = 0; iter < 3000; ++iter) {
    std::string s;
    for (size_t k = len(rng); k > 0; --k) s.push_back(alphabet[pick(rng)]);
    const std::string_view v = padded(&s);
    ByteMasks simd, scalar;
    simd.compute(v);
    scalar.compute_scalar(v);
    REQUIRE(simd.blocks().size() == scalar.blocks().size());
    const auto at = [&](size_t i) -> unsigned char { return i < s.size() ? s[i] : 0; };
    for (size_t i = 0; i < s.size(); ++i) {
      const unsigned char c = at(i);
      const bool digit = c >= '0' && c <= '9';
      const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      for (const ByteMasks* m : {&simd, &scalar}) {
        INFO("input: " << s << " at " << i);
        REQUIRE(bit(*m, &ByteMaskBlock::word, i) == (letter || digit));
        REQUIRE(bit(*m, &ByteMaskBlock::digit, i) == digit);
        REQUIRE(bit(*m, &ByteMaskBlock::space, i) == (c == ' '));
        REQUIRE(bit(*m, &ByteMaskBlock::high, i) == (c >= 0x80));
        REQUIRE(bit(*m, &ByteMaskBlock::triple, i) == (c == at(i + 1) && c == at(i + 2)));
        REQUIRE(bit(*m, &ByteMaskBlock::skip2, i) == (c == at(i + 2)));
      }
    }
    // The padding reads as no word, no space: searches stop at the end.
    CHECK(simd.next_clear<&ByteMaskBlock::word>(s.size()) == s.size());
    CHECK(simd.next_clear<&ByteMaskBlock::space>(s.size()) == s.size());
  }
}

TEST_CASE("byte mask ranges and searches cross block boundaries") {
  std::string s(200, 'a');
  s[70] = ' ';
  s[150] = '1';
  ByteMasks m;
  m.compute(padded(&s));
  CHECK(m.next_clear<&ByteMaskBlock::word>(0) == 70);
  CHECK(m.next_clear<&ByteMaskBlock::word>(71) == 200);
  CHECK(m.next_clear<&ByteMaskBlock::space>(70) == 71);
  CHECK(m.any<&ByteMaskBlock::digit>(71, 200));
  CHECK_FALSE(m.any<&ByteMaskBlock::digit>(71, 150));
  CHECK(m.any<&ByteMaskBlock::digit>(150, 151));
  CHECK(m.all<&ByteMaskBlock::word>(0, 70));
  CHECK_FALSE(m.all<&ByteMaskBlock::word>(0, 71));
  CHECK(m.all<&ByteMaskBlock::word>(71, 200));
  CHECK(m.all<&ByteMaskBlock::word>(5, 5));
  CHECK_FALSE(m.any<&ByteMaskBlock::word>(5, 5));
  CHECK(m.test<&ByteMaskBlock::triple>(62));  // "aaa" across the first block boundary
  CHECK_FALSE(m.test<&ByteMaskBlock::triple>(68));
}

}  // namespace
}  // namespace pantau::text
