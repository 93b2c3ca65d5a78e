#include "pantau/report/text_escape.h"

namespace pantau::report {

void append_html_escaped(std::string_view s, std::string* out) {
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const char* rep = nullptr;
    switch (c) {
      case '&':
        rep = "&amp;";
        break;
      case '<':
        rep = "&lt;";
        break;
      case '>':
        rep = "&gt;";
        break;
      case '"':
        rep = "&quot;";
        break;
      case '\'':
        rep = "&#39;";
        break;
      default:
        if (c < 0x20 && c != '\n' && c != '\t') rep = "";
        if (c == 0x7F) rep = "";
    }
    if (rep == nullptr) continue;
    out->append(s.data() + run, i - run);
    out->append(rep);
    run = i + 1;
  }
  out->append(s.data() + run, s.size() - run);
}

namespace {

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

void append_markdown_escaped(std::string_view s, std::string* out) {
  // Escapes only what can start markup, so ordinary text stays readable in the raw file too.
  bool line_start = true;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const char next = i + 1 < s.size() ? s[i + 1] : '\0';
    const char prev = i > 0 ? s[i - 1] : '\0';
    bool escape = false;
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '[':
      case ']':
      case '<':
      case '>':
      case '|':
      case '~':
        escape = true;
        break;
      case '_':  // emphasis only at a word boundary ("money_politics" is safe)
        escape = !is_word_char(prev) || !is_word_char(next);
        break;
      case '&': {  // only an entity ("&lt;", "&#60;") could change the text
        size_t j = i + 1;
        if (j < s.size() && s[j] == '#') ++j;
        while (j < s.size() && is_word_char(s[j])) ++j;
        escape = j > i + 1 && j < s.size() && s[j] == ';';
        break;
      }
      case '#':
        escape = line_start;
        break;
      case '-':
      case '+':
      case '=':  // list items and setext underlines
        escape = line_start && (next == ' ' || next == '\0' || next == c);
        break;
      case '\n':
      case '\r':
      case '\t':
        out->push_back(' ');
        continue;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) continue;  // controls: dropped
        if (line_start && c >= '0' && c <= '9') {
          // "2024. Pilih" at a line start would become an ordered list: escape the dot.
          size_t j = i;
          while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
          out->append(s.data() + i, j - i);
          if (j < s.size() && (s[j] == '.' || s[j] == ')') &&
              (j + 1 == s.size() || s[j + 1] == ' ')) {
            out->push_back('\\');
            out->push_back(s[j]);
            ++j;
          }
          i = j - 1;
          line_start = false;
          continue;
        }
    }
    if (escape) out->push_back('\\');
    out->push_back(c);
    line_start = line_start && c == ' ';
  }
}

bool is_safe_url(std::string_view url) {
  auto starts = [&](std::string_view p) {
    if (url.size() < p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i) {
      char c = url[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != p[i]) return false;
    }
    return true;
  };
  if (!starts("https://") && !starts("http://")) return false;
  for (const char ch : url) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' ||
        c == '`') {
      return false;
    }
  }
  return true;
}

std::string excerpt(std::string_view s, size_t max_code_points) {
  std::string out;
  size_t cps = 0;
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = 1;
    if (c >= 0xF0) {
      len = 4;
    } else if (c >= 0xE0) {
      len = 3;
    } else if (c >= 0xC0) {
      len = 2;
    }
    if (cps == max_code_points) {
      out.append("\xE2\x80\xA6");  // …
      return out;
    }
    if (c == '\n' || c == '\r' || c == '\t') {
      if (out.empty() || out.back() != ' ') out.push_back(' ');
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
    ++cps;
  }
  return out;
}

}  // namespace pantau::report
