#include "pantau/fetch/run_manifest.h"

#include <simdjson.h>

#include <fstream>
#include <tuple>

#include "pantau/fetch/redact.h"
#include "pantau/json_writer.h"
#include "pantau/sha256.h"

namespace pantau::fetch {
namespace {

constexpr int64_t kFormat = 1;

Status get_str(simdjson::dom::object o, std::string_view key, std::string* out, bool required) {
  simdjson::dom::element e;
  if (o[key].get(e) != simdjson::SUCCESS || e.is_null()) {
    if (required) return Error::invalid("manifest has no \"" + std::string(key) + "\"");
    out->clear();
    return {};
  }
  std::string_view s;
  if (e.get_string().get(s) != simdjson::SUCCESS) {
    return Error::invalid("manifest: \"" + std::string(key) + "\" is not a string");
  }
  out->assign(s);
  return {};
}

Status get_strings(simdjson::dom::object o, std::string_view key, std::vector<std::string>* out) {
  simdjson::dom::array arr;
  if (o[key].get_array().get(arr) != simdjson::SUCCESS) {
    return Error::invalid("manifest: \"" + std::string(key) + "\" is not an array");
  }
  for (simdjson::dom::element e : arr) {
    std::string_view s;
    if (e.get_string().get(s) != simdjson::SUCCESS) {
      return Error::invalid("manifest: \"" + std::string(key) +
                            "\" has an item that is not a string");
    }
    out->emplace_back(s);
  }
  return {};
}

bool is_hex_digest(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) return false;
  }
  return true;
}

}  // namespace

void RunManifest::add_line(std::string_view line) { lines.push_back(sha256_hex(line)); }

std::string lines_digest(const std::vector<std::string>& lines) {
  std::string joined;
  joined.reserve(lines.size() * 65);
  for (const auto& l : lines) {
    if (!joined.empty()) joined.push_back('\n');
    joined += l;
  }
  return sha256_hex(joined);
}

std::string manifest_json(const RunManifest& m) {
  std::string out;
  JsonWriter w(&out);
  w.begin_object();
  w.field("kind", "manifest");
  w.field("format", kFormat);
  w.field("tool", m.tool);
  w.field("started_at", m.started_at);
  w.field("ended_at", m.ended_at);
  w.key("argv");
  w.begin_array();
  for (const auto& a : m.argv) w.string(a);
  w.end_array();
  w.key("registry");
  w.begin_array();
  for (const auto& [file, sha] : m.registry) {
    w.begin_object();
    w.field("file", file);
    w.field_or_null("sha256", sha);  // null: read from standard input
    w.end_object();
  }
  w.end_array();
  w.field_or_null("shard", m.shard);
  w.field("output", m.output);
  w.field("records", static_cast<int64_t>(m.lines.size()));
  w.field("lines_sha256", lines_digest(m.lines));
  w.key("lines");
  w.begin_array();
  for (const auto& l : m.lines) w.string(l);
  w.end_array();
  w.end_object();
  out.push_back('\n');
  return out;
}

Result<RunManifest> parse_manifest(std::string_view text) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto err = parser.parse(text.data(), text.size()).get(doc); err) {
    return Error::invalid(std::string("not a manifest: ") + simdjson::error_message(err));
  }
  simdjson::dom::object o;
  if (doc.get_object().get(o) != simdjson::SUCCESS) return Error::invalid("not a manifest");
  std::string kind;
  if (Status s = get_str(o, "kind", &kind, true); !s.ok()) return s.error();
  if (kind != "manifest") return Error::invalid("not a manifest (kind \"" + kind + "\")");
  int64_t format = 0;
  if (o["format"].get_int64().get(format) != simdjson::SUCCESS || format != kFormat) {
    return Error::unsupported("manifest format is not " + std::to_string(kFormat));
  }
  RunManifest m;
  for (auto [key, out, required] :
       {std::tuple<std::string_view, std::string*, bool>{"tool", &m.tool, true},
        {"started_at", &m.started_at, true},
        {"ended_at", &m.ended_at, true},
        {"shard", &m.shard, false},
        {"output", &m.output, false}}) {
    if (Status s = get_str(o, key, out, required); !s.ok()) return s.error();
  }
  if (Status s = get_strings(o, "argv", &m.argv); !s.ok()) return s.error();
  if (Status s = get_strings(o, "lines", &m.lines); !s.ok()) return s.error();
  for (size_t i = 0; i < m.lines.size(); ++i) {
    if (!is_hex_digest(m.lines[i])) {
      return Error::invalid("manifest: lines[" + std::to_string(i) + "] is not a SHA-256 digest");
    }
  }
  int64_t records = -1;
  if (o["records"].get_int64().get(records) != simdjson::SUCCESS ||
      records != static_cast<int64_t>(m.lines.size())) {
    return Error::invalid("manifest: \"records\" is not the number of \"lines\"");
  }
  std::string digest;
  if (Status s = get_str(o, "lines_sha256", &digest, true); !s.ok()) return s.error();
  if (digest != lines_digest(m.lines)) {
    return Error::invalid("manifest: \"lines_sha256\" does not match its \"lines\"");
  }
  simdjson::dom::array reg;
  if (o["registry"].get_array().get(reg) == simdjson::SUCCESS) {
    for (simdjson::dom::element e : reg) {
      simdjson::dom::object ro;
      if (e.get_object().get(ro) != simdjson::SUCCESS) {
        return Error::invalid("manifest: \"registry\" has an item that is not an object");
      }
      std::string file, sha;
      if (Status s = get_str(ro, "file", &file, true); !s.ok()) return s.error();
      if (Status s = get_str(ro, "sha256", &sha, false); !s.ok()) return s.error();
      m.registry.emplace_back(std::move(file), std::move(sha));
    }
  }
  return m;
}

std::vector<ManifestProblem> compare_lines(const std::vector<std::string>& file,
                                           const std::vector<std::string>& manifest) {
  std::vector<ManifestProblem> problems;
  size_t i = 0, j = 0;  // file line, manifest line (0-based)
  const auto line_no = [](size_t k) { return static_cast<int64_t>(k + 1); };
  while (i < file.size() || j < manifest.size()) {
    if (i < file.size() && j < manifest.size() && file[i] == manifest[j]) {
      ++i;
      ++j;
    } else if (i >= file.size()) {
      problems.push_back({0, "line " + std::to_string(line_no(j)) +
                                 " of the manifest is missing: the file ends after line " +
                                 std::to_string(file.size())});
      ++j;
    } else if (j >= manifest.size()) {
      problems.push_back({line_no(i), "not in the manifest (a line added after the run)"});
      ++i;
    } else if (j + 1 < manifest.size() && file[i] == manifest[j + 1]) {
      problems.push_back({line_no(i), "line " + std::to_string(line_no(j)) +
                                          " of the manifest is missing before this line"});
      ++j;
    } else if (i + 1 < file.size() && file[i + 1] == manifest[j]) {
      problems.push_back({line_no(i), "not in the manifest (a line inserted after the run)"});
      ++i;
    } else {
      problems.push_back({line_no(i), "SHA-256 differs from line " + std::to_string(line_no(j)) +
                                          " of the manifest (the line was changed)"});
      ++i;
      ++j;
    }
  }
  return problems;
}

Result<std::vector<std::string>> hash_file_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::not_found(path + ": cannot open");
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) out.push_back(sha256_hex(line));
  if (in.bad()) return Error::io(path + ": read error");
  return out;
}

std::string redact_argument(std::string_view arg) {
  std::string s(arg);
  const size_t scheme = s.find("://");
  if (scheme == std::string::npos) return s;
  const size_t host = scheme + 3;
  size_t end = s.find_first_of("/?#", host);
  if (end == std::string::npos) end = s.size();
  const size_t at = s.rfind('@', end);
  if (at != std::string::npos && at >= host) s.replace(host, at - host, kRedacted);
  // The URL part (after "--flag=" or "platform=") with its secret query parameters redacted.
  size_t start = s.rfind('=', scheme);
  start = start == std::string::npos ? 0 : start + 1;
  return s.substr(0, start) + redact_url(std::string_view(s).substr(start));
}

}  // namespace pantau::fetch
