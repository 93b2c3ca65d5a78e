// Fast JSON output for post records, the hot path of pantau-normalize.
//
// JsonWriter checks and repairs UTF-8 and escapes byte by byte; the post writer does not need
// that: every string it writes comes from a document simdjson validated (or was repaired on
// the way in), so it is valid UTF-8 already. These helpers copy runs of plain bytes eight at a
// time and escape only '"', '\\' and control characters.
#pragma once

#include <string>
#include <string_view>

#include "pantau/time.h"

namespace pantau::normalize {

// Appends `s` as a quoted JSON string. REQUIRES: `s` is valid UTF-8.
void append_json_quoted(std::string_view s, std::string* out);

// Appends the string, or null when it is empty.
void append_json_quoted_or_null(std::string_view s, std::string* out);

// Appends "2024-02-11T03:00:00Z" (with ".250" when there are milliseconds), quoted; the same
// text as format_rfc3339() without snprintf.
void append_json_time(EpochMillis t, std::string* out);

// Appends a non-negative integer.
void append_uint(uint64_t v, std::string* out);

}  // namespace pantau::normalize
