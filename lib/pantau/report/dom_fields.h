// Typed member access on simdjson DOM objects with pantau's null rules (man/pantau-records.5:
// unknown optional values are null). Every function returns an error naming the member when it
// has the wrong type, so a bad record is reported instead of being half-read.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "pantau/result.h"

namespace pantau::report {

// Member `key` as a string view into the parser's memory: "" when missing or null.
Status get_string(simdjson::dom::object obj, std::string_view key, std::string_view* out);
// Same, copied into *out.
Status get_string(simdjson::dom::object obj, std::string_view key, std::string* out);
// Member `key` as an integer: `fallback` when missing or null.
Status get_int(simdjson::dom::object obj, std::string_view key, int64_t* out,
               int64_t fallback = -1);
// Member `key` as a number (integers are accepted): `fallback` when missing or null.
Status get_number(simdjson::dom::object obj, std::string_view key, double* out,
                  double fallback = 0);
// Member `key` as a boolean: 1/0, or -1 when missing or null.
Status get_tristate(simdjson::dom::object obj, std::string_view key, int* out);
// Member `key` as an object. *present is false when missing or null.
Status get_object(simdjson::dom::object obj, std::string_view key, simdjson::dom::object* out,
                  bool* present);
// Member `key` as an array. *present is false when missing or null.
Status get_array(simdjson::dom::object obj, std::string_view key, simdjson::dom::array* out,
                 bool* present);

}  // namespace pantau::report
