#include "pantau/fetch/registry.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <utility>

#include "pantau/byte_source.h"
#include "pantau/csv.h"
#include "pantau/fetch/account_ref.h"
#include "pantau/fetch/url.h"
#include "pantau/record.h"
#include "pantau/utf8.h"

namespace pantau::fetch {
namespace {

// Header spellings, compared after slug() with '-' removed ("Nomor Urut" -> "nomorurut").
constexpr std::array<std::pair<std::string_view, std::string_view>, 62> kColumns{{
    {"id", "key"},
    {"key", "key"},
    {"kode", "key"},
    {"kunci", "key"},
    {"accountid", "key"},
    {"idakun", "key"},
    {"nama", "owner"},
    {"name", "owner"},
    {"owner", "owner"},
    {"pemilik", "owner"},
    {"namacalon", "owner"},
    {"namalengkap", "owner"},
    {"candidate", "owner"},
    {"ownerkey", "owner_key"},
    {"ownerid", "owner_key"},
    {"idpemilik", "owner_key"},
    {"partai", "party"},
    {"party", "party"},
    {"parpol", "party"},
    {"partaipolitik", "party"},
    {"nomorurut", "ballot_no"},
    {"nourut", "ballot_no"},
    {"ballotno", "ballot_no"},
    {"ballotnumber", "ballot_no"},
    {"ballot", "ballot_no"},
    {"dapil", "district"},
    {"district", "district"},
    {"daerahpemilihan", "district"},
    {"wilayah", "region"},
    {"region", "region"},
    {"kodewilayah", "region"},
    {"regioncode", "region"},
    {"pemilu", "election"},
    {"election", "election"},
    {"pemilihan", "election"},
    {"platform", "platform"},
    {"mediasosial", "platform"},
    {"medsos", "platform"},
    {"platformname", "platform"},
    {"akun", "ref"},
    {"handle", "ref"},
    {"url", "ref"},
    {"username", "ref"},
    {"link", "ref"},
    {"tautan", "ref"},
    {"account", "ref"},
    {"akunmedsos", "ref"},
    {"profile", "ref"},
    {"peran", "role"},
    {"role", "role"},
    {"jabatan", "role"},
    {"kpu", "kpu_registered"},
    {"kpuregistered", "kpu_registered"},
    {"terdaftarkpu", "kpu_registered"},
    {"terdaftar", "kpu_registered"},
    {"catatan", "notes"},
    {"notes", "notes"},
    {"keterangan", "notes"},
    {"note", "notes"},
    {"platformid", "platform_id"},
    {"channelid", "platform_id"},
    {"idplatform", "platform_id"},
}};

std::string squash(std::string_view header) {
  std::string s = slug(header);
  std::string out;
  for (char c : s) {
    if (c != '-') out.push_back(c);
  }
  return out;
}

// Tracks keys across all inputs so a duplicate is reported where it appears.
struct KeySeen {
  std::string input;
  int64_t row;
};

// Gives back the bytes read to tell an input's format, then the rest of the input.
class PrefixedSource : public ByteSource {
 public:
  PrefixedSource(std::string prefix, std::unique_ptr<ByteSource> rest)
      : prefix_(std::move(prefix)), rest_(std::move(rest)) {}
  Result<size_t> read(char* buf, size_t n) override {
    if (at_ < prefix_.size()) {
      const size_t k = std::min(n, prefix_.size() - at_);
      std::memcpy(buf, prefix_.data() + at_, k);
      at_ += k;
      return k;
    }
    return rest_->read(buf, n);
  }
  const std::string& name() const override { return rest_->name(); }

 private:
  std::string prefix_;
  size_t at_ = 0;
  std::unique_ptr<ByteSource> rest_;
};

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr size_t kChunkBytes = size_t{1} << 20;

// Where an input's content starts (after blank lines and a BOM), or npos when `head`, the bytes
// read so far, cannot tell yet.
size_t content_start(std::string_view head, bool eof) {
  size_t first = head.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return first;
  const std::string_view rest = head.substr(first);
  if (!eof && rest.size() < kBom.size() && kBom.starts_with(rest)) return std::string_view::npos;
  if (rest.starts_with(kBom)) first = head.find_first_not_of(" \t\r\n", first + kBom.size());
  return first;
}

// Appends at least `want` bytes of `src` to *out, or all that is left. Returns true at the end.
Result<bool> read_more(ByteSource& src, size_t want, std::string* out) {
  const size_t goal = out->size() + want;
  while (out->size() < goal) {
    const size_t before = out->size();
    out->resize(goal);
    auto n = src.read(out->data() + before, goal - before);
    out->resize(before + (n ? *n : 0));
    if (!n) return n.error();
    if (*n == 0) return true;
  }
  return false;
}

// Replaces ill-formed UTF-8 in a cell (spreadsheets exported with a legacy code page) with
// U+FFFD. Cells split on ASCII bytes only, which repair never touches, so repairing cell by cell
// gives what repairing the whole file would. Returns true when something was replaced.
bool repair_cell(std::string* cell, std::string* scratch) {
  if (is_valid_utf8(*cell)) return false;
  scratch->clear();
  append_repaired_utf8(*cell, scratch);
  cell->swap(*scratch);
  return true;
}

class Reader {
 public:
  Reader(const RegistryOptions& opts, RegistryVisitor& v) : opts_(opts), v_(v) {}

  // Reads one input as it arrives: memory holds a chunk and the longest row, not the file.
  bool read_operand(const std::string& operand) {
    auto src = open_input(operand);
    if (!src) return v_.error("", 0, src.error().message);
    std::string head;
    bool eof = false;
    size_t first = 0;
    while ((first = content_start(head, eof)) == std::string::npos) {
      if (eof) return true;  // empty, or blank lines only
      auto more = read_more(**src, size_t{1} << 16, &head);
      if (!more) return v_.error("", 0, more.error().message);
      eof = *more;
    }
    const std::string name = (*src)->name();
    if (head[first] == '{') {
      return read_ndjson(std::make_unique<PrefixedSource>(std::move(head), std::move(*src)), name);
    }
    return read_csv(**src, std::move(head), eof, name);
  }

 private:
  bool deliver(Account a, std::string_view input) {
    // Duplicates of a key have the same key, so a shard only needs to remember its own keys.
    if (!opts_.checks_duplicates || opts_.checks_duplicates(a)) {
      auto [it, fresh] = keys_.try_emplace(a.key, KeySeen{std::string(input), a.row});
      if (!fresh) {
        std::string where = it->second.input == input ? "" : it->second.input + ":";
        return v_.error(input, a.row,
                        "duplicate key " + a.key + " (first at " + where + "row " +
                            std::to_string(it->second.row) + ")");
      }
    }
    v_.account(std::move(a));
    return true;
  }

  bool read_ndjson(std::unique_ptr<ByteSource> src, const std::string& name) {
    LineReader reader(std::move(src), opts_.max_line_bytes);
    simdjson::dom::parser parser;
    Line line;
    for (;;) {
      auto r = reader.next(&line);
      if (!r) {
        if (!v_.error(name, static_cast<int64_t>(reader.line_number()), r.error().message)) {
          return false;
        }
        continue;
      }
      if (!*r) return true;
      const auto row = static_cast<int64_t>(line.number);
      simdjson::dom::element doc;
      auto err = parser.parse(line.text.data(), line.text.size(), false).get(doc);
      if (err) {
        if (!v_.error(name, row, "invalid JSON: " + json_error_message(err))) return false;
        continue;
      }
      simdjson::dom::object obj;
      if (doc.get_object().get(obj)) {
        if (!v_.error(name, row, "record is not a JSON object")) return false;
        continue;
      }
      std::string_view kind;
      if (obj["kind"].get_string().get(kind) || kind != "account") {
        v_.passthrough(line);
        continue;
      }
      Account a;
      if (Status st = records::parse_account(obj, &a); !st.ok()) {
        if (!v_.error(name, row, st.message())) return false;
        continue;
      }
      if (a.row == 0) a.row = row;
      const std::string canon = canonical_platform(a.platform);
      if (!a.platform.empty() && canon.empty()) {
        if (!v_.error(name, row, "unknown platform " + a.platform)) return false;
        continue;
      }
      a.platform = canon;
      std::string ref = a.handle.empty() && a.platform_id.empty() ? a.url : std::string();
      Status s = complete_account(&a, ref);
      if (!s.ok()) {
        if (!v_.error(name, row, s.message())) return false;
        continue;
      }
      if (!deliver(std::move(a), name)) return false;
    }
  }

  // The header row, once it has arrived whole.
  struct CsvHeader {
    bool read = false;
    char delimiter = 0;  // 0: detect from the header row
    std::vector<std::string> columns;
    bool wide = false;  // one column per platform
  };

  // CSV in chunks: each pass parses what has arrived and keeps the rows that ended before the
  // end of the buffer; a row still open at the end (a quoted cell with line breaks, a CR whose
  // LF has not arrived) is parsed again with the next chunk, so rows and row numbers are those
  // of the whole file.
  bool read_csv(ByteSource& src, std::string pending, bool eof, const std::string& name) {
    CsvHeader header;
    std::vector<std::string> fields;
    std::string scratch;
    int64_t rows_done = 0;  // rows before `pending`
    bool repaired = false;
    size_t want = kChunkBytes;
    for (;;) {
      CsvParser csv(pending, header.delimiter);
      int64_t local = 0, accepted = 0;
      size_t kept_to = 0;
      while (csv.next(&fields, &local)) {
        if (!eof && csv.consumed() >= pending.size()) break;  // may go on in the next chunk
        kept_to = csv.consumed();
        ++accepted;
        const int64_t row = rows_done + local;
        bool bad_utf8 = false;
        for (auto& f : fields) bad_utf8 = repair_cell(&f, &scratch) || bad_utf8;
        if (bad_utf8 && !repaired) {
          repaired = true;
          if (!v_.error(name, 0, "not valid UTF-8: ill-formed bytes replaced by U+FFFD")) {
            return false;
          }
        }
        if (!header.read) {
          if (!read_header(fields, csv.delimiter(), &header)) {
            return v_.error(name, 1,
                            "no handle or url column (expected akun, handle, url or a platform "
                            "name)");
          }
          continue;
        }
        bool blank = true;
        for (const auto& f : fields) blank = blank && trim(f).empty();
        if (blank) continue;
        if (!read_csv_row(header.columns, fields, row, name, header.wide)) return false;
      }
      if (eof) {
        if (csv.unterminated_quote()) {
          return v_.error(name, rows_done + local,
                          "unterminated quoted field at end of input (truncated file?)");
        }
        return true;
      }
      rows_done += accepted;
      pending.erase(0, kept_to);
      if (pending.size() > opts_.max_line_bytes) {
        return v_.error(name, rows_done + 1,
                        "row longer than " + std::to_string(opts_.max_line_bytes) + " bytes");
      }
      // A pass that kept no row read too little: read as much again, so a long row costs
      // O(length) passes in total rather than one pass per chunk.
      want = accepted == 0 ? std::max(want, pending.size()) : kChunkBytes;
      auto more = read_more(src, want, &pending);
      if (!more) return v_.error(name, rows_done + 1, more.error().message);
      eof = *more;
    }
  }

  // Returns false when the header names no handle, url or platform column.
  static bool read_header(const std::vector<std::string>& fields, char delimiter, CsvHeader* h) {
    bool has_ref = false;
    for (const auto& f : fields) {
      std::string col = registry_column(f);
      has_ref = has_ref || col == "ref" || col.rfind("platform:", 0) == 0 || col == "platform_id";
      h->wide = h->wide || col.rfind("platform:", 0) == 0;
      h->columns.push_back(std::move(col));
    }
    h->read = true;
    h->delimiter = delimiter;
    return has_ref;
  }

  bool read_csv_row(const std::vector<std::string>& columns, const std::vector<std::string>& f,
                    int64_t row, const std::string& name, bool wide) {
    Account base;
    base.row = row;
    std::string ref, platform_text, role_text, kpu_text;
    std::vector<std::pair<std::string, std::string>> wide_refs;  // platform, cell
    for (size_t i = 0; i < columns.size() && i < f.size(); ++i) {
      const std::string& col = columns[i];
      const std::string value(trim(f[i]));
      if (col.empty() || value.empty()) continue;
      if (col == "key")
        base.key = value;
      else if (col == "owner")
        base.owner = value;
      else if (col == "owner_key")
        base.owner_key = value;
      else if (col == "party")
        base.party = value;
      else if (col == "ballot_no")
        base.ballot_no = value;
      else if (col == "district")
        base.district = value;
      else if (col == "region")
        base.region = value;
      else if (col == "election")
        base.election = value;
      else if (col == "platform")
        platform_text = value;
      else if (col == "ref")
        ref = value;
      else if (col == "role")
        role_text = value;
      else if (col == "kpu_registered")
        kpu_text = value;
      else if (col == "notes")
        base.notes = value;
      else if (col == "platform_id")
        base.platform_id = value;
      else if (col.rfind("platform:", 0) == 0)
        wide_refs.emplace_back(col.substr(9), value);
    }
    if (f.size() > columns.size()) {
      return v_.error(name, row,
                      "row has " + std::to_string(f.size()) + " fields, header has " +
                          std::to_string(columns.size()));
    }
    base.role = canonical_role(role_text);
    if (base.role.empty()) return v_.error(name, row, "unknown role " + role_text);
    bool bad = false;
    base.kpu_registered = parse_yes_no(kpu_text, &bad);
    if (bad) return v_.error(name, row, "kpu_registered is not yes/no: " + kpu_text);
    if (!platform_text.empty()) {
      base.platform = canonical_platform(platform_text);
      if (base.platform.empty()) return v_.error(name, row, "unknown platform " + platform_text);
    }
    if (!ref.empty() || !base.platform_id.empty() || !wide) {
      if (ref.empty() && base.platform_id.empty()) {
        if (wide_refs.empty()) return v_.error(name, row, "no handle or url");
      } else {
        Account a = base;
        Status s = complete_account(&a, ref);
        if (!s.ok()) return v_.error(name, row, s.message());
        if (!deliver(std::move(a), name)) return false;
      }
    }
    for (const auto& [platform, cell] : wide_refs) {
      Account a = base;
      a.platform = platform;
      a.platform_id.clear();
      // One registry id names the person; each platform's account gets its own key.
      if (!a.key.empty()) a.key += "-" + platform;
      Status s = complete_account(&a, cell);
      if (!s.ok()) {
        if (!v_.error(name, row, platform + ": " + s.message())) return false;
        continue;
      }
      if (!deliver(std::move(a), name)) return false;
    }
    return true;
  }

  const RegistryOptions& opts_;
  RegistryVisitor& v_;
  std::unordered_map<std::string, KeySeen> keys_;
};

}  // namespace

std::string registry_column(std::string_view header) {
  const std::string s = squash(header);
  for (const auto& [spelling, field] : kColumns) {
    if (s == spelling) return std::string(field);
  }
  const std::string platform = canonical_platform(header);
  if (!platform.empty() && s != "x") return "platform:" + platform;
  if (s == "x" || s == "twitterx" || s == "xtwitter") return "platform:x";
  return {};
}

Status complete_account(Account* a, std::string_view ref_text) {
  if (!ref_text.empty()) {
    auto ref = parse_account_ref(ref_text, a->platform);
    if (!ref) return ref.error();
    a->platform = ref->platform;
    if (!ref->handle.empty()) a->handle = ref->handle;
    if (!ref->platform_id.empty()) a->platform_id = ref->platform_id;
    if (a->url.empty()) a->url = ref->url;
  }
  if (a->platform.empty()) return Error::invalid("no platform");
  if (a->handle.empty() && a->platform_id.empty()) return Error::invalid("no handle or id");
  if (a->url.empty()) a->url = profile_url(a->platform, a->handle, a->platform_id);
  if (a->key.empty()) {
    // Handles are case-insensitive on every supported platform, so the key is too.
    a->key = a->platform + ":" + (a->handle.empty() ? a->platform_id : ascii_lower(a->handle));
  }
  if (a->owner_key.empty() && !a->owner.empty()) a->owner_key = slug(a->owner);
  if (a->role.empty()) a->role = "other";
  return {};
}

Status read_registry(const std::vector<std::string>& operands, const RegistryOptions& opts,
                     RegistryVisitor& visitor) {
  Reader reader(opts, visitor);
  std::vector<std::string> ops = operands;
  if (ops.empty()) ops.emplace_back("-");
  for (const auto& op : ops) {
    if (!reader.read_operand(op)) return Error::invalid("stopped");
  }
  return {};
}

}  // namespace pantau::fetch
