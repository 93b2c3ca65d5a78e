#include "pantau/classify/tokens.h"

#include "pantau/classify/morphology.h"

namespace pantau::classify {

void tokenize(std::string_view text, std::vector<Token>* out) {
  out->clear();
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (is_word_byte(c)) {
      size_t j = i + 1;
      while (j < n && is_word_byte(static_cast<unsigned char>(text[j]))) ++j;
      out->push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(j)});
      i = j;
    } else if (c >= 0x80) {
      size_t j = i + 1;
      while (j < n && static_cast<unsigned char>(text[j]) >= 0x80) ++j;
      out->push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(j)});
      i = j;
    } else {
      ++i;
    }
  }
}

uint64_t hash_bytes(std::string_view s, uint64_t seed) {
  uint64_t h = 1469598103934665603ull ^ (seed * 0x9E3779B97F4A7C15ull);
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  // murmur3 fmix64
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

}  // namespace pantau::classify
