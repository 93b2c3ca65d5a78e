#include "pantau/classify/regex_factors.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace pantau::classify;
using Set = std::vector<std::string>;

TEST_CASE("required factors of the regexes rule packs write", "[regex_factors]") {
  CHECK(required_factors("partai (nomor urut |nomor )?[1-9][0-9]?") == Set{"partai "});
  CHECK(required_factors("[0-9]{1,3}(\\.000)? ?(ribu|juta|rupiah)( rupiah)?") ==
        Set{"juta", "ribu", "rupiah"});
  // Alternatives contained in others are dropped: "capres cawapres" needs "capres".
  CHECK(required_factors("(paslon|capres|cawapres|capres cawapres) 0?[1-3]") ==
        Set{"capres ", "cawapres ", "paslon "});
  // The most useful run wins: two words over the verbs (the whole run has too many strings).
  CHECK(required_factors("(coblos|coblosin|pilih|pilihlah|memilih|milih|dukung|mendukung|vote) "
                         "(caleg |calon |partai |kami |kita )?(nomor urut|urut|nomor) ?0?[1-9]") ==
        Set{"nomor", "urut"});
  // A short run that enumerates: the phrases themselves.
  CHECK(required_factors("(coblos|vote) (nomor|urut) ?[1-9]") ==
        Set{"coblos nomor", "coblos urut", "vote nomor", "vote urut"});
  CHECK(required_factors("a(b|c)d") == Set{"abd", "acd"});
  CHECK(required_factors("x{2}yz") == Set{"xxyz"});
  CHECK(required_factors("(abc|de)f") == Set{"abcf", "def"});
  CHECK(required_factors("uang\\.rp") == Set{"uang.rp"});
  CHECK(required_factors("[0-9]+ ribu") == Set{" ribu"});
  CHECK(required_factors("(?:ribu|juta)") == Set{"juta", "ribu"});
  // A UTF-8 character is one unit for a quantifier: "é?" makes both bytes optional.
  CHECK(required_factors("\xc3\xa9?abc") == Set{"abc"});
}

TEST_CASE("no factors where none is guaranteed or the syntax is not understood",
          "[regex_factors]") {
  for (const char* re : {"(ab)?cd",                 // shorter than 3 bytes
                         "x+yz", "ab.cd",           // runs of 2
                         "(ribu|)",                 // an empty alternative
                         "(ribu)?",                 // optional
                         "(ribu)*", "ribu|[0-9]+",  // one branch guarantees nothing
                         "\\bribu", "^ribu", "ribu$", "(?i)ribu", "(?=ribu)",  // not understood
                         "\\x41bc", "ribu{,3}", "ribu++", "(ribu", "ribu)", "[ribu"}) {
    INFO(re);
    CHECK(required_factors(re).empty());
  }
}

TEST_CASE("a set with a string below the minimum length never wins over a usable one",
          "[regex_factors]") {
  // " " (one string of one byte) scores higher than the twenty verbs, one of them "tf"; the
  // money units after the number also have two-letter members. At 3 bytes nothing is usable,
  // at 2 the units gate the regex (before, " " won and left it ungated at every length).
  const char* money =
      "(transfer|tf|kirim|kasih|dikasih|bagi|dapat|terima|amplop|isi)( (pulsa|saldo|uang)){0,2} "
      "[0-9]{1,3}(\\.000)? ?(ribu|rebu|rb|juta|jt|rupiah)";
  CHECK(required_factors(money).empty());
  CHECK(required_factors(money, 2) == Set{"jt", "juta", "rb", "rebu", "ribu", "rupiah"});
  CHECK(required_factors("[0-9]+ (ribu|juta|rb)", 2) == Set{" juta", " rb", " ribu"});
}
