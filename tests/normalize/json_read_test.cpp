#include "pantau/normalize/json_read.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "pantau/normalize/unescape_avx512.h"

namespace pantau::normalize {
namespace {

template <typename Fn>
void with_value(const std::string& json, Fn&& fn) {
  simdjson::padded_string p(json);
  od::parser parser;
  od::document doc;
  REQUIRE(parser.iterate(p).get(doc) == simdjson::SUCCESS);
  REQUIRE(for_each_field(doc, [&](std::string_view, od::value v) {
            fn(v);
            return simdjson::SUCCESS;
          }) == simdjson::SUCCESS);
}

TEST_CASE("unescape_json_string handles every escape and bad surrogates") {
  std::string out;
  CHECK(unescape_json_string(R"(a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00)", &out) == 0);
  CHECK(out == "a\"b\\c/d\b\f\n\r\t\xC3\xA9\xF0\x9F\x98\x80");
  out.clear();
  CHECK(unescape_json_string(R"(\ud800x\udc00\uzzzz)", &out) == 3);
  CHECK(out == "\xEF\xBF\xBDx\xEF\xBF\xBD\xEF\xBF\xBDzzzz");
  out.clear();
  CHECK(unescape_json_string(R"(a\u0000b)", &out) == 0);
  CHECK(out == std::string("a\0b", 3));
}

TEST_CASE("unescaping takes the same steps with and without the AVX-512 step") {
  // Bodies of raw records: \" every few bytes, sometimes \\, \n or \u, blocks of 64 bytes
  // cut anywhere (a backslash as a block's last byte included). Valid strings are checked
  // against simdjson's own unescaping; broken ones (bad \u, a lone backslash at the end) only
  // against the portable code. Where the CPU lacks AVX-512 VBMI2 both calls run the portable
  // code, and the comparison with simdjson still holds.
  INFO("AVX-512 VBMI2 step: " << (avx512_vbmi2_available() ? "yes" : "no"));
  const std::vector<std::string> valid = {"a",
                                          "key",
                                          R"(\")",
                                          R"(\")",
                                          R"(\")",
                                          ":",
                                          "1234",
                                          R"(\\)",
                                          R"(\n)",
                                          R"(\/)",
                                          "é",
                                          R"(\u00e9)",
                                          R"(\ud83d\ude00)",
                                          std::string(70, 'x'),
                                          std::string(17, ' ')};
  const std::vector<std::string> broken = {R"(\ud800)", R"(\uzz)", R"(\q)"};
  std::mt19937 rng(11);
  std::uniform_int_distribution<size_t> pick(0, valid.size() - 1), pick_bad(0, broken.size() - 1),
      count(0, 120), chance(0, 9);
  od::parser parser;
  for (int iter = 0; iter < 3000; ++iter) {
    std::string body;
    bool is_valid = true;
    for (size_t k = count(rng); k > 0; --k) {
      if (chance(rng) == 0 && iter % 3 == 0) {
        body += broken[pick_bad(rng)];
        is_valid = false;
      } else {
        body += valid[pick(rng)];
      }
    }
    if (iter % 7 == 0) {
      body += "\\";  // a lone backslash at the end
      is_valid = false;
    }
    INFO("body: " << body);
    std::string dispatched, portable;
    const size_t r1 = unescape_json_string(body, &dispatched);
    const size_t r2 = unescape_json_string_portable(body, &portable);
    REQUIRE(dispatched == portable);
    REQUIRE(r1 == r2);
    if (is_valid) {
      simdjson::padded_string json("\"" + body + "\"");
      od::document doc;
      std::string_view expected;
      REQUIRE(parser.iterate(json).get(doc) == simdjson::SUCCESS);
      REQUIRE(doc.get_string().get(expected) == simdjson::SUCCESS);
      REQUIRE(portable == expected);
      REQUIRE(r2 == 0);
    }
  }
}

TEST_CASE("read_id keeps big numbers exactly and reads strings") {
  with_value(R"({"a":73207681965695992750})", [](od::value v) {
    std::string s;
    CHECK(read_id(v, &s));
    CHECK(s == "73207681965695992750");
  });
  with_value(R"({"a":"123"})", [](od::value v) {
    std::string s;
    CHECK(read_id(v, &s));
    CHECK(s == "123");
  });
  with_value(R"({"a":null})", [](od::value v) {
    std::string s;
    CHECK_FALSE(read_id(v, &s));
  });
  with_value(R"({"a":12-})", [](od::value v) {  // found by fuzzing: never echo a bad token
    std::string s;
    CHECK_FALSE(read_id(v, &s));
    JsonWriter w(&s);
    CHECK_FALSE(copy_value(v, w).ok());
  });
}

TEST_CASE("read_count accepts numbers and decimal strings only") {
  with_value(R"({"a":"7920"})", [](od::value v) { CHECK(read_count(v) == 7920); });
  with_value(R"({"a":12})", [](od::value v) { CHECK(read_count(v) == 12); });
  with_value(R"({"a":12.9})", [](od::value v) { CHECK(read_count(v) == 12); });
  with_value(R"({"a":-1})", [](od::value v) { CHECK_FALSE(read_count(v)); });
  with_value(R"({"a":"1.2K"})", [](od::value v) { CHECK_FALSE(read_count(v)); });
  with_value(R"({"a":true})", [](od::value v) { CHECK_FALSE(read_count(v)); });
}

TEST_CASE("copy_value reproduces values compactly and caps depth") {
  with_value(R"({"a": {"x": [1, 2.50, "s\u00e9", true, null], "y": {}}})", [](od::value v) {
    std::string out;
    JsonWriter w(&out);
    REQUIRE(copy_value(v, w).ok());
    CHECK(out == "{\"x\":[1,2.50,\"s\xC3\xA9\",true,null],\"y\":{}}");
  });
  with_value(R"({"a": [[[1]]]})", [](od::value v) {
    std::string out;
    JsonWriter w(&out);
    REQUIRE(copy_value(v, w, 2).ok());
    CHECK(out == "[[null]]");
  });
}

}  // namespace
}  // namespace pantau::normalize
