// Splits a post's text into plain and highlighted pieces from its evidence spans, so renderers
// can mark the matched words (<mark> in HTML, **bold** in Markdown).
//
// Spans are code-point offsets into the NFC `text` (man/pantau-records.5). Spans that are empty,
// reversed or run past the text are ignored (the evidence list still quotes them); overlapping and
// touching spans are merged.
#pragma once

#include <string_view>
#include <vector>

#include "pantau/report/finding.h"

namespace pantau::report {

struct TextPiece {
  std::string_view text;  // a view into the finding's text
  bool marked = false;
};

std::vector<TextPiece> highlight(const Finding& f);

// True when the span [start, end) lies inside `text` (code points) and quotes `quote` exactly, or
// `quote` is empty. Renderers flag evidence whose quote does not match the text it points into.
bool span_matches(std::string_view text, int64_t start, int64_t end, std::string_view quote);

// True when `e` lies in the post's title (classify read the title with the text).
inline bool in_title(const Evidence& e) { return e.field == "title"; }

// span_matches() against the field the evidence points into (text or title).
inline bool evidence_matches(const Finding& f, const Evidence& e) {
  return span_matches(in_title(e) ? f.title : f.text, e.start, e.end, e.text);
}

}  // namespace pantau::report
