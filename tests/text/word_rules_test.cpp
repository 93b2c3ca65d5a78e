#include "pantau/text/word_rules.h"

#include <catch2/catch.hpp>

#include <string>

namespace pantau::text {
namespace {

std::string elong(std::string_view w, std::string* dbl = nullptr) {
  std::string out, d;
  if (!reduce_elongation(w, &out, &d)) return "(same)";
  if (dbl) *dbl = d;
  return out;
}

std::string leet(std::string_view w) {
  std::string out;
  return undo_leetspeak(w, &out) ? out : "(same)";
}

TEST_CASE("elongation") {
  CHECK(elong("bangeeeet") == "banget");
  CHECK(elong("mantaaaaap") == "mantap");
  CHECK(elong("wkwkwkwk") == "wkwk");
  CHECK(elong("wkwkwkw") == "wkwk");
  CHECK(elong("hahahahaha") == "haha");
  CHECK(elong("maaf") == "(same)");
  CHECK(elong("saat") == "(same)");
  CHECK(elong("10000") == "(same)");
  CHECK(elong("wkwk") == "(same)");
  std::string dbl;
  CHECK(elong("maaaaaf", &dbl) == "maf");
  CHECK(dbl == "maaf");
  CHECK(is_double_letter_word("maaf"));
  CHECK_FALSE(is_double_letter_word("maf"));
}

TEST_CASE("elongation: both forms written ahead, every kind of run") {
  std::string dbl;
  // Runs of one, two and three or more letters, and long runs that are not letters.
  CHECK(elong("aaabbcddddd", &dbl) == "abbcd");
  CHECK(dbl == "aabbcdd");
  CHECK(elong("x1111yyy", &dbl) == "x1111y");
  CHECK(dbl == "x1111yy");
  // Appended to what *out holds already.
  std::string out = "pre ", d;
  REQUIRE(reduce_elongation("siiip", &out, &d));
  CHECK(out == "pre sip");
  CHECK(d == "siip");
  for (std::string_view w :
       {"allah", "assalamualaikum", "jamaah", "jumaat", "maaf", "manfaat", "muttaqin", "rakaat",
        "saat", "taat", "taaruf", "waalaikumsalam", "wassalam", "sunnah"}) {
    CHECK(is_double_letter_word(w));
  }
  for (std::string_view w : {"", "maa", "saaat", "jamaa", "allahh", "wassalamm", "sunah"}) {
    CHECK_FALSE(is_double_letter_word(w));
  }
}

TEST_CASE("leetspeak only inside mixed words") {
  CHECK(leet("k4f1r") == "kafir");
  CHECK(leet("s3l4m4t") == "selamat");
  CHECK(leet("4ku") == "aku");
  CHECK(leet("b4ngs4t") == "bangsat");
  CHECK(leet("02") == "(same)");
  CHECK(leet("2024") == "(same)");
  CHECK(leet("paslon02") == "(same)");
  CHECK(leet("covid19") == "(same)");
  CHECK(leet("no1") == "(same)");
  CHECK(leet("1st") == "(same)");
  CHECK(leet("4th") == "(same)");
  CHECK(leet("3x") == "(same)");
  CHECK(leet("ke2nya") == "(same)");  // '2' is reduplication, not a letter
  CHECK(leet("abc") == "(same)");
  CHECK(leet("caf\xC3\xA9"
             "1") == "(same)");
}

TEST_CASE("reduplication and amounts") {
  std::string_view stem, number, unit;
  REQUIRE(split_reduplication("tiba2", &stem));
  CHECK(stem == "tiba");
  CHECK_FALSE(split_reduplication("a2", &stem));
  CHECK_FALSE(split_reduplication("k4f2", &stem));
  CHECK_FALSE(split_reduplication("22", &stem));
  REQUIRE(split_amount("50rb", &number, &unit));
  CHECK(number == "50");
  CHECK(unit == "ribu");
  REQUIRE(split_amount("100k", &number, &unit));
  CHECK(unit == "ribu");
  REQUIRE(split_amount("2jt", &number, &unit));
  CHECK(unit == "juta");
  CHECK_FALSE(split_amount("5m", &number, &unit));
  CHECK_FALSE(split_amount("rb", &number, &unit));
  CHECK_FALSE(split_amount("50", &number, &unit));
  std::string_view prefix;
  REQUIRE(split_numbered("paslon02", &prefix, &number));
  CHECK(prefix == "paslon");
  CHECK(number == "02");
  CHECK_FALSE(split_numbered("anak2", &prefix, &number));
  CHECK_FALSE(split_numbered("no", &prefix, &number));
}

}  // namespace
}  // namespace pantau::text
