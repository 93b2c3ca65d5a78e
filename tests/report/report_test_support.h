// Helpers for pantau-report's unit tests: build post records and feed text through the ingester
// exactly as the program does (LineReader over memory, one RecordIngester).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "pantau/byte_source.h"
#include "pantau/json_writer.h"
#include "pantau/line_reader.h"
#include "pantau/report/record_ingester.h"
#include "pantau/report/report_state.h"
#include "test_support.h"

namespace pantau::report::test {

struct LabelSpec {
  std::string label;
  double score = 0.5;
  std::string quote;  // evidence text, found in the post text for the span
};

struct PostSpec {
  std::string id = "x:1";
  std::string platform = "x";
  std::string created_at = "2024-02-11T03:00:00Z";
  std::string fetched_at = "2024-02-12T00:00:00Z";
  std::string account_key = "acc-1";  // empty: "account": null
  std::string owner = "Budi Santoso";
  std::string owner_key = "budi";
  std::string role = "candidate";
  std::string region = "52.01";
  std::string text = "Ayo coblos nomor 3!";
  std::string url = "https://x.com/a/status/1";
  bool classified = true;
  std::vector<LabelSpec> labels;
};

// Code-point index of byte offset `b` in valid UTF-8 `s`.
inline int64_t cp_index(const std::string& s, size_t b) {
  int64_t n = 0;
  for (size_t i = 0; i < b; ++i) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  return n;
}

inline std::string post_json(const PostSpec& p) {
  std::string out;
  JsonWriter w(&out);
  w.begin_object();
  w.field("kind", "post");
  w.field("id", p.id);
  w.field("platform", p.platform);
  w.field("native_id", p.id.substr(p.id.find(':') + 1));
  w.field("url", p.url);
  w.field("type", "post");
  w.field("created_at", p.created_at);
  w.key("account");
  if (p.account_key.empty()) {
    w.null();
  } else {
    w.begin_object();
    w.field("key", p.account_key);
    w.field("platform", p.platform);
    w.field("handle", "@" + p.account_key);
    w.field("owner", p.owner);
    w.field("owner_key", p.owner_key);
    w.field("role", p.role);
    w.field("region", p.region);
    w.end_object();
  }
  w.field("text", p.text);
  w.key("source");
  w.begin_object();
  w.field("raw_sha256", std::string(64, 'a'));
  w.field("fetched_at", p.fetched_at);
  w.field("input", "raw.ndjson");
  w.end_object();
  if (p.classified) {
    w.key("labels");
    w.begin_array();
    for (const auto& l : p.labels) {
      w.begin_object();
      w.field("label", l.label);
      w.key("score");
      w.number(l.score);
      w.key("evidence");
      w.begin_array();
      if (!l.quote.empty()) {
        const size_t b = p.text.find(l.quote);
        w.begin_object();
        w.field("rule", l.label + ".test");
        w.field("start", b == std::string::npos ? int64_t{-1} : cp_index(p.text, b));
        w.field("end", b == std::string::npos ? int64_t{-1} : cp_index(p.text, b + l.quote.size()));
        w.field("text", l.quote);
        w.end_object();
      }
      w.end_array();
      w.end_object();
    }
    w.end_array();
    w.key("classifier");
    w.begin_object();
    w.field("pack", "pantau-id");
    w.field("version", "2024.1");
    w.field("election", "pemilu-2024");
    w.end_object();
  }
  w.end_object();
  return out;
}

// Feeds NDJSON `text` through one ingester; returns "LINE: message" for each rejected line.
inline std::vector<std::string> ingest_text(ReportState* state, const std::string& text,
                                            bool merge_only = false) {
  std::vector<std::string> errors;
  LineReader reader(memory_source(text, "<test>"));
  RecordIngester ingester(state, merge_only);
  Line line;
  for (;;) {
    auto r = reader.next(&line);
    if (!r) {
      errors.push_back(std::to_string(reader.line_number()) + ": " + r.error().message);
      continue;
    }
    if (!*r) break;
    Status s = ingester.ingest(line);
    if (!s.ok()) errors.push_back(std::to_string(line.number) + ": " + s.message());
  }
  return errors;
}

inline std::string fixture(const std::string& name) {
  return pantau::test::read_file(pantau::test::data_dir() + "/report/data/" + name);
}

}  // namespace pantau::report::test
