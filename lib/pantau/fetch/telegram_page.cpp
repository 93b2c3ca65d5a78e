#include "pantau/fetch/telegram_page.h"

#include <gumbo.h>

#include <algorithm>
#include <charconv>
#include <memory>

#include "pantau/fetch/url.h"

namespace pantau::fetch {
namespace {

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Elements that never have content (HTML5 §13.1.2): no end tag, no nesting.
bool is_void_element(std::string_view name) {
  static constexpr std::string_view kVoid[] = {"area",  "base",   "br",    "col",  "embed",
                                               "hr",    "img",    "input", "link", "meta",
                                               "param", "source", "track", "wbr",  "keygen"};
  return std::find(std::begin(kVoid), std::end(kVoid), name) != std::end(kVoid);
}

// Elements whose content is raw text up to their end tag.
bool is_raw_text_element(std::string_view name) {
  return name == "script" || name == "style" || name == "textarea" || name == "title" ||
         name == "xmp" || name == "iframe" || name == "noembed" || name == "noframes";
}

// Position after the '>' closing the tag whose attributes start at `from` (just after the tag
// name), read as the HTML tokenizer reads them: a quote opens a value only where a value begins
// (after '=' and any spaces); anywhere else it is part of a name or of an unquoted value. A
// looser rule (any quote opens a string) lets `<div class="a="b">` swallow the rest of the page
// as one "string", so that thousands of unclosed <div>s looked flat to the estimate while gumbo,
// which is quadratic in the nesting, nested every one (a fuzzing finding, issue #16).
// html.size() when the tag does not end.
size_t tag_end(std::string_view html, size_t from, bool* self_closing) {
  enum class State { kBeforeName, kName, kAfterName, kBeforeValue, kQuoted, kUnquoted, kSlash };
  State state = State::kBeforeName;
  char quote = 0;
  *self_closing = false;
  for (size_t i = from; i < html.size(); ++i) {
    const char c = html[i];
    const bool space = is_ascii_space(c);
    switch (state) {
      case State::kQuoted:
        if (c == quote) state = State::kBeforeName;  // (after the value: as before a name)
        continue;
      case State::kUnquoted:
        if (space) state = State::kBeforeName;
        if (c == '>') return i + 1;
        continue;
      case State::kBeforeValue:
        if (space) continue;
        if (c == '"' || c == '\'') {
          quote = c;
          state = State::kQuoted;
          continue;
        }
        if (c == '>') return i + 1;
        state = State::kUnquoted;
        continue;
      case State::kName:
        if (c == '=') {
          state = State::kBeforeValue;
          continue;
        }
        if (!space && c != '/' && c != '>') continue;
        state = State::kAfterName;  // and read c there
        break;
      case State::kSlash:
        if (c == '>') {
          *self_closing = true;
          return i + 1;
        }
        state = State::kBeforeName;  // and read c there
        break;
      case State::kBeforeName:
      case State::kAfterName:
        break;
    }
    // Before or after an attribute name.
    if (space) continue;
    if (c == '/') {
      state = State::kSlash;
    } else if (c == '>') {
      return i + 1;
    } else if (c == '=' && state == State::kAfterName) {
      state = State::kBeforeValue;
    } else {
      state = State::kName;  // '=' before a name starts one, as quotes and '<' do
    }
  }
  return html.size();
}

bool has_class(const GumboElement& e, std::string_view token) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, "class");
  if (a == nullptr) return false;
  std::string_view list(a->value);
  size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && is_ascii_space(list[i])) ++i;
    size_t j = i;
    while (j < list.size() && !is_ascii_space(list[j])) ++j;
    if (list.substr(i, j - i) == token) return true;
    i = j;
  }
  return false;
}

std::string_view attribute(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a == nullptr ? std::string_view() : std::string_view(a->value);
}

std::optional<int64_t> parse_id(std::string_view s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty() || v <= 0) return std::nullopt;
  return v;
}

// "<channel>/<id>" -> the message, or nullopt when it is not that shape.
std::optional<TelegramMessage> message_of(std::string_view data_post) {
  const size_t slash = data_post.rfind('/');
  if (slash == std::string_view::npos || slash == 0) return std::nullopt;
  auto id = parse_id(data_post.substr(slash + 1));
  if (!id) return std::nullopt;
  TelegramMessage m;
  m.channel = std::string(data_post.substr(0, slash));
  m.id = *id;
  return m;
}

// Whether "</html>" (any case) comes last, give or take whitespace.
bool ends_with_html_end_tag(std::string_view html) {
  size_t end = html.size();
  while (end > 0 && is_ascii_space(html[end - 1])) --end;
  return end >= 7 && ascii_lower(html.substr(end - 7, 7)) == "</html>";
}

struct GumboDeleter {
  void operator()(GumboOutput* out) const { gumbo_destroy_output(&kGumboDefaultOptions, out); }
};

}  // namespace

int estimate_html_depth(std::string_view html) {
  int max_depth = 0, foreign = 0;
  // The names of the elements open, innermost last. An end tag closes the innermost element of
  // its name and those inside it; an end tag with no element of its name open is ignored, as an
  // HTML5 parser ignores it (counting it made `<div></b>` repeated look flat to this estimate,
  // while gumbo nested every div: issue #16). Bounded: the scan stops once past the page bound.
  std::vector<std::string> open_elements;
  size_t i = 0;
  while (i < html.size()) {
    const size_t lt = html.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= html.size()) break;
    const char c = html[lt + 1];
    if (html.substr(lt, 4) == "<!--") {
      const size_t end = html.find("-->", lt + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    bool self_closing = false;
    if (c == '!' || c == '?') {
      // A doctype or bogus comment ends at the first '>', quotes or not (as the tokenizer reads).
      const size_t gt = html.find('>', lt + 2);
      i = gt == std::string_view::npos ? html.size() : gt + 1;
      continue;
    }
    const bool closing = c == '/';
    size_t n = lt + (closing ? 2 : 1);
    if (n >= html.size() || !is_ascii_alpha(html[n])) {
      i = lt + 1;  // a '<' in text
      continue;
    }
    size_t name_end = n;
    while (name_end < html.size() && !is_ascii_space(html[name_end]) && html[name_end] != '>' &&
           html[name_end] != '/') {
      ++name_end;
    }
    const std::string name = ascii_lower(html.substr(n, std::min<size_t>(name_end - n, 16)));
    i = tag_end(html, name_end, &self_closing);
    if (closing) {
      auto match = std::find(open_elements.rbegin(), open_elements.rend(), name);
      if (match == open_elements.rend()) continue;
      for (auto it = open_elements.rbegin(); it != match + 1; ++it) {
        if (*it == "svg" || *it == "math") foreign = std::max(0, foreign - 1);
      }
      open_elements.erase(match.base() - 1, open_elements.end());
      continue;
    }
    if (is_void_element(name)) continue;
    // Self-closing is honoured only inside SVG and MathML; on an HTML element it opens it.
    if (self_closing && foreign > 0) continue;
    if (name == "svg" || name == "math") ++foreign;
    open_elements.push_back(name);
    max_depth = std::max(max_depth, static_cast<int>(open_elements.size()));
    if (max_depth > kMaxTelegramPageDepth) break;
    if (is_raw_text_element(name)) {
      const size_t end = html.find("</", i);
      // Raw text ends at its own end tag only; other "</" inside are text. An approximation
      // that errs towards skipping less.
      size_t at = end;
      while (at != std::string_view::npos &&
             ascii_lower(html.substr(at + 2, name.size())) != name) {
        at = html.find("</", at + 2);
      }
      i = at == std::string_view::npos ? html.size() : at;
    }
  }
  return max_depth;
}

Result<TelegramPage> parse_telegram_page(std::string_view html) {
  if (html.size() > kMaxTelegramPageBytes) {
    return Error::invalid("page of " + std::to_string(html.size()) + " bytes, over the " +
                          std::to_string(kMaxTelegramPageBytes) + " a t.me/s page may have");
  }
  if (estimate_html_depth(html) > kMaxTelegramPageDepth) {
    return Error::invalid("HTML nested more than " + std::to_string(kMaxTelegramPageDepth) +
                          " deep: not a t.me/s page");
  }
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // parse errors are not kept: a broken page would fill memory
  std::unique_ptr<GumboOutput, GumboDeleter> out(
      gumbo_parse_with_options(&options, html.data(), html.size()));
  TelegramPage page;
  page.complete = ends_with_html_end_tag(html);
  if (!out || out->root == nullptr) return page;

  // Depth-first over the tree with an explicit stack (the depth is bounded above, but a stack
  // of our own keeps the walk independent of it). Each entry carries the message it is inside
  // (-1: none) and whether it is inside that message's date link.
  struct Frame {
    const GumboNode* node;
    int message;
    bool in_date;
  };
  std::vector<Frame> stack{{out->root, -1, false}};
  while (!stack.empty()) {
    Frame f = stack.back();
    stack.pop_back();
    if (f.node->type != GUMBO_NODE_ELEMENT && f.node->type != GUMBO_NODE_TEMPLATE) continue;
    const GumboElement& e = f.node->v.element;
    if (e.tag == GUMBO_TAG_LINK && page.prev_before == std::nullopt) {
      if (ascii_lower(attribute(e, "rel")) == "prev") {
        const std::string href(attribute(e, "href"));
        const size_t q = href.find('?');
        if (q != std::string::npos) {
          page.prev_before = parse_id(query_value(std::string_view(href).substr(q + 1), "before"));
        }
      }
    } else if (has_class(e, "tgme_no_messages_found")) {
      page.no_messages_found = true;
    } else if (has_class(e, "tgme_channel_history")) {
      page.channel_history = true;
    }
    if (has_class(e, "tgme_widget_message")) {
      if (auto m = message_of(attribute(e, "data-post"))) {
        m->service = has_class(e, "service_message");
        page.messages.push_back(std::move(*m));
        f.message = static_cast<int>(page.messages.size()) - 1;
        f.in_date = false;
      }
    }
    if (f.message >= 0 && has_class(e, "tgme_widget_message_date")) f.in_date = true;
    if (f.in_date && e.tag == GUMBO_TAG_TIME) {
      TelegramMessage& m = page.messages[static_cast<size_t>(f.message)];
      if (m.time == 0) {
        auto t = parse_datetime(trim(attribute(e, "datetime")));
        if (t) m.time = *t;
      }
    }
    // Children in reverse so they are visited in document order.
    for (unsigned i = e.children.length; i > 0; --i) {
      stack.push_back(
          {static_cast<const GumboNode*>(e.children.data[i - 1]), f.message, f.in_date});
    }
  }
  return page;
}

}  // namespace pantau::fetch
