// Escaping for the report formats. Post text is hostile input: it may carry markup, scripts,
// spreadsheet formulas and control characters, and each output format neutralises them here.
#pragma once

#include <string>
#include <string_view>

namespace pantau::report {

// HTML text and attribute values: & < > " ' become entities; C0 controls other than \n and \t
// are dropped (they are invalid in HTML).
void append_html_escaped(std::string_view s, std::string* out);

// Markdown inline text (CommonMark/GFM): characters that could start markup are backslash-escaped
// (\ ` * [ ] < > | ~ always; _ at word boundaries; & before an entity name; at the start of the
// text # and list or underline markers), so text renders as written and never as links, HTML,
// tables or headings. Line breaks become spaces; other control characters are dropped.
void append_markdown_escaped(std::string_view s, std::string* out);

// True for an absolute http(s) URL that can be written into a link as is: no spaces, quotes,
// angle brackets, backslashes or control characters. Other schemes (javascript:, data:) are
// never linked.
bool is_safe_url(std::string_view url);

// The first `max_code_points` code points of valid UTF-8 `s`, with "…" appended when cut.
// Line breaks and tabs become spaces.
std::string excerpt(std::string_view s, size_t max_code_points);

}  // namespace pantau::report
