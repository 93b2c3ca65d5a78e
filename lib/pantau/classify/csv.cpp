#include "pantau/classify/csv.h"

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
  std::vector<CsvRow> rows;
  if (in.substr(0, 3) == "\xEF\xBB\xBF") in.remove_prefix(3);
  uint32_t line = 1;
  size_t i = 0;
  const size_t n = in.size();
  while (i < n) {
    CsvRow row;
    row.line = line;
    std::string cell;
    bool row_done = false;
    while (!row_done) {
      cell.clear();
      if (i < n && in[i] == '"') {
        uint32_t start_line = line;
        ++i;
        bool closed = false;
        while (i < n) {
          char c = in[i];
          if (c == '"') {
            if (i + 1 < n && in[i + 1] == '"') {
              cell.push_back('"');
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (c == '\n' || (c == '\r' && !(i + 1 < n && in[i + 1] == '\n'))) ++line;
          cell.push_back(c);
          ++i;
        }
        if (!closed) {
          return Error::invalid(std::string(name) + ":" + std::to_string(start_line) +
                                ": unterminated quoted cell");
        }
        // Anything between the closing quote and the separator is kept (lenient).
        while (i < n && in[i] != ',' && in[i] != '\n' && in[i] != '\r') cell.push_back(in[i++]);
      } else {
        while (i < n && in[i] != ',' && in[i] != '\n' && in[i] != '\r') cell.push_back(in[i++]);
      }
      row.cells.push_back(to_utf8_lenient(cell));
      if (i < n && in[i] == ',') {
        ++i;
        continue;
      }
      // End of row: \n, \r\n or a lone \r (old Mac files), or end of input.
      if (i < n && in[i] == '\r') ++i;
      if (i < n && in[i] == '\n') ++i;
      ++line;
      row_done = true;
    }
    bool blank = row.cells.size() == 1 && row.cells[0].empty();
    if (!blank) rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace pantau::classify
