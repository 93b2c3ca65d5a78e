// clean_text(): the post's `text` field (text_normalizer.h).
#include <simdjson.h>

#include <cstdint>
#include <cstring>

#include "pantau/text/text_normalizer.h"
#include "pantau/utf8.h"

namespace pantau::text {

size_t clean_text(std::string_view raw, std::string* out, FoldScratch* scratch) {
  // Most strings are printable ASCII throughout: copy them as they are. Eight bytes at a time:
  // a word is plain when no byte is >= 0x7f or < 0x20 (SWAR); words with \n or \t are checked
  // byte by byte.
  bool plain = true;
  size_t i = 0;
  for (; i + 8 <= raw.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, raw.data() + i, 8);
    const uint64_t high = w & 0x8080808080808080ULL;
    const uint64_t below = (w - 0x2020202020202020ULL) & ~w & 0x8080808080808080ULL;
    const uint64_t del = ((w ^ 0x7F7F7F7F7F7F7F7FULL) - 0x0101010101010101ULL) &
                         ~(w ^ 0x7F7F7F7F7F7F7F7FULL) & 0x8080808080808080ULL;
    if ((high | below | del) != 0) break;
  }
  for (; i < raw.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(raw[i]);
    if (c >= 0x7f || (c < 0x20 && c != '\n' && c != '\t')) {
      plain = false;
      break;
    }
  }
  if (plain) {
    out->append(raw);
    return 0;
  }
  std::string repaired;
  size_t replacements = 0;
  if (!simdjson::validate_utf8(raw.data(), raw.size())) {  // SIMD; pantau::is_valid_utf8 is not
    replacements = append_repaired_utf8(raw, &repaired);
    raw = repaired;
  }
  fold_text(raw, FoldMode::kNfc, scratch, out, nullptr, nullptr);
  return replacements;
}

std::string clean_text(std::string_view raw) {
  FoldScratch scratch;
  std::string out;
  clean_text(raw, &out, &scratch);
  return out;
}

}  // namespace pantau::text
