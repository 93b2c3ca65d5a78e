// Reading values out of simdjson On Demand documents the way platform mappings need them.
//
// Platform data is hostile in small ways: ids arrive as strings or as integers beyond 2^64,
// counts as numbers or decimal strings, strings with \u0000 or lone surrogate escapes (which
// simdjson's get_string() rejects). These helpers never fail a whole record for one odd value:
// they return false / nullopt and the mapping writes null.
#pragma once

#include <simdjson.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "pantau/json_writer.h"
#include "pantau/result.h"

namespace pantau::normalize {

namespace od = simdjson::ondemand;

// Appends the unescaped contents of the JSON string `v` to *out. \u escapes that do not form a
// valid code point (lone surrogates) become U+FFFD and are counted in *repairs (when non-null).
// Returns false, appending nothing, when `v` is not a string.
bool read_string(od::value v, std::string* out, size_t* repairs = nullptr);

// Like read_string, but also accepts a number and appends its digits exactly as written (ids
// above 2^53, and even above 2^64, keep every digit). False for other types.
bool read_id(od::value v, std::string* out);

// A count: a JSON integer, a float (rounded toward zero) or a decimal string ("1234", YouTube's
// form). nullopt for null, other types, negative or unparsable values.
std::optional<int64_t> read_count(od::value v);

// A number or a numeric string as double; nullopt otherwise.
std::optional<double> read_double(od::value v);

// The key of an object field, unescaped: a view into the document when the key has no escapes
// (the usual case), else into *scratch.
std::string_view field_key(od::field& f, std::string* scratch);

// The pieces the helpers above are made of, shared with JsonTokens (json_tokens.h), which reads
// the same values without On Demand.
// A scalar token's text without the white space stage 1 leaves behind it.
inline std::string_view trim_token(std::string_view t) {
  while (!t.empty() &&
         (t.back() == ' ' || t.back() == '\n' || t.back() == '\r' || t.back() == '\t')) {
    t.remove_suffix(1);
  }
  return t;
}
// The JSON number grammar (RFC 8259).
bool is_json_number(std::string_view token);
// The index of the first backslash in `s`, or npos, where the 16 bytes after `s` are readable
// (a string inside a simdjson document, whose padding is at least 64 bytes): one loop, no
// byte-wise tail, so short strings (ids, keys, names) take one predictable step. Inline: it
// runs for every key and string of a page.
inline size_t find_backslash_padded(std::string_view s) {
#if defined(__SSE2__)
  const __m128i backslash = _mm_set1_epi8('\\');
  for (size_t i = 0; i < s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, backslash)));
    if (s.size() - i < 16) mask &= (1u << (s.size() - i)) - 1;
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
  return std::string_view::npos;
#else
  return s.find('\\');
#endif
}
// read_count() of a number token's text, and of a string's unescaped contents.
std::optional<int64_t> count_of_number(std::string_view token);
std::optional<int64_t> count_of_text(std::string_view s);
// read_double() of a string's unescaped contents.
std::optional<double> double_of_text(std::string_view s);

// Whether the key `k` is `lit`: a length test, then the bytes compared in 8-byte words (the
// last one overlapping the one before), a few loads and no call (string_view's == and
// memcmp of more than a few bytes call the library).
template <size_t N>
inline bool key_is(std::string_view k, const char (&lit)[N]) {
  constexpr size_t n = N - 1;
  if (k.size() != n) return false;
  if constexpr (n < 8) {
    return std::memcmp(k.data(), lit, n) == 0;  // small: inlined
  } else {
    auto differs = [&](size_t at) {
      uint64_t a, b;
      std::memcpy(&a, k.data() + at, 8);
      std::memcpy(&b, lit + at, 8);
      return a ^ b;
    };
    uint64_t diff = differs(n - 8);
    for (size_t at = 0; at + 8 < n; at += 8) diff |= differs(at);
    return diff == 0;
  }
}

// Copies any JSON value to `w` (objects and arrays recursively, numbers as written). Values
// nested deeper than `max_depth` are written as null.
Status copy_value(od::value v, JsonWriter& w, int max_depth = 32);

// Appends the unescaped form of a JSON string body (the bytes between the quotes, escapes
// included) to *out; returns the number of U+FFFD replacements made for bad \u escapes.
size_t unescape_json_string(std::string_view body, std::string* out);
// The same without the AVX-512 step (unescape_avx512.h) that unescape_json_string() takes where
// the CPU has it: the code every other CPU runs, for tests that compare the two.
size_t unescape_json_string_portable(std::string_view body, std::string* out);
// The same for a string inside a simdjson document (a string_body()), whose padding it may read
// past the end of `body`: faster for short strings.
size_t unescape_json_string_padded(std::string_view body, std::string* out);

// The bytes between the quotes of the JSON string that starts at `quote` (which points at the
// opening '"'). The document is already validated, so the closing quote exists.
std::string_view json_string_body(const char* quote);

// The bytes between the quotes of the string value `v`, escapes included, found in O(1) from
// simdjson's structural index; false when `v` is not a string. `v` is not consumed.
bool string_body(od::value v, std::string_view* body);

// Calls fn(std::string_view key, od::value value) -> simdjson::error_code for every field of the
// object `v` (an od::value or od::document), in document order; stops at the first error.
// Fields the callback does not read are skipped. Returns INCORRECT_TYPE when `v` is no object.
template <typename V, typename Fn>
simdjson::error_code for_each_field(V&& v, Fn&& fn) {
  od::object obj;
  if (auto e = v.get_object().get(obj)) return e;
  std::string scratch;
  for (auto field : obj) {
    od::field f;
    if (auto e = std::move(field).get(f)) return e;
    std::string_view key = field_key(f, &scratch);
    if (auto e = fn(key, f.value())) return e;
  }
  return simdjson::SUCCESS;
}

// Calls fn(od::value element) -> simdjson::error_code for every element of the array `v`.
template <typename V, typename Fn>
simdjson::error_code for_each_element(V&& v, Fn&& fn) {
  od::array arr;
  if (auto e = v.get_array().get(arr)) return e;
  for (auto item : arr) {
    od::value iv;
    if (auto e = item.get(iv)) return e;
    if (auto e = fn(iv)) return e;
  }
  return simdjson::SUCCESS;
}

// Lenient forms for nested values: anything that is not an object (array) -- null, a string,
// a number -- is treated as empty, because platforms put null where they have nothing.
template <typename V, typename Fn>
simdjson::error_code fields_of(V&& v, Fn&& fn) {
  od::json_type t;
  if (auto e = v.type().get(t)) return e;
  if (t != od::json_type::object) return simdjson::SUCCESS;
  return for_each_field(v, fn);
}
template <typename V, typename Fn>
simdjson::error_code elements_of(V&& v, Fn&& fn) {
  od::json_type t;
  if (auto e = v.type().get(t)) return e;
  if (t != od::json_type::array) return simdjson::SUCCESS;
  return for_each_element(v, fn);
}

}  // namespace pantau::normalize
