// Claims files and dataset importers read through pantau's CsvParser (pantau/csv.h: quoted cells
// with doubled quotes and embedded newlines, CRLF / LF / CR-only line ends, a leading BOM). Cells
// that are not valid UTF-8 are decoded as Windows-1252 (the usual origin of such bytes in
// Indonesian datasets), so the result is always valid UTF-8.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/result.h"

namespace pantau::classify {

struct CsvRow {
  std::vector<std::string> cells;
  uint32_t line = 0;  // 1-based line where the row starts
};

// Parses all rows (the header too). An unterminated quote is an error naming `name` and the line
// where the quoted cell started.
Result<std::vector<CsvRow>> parse_csv(std::string_view contents, std::string_view name);

// Decodes bytes that are not valid UTF-8 as Windows-1252; valid UTF-8 is returned unchanged.
std::string to_utf8_lenient(std::string_view s);

}  // namespace pantau::classify
