// A bound on the parts of a TOML dotted key, checked before toml++ parses a file.
//
// toml++ bounds nested arrays and inline tables (TOML_MAX_NESTED_VALUES) but not dotted keys:
// `a.a.a…` with 50,000 parts makes 50,000 nested tables, and toml++ recurses through them until
// the stack overflows (issue #16). Rule packs and gazetteers use a handful of parts.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "pantau/result.h"

namespace pantau::classify::tomlu {

inline constexpr size_t kMaxKeyParts = 64;

// Fails ("NAME:LINE: ...") when a key -- of a key/value pair, a [table] or [[array]] header, or
// inside an inline table -- has more than `max_parts` dot-separated parts. Reads just enough
// TOML to tell keys from values (strings, comments, brackets); anything it cannot tell is left
// for toml++ to report.
Status check_key_depth(std::string_view contents, const std::string& name,
                       size_t max_parts = kMaxKeyParts);

}  // namespace pantau::classify::tomlu
