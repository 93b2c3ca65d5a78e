// What counts as a word character, in one place for the text normalizer (words it folds,
// de-leets and expands) and for normalize's entity extraction (hashtags and mentions found in
// the text): letters, marks and digits of any script (Unicode categories L*, M*, N*).
#pragma once

#include <utf8proc.h>

#include <cstddef>
#include <string_view>

#include "pantau/utf8.h"

namespace pantau::text {

inline bool is_word_code_point(char32_t cp) {
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

// Whether the non-ASCII code point at s[i] is a word character; *len receives its byte length.
// REQUIRES: i < s.size() and s[i] is not ASCII (callers test ASCII with their own tables).
inline bool is_word_code_point_at(std::string_view s, size_t i, size_t* len) {
  size_t pos = i;
  const char32_t cp = decode_utf8(s, &pos);
  *len = pos - i;
  return is_word_code_point(cp);
}

}  // namespace pantau::text
