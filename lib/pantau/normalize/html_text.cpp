#include "pantau/normalize/html_text.h"

#include <algorithm>
#include <charconv>

#include "pantau/utf8.h"

namespace pantau::normalize {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (lower(s[i]) != prefix[i]) return false;
  }
  return true;
}

struct NamedEntity {
  std::string_view name;
  std::string_view text;
};
constexpr NamedEntity kEntities[] = {
    {"amp", "&"},
    {"lt", "<"},
    {"gt", ">"},
    {"quot", "\""},
    {"apos", "'"},
    {"nbsp", "\xC2\xA0"},
    {"hellip", "\xE2\x80\xA6"},
    {"mdash", "\xE2\x80\x94"},
    {"ndash", "\xE2\x80\x93"},
    {"laquo", "\xC2\xAB"},
    {"raquo", "\xC2\xBB"},
    {"copy", "\xC2\xA9"},
};

}  // namespace

void decode_entities(std::string_view s, std::string* out) {
  size_t i = 0;
  while (i < s.size()) {
    size_t amp = s.find('&', i);
    if (amp == std::string_view::npos) {
      out->append(s.substr(i));
      return;
    }
    out->append(s.substr(i, amp - i));
    // An entity is at most 12 bytes: looking no further keeps text full of '&' linear.
    size_t semi = s.substr(0, std::min(s.size(), amp + 13)).find(';', amp);
    i = amp + 1;
    if (semi == std::string_view::npos) {
      out->push_back('&');
      continue;
    }
    std::string_view ref = s.substr(amp + 1, semi - amp - 1);
    if (!ref.empty() && ref[0] == '#') {
      uint32_t cp = 0;
      const bool hex = ref.size() > 1 && (ref[1] == 'x' || ref[1] == 'X');
      std::string_view digits = ref.substr(hex ? 2 : 1);
      auto [end, ec] =
          std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
      if (ec == std::errc() && end == digits.data() + digits.size() && !digits.empty()) {
        append_utf8(cp == 0 ? 0xFFFD : static_cast<char32_t>(cp), out);
        i = semi + 1;
        continue;
      }
    } else {
      bool found = false;
      for (const auto& e : kEntities) {
        if (e.name == ref) {
          out->append(e.text);
          found = true;
          break;
        }
      }
      if (found) {
        i = semi + 1;
        continue;
      }
    }
    out->push_back('&');
  }
}

std::string attribute(std::string_view tag, std::string_view name) {
  size_t i = 0;
  while ((i = tag.find(name, i)) != std::string_view::npos) {
    const bool starts = i > 0 && (tag[i - 1] == ' ' || tag[i - 1] == '\t' || tag[i - 1] == '\n');
    size_t j = i + name.size();
    while (j < tag.size() && tag[j] == ' ') ++j;
    if (!starts || j >= tag.size() || tag[j] != '=') {
      i += name.size();
      continue;
    }
    ++j;
    while (j < tag.size() && tag[j] == ' ') ++j;
    std::string out;
    if (j < tag.size() && (tag[j] == '"' || tag[j] == '\'')) {
      size_t close = tag.find(tag[j], j + 1);
      if (close == std::string_view::npos) close = tag.size();
      decode_entities(tag.substr(j + 1, close - j - 1), &out);
    } else {
      size_t k = j;
      while (k < tag.size() && tag[k] != ' ' && tag[k] != '>' && tag[k] != '/') ++k;
      decode_entities(tag.substr(j, k - j), &out);
    }
    return out;
  }
  return {};
}

void html_to_text(std::string_view html, std::string* out, std::vector<std::string>* links) {
  size_t i = 0;
  bool paragraph_seen = false;
  while (i < html.size()) {
    size_t lt = html.find('<', i);
    if (lt == std::string_view::npos) lt = html.size();
    decode_entities(html.substr(i, lt - i), out);
    if (lt == html.size()) break;
    size_t gt = html.find('>', lt);
    if (gt == std::string_view::npos) {  // a stray '<': keep it as text
      decode_entities(html.substr(lt), out);
      break;
    }
    std::string_view tag = html.substr(lt, gt - lt + 1);
    std::string_view body = tag.substr(1);
    if (starts_with_ci(body, "br")) {
      out->push_back('\n');
    } else if (starts_with_ci(body, "p") && (body.size() < 2 || body[1] == '>' || body[1] == ' ')) {
      if (paragraph_seen) out->append("\n\n");
      paragraph_seen = true;
    } else if (links && starts_with_ci(body, "a ")) {
      std::string href = attribute(tag, "href");
      if (!href.empty()) links->push_back(std::move(href));
    }
    i = gt + 1;
  }
}

}  // namespace pantau::normalize
