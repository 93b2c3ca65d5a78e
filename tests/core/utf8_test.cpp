#include "pantau/utf8.h"

#include <catch2/catch.hpp>

using namespace pantau;

TEST_CASE("validation rejects overlongs, surrogates and truncation") {
  CHECK(is_valid_utf8("plain ascii"));
  CHECK(is_valid_utf8("k\xC3\xA9"));
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(is_valid_utf8("\xF0\x9F\x98"));      // truncated emoji
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
}

TEST_CASE("repair replaces maximal subparts") {
  std::string out;
  // A truncated 4-byte sequence is one replacement, a lone continuation byte another.
  CHECK(append_repaired_utf8("a\xF0\x9F\x98"
                             "b\x80"
                             "c",
                             &out) == 2);
  CHECK(out ==
        "a\xEF\xBF\xBD"
        "b\xEF\xBF\xBD"
        "c");
  out.clear();
  CHECK(append_repaired_utf8("ok \xF0\x9F\x98\x80", &out) == 0);
  CHECK(out == "ok \xF0\x9F\x98\x80");
}

TEST_CASE("code point counting and offsets") {
  const std::string s = "a\xC3\xA9\xF0\x9F\x98\x80z";  // a é 😀 z
  CHECK(count_code_points(s) == 4);
  CHECK(byte_offset_of_code_point(s, 0) == 0);
  CHECK(byte_offset_of_code_point(s, 2) == 3);
  CHECK(byte_offset_of_code_point(s, 3) == 7);
  CHECK(byte_offset_of_code_point(s, 4) == s.size());
}

TEST_CASE("decode and encode round trip") {
  const std::string s = "\xC3\xA9\xF0\x9F\x98\x80\xE2\x80\x94";
  size_t pos = 0;
  std::string back;
  while (pos < s.size()) append_utf8(decode_utf8(s, &pos), &back);
  CHECK(back == s);
  pos = 0;
  CHECK(decode_utf8("\xFF", &pos) == 0xFFFD);
  CHECK(pos == 1);
}
