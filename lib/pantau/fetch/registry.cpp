#include "pantau/fetch/registry.h"

#include <array>
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

class Reader {
 public:
  Reader(const RegistryOptions& opts, RegistryVisitor& v) : opts_(opts), v_(v) {}

  bool read_operand(const std::string& operand) {
    auto src = open_input(operand);
    if (!src) return v_.error("", 0, src.error().message);
    std::string bytes;
    std::string chunk(size_t{1} << 16, '\0');
    for (;;) {
      auto n = (*src)->read(chunk.data(), chunk.size());
      if (!n) return v_.error("", 0, n.error().message);
      if (*n == 0) break;
      bytes.append(chunk.data(), *n);
    }
    const std::string name = (*src)->name();
    size_t first = bytes.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return true;
    if (bytes.compare(first, 3, "\xEF\xBB\xBF") == 0) {
      first = bytes.find_first_not_of(" \t\r\n", first + 3);
      if (first == std::string::npos) return true;
    }
    if (bytes[first] == '{') return read_ndjson(std::move(bytes), name);
    return read_csv(bytes, name);
  }

 private:
  bool deliver(Account a, std::string_view input) {
    auto [it, fresh] = keys_.try_emplace(a.key, KeySeen{std::string(input), a.row});
    if (!fresh) {
      std::string where = it->second.input == input ? "" : it->second.input + ":";
      return v_.error(input, a.row,
                      "duplicate key " + a.key + " (first at " + where + "row " +
                          std::to_string(it->second.row) + ")");
    }
    v_.account(std::move(a));
    return true;
  }

  bool read_ndjson(std::string bytes, const std::string& name) {
    LineReader reader(memory_source(std::move(bytes), name), opts_.max_line_bytes);
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
      auto acct = account_from_json(obj);
      if (!acct) {
        if (!v_.error(name, row, acct.error().message)) return false;
        continue;
      }
      Account a = std::move(*acct);
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

  bool read_csv(const std::string& bytes, const std::string& name) {
    // Spreadsheets exported with a legacy code page are repaired rather than rejected: the
    // affected cells show U+FFFD and the row is still usable if its handle is intact.
    std::string text;
    if (!is_valid_utf8(bytes)) {
      append_repaired_utf8(bytes, &text);
      if (!v_.error(name, 0, "not valid UTF-8: ill-formed bytes replaced by U+FFFD")) return false;
    } else {
      text = bytes;
    }
    CsvParser csv(text);
    std::vector<std::string> fields;
    int64_t row = 0;
    if (!csv.next(&fields, &row)) return true;
    std::vector<std::string> columns;
    bool has_ref = false, has_platform_col = false;
    for (const auto& h : fields) {
      std::string col = registry_column(h);
      has_ref = has_ref || col == "ref" || col.rfind("platform:", 0) == 0 || col == "platform_id";
      has_platform_col = has_platform_col || col.rfind("platform:", 0) == 0;
      columns.push_back(std::move(col));
    }
    if (!has_ref) {
      return v_.error(name, 1,
                      "no handle or url column (expected akun, handle, url or a platform name)");
    }
    while (csv.next(&fields, &row)) {
      bool blank = true;
      for (const auto& f : fields) blank = blank && trim(f).empty();
      if (blank) continue;
      if (!read_csv_row(columns, fields, row, name, has_platform_col)) return false;
    }
    if (csv.unterminated_quote()) {
      return v_.error(name, row, "unterminated quoted field at end of input (truncated file?)");
    }
    return true;
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
