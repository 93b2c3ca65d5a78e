#include "pantau/json_split.h"

namespace pantau {

size_t JsonSplitter::feed(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (in_string_) {
      if (escape_)
        escape_ = false;
      else if (c == '\\')
        escape_ = true;
      else if (c == '"')
        in_string_ = false;
      continue;
    }
    if (c == '"') {
      in_string_ = true;
    } else if (c == '{' || c == '[') {
      ++depth_;
    } else if ((c == '}' || c == ']') && depth_ > 0) {
      if (--depth_ == 0) return i + 1;
    }
  }
  return std::string_view::npos;
}

}  // namespace pantau
