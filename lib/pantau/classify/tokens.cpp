#include "pantau/classify/tokens.h"

#include "pantau/classify/morphology.h"
#include "pantau/hash.h"

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

namespace {

// The basis of the feature hash is FNV's offset basis with its last digit lost
// (1469598103934665603, not 14695981039346656037), as the first version had it. Trained models
// keep their weights by these hashes and the cross-set split and the claim shingles are keyed
// by them, so it stays: "fixing" it would silently scramble every model trained before. The
// seed mixing and the fmix64 finaliser below make it as good a start as FNV's own.
constexpr uint64_t kFeatureHashBasis = 1469598103934665603ULL;

}  // namespace

uint64_t hash_bytes(std::string_view s, uint64_t seed) {
  uint64_t h = fnv1a64(s, kFeatureHashBasis ^ (seed * 0x9E3779B97F4A7C15ull));
  // murmur3 fmix64
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

}  // namespace pantau::classify
