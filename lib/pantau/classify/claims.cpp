#include "pantau/classify/claims.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <unordered_set>

#include "pantau/classify/csv.h"
#include "pantau/classify/file_util.h"
#include "pantau/hash.h"
#include "pantau/json_writer.h"
#include "pantau/record.h"

namespace pantau::classify {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Strips surrounding white space and the typographic quotes TurnBackHoax puts around claims.
std::string strip_quotes(std::string_view s) {
  auto trim = [](std::string_view& v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\n' || v.front() == '\r')) {
      v.remove_prefix(1);
    }
    while (!v.empty() && (v.back() == ' ' || v.back() == '\n' || v.back() == '\r')) {
      v.remove_suffix(1);
    }
  };
  trim(s);
  for (std::string_view q : {"\xE2\x80\x9C", "\xE2\x80\x9D", "\""}) {
    if (s.substr(0, q.size()) == q) s.remove_prefix(q.size());
  }
  for (std::string_view q : {"\xE2\x80\x9D", "\xE2\x80\x9C", "\""}) {
    if (ends_with(s, q)) s.remove_suffix(q.size());
  }
  trim(s);
  return std::string(s);
}

Result<std::vector<Claim>> parse_claims_ndjson(std::string_view in, const std::string& name) {
  std::vector<Claim> claims;
  simdjson::dom::parser parser;
  uint32_t lineno = 0;
  size_t pos = 0;
  while (pos < in.size()) {
    size_t nl = in.find('\n', pos);
    if (nl == std::string_view::npos) nl = in.size();
    std::string_view line = in.substr(pos, nl - pos);
    pos = nl + 1;
    ++lineno;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty()) continue;
    auto where = [&](const std::string& m) {
      return Error::invalid(name + ":" + std::to_string(lineno) + ": " + m);
    };
    simdjson::dom::element doc;
    if (auto err = parser.parse(std::string(line)).get(doc)) {
      return where("invalid JSON: " + json_error_message(err));
    }
    simdjson::dom::object obj;
    if (doc.get_object().get(obj)) return where("a claim must be a JSON object");
    Claim c;
    for (auto [key, field] :
         {std::pair{"id", &c.id}, std::pair{"title", &c.title}, std::pair{"text", &c.text},
          std::pair{"url", &c.url}, std::pair{"date", &c.date}}) {
      simdjson::dom::element v;
      if (obj[key].get(v)) continue;
      if (v.is_null()) continue;
      if (v.is_int64() || v.is_uint64()) {
        *field = simdjson::to_string(v);
        continue;
      }
      std::string_view sv;
      if (v.get_string().get(sv)) return where("\"" + std::string(key) + "\" must be a string");
      *field = std::string(sv);
    }
    if (c.id.empty()) return where("claim without an \"id\"");
    if (c.title.empty() && c.text.empty()) return where("claim has neither \"title\" nor \"text\"");
    claims.push_back(std::move(c));
  }
  return claims;
}

Result<std::vector<Claim>> parse_claims_csv(std::string_view in, const std::string& name) {
  auto rows = parse_csv(in, name);
  if (!rows) return rows.error();
  std::vector<Claim> claims;
  if (rows->empty()) return claims;
  const auto& header = (*rows)[0].cells;
  int col[5] = {-1, -1, -1, -1, -1};
  const char* names[5] = {"id", "title", "text", "url", "date"};
  for (size_t i = 0; i < header.size(); ++i) {
    std::string h = lower_ascii(header[i]);
    if (h == "hoax_text" || h == "claim") h = "text";
    for (int k = 0; k < 5; ++k) {
      if (h == names[k] && col[k] < 0) col[k] = static_cast<int>(i);
    }
  }
  if (col[0] < 0 || (col[1] < 0 && col[2] < 0)) {
    return Error::invalid(name +
                          ":1: the header must name an id column and a title or text column");
  }
  for (size_t r = 1; r < rows->size(); ++r) {
    const CsvRow& row = (*rows)[r];
    auto cell = [&](int k) {
      return col[k] >= 0 && static_cast<size_t>(col[k]) < row.cells.size() ? row.cells[col[k]]
                                                                           : std::string();
    };
    Claim c{cell(0), cell(1), cell(2), cell(3), cell(4)};
    if (c.id.empty()) {
      return Error::invalid(name + ":" + std::to_string(row.line) + ": claim without an id");
    }
    if (c.title.empty() && c.text.empty()) continue;
    claims.push_back(std::move(c));
  }
  return claims;
}

}  // namespace

Result<std::vector<Claim>> parse_claims(std::string_view contents, const std::string& name) {
  std::string_view s = contents;
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  size_t first = s.find_first_not_of(" \t\r\n");
  bool json =
      !ends_with(lower_ascii(name), ".csv") && first != std::string_view::npos && s[first] == '{';
  return json ? parse_claims_ndjson(s, name) : parse_claims_csv(s, name);
}

Result<std::vector<Claim>> load_claims(const std::string& path) {
  auto contents = read_file(path);
  if (!contents) return contents.error();
  return parse_claims(*contents, path);
}

Result<std::vector<Claim>> import_turnbackhoax(const std::vector<std::string>& paths) {
  std::map<long long, Claim> by_id;
  for (const auto& path : paths) {
    auto contents = read_file(path);
    if (!contents) return contents.error();
    auto rows = parse_csv(*contents, path);
    if (!rows) return rows.error();
    if (rows->empty()) continue;
    int id_col = -1, title_col = -1, text_col = -1;
    const auto& header = (*rows)[0].cells;
    for (size_t i = 0; i < header.size(); ++i) {
      std::string h = lower_ascii(header[i]);
      if (h == "id") id_col = static_cast<int>(i);
      if (h == "title") title_col = static_cast<int>(i);
      if (h == "hoax_text") text_col = static_cast<int>(i);
    }
    if (id_col < 0 || title_col < 0) {
      return Error::invalid(path + ":1: not a TurnBackHoax file (needs ID and TITLE columns)");
    }
    for (size_t r = 1; r < rows->size(); ++r) {
      const auto& cells = (*rows)[r].cells;
      auto at = [&](int k) {
        return k >= 0 && static_cast<size_t>(k) < cells.size() ? cells[k] : std::string();
      };
      std::string id = at(id_col);
      long long num = 0;
      auto [p, ec] = std::from_chars(id.data(), id.data() + id.size(), num);
      if (ec != std::errc() || p != id.data() + id.size()) {
        return Error::invalid(path + ":" + std::to_string((*rows)[r].line) + ": bad ID \"" + id +
                              "\"");
      }
      Claim& c = by_id[num];
      c.id = "turnbackhoax-" + id;
      std::string title = strip_quotes(at(title_col));
      if (c.title.empty()) c.title = title;
      std::string text = strip_quotes(at(text_col));
      if (c.text.empty() && !text.empty()) c.text = text;
    }
  }
  std::vector<Claim> out;
  out.reserve(by_id.size());
  for (auto& [id, c] : by_id) out.push_back(std::move(c));
  return out;
}

void append_claim_json(const Claim& c, std::string* out) {
  JsonWriter w(out);
  w.begin_object();
  w.field("kind", "claim");
  w.field("id", c.id);
  w.field_or_null("title", c.title);
  w.field_or_null("text", c.text);
  w.field_or_null("url", c.url);
  w.field_or_null("date", c.date);
  w.end_object();
}

void shingles(std::string_view text, std::vector<Token>* tokens, std::vector<Shingle>* out) {
  out->clear();
  tokenize(text, tokens);
  // Only word tokens take part: emoji runs are too variable between copies of a hoax.
  size_t w = 0;
  for (const Token& t : *tokens) {
    if (static_cast<unsigned char>(text[t.begin]) < 0x80) (*tokens)[w++] = t;
  }
  tokens->resize(w);
  const size_t k = ClaimIndex::kShingleWords;
  if (tokens->size() < 2) return;
  size_t span = std::min(k, tokens->size());
  for (size_t i = 0; i + span <= tokens->size(); ++i) {
    uint64_t h = 0;
    for (size_t j = 0; j < span; ++j) {
      const Token& t = (*tokens)[i + j];
      h = h * kFnv1a64Prime ^ hash_bytes(text.substr(t.begin, t.end - t.begin), j);
    }
    out->push_back({h, (*tokens)[i].begin, (*tokens)[i + span - 1].end});
  }
}

void ClaimIndex::add(Claim claim, const Normalizer& normalize) {
  const uint32_t claim_id = static_cast<uint32_t>(claims_.size());
  std::vector<Token> toks;
  std::vector<Shingle> sh;
  for (const std::string* src : {&claim.title, &claim.text}) {
    if (src->empty()) continue;
    std::string norm = normalize ? normalize(*src) : *src;
    shingles(norm, &toks, &sh);
    std::unordered_set<uint64_t> uniq;
    for (const auto& s : sh) uniq.insert(s.hash);
    if (uniq.empty()) continue;
    const uint32_t doc = static_cast<uint32_t>(docs_.size());
    docs_.push_back({claim_id, static_cast<uint32_t>(uniq.size())});
    // Deterministic posting order: sort the hashes first.
    std::vector<uint64_t> sorted(uniq.begin(), uniq.end());
    std::sort(sorted.begin(), sorted.end());
    for (uint64_t h : sorted) postings_[h].push_back(doc);
  }
  claims_.push_back(std::move(claim));
}

std::optional<ClaimIndex::Match> ClaimIndex::best_match(std::string_view text,
                                                        double min_containment,
                                                        uint32_t min_shared) const {
  if (docs_.empty()) return std::nullopt;
  std::vector<Shingle> sh;
  shingles(text, &tokens_, &sh);
  if (sh.empty()) return std::nullopt;
  counts_.clear();
  std::vector<uint64_t> seen;
  seen.reserve(sh.size());
  for (const auto& s : sh) {
    if (std::find(seen.begin(), seen.end(), s.hash) != seen.end()) continue;
    seen.push_back(s.hash);
    auto it = postings_.find(s.hash);
    if (it == postings_.end() || it->second.size() > kMaxPostings) continue;
    for (uint32_t d : it->second) ++counts_[d];
  }
  std::optional<Match> best;
  uint32_t best_doc = 0;
  for (const auto& [doc, shared] : counts_) {
    const Doc& d = docs_[doc];
    double containment = static_cast<double>(shared) / d.shingles;
    if (containment < min_containment || shared < std::min(min_shared, d.shingles)) continue;
    bool better = !best || containment > best->containment ||
                  (containment == best->containment &&
                   (shared > best->shared || (shared == best->shared && doc < best_doc)));
    if (better) {
      best = Match{&claims_[d.claim], containment, shared, 0, 0};
      best_doc = doc;
    }
  }
  if (!best) return std::nullopt;
  // The evidence span: from the first to the last post shingle the matched document has.
  bool first = true;
  for (const auto& s : sh) {
    auto it = postings_.find(s.hash);
    if (it == postings_.end()) continue;
    if (!std::binary_search(it->second.begin(), it->second.end(), best_doc)) continue;
    if (first) best->begin = s.begin;
    best->end = std::max(best->end, s.end);
    first = false;
  }
  return best;
}

}  // namespace pantau::classify
