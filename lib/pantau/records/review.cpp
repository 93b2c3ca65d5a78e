#include "pantau/records/review.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace pantau::records {
namespace {

// Member `key` as a string: "" when missing or null, an error naming it when not a string.
Status get_string(simdjson::dom::object obj, std::string_view key, std::string* out) {
  out->clear();
  simdjson::dom::element e;
  if (obj[key].get(e) != simdjson::SUCCESS || e.is_null()) return {};
  std::string_view v;
  if (e.get_string().get(v) != simdjson::SUCCESS) {
    return Error::invalid("\"" + std::string(key) + "\" is not a string");
  }
  out->assign(v);
  return {};
}

struct DecisionName {
  Decision decision;
  std::string_view code;
};
constexpr DecisionName kDecisions[] = {{Decision::kConfirmed, "benar"},
                                       {Decision::kDismissed, "bukan_pelanggaran"},
                                       {Decision::kReported, "dilaporkan"},
                                       {Decision::kNeedsCheck, "perlu_dicek"}};

// Lower case with runs of space, '_' and '-' folded to one '_', trimmed.
std::string fold(std::string_view s) {
  std::string out;
  bool gap = false;
  for (const char c : s) {
    if (c == ' ' || c == '_' || c == '-' || c == '\t' || c == '\r' || c == '\n') {
      gap = !out.empty();
      continue;
    }
    if (gap) out.push_back('_');
    gap = false;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

// Undoes what the spreadsheet dialect did to a cell: ="..." text ids and the formula guard's
// leading apostrophe.
std::string unguard(std::string s) {
  if (s.size() >= 3 && s[0] == '=' && s[1] == '"' && s.back() == '"') {
    return s.substr(2, s.size() - 3);
  }
  if (s.size() >= 2 && s[0] == '\'' &&
      std::string_view("=+-@\t\r").find(s[1]) != std::string::npos) {
    return s.substr(1);
  }
  return s;
}

// One CSV record from `text` at *pos (RFC 4180 quoting; cells may span lines). *line counts the
// line breaks consumed. Returns false at the end of the text.
bool next_row(std::string_view text, char delim, size_t* pos, size_t* line,
              std::vector<std::string>* cells) {
  cells->clear();
  if (*pos >= text.size()) return false;
  std::string cell;
  bool quoted = false;
  size_t i = *pos;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++*line;
        cell.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == delim) {
      cells->push_back(unguard(std::move(cell)));
      cell.clear();
    } else if (c == '\n') {
      ++*line;
      ++i;
      break;
    } else if (c != '\r') {
      cell.push_back(c);
    }
  }
  cells->push_back(unguard(std::move(cell)));
  *pos = i;
  return true;
}

Status load_csv(const std::string& path, std::string_view text, ReviewBook* book,
                std::vector<std::string>* line_errors) {
  const size_t header_end = text.find('\n');
  const std::string_view header = text.substr(0, header_end);
  const char delim =
      std::count(header.begin(), header.end(), ';') > std::count(header.begin(), header.end(), ',')
          ? ';'
          : ',';
  size_t pos = 0, line = 0;
  std::vector<std::string> cells;
  next_row(text, delim, &pos, &line, &cells);
  int id_col = -1, labels_col = -1, decision_col = -1, reason_col = -1, reviewer_col = -1;
  for (size_t c = 0; c < cells.size(); ++c) {
    const std::string& name = cells[c];
    const int ci = static_cast<int>(c);
    if (name == "id") id_col = ci;
    if (name == "labels") labels_col = ci;
    if (name == "keputusan") decision_col = ci;
    if (name == "alasan") reason_col = ci;
    if (name == "peninjau") reviewer_col = ci;
  }
  if (id_col < 0 || decision_col < 0) {
    return Error::invalid(path + ":1: not a findings CSV: no \"id\" and \"keputusan\" columns");
  }
  struct stat st {};
  EpochMillis mtime = kNoReviewTime;
  if (::stat(path.c_str(), &st) == 0) mtime = static_cast<EpochMillis>(st.st_mtime) * 1000;
  auto at = [&](int col) -> std::string {
    return col >= 0 && static_cast<size_t>(col) < cells.size() ? cells[static_cast<size_t>(col)]
                                                               : std::string();
  };
  for (;;) {
    const size_t row_line = line + 1;
    if (!next_row(text, delim, &pos, &line, &cells)) break;
    const std::string word = at(decision_col);
    if (fold(word).empty()) continue;  // not decided yet
    const auto d = parse_decision(word);
    if (!d) {
      line_errors->push_back(path + ":" + std::to_string(row_line) + ": unknown decision \"" +
                             word + "\" (use benar, bukan pelanggaran, dilaporkan or perlu dicek)");
      continue;
    }
    Review r;
    r.finding = at(id_col);
    if (r.finding.empty()) {
      line_errors->push_back(path + ":" + std::to_string(row_line) + ": decision without an id");
      continue;
    }
    r.label = at(labels_col);
    r.reason = at(reason_col);
    r.reviewer = at(reviewer_col);
    r.decision = *d;
    r.reviewed_ms = mtime;
    if (mtime != kNoReviewTime) r.reviewed_at = format_rfc3339(mtime);
    book->add(std::move(r));
  }
  return {};
}

Status load_ndjson(const std::string& path, std::string_view text, ReviewBook* book,
                   std::vector<std::string>* line_errors) {
  simdjson::dom::parser parser;
  size_t pos = 0, line = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(pos, end - pos);
    pos = end + 1;
    ++line;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l.find_first_not_of(" \t") == std::string_view::npos) continue;
    auto fail = [&](const std::string& m) {
      line_errors->push_back(path + ":" + std::to_string(line) + ": " + m);
    };
    simdjson::dom::element doc;
    simdjson::dom::object obj;
    if (parser.parse(l.data(), l.size()).get(doc) != simdjson::SUCCESS ||
        doc.get_object().get(obj) != simdjson::SUCCESS) {
      fail("not a JSON object");
      continue;
    }
    std::string kind;
    (void)get_string(obj, "kind", &kind);
    if (kind != kReviewKind) continue;  // other records are not reviews
    auto r = parse_review_record(obj);
    if (!r) {
      fail(r.error().message);
      continue;
    }
    book->add(std::move(*r));
  }
  return {};
}

}  // namespace

std::string_view decision_code(Decision d) {
  for (const auto& n : kDecisions) {
    if (n.decision == d) return n.code;
  }
  return "";
}

std::optional<Decision> parse_decision(std::string_view s) {
  const std::string f = fold(s);
  for (const auto& n : kDecisions) {
    if (n.code == f) return n.decision;
  }
  return std::nullopt;
}

std::vector<std::string> review_labels(const Review& r) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= r.label.size()) {
    size_t end = r.label.find_first_of(";,", start);
    if (end == std::string::npos) end = r.label.size();
    std::string_view part = std::string_view(r.label).substr(start, end - start);
    while (!part.empty() && std::isspace(static_cast<unsigned char>(part.front()))) {
      part.remove_prefix(1);
    }
    while (!part.empty() && std::isspace(static_cast<unsigned char>(part.back()))) {
      part.remove_suffix(1);
    }
    if (!part.empty()) out.emplace_back(part);
    start = end + 1;
  }
  return out;
}

Result<Review> parse_review_record(simdjson::dom::object obj) {
  Review r;
  std::string decision;
  for (const auto& [key, out] : {std::pair<std::string_view, std::string*>{"finding", &r.finding},
                                 {"label", &r.label},
                                 {"decision", &decision},
                                 {"reason", &r.reason},
                                 {"reviewer", &r.reviewer},
                                 {"reviewed_at", &r.reviewed_at}}) {
    Status s = get_string(obj, key, out);
    if (!s.ok()) return s.error();
  }
  if (r.finding.empty()) return Error::invalid("review without \"finding\"");
  const auto d = parse_decision(decision);
  if (!d) {
    return Error::invalid("unknown decision \"" + decision +
                          "\" (benar, bukan_pelanggaran, dilaporkan or perlu_dicek)");
  }
  r.decision = *d;
  if (!r.reviewed_at.empty()) {
    auto t = parse_datetime(r.reviewed_at);
    if (!t) return Error::invalid("\"reviewed_at\": " + t.error().message);
    r.reviewed_ms = *t;
  }
  return r;
}

void ReviewBook::add(Review r) {
  r.order = next_order_++;
  auto it = by_finding_.find(r.finding);
  if (it == by_finding_.end()) {
    std::string key = r.finding;
    by_finding_.emplace(std::move(key), std::move(r));
    return;
  }
  // Later time wins; a review without a time counts as the earliest; then read order.
  if (r.reviewed_ms >= it->second.reviewed_ms) it->second = std::move(r);
}

const Review* ReviewBook::find(std::string_view finding) const {
  auto it = by_finding_.find(finding);
  return it == by_finding_.end() ? nullptr : &it->second;
}

Status load_reviews(const std::string& path, ReviewBook* book,
                    std::vector<std::string>* line_errors) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::not_found(path + ": cannot open");
  std::ostringstream buf;
  buf << in.rdbuf();
  const std::string all = buf.str();
  std::string_view text = all;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '{') {
    return load_ndjson(path, text, book, line_errors);
  }
  return load_csv(path, text, book, line_errors);
}

}  // namespace pantau::records
