// Typed reads of a record's members with pantau-records(5)'s null rules (a missing or null
// member is empty, or -1), for the parsers in records/. A member of the wrong type is an error
// naming it.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "pantau/result.h"

namespace pantau::records::json {

Status read_string(simdjson::dom::object o, std::string_view key, std::string* out);
Status read_int(simdjson::dom::object o, std::string_view key, int64_t* out);
// A number (integers too); 0 when missing or null.
Status read_number(simdjson::dom::object o, std::string_view key, double* out);
// 1 true, 0 false, -1 missing or null.
Status read_tristate(simdjson::dom::object o, std::string_view key, int* out);
// *present is false when missing or null.
Status read_object(simdjson::dom::object o, std::string_view key, simdjson::dom::object* out,
                   bool* present);
Status read_array(simdjson::dom::object o, std::string_view key, simdjson::dom::array* out,
                  bool* present);
// `s` with "PATH: " before its message, so the user finds a nested member ("labels[2]: ...").
Status within(std::string_view path, Status s);

}  // namespace pantau::records::json
