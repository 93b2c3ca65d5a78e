// pantau-bench-ndjson: NDJSON read + write throughput of pantau's library, the work every tool
// does around its own job. Bench-only; compare with `jq -c .` and Python's json module
// (bench/run.sh does, in the same run).
//
//   pantau-bench-ndjson [--mode reserialize|passthrough] FILE...   > out.ndjson
//
// reserialize: LineReader -> simdjson DOM parse -> JsonWriter re-emits every value (what jq -c .
//              does: parse and print each record).
// passthrough: LineReader -> full validation -> the line copied out (what a filter does with
//              records of a kind it does not handle).
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "pantau/json_writer.h"
#include "pantau/line_reader.h"
#include "pantau/output.h"
#include "pantau/record.h"

namespace {

void emit(simdjson::dom::element e, pantau::JsonWriter& w) {
  using simdjson::dom::element_type;
  switch (e.type()) {
    case element_type::OBJECT:
      w.begin_object();
      for (auto field : simdjson::dom::object(e)) {
        w.key(field.key);
        emit(field.value, w);
      }
      w.end_object();
      break;
    case element_type::ARRAY:
      w.begin_array();
      for (auto v : simdjson::dom::array(e)) emit(v, w);
      w.end_array();
      break;
    case element_type::STRING:
      w.string(std::string_view(e));
      break;
    case element_type::INT64:
      w.number(int64_t(e));
      break;
    case element_type::UINT64:
      w.number(uint64_t(e));
      break;
    case element_type::DOUBLE:
      w.number(double(e));
      break;
    case element_type::BOOL:
      w.boolean(bool(e));
      break;
    case element_type::NULL_VALUE:
      w.null();
      break;
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode = "reserialize";
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--mode" && i + 1 < argc) {
      mode = argv[++i];
    } else {
      files.push_back(a);
    }
  }
  pantau::LineReader reader(files);
  pantau::OutputStream out(STDOUT_FILENO);
  simdjson::dom::parser parser;
  pantau::RecordValidator validator;
  std::string record;
  pantau::Line line;
  uint64_t bad = 0;
  for (;;) {
    auto r = reader.next(&line);
    if (!r) {
      ++bad;
      continue;
    }
    if (!*r) break;
    record.clear();
    if (mode == "passthrough") {
      if (!validator.validate(line).ok()) {
        ++bad;
        continue;
      }
      pantau::append_passthrough(line, &record);
    } else {
      simdjson::dom::element doc;
      if (parser.parse(reinterpret_cast<const uint8_t*>(line.text.data()), line.text.size(), false)
              .get(doc)) {
        ++bad;
        continue;
      }
      pantau::JsonWriter w(&record);
      emit(doc, w);
    }
    out.write_line(record);
  }
  if (!out.flush().ok()) return 1;
  if (bad)
    std::fprintf(stderr, "pantau-bench-ndjson: %llu bad lines\n",
                 static_cast<unsigned long long>(bad));
  return bad ? 1 : 0;
}
