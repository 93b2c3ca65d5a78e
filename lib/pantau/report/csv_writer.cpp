#include "pantau/report/csv_writer.h"

#include "pantau/utf8.h"

namespace pantau::report {

void CsvWriter::separator() {
  if (row_started_) out_->push_back(options_.delimiter);
  row_started_ = true;
}

void CsvWriter::quoted(std::string_view s) {
  bool quote = false;
  for (const char c : s) {
    if (c == options_.delimiter || c == '"' || c == '\n' || c == '\r') {
      quote = true;
      break;
    }
  }
  if (!quote) {
    out_->append(s);
    return;
  }
  out_->push_back('"');
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '"') continue;
    out_->append(s.data() + run, i + 1 - run);
    out_->push_back('"');
    run = i + 1;
  }
  out_->append(s.data() + run, s.size() - run);
  out_->push_back('"');
}

void CsvWriter::cell(std::string_view s) {
  separator();
  if (!options_.excel) {
    quoted(s);
    return;
  }
  std::string guarded;
  if (!s.empty() &&
      (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')) {
    guarded.push_back('\'');
  }
  // Leave room for the apostrophe and the ellipsis.
  if (count_code_points(s) > kExcelCellLimit - 2) {
    const size_t cut = byte_offset_of_code_point(s, kExcelCellLimit - 2);
    guarded.append(s.substr(0, cut));
    guarded.append("\xE2\x80\xA6");
  } else {
    guarded.append(s);
  }
  quoted(guarded);
}

void CsvWriter::id_cell(std::string_view s) {
  // Digits, and dotted codes like region "52.01", which Excel would read as a number.
  bool digits = !s.empty() && s.front() != '.' && s.back() != '.';
  for (const char c : s) digits = digits && ((c >= '0' && c <= '9') || c == '.');
  if (options_.excel && digits) {
    // Only digits inside: the formula cannot do anything but show the text.
    separator();
    std::string f = "=\"";
    f.append(s);
    f.push_back('"');
    quoted(f);
    return;
  }
  cell(s);
}

void CsvWriter::number_cell(uint64_t n) {
  separator();
  out_->append(std::to_string(n));
}

void CsvWriter::end_row() {
  out_->append("\r\n");
  row_started_ = false;
}

}  // namespace pantau::report
