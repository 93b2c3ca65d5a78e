// SHA-256 of bytes, as 64 lowercase hex digits: the evidence hash pantau carries from the raw
// response body into the report, so a finding can be checked against the archived bytes.
#pragma once

#include <string>
#include <string_view>

namespace pantau {

std::string sha256_hex(std::string_view bytes);

}  // namespace pantau
