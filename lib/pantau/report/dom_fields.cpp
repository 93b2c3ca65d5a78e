#include "pantau/report/dom_fields.h"

namespace pantau::report {
namespace {

Error wrong_type(std::string_view key, std::string_view want) {
  return Error::invalid("\"" + std::string(key) + "\" is not " + std::string(want));
}

// Looks `key` up; *found is false when it is missing or null.
bool lookup(simdjson::dom::object obj, std::string_view key, simdjson::dom::element* out) {
  if (obj[key].get(*out) != simdjson::SUCCESS) return false;
  return !out->is_null();
}

}  // namespace

Status get_string(simdjson::dom::object obj, std::string_view key, std::string_view* out) {
  simdjson::dom::element e;
  *out = {};
  if (!lookup(obj, key, &e)) return {};
  if (e.get_string().get(*out) != simdjson::SUCCESS) return wrong_type(key, "a string");
  return {};
}

Status get_string(simdjson::dom::object obj, std::string_view key, std::string* out) {
  std::string_view v;
  Status s = get_string(obj, key, &v);
  out->assign(v);
  return s;
}

Status get_int(simdjson::dom::object obj, std::string_view key, int64_t* out, int64_t fallback) {
  simdjson::dom::element e;
  *out = fallback;
  if (!lookup(obj, key, &e)) return {};
  if (e.get_int64().get(*out) == simdjson::SUCCESS) return {};
  *out = fallback;
  return wrong_type(key, "an integer");
}

Status get_number(simdjson::dom::object obj, std::string_view key, double* out, double fallback) {
  simdjson::dom::element e;
  *out = fallback;
  if (!lookup(obj, key, &e)) return {};
  if (e.get_double().get(*out) == simdjson::SUCCESS) return {};
  *out = fallback;
  return wrong_type(key, "a number");
}

Status get_tristate(simdjson::dom::object obj, std::string_view key, int* out) {
  simdjson::dom::element e;
  *out = -1;
  if (!lookup(obj, key, &e)) return {};
  bool b = false;
  if (e.get_bool().get(b) != simdjson::SUCCESS) return wrong_type(key, "a boolean");
  *out = b ? 1 : 0;
  return {};
}

Status get_object(simdjson::dom::object obj, std::string_view key, simdjson::dom::object* out,
                  bool* present) {
  simdjson::dom::element e;
  *present = lookup(obj, key, &e);
  if (!*present) return {};
  if (e.get_object().get(*out) != simdjson::SUCCESS) return wrong_type(key, "an object");
  return {};
}

Status get_array(simdjson::dom::object obj, std::string_view key, simdjson::dom::array* out,
                 bool* present) {
  simdjson::dom::element e;
  *present = lookup(obj, key, &e);
  if (!*present) return {};
  if (e.get_array().get(*out) != simdjson::SUCCESS) return wrong_type(key, "an array");
  return {};
}

}  // namespace pantau::report
