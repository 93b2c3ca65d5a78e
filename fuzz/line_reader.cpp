// The NDJSON line reader: line ends, CR, blank lines, over-long lines, invalid UTF-8. Checks
// the padding promise and that every line is valid UTF-8 once read. Then the same bytes with
// glued JSON values cut apart (as normalize reads them, here from 16 bytes on instead of 1 MiB):
// the pieces of each line, joined, must be that line, white space aside.
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "pantau/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > pantau::fuzz::kMaxInput) return 0;
  const std::string_view bytes = pantau::fuzz::as_text(data, size);
  const auto squeeze = [](std::string_view s) {
    std::string t;
    for (char c : s) {
      if (c != ' ' && c != '\t' && c != '\r') t.push_back(c);
    }
    return t;
  };
  std::vector<std::pair<uint64_t, std::string>> whole, cut;
  bool whole_failed = false, cut_failed = false;
  {
    pantau::LineReader reader(pantau::memory_source(std::string(bytes), "fuzz.ndjson"), 4096);
    pantau::Line l;
    for (;;) {
      auto r = reader.next(&l);
      if (!r) {
        whole_failed = true;
        continue;
      }
      if (!*r) break;
      if (l.capacity < l.text.size() + simdjson::SIMDJSON_PADDING) std::abort();
      if (!pantau::is_valid_utf8(l.text)) std::abort();
      if (l.continued) std::abort();  // only a cutting reader continues a line
      whole.emplace_back(l.number, squeeze(l.text));
    }
  }
  {
    pantau::LineReader reader(pantau::memory_source(std::string(bytes), "fuzz.ndjson"), 4096);
    reader.cut_between_json_values(true, 16);
    pantau::Line l;
    for (;;) {
      auto r = reader.next(&l);
      if (!r) {
        cut_failed = true;
        continue;
      }
      if (!*r) break;
      if (l.capacity < l.text.size() + simdjson::SIMDJSON_PADDING) std::abort();
      if (!pantau::is_valid_utf8(l.text)) std::abort();
      // (After an error the piece before may be the one refused.)
      if (!cut_failed && l.continued != (!cut.empty() && cut.back().first == l.number)) {
        std::abort();
      }
      if (l.continued && !cut.empty() && cut.back().first == l.number) {
        cut.back().second += squeeze(l.text);
      } else {
        cut.emplace_back(l.number, squeeze(l.text));
      }
    }
  }
  // A cut line can only be shorter than the limit where the whole one was not; without errors
  // both readers must agree (a piece of white space only is skipped like a blank line).
  if (!whole_failed && !cut_failed) {
    std::erase_if(cut, [](const auto& p) { return p.second.empty(); });
    if (cut != whole) std::abort();
  }
  return 0;
}
