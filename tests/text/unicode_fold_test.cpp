#include "pantau/text/unicode_fold.h"

#include <utf8proc.h>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "pantau/utf8.h"

namespace pantau::text {
namespace {

// utf8proc_map() with the options utf8proc_NFKC_Casefold() / utf8proc_NFC() use: the reference.
std::string reference(std::string_view s, FoldMode mode) {
  utf8proc_uint8_t* out = nullptr;
  int options = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
  if (mode == FoldMode::kNfkcCasefold)
    options |= UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                    static_cast<utf8proc_ssize_t>(s.size()), &out,
                                    static_cast<utf8proc_option_t>(options));
  REQUIRE(n >= 0);
  std::string r(reinterpret_cast<char*>(out), static_cast<size_t>(n));
  std::free(out);
  return r;
}

struct Folded {
  std::string text;
  std::vector<uint32_t> begin, end;
};

Folded fold(std::string_view s, FoldMode mode = FoldMode::kNfkcCasefold) {
  Folded f;
  FoldScratch scratch;
  fold_text(s, mode, &scratch, &f.text, &f.begin, &f.end);
  return f;
}

TEST_CASE("ascii is lower-cased inline and maps byte for byte") {
  Folded f = fold("Ayo COBLOS 3");
  CHECK(f.text == "ayo coblos 3");
  REQUIRE(f.begin.size() == f.text.size());
  for (size_t i = 0; i < f.text.size(); ++i) {
    CHECK(f.begin[i] == i);
    CHECK(f.end[i] == i + 1);
  }
}

TEST_CASE("white space becomes spaces and controls vanish in nfkc mode") {
  CHECK(fold("a\tb\nc\r\nd\x01"
             "e")
            .text == "a b c  de");
  CHECK(fold("a\xC2\xA0"
             "b\xE3\x80\x80"
             "c\xE2\x80\xA8"
             "d")
            .text == "a b c d");  // NBSP, U+3000, LS
  CHECK(fold("a\xC2\x85"
             "b")
            .text == "a b");  // NEL
}

TEST_CASE("nfc mode keeps case - newlines and tabs - drops other controls") {
  CHECK(fold("A\tB\nC\rD\x7f"
             "E\xC2\x9F"
             "F",
             FoldMode::kNfc)
            .text == "A\tB\nCDEF");
  CHECK(fold("Cafe\xCC\x81", FoldMode::kNfc).text == "Caf\xC3\xA9");
}

TEST_CASE("a combining mark composes with the ascii letter before it") {
  Folded f = fold("kafe\xCC\x81!");  // e + U+0301
  CHECK(f.text == "kaf\xC3\xA9!");
  // Both bytes of é stand for "e" + U+0301 (source bytes 3..6).
  CHECK(f.begin[3] == 3);
  CHECK(f.end[3] == 6);
  CHECK(f.begin[4] == 3);
  CHECK(f.end[4] == 6);
  CHECK(f.begin[5] == 6);  // "!"
}

TEST_CASE("fancy letters - fullwidth and ligatures fold to ascii mapped to their source") {
  Folded f = fold("\xF0\x9D\x90\x80\xEF\xBD\x82\xEF\xAC\x81");  // 𝐀 ｂ ﬁ
  CHECK(f.text == "abfi");
  CHECK(f.begin == std::vector<uint32_t>{0, 4, 7, 7});
  CHECK(f.end == std::vector<uint32_t>{4, 7, 10, 10});
}

TEST_CASE("zero-width characters - joiners and variation selectors are removed") {
  Folded f = fold(
      "ka\xE2\x80\x8B"
      "fir \xF0\x9F\x91\x8D\xEF\xB8\x8F x\xE2\x80\x8D"
      "y");
  CHECK(f.text == "kafir \xF0\x9F\x91\x8D xy");
  CHECK(f.begin[2] == 5);  // "f" after the 3-byte ZWSP
}

TEST_CASE("hangul jamo compose across starters") {
  // U+1100 U+1161 U+11A8 -> U+AC01
  CHECK(fold("\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8").text == "\xEA\xB0\x81");
}

TEST_CASE("canonical ordering of combining marks") {
  // a + U+0323 (below, 220) + U+0302 (above, 230) and the reverse give the same result.
  CHECK(fold("a\xCC\x82\xCC\xA3").text == fold("a\xCC\xA3\xCC\x82").text);
  CHECK(fold("a\xCC\x82\xCC\xA3").text == reference("a\xCC\x82\xCC\xA3", FoldMode::kNfkcCasefold));
}

TEST_CASE("identical to utf8proc_map on random mixed text") {
  // Code points that exercise the tricky parts; no ASCII controls (which we treat differently).
  const std::vector<char32_t> pool = {
      'a',     'B',    'e',    'Z',    '1',    '0',    ' ',    '!',    '#',     0x00E9,  0x00C5,
      0x00DF,  0x0130, 0x03A3, 0x03C2, 0x0300, 0x0301, 0x0302, 0x0323, 0x0327,  0x0345,  0x034F,
      0x0308,  0x1E9E, 0x00A0, 0x00AD, 0x1100, 0x1161, 0x11A8, 0xAC00, 0xAC01,  0x0B47,  0x0B3E,
      0x0BC6,  0x0BBE, 0x0DD9, 0x0DCF, 0x09C7, 0x09BE, 0x1025, 0x102E, 0xFF21,  0xFF41,  0x1D400,
      0x1D41A, 0xFB01, 0x00BD, 0x2460, 0x3000, 0x200B, 0x200D, 0xFE0F, 0x1F44D, 0x1F3FD, 0x1F1EE,
      0x1F1E9, 0x0627, 0x0653, 0x0654, 0x0915, 0x093C, 0x2126, 0x212B, 0x1E0A,  0x0307,  0x0F71,
      0x0F72,  0x0F80, 0xFB2C, 0x05BC, 0x05C1, 0x2028, 0xFFFD};
  std::mt19937 rng(20240214);
  std::uniform_int_distribution<size_t> pick(0, pool.size() - 1), len(1, 24);
  for (int iter = 0; iter < 20000; ++iter) {
    std::string s;
    for (size_t k = len(rng); k > 0; --k) append_utf8(pool[pick(rng)], &s);
    // Our white space handling differs only in making LS (U+2028) a space too.
    const std::string ref = reference(s, FoldMode::kNfkcCasefold);
    std::string expected;
    for (size_t p = 0; p < ref.size(); ++p) {
      if (ref.compare(p, 3, "\xE2\x80\xA8") == 0) {
        expected.push_back(' ');
        p += 2;
      } else {
        expected.push_back(ref[p]);
      }
    }
    Folded f = fold(s);
    INFO("input: " << s);
    REQUIRE(f.text == expected);
    REQUIRE(f.begin.size() == f.text.size());
    for (size_t i = 0; i < f.begin.size(); ++i) {
      REQUIRE(f.begin[i] < f.end[i]);
      REQUIRE(f.end[i] <= s.size());
    }
    CHECK(fold(s, FoldMode::kNfc).text == reference(s, FoldMode::kNfc));
  }
}

Folded fold_general(std::string_view s, FoldMode mode) {
  Folded f;
  FoldScratch scratch;
  fold_text_general(s, mode, &scratch, &f.text, &f.begin, &f.end);
  return f;
}

void check_same_as_general(std::string_view s, FoldScratch* scratch, FoldMode mode) {
  Folded fast;
  fold_text(s, mode, scratch, &fast.text, &fast.begin, &fast.end);
  Folded general = fold_general(s, mode);
  INFO("input: " << s);
  REQUIRE(fast.text == general.text);
  REQUIRE(fast.begin == general.begin);
  REQUIRE(fast.end == general.end);
  std::string text_only;
  fold_text(s, mode, scratch, &text_only, nullptr, nullptr);
  REQUIRE(text_only == general.text);
}

TEST_CASE("the simple path gives the general path's text and maps for every code point") {
  // Each code point between ASCII letters and after itself (the table's second use), in both
  // modes, with one scratch so the table fills as it would in a long run.
  FoldScratch scratch;
  for (char32_t cp = 0x80; cp < 0x110000; cp += (cp < 0x20000 ? 1 : 61)) {
    if (cp >= 0xD800 && cp < 0xE000) continue;
    std::string s = "Ab";
    append_utf8(cp, &s);
    s += "Cd";
    append_utf8(cp, &s);
    append_utf8(cp, &s);
    s += "e";
    check_same_as_general(s, &scratch, FoldMode::kNfkcCasefold);
    check_same_as_general(s, &scratch, FoldMode::kNfc);
  }
}

TEST_CASE("the simple path gives the general path's text and maps on random text") {
  // Mostly simple code points and ASCII (with controls and long runs for the eight-byte steps),
  // sometimes one that needs the general path, and ill-formed bytes.
  const std::vector<std::string> pool = {"a",
                                         "B",
                                         " ",
                                         "Coblos ",
                                         "PEMILU 2024 ",
                                         "\t",
                                         "\n",
                                         "\r",
                                         std::string(1, '\0'),
                                         "\x01",
                                         "\x7f",
                                         "\xF0\x9F\x98\x8D",
                                         "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD",
                                         "\xE2\x80\xA6",
                                         "\xE2\x80\x8D",
                                         "\xEF\xB8\x8F",
                                         "\xF0\x9D\x90\x8F",
                                         "\xEF\xBC\xA1",
                                         "\xC2\xA0",
                                         "\xC2\x85",
                                         "\xC2\x80",
                                         "\xC3\xA9",
                                         "\xC3\x89",
                                         "\xE3\x8C\x80",
                                         "\xEF\xB7\xBA",
                                         "\xEA\xB0\x80",
                                         "\xCC\x81",
                                         "\xE1\x85\xA1",
                                         "\xF3\xA0\x81\xA7",
                                         "\xF0\xA0\x80\x80",
                                         "\xE2\x91\xB4",
                                         "\xC5\xBF",
                                         "\xE1\xBA\x9E",
                                         "\xFF",
                                         "\xE2\x82"};
  std::mt19937 rng(20251121);
  std::uniform_int_distribution<size_t> pick(0, pool.size() - 1), len(0, 40), odd(0, 9);
  FoldScratch scratch;
  for (int iter = 0; iter < 20000; ++iter) {
    std::string s;
    for (size_t k = len(rng); k > 0; --k) {
      size_t p = pick(rng);
      // Keep the general-path code points (from "\xCC\x81" on) rare.
      if (p >= 26 && odd(rng) != 0) p = p % 6;
      s += pool[p];
    }
    check_same_as_general(s, &scratch, FoldMode::kNfkcCasefold);
    check_same_as_general(s, &scratch, FoldMode::kNfc);
  }
}

TEST_CASE("the second-starter list matches utf8proc's decompositions") {
  for (int32_t cp = 0; cp < 0x110000; ++cp) {
    if (cp >= 0xD800 && cp < 0xE000) continue;
    int32_t d[32];
    int lb = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, 32, UTF8PROC_DECOMPOSE, &lb);
    for (utf8proc_ssize_t j = 1; j < n; ++j) {
      if (utf8proc_get_property(d[j])->combining_class == 0) {
        INFO("code point " << d[j]);
        REQUIRE(is_second_starter(d[j]));
      }
    }
  }
  CHECK_FALSE(is_second_starter('a'));
  CHECK_FALSE(is_second_starter(0x0301));
}

}  // namespace
}  // namespace pantau::text
