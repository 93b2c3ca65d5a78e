#include "pantau/classify/toml_key_depth.h"

#include <vector>

namespace pantau::classify::tomlu {
namespace {

// Index just past the string opening at `i` (a basic or literal, one-line or multi-line string),
// counting the newlines it spans into *line.
size_t skip_string(std::string_view s, size_t i, size_t* line) {
  const char q = s[i];
  const bool multi = s.substr(i, 3) == std::string_view(q == '"' ? "\"\"\"" : "'''");
  const size_t open = multi ? 3 : 1;
  for (size_t j = i + open; j < s.size(); ++j) {
    const char c = s[j];
    if (c == '\n') {
      ++*line;
      if (!multi) return j;  // unterminated: toml++ says so
    } else if (c == '\\' && q == '"') {
      if (j + 1 < s.size() && s[j + 1] == '\n') ++*line;
      ++j;
    } else if (c == q && (!multi || s.substr(j, 3) == s.substr(i, 3))) {
      return j + open;
    }
  }
  return s.size();
}

}  // namespace

Status check_key_depth(std::string_view s, const std::string& name, size_t max_parts) {
  std::vector<char> nesting;  // '[' (array value) and '{' (inline table) still open
  bool in_key = true;         // a key starts at a line start, after '{' and after ',' in '{'
  bool in_header = false;     // inside a [table] or [[array]] header's brackets
  size_t parts = 1, line = 1;
  for (size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == '\n') {
      ++line;
      ++i;
      if (nesting.empty()) {
        in_key = true;
        in_header = false;
        parts = 1;
      }
      continue;
    }
    if (c == '#') {
      while (i < s.size() && s[i] != '\n') ++i;
      continue;
    }
    if (c == '"' || c == '\'') {
      i = skip_string(s, i, &line);
      continue;
    }
    if (in_key || in_header) {
      if (c == '.') {
        if (++parts > max_parts) {
          return Error::invalid(name + ":" + std::to_string(line) + ": a key has more than " +
                                std::to_string(max_parts) + " dotted parts");
        }
      } else if (c == '=' && !in_header) {
        in_key = false;
      } else if (c == '[' && nesting.empty() && !in_header) {
        in_header = true;  // [table] or [[array of tables]]: the key follows
        in_key = false;
      } else if (c == ']' && in_header) {
        in_header = false;
      } else if (c == '}' && !nesting.empty()) {  // an empty inline table {}
        nesting.pop_back();
        in_key = false;
      }
      ++i;
      continue;
    }
    // A value.
    if (c == '[' || c == '{') {
      if (nesting.size() > 1024) return {};  // toml++ stops this far sooner (256)
      nesting.push_back(c);
      if (c == '{') {
        in_key = true;
        parts = 1;
      }
    } else if ((c == ']' || c == '}') && !nesting.empty()) {
      nesting.pop_back();
    } else if (c == ',' && !nesting.empty() && nesting.back() == '{') {
      in_key = true;
      parts = 1;
    }
    ++i;
  }
  return {};
}

}  // namespace pantau::classify::tomlu
