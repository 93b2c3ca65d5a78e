#include "pantau/record.h"

#include <catch2/catch.hpp>

using namespace pantau;

namespace {
Line line_of(std::string& storage, bool repaired = false) {
  storage.reserve(storage.size() + simdjson::SIMDJSON_PADDING);
  Line l;
  l.text = storage;
  l.capacity = storage.capacity();
  l.utf8_repaired = repaired;
  return l;
}
}  // namespace

TEST_CASE("validator returns the kind, or empty when absent") {
  RecordValidator v;
  std::string a = R"({"kind":"post","id":"x"})";
  CHECK(*v.validate(line_of(a)) == "post");
  std::string b = R"({"id":"x"})";
  CHECK(v.validate(line_of(b))->empty());
}

TEST_CASE("validator rejects non-objects and bad JSON with short messages") {
  RecordValidator v;
  std::string a = "[1,2]";
  CHECK(v.validate(line_of(a)).error().message == "record is not a JSON object");
  std::string b = "{bad";
  auto r = v.validate(line_of(b));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.rfind("invalid JSON: ", 0) == 0);
  CHECK(r.error().message.back() != '.');
  std::string c = R"({"kind":7})";
  CHECK(v.validate(line_of(c)).error().message == "\"kind\" is not a string");
}

TEST_CASE("members are inserted before the closing brace") {
  std::string out;
  append_with_members(R"({"a":1})", R"("b":2)", &out);
  CHECK(out == R"({"a":1,"b":2})");
  out.clear();
  append_with_members("{}", R"("b":2)", &out);
  CHECK(out == R"({"b":2})");
}

TEST_CASE("pass-through marks repaired records") {
  std::string s = R"({"kind":"x"})";
  std::string out;
  append_passthrough(line_of(s, true), &out);
  CHECK(out == R"({"kind":"x","utf8_repaired":true})");
}
