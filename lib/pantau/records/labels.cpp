#include "pantau/records/labels.h"

#include "pantau/records/json_members.h"

namespace pantau::records {
namespace {

using json::within;

Status parse_evidence(simdjson::dom::object o, Evidence* e) {
  TRY(json::read_string(o, "rule", &e->rule));
  TRY(json::read_string(o, "field", &e->field));
  TRY(json::read_int(o, "start", &e->start));
  TRY(json::read_int(o, "end", &e->end));
  if (e->start < 0 || e->end < 0) e->start = e->end = -1;  // a span needs both ends
  TRY(json::read_string(o, "text", &e->text));
  TRY(json::read_string(o, "note", &e->note));
  TRY(json::read_string(o, "claim_id", &e->claim_id));
  TRY(json::read_string(o, "claim_url", &e->claim_url));
  return {};
}

Status parse_target(simdjson::dom::object o, Target* t) {
  TRY(json::read_string(o, "type", &t->type));
  TRY(json::read_string(o, "name", &t->name));
  TRY(json::read_string(o, "ballot_no", &t->ballot_no));
  TRY(json::read_string(o, "party", &t->party));
  return {};
}

// Reads each object of the array member `name` with `parse`, appending to *out.
template <typename T, typename Parse>
Status parse_objects(simdjson::dom::object o, std::string_view name, Parse parse,
                     std::vector<T>* out) {
  simdjson::dom::array arr;
  bool present = false;
  TRY(json::read_array(o, name, &arr, &present));
  if (!present) return {};
  size_t i = 0;
  for (simdjson::dom::element r : arr) {
    simdjson::dom::object item;
    const std::string path = std::string(name) + "[" + std::to_string(i++) + "]";
    if (r.get_object().get(item) != simdjson::SUCCESS) {
      return Error::invalid(path + " is not an object");
    }
    T t;
    TRY(within(path, parse(item, &t)));
    out->push_back(std::move(t));
  }
  return {};
}

void int_or_null(JsonWriter& w, std::string_view key, int64_t v) {
  w.key(key);
  if (v < 0) {
    w.null();
  } else {
    w.number(v);
  }
}

}  // namespace

Status parse_label(simdjson::dom::object o, Label* l) {
  TRY(json::read_string(o, "label", &l->label));
  if (l->label.empty()) return Error::invalid("\"label\" is missing");
  TRY(json::read_number(o, "score", &l->score));
  TRY(json::read_string(o, "name_id", &l->name_id));
  TRY(json::read_string(o, "name_en", &l->name_en));
  TRY(json::read_string(o, "basis", &l->basis));
  simdjson::dom::array arr;
  bool present = false;
  TRY(json::read_array(o, "rules", &arr, &present));
  if (present) {
    for (simdjson::dom::element r : arr) {
      std::string_view s;
      if (r.get_string().get(s) != simdjson::SUCCESS) {
        return Error::invalid("\"rules\" has an item that is not a string");
      }
      l->rules.emplace_back(s);
    }
  }
  TRY(parse_objects(o, "evidence", parse_evidence, &l->evidence));
  TRY(parse_objects(o, "targets", parse_target, &l->targets));
  return {};
}

void write_evidence(JsonWriter& w, const Evidence& e) {
  w.begin_object();
  w.field_or_null("rule", e.rule);
  if (!e.field.empty()) w.field("field", e.field);
  int_or_null(w, "start", e.start);
  int_or_null(w, "end", e.end);
  w.field_or_null("text", e.text);
  if (!e.note.empty()) w.field("note", e.note);
  if (!e.claim_id.empty()) w.field("claim_id", e.claim_id);
  if (!e.claim_url.empty()) w.field("claim_url", e.claim_url);
  w.end_object();
}

void write_target(JsonWriter& w, const Target& t) {
  w.begin_object();
  w.field_or_null("type", t.type);
  w.field_or_null("name", t.name);
  w.field_or_null("ballot_no", t.ballot_no);
  w.field_or_null("party", t.party);
  w.end_object();
}

void write_label(JsonWriter& w, const Label& l) {
  w.begin_object();
  w.field("label", l.label);
  w.key("score");
  w.number(l.score);
  w.field_or_null("name_id", l.name_id);
  w.field_or_null("name_en", l.name_en);
  w.field_or_null("basis", l.basis);
  w.key("rules");
  w.begin_array();
  for (const auto& r : l.rules) w.string(r);
  w.end_array();
  w.key("evidence");
  w.begin_array();
  for (const auto& e : l.evidence) write_evidence(w, e);
  w.end_array();
  w.key("targets");
  w.begin_array();
  for (const auto& t : l.targets) write_target(w, t);
  w.end_array();
  w.end_object();
}

}  // namespace pantau::records
