#include "pantau/classify/lexicon.h"

#include "pantau/classify/file_util.h"
#include "pantau/utf8.h"

namespace pantau::classify {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// Drops a trailing comment: '#' at the start or after a space ("#pemilu2024" inside a term
// stays a term only when it starts the line... so hashtags are written without '#').
std::string_view strip_comment(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) return s.substr(0, i);
  }
  return s;
}

std::string check_term(std::string_view t) {
  if (t.empty()) return "empty term";
  if (!is_valid_utf8(t)) return "term is not valid UTF-8";
  if (t.front() == ' ' || t.back() == ' ') return "term starts or ends with a space";
  for (size_t i = 0; i < t.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (c < 0x20 || c == 0x7f) return "term contains a control character";
    if (c >= 'A' && c <= 'Z') return "term \"" + std::string(t) + "\" has uppercase letters";
    if (c == ' ' && i + 1 < t.size() && t[i + 1] == ' ') return "term has a double space";
  }
  return {};
}

}  // namespace

Result<std::vector<std::string>> expand_braces(std::string_view entry, size_t max_terms) {
  if (entry.size() > kMaxEntryBytes) {
    return Error::invalid("entry of " + std::to_string(entry.size()) + " bytes, over the " +
                          std::to_string(kMaxEntryBytes) + " a term may have");
  }
  std::vector<std::string> out{std::string()};
  size_t i = 0;
  while (i < entry.size()) {
    char c = entry[i];
    if (c == '}') return Error::invalid("unbalanced '}'");
    if (c != '{') {
      size_t j = i;
      while (j < entry.size() && entry[j] != '{' && entry[j] != '}') ++j;
      for (auto& s : out) s.append(entry.substr(i, j - i));
      i = j;
      continue;
    }
    size_t close = entry.find_first_of("{}", i + 1);
    if (close == std::string_view::npos || entry[close] != '}') {
      return Error::invalid(close == std::string_view::npos ? "unbalanced '{'"
                                                            : "nested '{' is not supported");
    }
    std::string_view group = entry.substr(i + 1, close - i - 1);
    if (group.empty()) return Error::invalid("empty brace group '{}'");
    std::vector<std::string_view> alts;
    size_t start = 0;
    for (size_t k = 0; k <= group.size(); ++k) {
      if (k == group.size() || group[k] == ',') {
        alts.push_back(group.substr(start, k - start));
        start = k + 1;
      }
    }
    if (out.size() * alts.size() > max_terms) {
      return Error::invalid("line expands to more than " + std::to_string(max_terms) + " terms");
    }
    std::vector<std::string> next;
    next.reserve(out.size() * alts.size());
    for (const auto& s : out) {
      for (auto a : alts) next.push_back(s + std::string(a));
    }
    out.swap(next);
    i = close + 1;
  }
  return out;
}

Result<std::vector<std::string>> expand_entry(std::string_view entry) {
  std::string_view body = trim(entry);
  if (!is_valid_utf8(body)) return Error::invalid("line is not valid UTF-8");
  auto expanded = expand_braces(body);
  if (!expanded) return expanded.error();
  std::vector<std::string> out;
  for (auto& t : *expanded) {
    std::string_view term = trim(t);
    std::string problem = check_term(term);
    if (!problem.empty()) return Error::invalid(problem);
    out.emplace_back(term);
  }
  return out;
}

Result<std::vector<LexiconEntry>> parse_lexicon(std::string_view contents, std::string_view name) {
  std::vector<LexiconEntry> entries;
  if (contents.substr(0, 3) == "\xEF\xBB\xBF") contents.remove_prefix(3);  // BOM
  uint32_t lineno = 0;
  size_t pos = 0;
  while (pos < contents.size()) {
    size_t nl = contents.find('\n', pos);
    if (nl == std::string_view::npos) nl = contents.size();
    std::string_view line = contents.substr(pos, nl - pos);
    pos = nl + 1;
    ++lineno;
    std::string_view body = trim(strip_comment(line));
    if (body.empty()) continue;
    auto where = [&](const std::string& m) {
      return Error::invalid(std::string(name) + ":" + std::to_string(lineno) + ": " + m);
    };
    auto expanded = expand_entry(body);
    if (!expanded) return where(expanded.error().message);
    for (auto& t : *expanded) entries.push_back({std::move(t), lineno});
  }
  return entries;
}

Result<std::vector<LexiconEntry>> load_lexicon(const std::string& path,
                                               std::string_view display_name) {
  std::string shown = display_name.empty() ? path : std::string(display_name);
  auto contents = read_file(path);
  if (!contents) return contents.error();
  return parse_lexicon(*contents, shown);
}

}  // namespace pantau::classify
