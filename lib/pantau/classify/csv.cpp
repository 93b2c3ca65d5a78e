#include "pantau/classify/csv.h"

#include "pantau/csv.h"
#include "pantau/utf8.h"

namespace pantau::classify {
namespace {

// Windows-1252 0x80..0x9F; other bytes map to the same code point (Latin-1).
constexpr char32_t kCp1252[32] = {0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                                  0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

}  // namespace

std::string to_utf8_lenient(std::string_view s) {
  if (is_valid_utf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size() + s.size() / 4);
  for (unsigned char c : s) {
    if (c < 0x80)
      out.push_back(static_cast<char>(c));
    else if (c < 0xA0)
      append_utf8(kCp1252[c - 0x80], &out);
    else
      append_utf8(c, &out);
  }
  return out;
}

Result<std::vector<CsvRow>> parse_csv(std::string_view in, std::string_view name) {
  // Claims files are comma-separated whatever their header holds (titles contain ';').
  CsvParser csv(in, ',');
  std::vector<CsvRow> rows;
  std::vector<std::string> fields;
  int64_t row_number = 0;
  while (csv.next(&fields, &row_number)) {
    if (csv.unterminated_quote()) {
      return Error::invalid(std::string(name) + ":" +
                            std::to_string(csv.unterminated_quote_line()) +
                            ": unterminated quoted cell");
    }
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank row
    CsvRow row;
    row.line = static_cast<uint32_t>(csv.line());
    row.cells.reserve(fields.size());
    for (const std::string& f : fields) row.cells.push_back(to_utf8_lenient(f));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace pantau::classify
