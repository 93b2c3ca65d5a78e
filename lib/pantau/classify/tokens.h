// Word tokens of normalized text, shared by hoax shingling and the model's features.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace pantau::classify {

struct Token {
  uint32_t begin = 0;  // byte range in the normalized text
  uint32_t end = 0;
};

// Splits `text` into runs of word bytes (morphology.h: is_word_byte) and runs of non-ASCII
// bytes (emoji and other symbols carry meaning in posts); punctuation and spaces separate them.
void tokenize(std::string_view text, std::vector<Token>* out);

// 64-bit FNV-1a, then a finalizer so that low bits are well mixed for bucket masks.
uint64_t hash_bytes(std::string_view s, uint64_t seed = 0);

}  // namespace pantau::classify
