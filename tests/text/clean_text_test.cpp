#include <catch2/catch.hpp>

#include "pantau/text/text_normalizer.h"

namespace pantau::text {
namespace {

TEST_CASE("clean_text keeps plain text as it is") {
  CHECK(clean_text("Ayo coblos nomor 3!\nSalam.") == "Ayo coblos nomor 3!\nSalam.");
  CHECK(clean_text("") == "");
}

TEST_CASE("clean_text removes NUL and other controls but keeps newline and tab") {
  CHECK(clean_text(std::string_view("a\0b\x01"
                                    "c\td\r\ne\x7f",
                                    11)) == "abc\td\ne");
  CHECK(clean_text("x\xC2\x80y\xC2\x9Fz") == "xyz");  // C1 controls
}

TEST_CASE("clean_text composes to nfc and keeps case and compatibility characters") {
  CHECK(clean_text("Kafe\xCC\x81") == "Kaf\xC3\xA9");
  CHECK(clean_text("\xF0\x9D\x90\x80\xEF\xBC\xA1") == "\xF0\x9D\x90\x80\xEF\xBC\xA1");  // 𝐀Ａ stay
}

TEST_CASE("clean_text repairs ill-formed utf-8 and says how often") {
  std::string out;
  FoldScratch scratch;
  CHECK(clean_text("caf\xE9 ok", &out, &scratch) == 1);  // Latin-1 é
  CHECK(out == "caf\xEF\xBF\xBD ok");
  out.clear();
  CHECK(clean_text("ok", &out, &scratch) == 0);
  CHECK(out == "ok");
}

}  // namespace
}  // namespace pantau::text
