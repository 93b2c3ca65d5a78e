#include "pantau/csv.h"

namespace pantau {

char detect_delimiter(std::string_view text) {
  size_t commas = 0, semicolons = 0, tabs = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    commas += c == ',';
    semicolons += c == ';';
    tabs += c == '\t';
  }
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

CsvParser::CsvParser(std::string_view text, char delimiter) : text_(text) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") {
    text_.remove_prefix(3);
    skipped_ = 3;
  }
  delim_ = delimiter != 0 ? delimiter : detect_delimiter(text_);
}

bool CsvParser::next(std::vector<std::string>* fields, int64_t* row) {
  if (pos_ >= text_.size()) return false;
  row_line_ = line_;
  size_t used = 0;
  auto field = [&]() -> std::string& {
    if (used == fields->size()) fields->emplace_back();
    std::string& f = (*fields)[used++];
    f.clear();
    return f;
  };
  std::string* cur = &field();
  bool quoted = false;
  bool was_quoted = false;
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (quoted) {
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          cur->push_back('"');
          pos_ += 2;
          continue;
        }
        quoted = false;
        ++pos_;
        continue;
      }
      // Line breaks inside a quoted cell still count as lines ('\r\n' once, at its '\n').
      if (c == '\n' || (c == '\r' && !(pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n')))
        ++line_;
      cur->push_back(c);
      ++pos_;
      continue;
    }
    if (c == '"' && !was_quoted && cur->empty()) {
      quote_line_ = line_;
      quoted = was_quoted = true;
      ++pos_;
      continue;
    }
    if (c == delim_) {
      cur = &field();
      was_quoted = false;
      ++pos_;
      continue;
    }
    if (c == '\r' || c == '\n') {
      ++pos_;
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++line_;
      break;
    }
    // Text after a closing quote ("a"b) is kept as written, as spreadsheets do.
    cur->push_back(c);
    ++pos_;
  }
  if (quoted) unterminated_ = true;
  fields->resize(used);
  *row = ++row_;
  return true;
}

}  // namespace pantau
