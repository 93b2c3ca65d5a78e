// clean_text(): the post's `text` field (text_normalizer.h).
#include <simdjson.h>

#include "pantau/text/text_normalizer.h"
#include "pantau/utf8.h"

namespace pantau::text {

size_t clean_text(std::string_view raw, std::string* out, FoldScratch* scratch) {
  // The simple path of the NFC fold copies printable ASCII sixteen bytes at a time and checks
  // every other sequence as it decodes it: well-formed text without combining marks (nearly
  // all text, emoji included) is done in one pass.
  if (fold_text_simple(raw, FoldMode::kNfc, scratch, out, nullptr, nullptr)) return 0;
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
