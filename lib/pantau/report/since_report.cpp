#include "pantau/report/since_report.h"

#include <simdjson.h>

#include "pantau/line_reader.h"
#include "pantau/record.h"
#include "pantau/report/dom_fields.h"
#include "pantau/report/state_io.h"

namespace pantau::report {
namespace {

Status add_ids(simdjson::dom::object report, std::string_view member, bool objects,
               ReportState* state) {
  simdjson::dom::array arr;
  bool present = false;
  Status s = get_array(report, member, &arr, &present);
  if (!s.ok() || !present) return s;
  for (simdjson::dom::element e : arr) {
    std::string_view id;
    if (objects) {
      simdjson::dom::object o;
      if (e.get_object().get(o) != simdjson::SUCCESS) {
        return Error::invalid("\"" + std::string(member) + "\" has an item that is not an object");
      }
      Status st = get_string(o, "id", &id);
      if (!st.ok()) return st;
    } else if (e.get_string().get(id) != simdjson::SUCCESS) {
      return Error::invalid("\"" + std::string(member) + "\" has an item that is not a string");
    }
    if (!id.empty()) state->add_known_id(id);
  }
  return {};
}

Status add_removed(simdjson::dom::object report, ReportState* state) {
  simdjson::dom::array arr;
  bool present = false;
  Status s = get_array(report, "known_removed", &arr, &present);
  if (!s.ok() || !present) return s;
  for (simdjson::dom::element e : arr) {
    std::string_view id;
    if (e.get_string().get(id) != simdjson::SUCCESS) {
      return Error::invalid("\"known_removed\" has an item that is not a string");
    }
    if (!id.empty()) state->add_known_removed(id);
  }
  return {};
}

Status add_report(simdjson::dom::object report, ReportState* state) {
  Status s = add_ids(report, "findings", true, state);
  if (s.ok()) s = add_ids(report, "quiet_period", true, state);
  if (s.ok()) s = add_ids(report, "neutrality", true, state);
  if (s.ok()) s = add_ids(report, "known_ids", false, state);
  if (s.ok()) s = add_removed(report, state);
  return s;
}

}  // namespace

Status load_since_report(const std::string& path, ReportState* state) {
  state->set_has_since();
  // A JSON report is one line (or pretty-printed by jq); a state is NDJSON. Read line by line
  // and fall back to the whole text when the first line is not a complete document.
  LineReader reader({path});
  simdjson::dom::parser parser;
  Line line;
  std::string whole;
  bool first = true;
  bool is_state = false;
  for (;;) {
    auto r = reader.next(&line);
    if (!r) {
      const Error& e = r.error();
      if (e.code == Error::Code::kNotFound || e.code == Error::Code::kIo) return e;
      return Error::invalid(path + ":" + std::to_string(reader.line_number()) + ": " + e.message);
    }
    if (!*r) break;
    simdjson::dom::element doc;
    const auto err =
        parser.parse(reinterpret_cast<const uint8_t*>(line.text.data()), line.text.size(), false)
            .get(doc);
    simdjson::dom::object obj;
    if (err == simdjson::SUCCESS && doc.get_object().get(obj) == simdjson::SUCCESS) {
      std::string_view kind;
      (void)get_string(obj, "kind", &kind);
      if (kind == kStateKind) {
        is_state = true;
        std::string_view part;
        (void)get_string(obj, "part", &part);
        if (part == "seen" || part == "reported") {
          std::string_view id;
          (void)get_string(obj, "id", &id);
          if (!id.empty()) state->add_known_id(id);
        } else if (part == "seen_removed") {
          std::string_view id;
          (void)get_string(obj, "id", &id);
          if (!id.empty()) state->add_known_removed(id);
        } else if (part == "finding") {
          simdjson::dom::object post;
          bool present = false;
          (void)get_object(obj, "post", &post, &present);
          std::string_view id;
          if (present) (void)get_string(post, "id", &id);
          if (!id.empty()) state->add_known_id(id);
        }
        first = false;
        continue;
      }
      if (first) {
        Status s = add_report(obj, state);
        if (!s.ok()) return Error::invalid(path + ": " + s.message());
        return {};
      }
    }
    if (is_state) {
      return Error::invalid(path + ":" + std::to_string(line.number) + ": not a report state line");
    }
    whole.append(line.text);
    whole.push_back('\n');
    first = false;
  }
  if (is_state || whole.empty()) return {};
  simdjson::dom::element doc;
  simdjson::dom::object obj;
  const auto err = parser.parse(whole).get(doc);
  if (err) return Error::invalid(path + ": not a JSON report or state: " + json_error_message(err));
  if (doc.get_object().get(obj)) return Error::invalid(path + ": not a JSON report");
  Status s = add_report(obj, state);
  if (!s.ok()) return Error::invalid(path + ": " + s.message());
  return {};
}

}  // namespace pantau::report
