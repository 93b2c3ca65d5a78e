// SlangTable: the slang -> formal word map (text_normalizer.h), and its CSV loader.
#include <algorithm>
#include <string>
#include <utility>

#include "pantau/byte_source.h"
#include "pantau/text/text_normalizer.h"
#include "pantau/utf8.h"

namespace pantau::text {
namespace {

// Keys and values are stored folded (NFKC, case folded, spaces collapsed), the form the
// normalizer looks words up in, so "Yg" and "ｙｇ" in a user's file still match.
std::string fold_entry(std::string_view s) {
  FoldScratch scratch;
  std::string folded;
  fold_text(s, FoldMode::kNfkcCasefold, &scratch, &folded, nullptr, nullptr);
  std::string out;
  for (char c : folded) {
    if (c == ' ') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Splits one CSV line into its first two fields ("a,b", "\"a\",\"b\"", "a,b,extra").
// Returns false when there is no second field.
bool split_csv_pair(std::string_view line, std::string* first, std::string* second) {
  std::string* field = first;
  first->clear();
  second->clear();
  bool quoted = false;
  bool have_second = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field->push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field->push_back(c);
      }
    } else if (c == '"' && field->empty()) {
      quoted = true;
    } else if (c == ',') {
      if (field == second) break;  // further columns are ignored
      field = second;
      have_second = true;
    } else {
      field->push_back(c);
    }
  }
  return have_second;
}

bool is_header(std::string_view key) {
  return key == "slang" || key == "alay" || key == "informal" || key == "kata" ||
         key == "kata_alay" || key == "word";
}

}  // namespace

void SlangTable::add(std::string_view slang, std::string_view formal) {
  std::string key = fold_entry(slang);
  std::string value = fold_entry(formal);
  // Only single words can be looked up; an entry that maps a word to itself does nothing.
  if (key.empty() || value.empty() || key == value || key.find(' ') != std::string::npos) return;
  insert_or_assign(std::move(key), std::move(value));
}

void SlangTable::insert_or_assign(std::string key, std::string value) {
  const size_t h = hash(key);
  if (slots_.empty()) slots_.assign(64, 0);
  size_t mask = slots_.size() - 1;
  for (size_t i = (h >> 16) & mask;; i = (i + 1) & mask) {
    const uint32_t slot = slots_[i];
    if (slot == 0) break;
    Entry& e = entries_[slot - 1];
    if (e.hash == h && e.key == key) {
      e.value = std::move(value);
      return;
    }
  }
  max_key_bytes_ = std::max(max_key_bytes_, key.size());
  const uint32_t fh = filter_hash(key);
  filter_[fh >> 6] |= uint64_t{1} << (fh & 63);
  entries_.push_back({std::move(key), std::move(value), h});
  if (2 * entries_.size() > slots_.size()) {
    slots_.assign(2 * slots_.size(), 0);  // rebuilt below with every entry
  } else {
    // Only the new entry needs a slot.
    for (size_t i = (h >> 16) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == 0) {
        slots_[i] = static_cast<uint32_t>(entries_.size());
        return;
      }
    }
  }
  mask = slots_.size() - 1;
  for (size_t k = 0; k < entries_.size(); ++k) {
    size_t i = (entries_[k].hash >> 16) & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = static_cast<uint32_t>(k + 1);
  }
}

void SlangTable::merge(const SlangTable& other) {
  for (const Entry& e : other.entries_) insert_or_assign(e.key, e.value);
}

std::optional<std::string_view> SlangTable::lookup(std::string_view word) const {
  if (!may_contain(word.size(), filter_hash(word))) return std::nullopt;
  return find(word, hash(word));
}

std::optional<std::string_view> SlangTable::find(std::string_view word, size_t hash) const {
  if (slots_.empty()) return std::nullopt;
  const size_t mask = slots_.size() - 1;
  for (size_t i = (hash >> 16) & mask;; i = (i + 1) & mask) {
    const uint32_t slot = slots_[i];
    if (slot == 0) return std::nullopt;
    const Entry& e = entries_[slot - 1];
    if (e.hash == hash && e.key == word) return std::string_view(e.value);
  }
}

Status SlangTable::load_csv(const std::string& path) {
  auto src = open_input(path);
  if (!src) return src.error();
  std::string bytes;
  char buf[1 << 16];
  for (;;) {
    auto n = (*src)->read(buf, sizeof buf);
    if (!n) return n.error();
    if (*n == 0) break;
    bytes.append(buf, *n);
  }
  std::string_view rest(bytes);
  if (rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);
  std::string utf8, key, value;
  size_t lineno = 0;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    ++lineno;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty()) continue;
    // Each line is read as UTF-8 when it is valid UTF-8, else as Latin-1: the published slang
    // dictionaries mix both (and carry broken emoji bytes).
    if (!is_valid_utf8(line)) {
      utf8.clear();
      for (unsigned char c : line) append_utf8(c, &utf8);
      line = utf8;
    }
    if (!split_csv_pair(line, &key, &value)) {
      return Error::invalid(path + ":" + std::to_string(lineno) +
                            ": expected \"slang,formal\", found no comma");
    }
    if (lineno == 1 && is_header(fold_entry(key))) continue;
    add(key, value);
  }
  return {};
}

}  // namespace pantau::text
