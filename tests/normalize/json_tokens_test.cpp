// JsonTokens (the structural-index walker X pages are read with) against simdjson's DOM parser,
// which validates everything: on random documents the walk must read back the same values, and
// on mutated ones (bytes dropped, duplicated, replaced, the text cut short) a walk that reads
// every value must accept exactly what the DOM parser accepts, and never read out of bounds.
#include "pantau/normalize/json_tokens.h"

#include <simdjson.h>
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "pantau/json_writer.h"
#include "pantau/normalize/json_read.h"
#include "test_support.h"

namespace pantau::test {
namespace {

using normalize::JsonTokens;
using Tok = JsonTokens::Tok;
using test::Lcg;

std::string random_space(Lcg& r) {
  static const char* const kSpaces[] = {"", "", "", " ", "\n", " \t", "\r\n  "};
  return kSpaces[r(7)];
}

std::string random_string(Lcg& r) {
  static const char* const kPieces[] = {"id",   "text", "a",   "ü",       "🗳️",
                                        "\\\"", "\\\\", "\\n", "\\u0041", "\\ud83d\\ude00",
                                        "{",    "]",    ",",   ":",       " "};
  std::string s = "\"";
  const size_t n = r(5);
  for (size_t i = 0; i < n; ++i) s += kPieces[r(15)];
  return s + "\"";
}

std::string random_value(Lcg& r, int depth) {
  const size_t kind = depth >= 4 ? r(4) : r(7);
  switch (kind) {
    case 0:
      return random_string(r);
    case 1: {
      static const char* const kNumbers[] = {"0",     "-1",   "12", "1.5e3", "73207681965695992750",
                                             "-0.25", "1E-2", "42"};
      return kNumbers[r(8)];
    }
    case 2: {
      static const char* const kLiterals[] = {"true", "false", "null"};
      return kLiterals[r(3)];
    }
    case 3:
      return random_string(r);
    case 4:
    case 5: {
      std::string s = "{" + random_space(r);
      const size_t n = r(4);
      for (size_t i = 0; i < n; ++i) {
        if (i > 0) s += "," + random_space(r);
        s += random_string(r) + random_space(r) + ":" + random_space(r) +
             random_value(r, depth + 1) + random_space(r);
      }
      return s + "}";
    }
    default: {
      std::string s = "[" + random_space(r);
      const size_t n = r(4);
      for (size_t i = 0; i < n; ++i) {
        if (i > 0) s += "," + random_space(r);
        s += random_value(r, depth + 1) + random_space(r);
      }
      return s + "]";
    }
  }
}

// The DOM's value in a canonical form: JsonWriter's escaping, numbers as minify writes them.
void write_dom(simdjson::dom::element e, JsonWriter& w) {
  switch (e.type()) {
    case simdjson::dom::element_type::OBJECT: {
      simdjson::dom::object object;
      REQUIRE(e.get(object) == simdjson::SUCCESS);
      w.begin_object();
      for (const auto field : object) {
        w.key(field.key);
        write_dom(field.value, w);
      }
      w.end_object();
      return;
    }
    case simdjson::dom::element_type::ARRAY: {
      simdjson::dom::array array;
      REQUIRE(e.get(array) == simdjson::SUCCESS);
      w.begin_array();
      for (const auto item : array) write_dom(item, w);
      w.end_array();
      return;
    }
    case simdjson::dom::element_type::STRING: {
      std::string_view s;
      REQUIRE(e.get(s) == simdjson::SUCCESS);
      w.string(s);
      return;
    }
    default:
      w.raw(simdjson::minify(e));
      return;
  }
}

// Reads the value at t completely, in the same canonical form, checking every scalar as the DOM
// parser does (each one parsed on its own). Returns the token after it, or kBad.
Tok read_all(const JsonTokens& doc, Tok t, JsonWriter& w) {
  if (doc.is_object(t)) {
    w.begin_object();
    Tok end = doc.fields(t, [&](std::string_view key, Tok v) -> Tok {
      w.key(key);
      return read_all(doc, v, w);
    });
    if (end != JsonTokens::kBad) w.end_object();
    return end;
  }
  if (doc.is_array(t)) {
    w.begin_array();
    Tok end = doc.elements(t, [&](Tok v) -> Tok { return read_all(doc, v, w); });
    if (end != JsonTokens::kBad) w.end_array();
    return end;
  }
  const char c = doc.first_byte(t);
  if (c == '\0') return JsonTokens::kBad;
  const std::string text(doc.scalar(t));
  simdjson::dom::parser p;
  simdjson::dom::element e;
  const auto err = p.parse(text).get(e);
  if (c == '"') {
    std::string_view body;
    if (!doc.string_body(t, &body) || err != simdjson::SUCCESS) return JsonTokens::kBad;
    std::string s;
    REQUIRE(doc.read_string(t, &s));  // the walker's own unescaping agrees with the DOM's
    std::string_view expected;
    REQUIRE(e.get(expected) == simdjson::SUCCESS);
    CHECK(s == expected);
    w.string(s);
    return t + 1;
  }
  if (err == simdjson::NUMBER_ERROR && normalize::is_json_number(text)) {
    w.raw(text);  // beyond 2^64 or 1e308: the walker keeps the digits
    return t + 1;
  }
  if (err != simdjson::SUCCESS) return JsonTokens::kBad;
  write_dom(e, w);
  return t + 1;
}

// Whether the walk reads all of `text` as one value; *canonical gets the value.
bool walk_accepts(JsonTokens& tokens, const std::string& text, std::string* canonical) {
  simdjson::padded_string padded(text);
  if (tokens.index(padded) != simdjson::SUCCESS) return false;
  canonical->clear();
  JsonWriter w(canonical);
  const Tok end = read_all(tokens, 0, w);
  return end != JsonTokens::kBad && end == tokens.size();
}

enum class Dom { kAccepts, kRejects, kBadEscape, kBigNumber };

// What the DOM parser says of `text`; *canonical gets the value when it accepts. Where it stops
// at a number beyond 64 bits or doubles (whose digits the walker keeps) or at a bad escape (which
// the walker repairs with U+FFFD in keys, as read_string does in values), it says nothing of the
// rest of the text.
Dom dom_check(const std::string& text, std::string* canonical) {
  simdjson::dom::parser p;
  simdjson::dom::element e;
  const auto err = p.parse(text).get(e);
  if (err == simdjson::NUMBER_ERROR) return Dom::kBigNumber;
  if (err == simdjson::STRING_ERROR) return Dom::kBadEscape;
  if (err != simdjson::SUCCESS) return Dom::kRejects;
  JsonWriter w(canonical);
  write_dom(e, w);
  return Dom::kAccepts;
}

TEST_CASE("json tokens: a walk reads back what the DOM parser reads", "[json_tokens]") {
  JsonTokens tokens;
  Lcg r{7};
  for (int i = 0; i < 3000; ++i) {
    const std::string text = random_space(r) + random_value(r, 0) + random_space(r);
    std::string walked, dom;
    const Dom verdict = dom_check(text, &dom);
    INFO(text);
    REQUIRE(verdict != Dom::kRejects);
    REQUIRE(walk_accepts(tokens, text, &walked));
    if (verdict == Dom::kAccepts) CHECK(walked == dom);
  }
}

TEST_CASE("json tokens: on mutated documents the walk accepts what the DOM parser accepts",
          "[json_tokens]") {
  JsonTokens tokens;
  Lcg r{11};
  static const char kBytes[] = "{}[]:,\" \\0a-e.tn";
  int rejected = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text = random_value(r, 0);
    if (text.empty()) continue;
    const size_t at = r(text.size());
    switch (r(4)) {
      case 0:
        text.erase(at, 1);
        break;
      case 1:
        text.insert(at, 1, text[at]);
        break;
      case 2:
        text[at] = kBytes[r(sizeof kBytes - 1)];
        break;
      default:
        text.resize(at);
        break;
    }
    std::string walked, dom;
    const Dom verdict = dom_check(text, &dom);
    if (verdict == Dom::kBigNumber || verdict == Dom::kBadEscape) continue;
    const bool walk_ok = walk_accepts(tokens, text, &walked);
    INFO(text);
    REQUIRE(walk_ok == (verdict == Dom::kAccepts));
    if (walk_ok) CHECK(walked == dom);
    rejected += walk_ok ? 0 : 1;
  }
  CHECK(rejected > 5000);  // the mutations do break documents
}

TEST_CASE("json tokens: skipping balances brackets and reports where JSON breaks",
          "[json_tokens]") {
  JsonTokens tokens;
  simdjson::padded_string a(std::string(R"({"data":[{"a":[1,{"b":"}]"}]},2],"includes":{}})"));
  REQUIRE(tokens.index(a) == simdjson::SUCCESS);
  Tok data = JsonTokens::kBad, includes = JsonTokens::kBad;
  const Tok end = tokens.fields(0, [&](std::string_view k, Tok v) -> Tok {
    if (k == "data") data = v;
    if (k == "includes") includes = v;
    return JsonTokens::kSkip;
  });
  CHECK(end == tokens.size());
  REQUIRE(data != JsonTokens::kBad);
  CHECK(tokens.is_array(data));
  CHECK(tokens.is_object(includes));
  CHECK(tokens.skip(data) + 3 == includes);  // past "]": then ",", the key and ":"

  // Cut short: the skip runs off the end, and the error names a place inside the text.
  simdjson::padded_string cut(std::string(R"({"data":[{"a":[1,2]},{"b":)"));
  REQUIRE(tokens.index(cut) == simdjson::SUCCESS);
  CHECK(tokens.fields(0, [](std::string_view, Tok) { return JsonTokens::kSkip; }) ==
        JsonTokens::kBad);
  CHECK(tokens.error_offset() <= cut.size());

  // A missing comma between fields.
  simdjson::padded_string comma(std::string(R"({"a":1 "b":2})"));
  REQUIRE(tokens.index(comma) == simdjson::SUCCESS);
  CHECK(tokens.fields(0, [](std::string_view, Tok) { return JsonTokens::kSkip; }) ==
        JsonTokens::kBad);
  CHECK(tokens.error_offset() == 7);  // at "b"

  // Not JSON at all, and invalid UTF-8: stage 1 refuses them.
  simdjson::padded_string unclosed(std::string(R"({"a":"b)"));
  CHECK(tokens.index(unclosed) != simdjson::SUCCESS);
  simdjson::padded_string bad_utf8(std::string("{\"a\":\"\xC3\x28\"}"));
  CHECK(tokens.index(bad_utf8) != simdjson::SUCCESS);
}

TEST_CASE("json tokens: values are read like the On Demand helpers read them", "[json_tokens]") {
  JsonTokens tokens;
  simdjson::padded_string doc(std::string(
      R"({"id":73207681965695992750,"sid":"12","n":12.9,"s":"7920","neg":-1,"k":"1.2K",)"
      R"("t":true,"x":"a\u0000b\ud800","e\u0069d":"escaped key","bad":12-})"));
  REQUIRE(tokens.index(doc) == simdjson::SUCCESS);
  int seen = 0;
  const Tok end = tokens.fields(0, [&](std::string_view k, Tok v) -> Tok {
    ++seen;
    std::string s;
    size_t repairs = 0;
    if (k == "id") {
      CHECK(tokens.read_id(v, &s));
      CHECK(s == "73207681965695992750");
    } else if (k == "sid") {
      CHECK(tokens.read_id(v, &s));
      CHECK(s == "12");
      CHECK(tokens.read_count(v) == 12);
    } else if (k == "n") {
      CHECK(tokens.read_count(v) == 12);
      CHECK(tokens.read_double(v) == Approx(12.9));
    } else if (k == "s") {
      CHECK(tokens.read_count(v) == 7920);
    } else if (k == "neg" || k == "k") {
      CHECK_FALSE(tokens.read_count(v));
    } else if (k == "t") {
      CHECK_FALSE(tokens.read_count(v));
      CHECK_FALSE(tokens.read_id(v, &s));
      CHECK_FALSE(tokens.read_string(v, &s));
    } else if (k == "x") {
      CHECK(tokens.read_string(v, &s, &repairs));
      CHECK(s == std::string("a\0b\xEF\xBF\xBD", 6));
      CHECK(repairs == 1);
    } else if (k == "eid") {
      CHECK(tokens.read_string(v, &s));
      CHECK(s == "escaped key");
    } else if (k == "bad") {
      CHECK_FALSE(tokens.read_id(v, &s));  // never echo a bad number
      CHECK_FALSE(tokens.read_count(v));
    }
    return JsonTokens::kSkip;
  });
  CHECK(end == tokens.size());
  CHECK(seen == 10);
}

}  // namespace
}  // namespace pantau::test
