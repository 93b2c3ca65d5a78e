// The NDJSON record envelope shared by every tool (documented in man/pantau-records.5):
// one JSON object per line with a "kind". Tools handle the kinds they know and pass every other
// record through untouched, so pipelines can carry mixed streams.
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>

#include "pantau/line_reader.h"
#include "pantau/result.h"

namespace pantau {

namespace kind {
inline constexpr std::string_view kAccount = "account";
inline constexpr std::string_view kRaw = "raw";
inline constexpr std::string_view kPost = "post";
inline constexpr std::string_view kError = "error";
}  // namespace kind

// The field a tool adds to a record whose input bytes were not valid UTF-8.
inline constexpr std::string_view kUtf8RepairedField = "utf8_repaired";

// Parses and fully validates one line as a JSON object (DOM parse, reused across calls) and
// returns its "kind", or "" when it has none. The view points into the parser's memory and
// stays valid until the next call.
class RecordValidator {
 public:
  Result<std::string_view> validate(const Line& line);

 private:
  simdjson::dom::parser parser_;
};

// Appends `record` (a compact JSON object) to `out` with `members` (e.g. "\"a\":1,\"b\":2")
// inserted before its closing brace, keeping every existing field untouched and in place.
// REQUIRES: `record` is a valid JSON object with no trailing whitespace.
void append_with_members(std::string_view record, std::string_view members, std::string* out);

// Appends a record that passes through a tool: verbatim, plus "utf8_repaired":true when the
// reader had to repair its bytes.
void append_passthrough(const Line& line, std::string* out);

// Turns a simdjson error into a short lowercase message without a trailing period.
std::string json_error_message(simdjson::error_code e);

}  // namespace pantau
