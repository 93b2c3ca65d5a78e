// Fast JSON output for post records, the hot path of pantau-normalize.
//
// Strings go through pantau::append_json_string_valid (json_writer.h): every string the post
// writer writes comes from a document simdjson validated (or was repaired on the way in), so
// the UTF-8 check is skipped. These helpers add the post writer's other hot-path pieces.
#pragma once

#include <string>
#include <string_view>

#include "pantau/time.h"

namespace pantau::normalize {

// Appends the string, or null when it is empty.
void append_json_quoted_or_null(std::string_view s, std::string* out);

// Appends "2024-02-11T03:00:00Z" (with ".250" when there are milliseconds), quoted; the same
// text as format_rfc3339() without snprintf.
void append_json_time(EpochMillis t, std::string* out);

// Appends a non-negative integer.
void append_uint(uint64_t v, std::string* out);

}  // namespace pantau::normalize
