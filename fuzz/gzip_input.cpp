// Gzip input (any operand, sniffed by its magic bytes): members, junk, truncation, bombs.
// A line may not be longer than the reader's maximum, whatever the compression ratio.
#include <cstdlib>

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > pantau::fuzz::kMaxInput) return 0;
  const std::string path =
      pantau::fuzz::scratch_file("input.gz", pantau::fuzz::as_text(data, size));
  constexpr size_t kMaxLine = 1 << 16;
  pantau::LineReader reader({path}, kMaxLine);
  pantau::Line line;
  size_t total = 0;
  for (;;) {
    auto r = reader.next(&line);
    if (!r) {
      if (r.error().code == pantau::Error::Code::kIo) break;
      continue;
    }
    if (!*r) break;
    if (line.text.size() > kMaxLine) std::abort();
    total += line.text.size();
    if (total > (size_t{64} << 20)) break;  // a bomb of short lines: enough read
  }
  return 0;
}
