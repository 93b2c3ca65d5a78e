// pantau-bench-classify-stages: where pantau-classify's time goes, stage by stage, on one input.
//
//   pantau-bench-classify-stages [--rules DIR] posts.ndjson
//
// Reads the whole file once into memory, then times in separate passes over the same lines:
// parse (simdjson DOM of each record), + normalize (TextNormalizer on "text"), + scan (vectorscan
// over the normalized text), + classify (labels, no output), + output (the record with labels).
// Prints seconds and MB/s of input per pass. One process, one core.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "pantau/classify/classifier.h"
#include "pantau/classify/file_util.h"
#include "pantau/classify/matcher.h"
#include "pantau/line_reader.h"
#include "pantau/text/text_normalizer.h"

#ifndef PANTAU_SOURCE_RULES_DIR
#define PANTAU_SOURCE_RULES_DIR "rules"
#endif

using namespace pantau;
using namespace pantau::classify;

int main(int argc, char** argv) {
  std::string rules = PANTAU_SOURCE_RULES_DIR, path;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--rules" && i + 1 < argc)
      rules = argv[++i];
    else
      path = a;
  }
  if (path.empty()) {
    std::fprintf(stderr, "usage: pantau-bench-classify-stages [--rules DIR] posts.ndjson\n");
    return 2;
  }
  auto data = read_file(path);
  if (!data) {
    std::fprintf(stderr, "%s\n", data.error().message.c_str());
    return 1;
  }
  auto pack = load_rule_pack(rules, make_term_normalizer());
  if (!pack) {
    std::fprintf(stderr, "%s\n", pack.error().message.c_str());
    return 1;
  }
  auto classifier = Classifier::create(*pack);
  if (!classifier) {
    std::fprintf(stderr, "%s\n", classifier.error().message.c_str());
    return 1;
  }
  // Lines with padding, as the LineReader hands them out.
  std::vector<std::string> lines;
  size_t pos = 0;
  const std::string& d = *data;
  while (pos < d.size()) {
    size_t nl = d.find('\n', pos);
    if (nl == std::string::npos) nl = d.size();
    if (nl > pos) {
      lines.emplace_back(d, pos, nl - pos);
      lines.back().reserve(nl - pos + simdjson::SIMDJSON_PADDING);
    }
    pos = nl + 1;
  }
  const double mb = static_cast<double>(d.size()) / 1e6;
  auto line_of = [](const std::string& s) {
    Line l;
    l.text = s;
    l.capacity = s.capacity();
    l.input = "bench";
    return l;
  };
  auto timed = [&](const char* name, auto&& body) {
    auto t0 = std::chrono::steady_clock::now();
    size_t sink = body();
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%-34s %8.3f s %9.0f MB/s   (%zu)\n", name, secs, mb / secs, sink);
  };
  simdjson::dom::parser parser;
  text::TextNormalizer normalizer(&text::SlangTable::builtin());
  text::NormalizedText nt;
  std::vector<std::string_view> texts;
  texts.reserve(lines.size());
  std::printf("input: %s, %zu records, %.1f MB; pack %s %s, %zu patterns\n", path.c_str(),
              lines.size(), mb, pack->name.c_str(), pack->version.c_str(),
              (*classifier)->pattern_count());
  timed("parse (DOM, text field)", [&] {
    size_t n = 0;
    for (const auto& s : lines) {
      simdjson::dom::element doc;
      if (parser.parse(reinterpret_cast<const uint8_t*>(s.data()), s.size(), false).get(doc))
        continue;
      std::string_view t;
      if (!doc["text"].get_string().get(t)) n += t.size();
    }
    return n;
  });
  // Keep the texts for the next passes (copies: the parser's memory is reused).
  std::vector<std::string> text_copies;
  for (const auto& s : lines) {
    simdjson::dom::element doc;
    std::string_view t;
    if (!parser.parse(s).get(doc) && !doc["text"].get_string().get(t)) text_copies.emplace_back(t);
  }
  size_t text_bytes = 0;
  for (const auto& t : text_copies) text_bytes += t.size();
  std::printf("text: %.1f MB (%.0f%% of the input)\n", static_cast<double>(text_bytes) / 1e6,
              100.0 * static_cast<double>(text_bytes) / static_cast<double>(d.size()));
  timed("normalize text only", [&] {
    size_t n = 0;
    for (const auto& t : text_copies) {
      normalizer.normalize(t, &nt);
      n += nt.text.size();
    }
    return n;
  });
  std::vector<int32_t> fired;
  timed("normalize + scan", [&] {
    size_t n = 0;
    for (const auto& t : text_copies) {
      if ((*classifier)->fired_rules(t, &fired).ok()) n += fired.size();
    }
    return n;
  });
  std::vector<Feature> feats;
  timed("normalize + scan + model features", [&] {
    size_t n = 0;
    for (const auto& t : text_copies) {
      if ((*classifier)->features(t, true, FeatureOptions{}, &feats).ok()) n += feats.size();
    }
    return n;
  });
  Classification c;
  timed("classify (parse..labels, no output)", [&] {
    size_t n = 0;
    for (const auto& s : lines) {
      simdjson::dom::element doc;
      simdjson::dom::object obj;
      if (parser.parse(reinterpret_cast<const uint8_t*>(s.data()), s.size(), false).get(doc) ||
          doc.get_object().get(obj)) {
        continue;
      }
      PostContext ctx;
      if (!(*classifier)->read_post(obj, &ctx).ok()) continue;
      if ((*classifier)->classify(ctx, &c).ok()) n += c.labels.size();
    }
    return n;
  });
  std::string out;
  timed("process_line (with output)", [&] {
    size_t n = 0;
    for (const auto& s : lines) {
      out.clear();
      if ((*classifier)->process_line(line_of(s), &out).ok()) n += out.size();
    }
    return n;
  });
  return 0;
}
