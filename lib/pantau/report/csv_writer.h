// CsvWriter: RFC 4180 rows (CRLF line ends; fields with the delimiter, quotes, CR or LF are
// quoted and quotes doubled), with the options spreadsheets need.
//
// pantau-report writes the spreadsheet dialect by default (--csv-dialect excel): `;` between
// cells, because Excel in an Indonesian (or any decimal-comma) locale splits a double-clicked
// .csv on the locale's list separator, which is `;` there; a UTF-8 BOM, without which Excel reads
// the file as cp1252 and garbles accents and emoji; and excel mode below. --csv-dialect rfc4180
// is plain RFC 4180 for tools: `,`, no BOM, cells as they are.
//
// Excel mode guards against formula injection: a cell starting with = + - @, tab or CR
// would be run as a formula when the file is opened, so it gets a leading apostrophe, which Excel
// and LibreOffice show as text (OWASP "CSV injection"). Identifier cells that look like numbers
// ("02", "1460323737035677698", region "52.01") are written as ="..." so Excel keeps leading
// zeros and all digits, and cells are cut to Excel's 32,767-character limit.
#pragma once

#include <string>
#include <string_view>

namespace pantau::report {

struct CsvOptions {
  char delimiter = ',';
  bool excel = false;  // BOM, formula guard, ids as ="..." text, cells cut to Excel's limit
};

// The two dialects of --csv-dialect.
inline constexpr CsvOptions kSpreadsheetCsv{';', true};
inline constexpr CsvOptions kRfc4180Csv{',', false};

class CsvWriter {
 public:
  CsvWriter(std::string* out, CsvOptions options) : out_(out), options_(options) {}

  // A text cell.
  void cell(std::string_view s);
  // An identifier that must stay text (ids, ballot numbers).
  void id_cell(std::string_view s);
  void number_cell(uint64_t n);
  void end_row();

 private:
  void separator();
  void quoted(std::string_view s);

  std::string* out_;
  CsvOptions options_;
  bool row_started_ = false;
};

// Excel's per-cell limit, in characters (we count code points).
inline constexpr size_t kExcelCellLimit = 32767;

}  // namespace pantau::report
