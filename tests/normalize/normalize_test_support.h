// Helpers for the normalize tests: wrap fixture bodies into raw records, run the normalizer,
// and read fields of the output records by JSON pointer.
#pragma once

#include <simdjson.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/json_writer.h"
#include "pantau/line_reader.h"
#include "pantau/normalize/normalizer.h"
#include "pantau/sha256.h"
#include "test_support.h"

namespace pantau::test {

inline std::string fixture(const std::string& rel) {
  return read_file(data_dir() + "/fixtures/api/" + rel);
}

// A raw record as pantau-fetch-accounts writes it (fixed times, so outputs are stable).
inline std::string raw_line(std::string_view platform, std::string_view endpoint,
                            std::string_view body, int status = 200,
                            std::string_view adapter = {}) {
  std::string out;
  JsonWriter w(&out);
  w.begin_object();
  w.field("kind", "raw");
  w.field("platform", platform);
  w.field("adapter", adapter.empty() ? platform : adapter);
  w.field("endpoint", endpoint);
  w.field("request_url", "https://api.example.invalid/" + std::string(platform) + "?key=REDACTED");
  w.key("status");
  w.number(status);
  w.field("fetched_at", "2024-02-12T01:00:00Z");
  w.field("sha256", sha256_hex(body));
  w.key("account");
  w.raw(R"({"key":"k1","platform":"x","owner":"Budi","role":"candidate","ballot_no":"3"})");
  w.field("body_encoding", "utf-8");
  w.field("body", body);
  w.end_object();
  return out;
}

struct Run {
  std::vector<std::string> records;  // output lines without '\n'
  std::vector<std::string> errors;   // messages of failed lines
  std::vector<std::string> warnings;
  normalize::NormalizeStats stats;
};

// Runs the normalizer over `lines` (NDJSON text, several lines allowed).
inline Run normalize_text(const std::string& text, normalize::NormalizeOptions opts = {}) {
  Run run;
  normalize::RecordNormalizer n(opts);
  LineReader reader(memory_source(text, "test.ndjson"));
  Line line;
  std::string out;
  auto take = [&](const Status& s) {
    if (!s.ok()) run.errors.push_back(s.message());
    if (!n.warning().empty()) run.warnings.push_back(n.warning());
    size_t start = 0;
    while (start < out.size()) {
      size_t nl = out.find('\n', start);
      run.records.push_back(out.substr(start, nl - start));
      start = nl + 1;
    }
  };
  for (;;) {
    auto r = reader.next(&line);
    if (!r) {
      run.errors.push_back(r.error().message);
      continue;
    }
    if (!*r) break;
    out.clear();
    take(n.normalize_line(line, &out));
  }
  out.clear();
  take(n.finish(&out));  // a pretty-printed document cut short
  run.stats = n.stats();
  return run;
}

// The value at `pointer` in the JSON record: a string's contents, "null", or the value's JSON.
// "(missing)" when there is no such field.
inline std::string at(const std::string& record, std::string_view pointer) {
  static simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(record).get(doc)) return "(invalid json)";
  simdjson::dom::element v;
  if (doc.at_pointer(pointer).get(v)) return "(missing)";
  if (v.is_string()) return std::string(v.get_string().value_unsafe());
  if (v.is_null()) return "null";
  return simdjson::minify(v);
}

// The first record whose "id" is `id`, or "" when none.
inline std::string record_with_id(const Run& run, std::string_view id) {
  for (const auto& r : run.records) {
    if (at(r, "/id") == id) return r;
  }
  return {};
}

inline size_t count_kind(const Run& run, std::string_view kind) {
  size_t n = 0;
  for (const auto& r : run.records) n += at(r, "/kind") == kind;
  return n;
}

}  // namespace pantau::test
