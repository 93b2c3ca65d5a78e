#include "pantau/records/json_members.h"

namespace pantau::records::json {
namespace {

Error wrong_type(std::string_view key, std::string_view want) {
  return Error::invalid("\"" + std::string(key) + "\" is not " + std::string(want));
}

// Member `key` when present and not null.
bool member(simdjson::dom::object o, std::string_view key, simdjson::dom::element* out) {
  return o[key].get(*out) == simdjson::SUCCESS && !out->is_null();
}

}  // namespace

Status read_string(simdjson::dom::object o, std::string_view key, std::string* out) {
  simdjson::dom::element e;
  out->clear();
  if (!member(o, key, &e)) return {};
  std::string_view s;
  if (e.get_string().get(s) != simdjson::SUCCESS) return wrong_type(key, "a string");
  out->assign(s);
  return {};
}

Status read_int(simdjson::dom::object o, std::string_view key, int64_t* out) {
  simdjson::dom::element e;
  *out = -1;
  if (!member(o, key, &e)) return {};
  if (e.get_int64().get(*out) == simdjson::SUCCESS) return {};
  *out = -1;
  return wrong_type(key, "an integer");
}

Status read_number(simdjson::dom::object o, std::string_view key, double* out) {
  simdjson::dom::element e;
  *out = 0;
  if (!member(o, key, &e)) return {};
  if (e.get_double().get(*out) == simdjson::SUCCESS) return {};
  *out = 0;
  return wrong_type(key, "a number");
}

Status read_tristate(simdjson::dom::object o, std::string_view key, int* out) {
  simdjson::dom::element e;
  *out = -1;
  if (!member(o, key, &e)) return {};
  bool b = false;
  if (e.get_bool().get(b) != simdjson::SUCCESS) return wrong_type(key, "a boolean");
  *out = b ? 1 : 0;
  return {};
}

Status read_object(simdjson::dom::object o, std::string_view key, simdjson::dom::object* out,
                   bool* present) {
  simdjson::dom::element e;
  *present = member(o, key, &e);
  if (*present && e.get_object().get(*out) != simdjson::SUCCESS) {
    return wrong_type(key, "an object");
  }
  return {};
}

Status read_array(simdjson::dom::object o, std::string_view key, simdjson::dom::array* out,
                  bool* present) {
  simdjson::dom::element e;
  *present = member(o, key, &e);
  if (*present && e.get_array().get(*out) != simdjson::SUCCESS) {
    return wrong_type(key, "an array");
  }
  return {};
}

Status within(std::string_view path, Status s) {
  if (s.ok()) return s;
  return Error::invalid(std::string(path) + ": " + s.message());
}

}  // namespace pantau::records::json
