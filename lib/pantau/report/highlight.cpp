#include "pantau/report/highlight.h"

#include <algorithm>
#include <utility>

#include "pantau/utf8.h"

namespace pantau::report {

std::vector<TextPiece> highlight(const Finding& f) {
  const std::string_view text = f.text;
  const auto cps = static_cast<int64_t>(count_code_points(text));
  std::vector<std::pair<int64_t, int64_t>> spans;
  for (const auto& l : f.labels) {
    for (const auto& e : l.evidence) {
      // Spans in the title are quoted in the evidence list; only the text's are marked here.
      if (in_title(e)) continue;
      if (e.start >= 0 && e.start < e.end && e.end <= cps) spans.emplace_back(e.start, e.end);
    }
  }
  std::sort(spans.begin(), spans.end());
  std::vector<std::pair<int64_t, int64_t>> merged;
  for (const auto& s : spans) {
    if (!merged.empty() && s.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, s.second);
    } else {
      merged.push_back(s);
    }
  }
  // One forward pass turns code-point offsets into byte offsets.
  std::vector<TextPiece> pieces;
  size_t byte = 0;
  int64_t cp = 0;
  auto advance_to = [&](int64_t target) {
    while (cp < target && byte < text.size()) {
      (void)decode_utf8(text, &byte);
      ++cp;
    }
    return byte;
  };
  size_t prev = 0;
  for (const auto& [start, end] : merged) {
    const size_t b0 = advance_to(start);
    const size_t b1 = advance_to(end);
    if (b0 > prev) pieces.push_back({text.substr(prev, b0 - prev), false});
    pieces.push_back({text.substr(b0, b1 - b0), true});
    prev = b1;
  }
  if (prev < text.size()) pieces.push_back({text.substr(prev), false});
  return pieces;
}

bool span_matches(std::string_view text, int64_t start, int64_t end, std::string_view quote) {
  if (quote.empty()) return true;
  if (start < 0 || end <= start) return false;
  const auto cps = static_cast<int64_t>(count_code_points(text));
  if (end > cps) return false;
  const size_t b0 = byte_offset_of_code_point(text, static_cast<size_t>(start));
  const size_t b1 = byte_offset_of_code_point(text, static_cast<size_t>(end));
  return text.substr(b0, b1 - b0) == quote;
}

}  // namespace pantau::report
