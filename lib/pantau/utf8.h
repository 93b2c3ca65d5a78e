// UTF-8 helpers. pantau's records are always valid UTF-8: bytes that are not are replaced by
// U+FFFD on input (and the record says so), never passed on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pantau {

inline constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Appends `in` to `out`, replacing each maximal ill-formed subsequence by U+FFFD (the W3C/Unicode
// "substitution of maximal subparts" practice). Returns the number of replacements made.
size_t append_repaired_utf8(std::string_view in, std::string* out);

// Number of code points in valid UTF-8 `s` (continuation bytes are not counted).
size_t count_code_points(std::string_view s);

// Byte offset of the code point with index `cp_index` in valid UTF-8 `s`; s.size() when past the
// end.
size_t byte_offset_of_code_point(std::string_view s, size_t cp_index);

// Decodes one code point at s[*pos] and advances *pos; returns U+FFFD for an ill-formed sequence
// (advancing by one byte). REQUIRES: *pos < s.size().
char32_t decode_utf8(std::string_view s, size_t* pos);

// Appends the UTF-8 encoding of `cp` (U+FFFD for surrogates and values above U+10FFFF).
void append_utf8(char32_t cp, std::string* out);

}  // namespace pantau
