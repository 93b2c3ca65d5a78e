#include "pantau/json_writer.h"

#include <simdjson.h>
#include <catch2/catch.hpp>

using pantau::JsonWriter;

TEST_CASE("writer produces compact objects in call order") {
  std::string out;
  JsonWriter w(&out);
  w.begin_object();
  w.field("kind", "post");
  w.key("n");
  w.number(int64_t{-3});
  w.key("list");
  w.begin_array();
  w.number(uint64_t{18446744073709551615u});
  w.boolean(true);
  w.null();
  w.begin_object();
  w.end_object();
  w.end_array();
  w.field_or_null("empty", "");
  w.end_object();
  CHECK(out == R"({"kind":"post","n":-3,"list":[18446744073709551615,true,null,{}],"empty":null})");
  CHECK_FALSE(w.utf8_repaired());
}

TEST_CASE("strings are escaped per RFC 8259") {
  std::string out;
  pantau::append_json_string(std::string_view("a\"b\\c\n\r\t\b\f\x01\x1f\0z", 14), &out);
  CHECK(out == R"("a\"b\\c\n\r\t\b\f\u0001\u001f\u0000z")");
}

TEST_CASE("non-ASCII UTF-8 is written as is") {
  std::string out;
  pantau::append_json_string("Pemilu 🇮🇩 jujur — adil", &out);
  CHECK(out == "\"Pemilu 🇮🇩 jujur — adil\"");
}

TEST_CASE("ill-formed UTF-8 becomes U+FFFD and is reported") {
  std::string out;
  JsonWriter w(&out);
  w.string("caf\xe9 ok");  // Latin-1 e-acute
  CHECK(out == "\"caf\xEF\xBF\xBD ok\"");
  CHECK(w.utf8_repaired());
  CHECK(simdjson::validate_utf8(out.data(), out.size()));
}

TEST_CASE("doubles are shortest round-trip and locale-independent; non-finite is null") {
  std::string out;
  JsonWriter w(&out);
  w.begin_array();
  w.number(0.5);
  w.number(1e21);
  w.number(0.1);
  w.number(std::numeric_limits<double>::quiet_NaN());
  w.end_array();
  CHECK(out == "[0.5,1e+21,0.1,null]");
}

TEST_CASE("writer output parses back with simdjson") {
  std::string out;
  JsonWriter w(&out);
  w.begin_object();
  w.field("text", std::string_view("line\nbreak \"quoted\" \x7f tab\t", 27));
  w.end_object();
  simdjson::dom::parser p;
  simdjson::dom::element doc;
  REQUIRE_FALSE(p.parse(out).get(doc));
  std::string_view text;
  REQUIRE_FALSE(doc["text"].get_string().get(text));
  CHECK(text == std::string_view("line\nbreak \"quoted\" \x7f tab\t", 27));
}
