// CsvParser: the one CSV reader of pantau (account registries, claims files, slang tables and
// dataset importers read through it): RFC 4180 CSV as spreadsheets write it. Quoted fields may hold
// the delimiter, doubled quotes and line breaks; CRLF, LF and lone CR all end a row; a UTF-8 BOM is
// skipped. The delimiter (',' ';' or tab) is detected from the header row, because Indonesian Excel
// writes ';'.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pantau {

class CsvParser {
 public:
  // `text` must outlive the parser. delimiter 0 means: detect it from the first row.
  explicit CsvParser(std::string_view text, char delimiter = 0);

  // Reads the next row into *fields (reusing its strings). Returns false at the end of input.
  // *row is the 1-based row number (a row spanning lines counts once, as in a spreadsheet).
  // Blank rows are returned as one empty field so callers can count them.
  bool next(std::vector<std::string>* fields, int64_t* row);

  char delimiter() const { return delim_; }
  // Bytes of the text (counting a skipped BOM) consumed by the rows returned so far: a reader
  // that parses a growing buffer keeps the rows that ended before its end and parses the rest
  // again once more bytes have arrived.
  size_t consumed() const { return skipped_ + pos_; }
  // The 1-based physical line on which the row last returned by next() starts (a row whose
  // quoted cells hold line breaks spans several lines; CRLF, LF and lone CR each end a line).
  int64_t line() const { return row_line_; }
  // True when a quoted field was still open at the end of input (a truncated file), and the
  // line where that quote opened.
  bool unterminated_quote() const { return unterminated_; }
  int64_t unterminated_quote_line() const { return quote_line_; }

 private:
  std::string_view text_;
  size_t skipped_ = 0;  // a BOM before text_
  size_t pos_ = 0;
  char delim_;
  int64_t row_ = 0;
  int64_t line_ = 1;      // physical line of text_[pos_]
  int64_t row_line_ = 0;  // physical line where the last row started
  int64_t quote_line_ = 0;
  bool unterminated_ = false;
};

// The delimiter of the first row outside quotes: the most frequent of ',', ';' and tab
// (',' when none occurs).
char detect_delimiter(std::string_view text);

}  // namespace pantau
