// The NDJSON line reader: line ends, CR, blank lines, over-long lines, invalid UTF-8. Checks
// the padding promise and that every line is valid UTF-8 once read.
#include <cstdlib>

#include "fuzz_support.h"
#include "pantau/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > pantau::fuzz::kMaxInput) return 0;
  pantau::fuzz::for_each_line(pantau::fuzz::as_text(data, size), 4096, [](const pantau::Line& l) {
    if (l.capacity < l.text.size() + simdjson::SIMDJSON_PADDING) std::abort();
    if (!pantau::is_valid_utf8(l.text)) std::abort();
  });
  return 0;
}
