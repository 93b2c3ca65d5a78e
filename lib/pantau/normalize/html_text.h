// Just enough HTML for the platforms that send it: Mastodon's status `content`, YouTube's
// `textDisplay`, and Telegram's t.me/s pages. Not a general HTML parser: it reads the markup
// these services generate, tolerates anything else, and never fails.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pantau::normalize {

// Appends the text of an HTML fragment to *out: tags removed, <br> -> "\n", a paragraph break
// (</p><p>) -> "\n\n", character references (&amp; &#39; &#x1F44D; ...) decoded, and the links'
// targets collected into *links (when non-null) in order.
void html_to_text(std::string_view html, std::string* out,
                  std::vector<std::string>* links = nullptr);

// Decodes character references in an attribute value or text run and appends it to *out.
void decode_entities(std::string_view s, std::string* out);

// The value of attribute `name` in the start tag `tag` ("<a href=\"x\" class=y>"), decoded;
// empty when absent.
std::string attribute(std::string_view tag, std::string_view name);

}  // namespace pantau::normalize
