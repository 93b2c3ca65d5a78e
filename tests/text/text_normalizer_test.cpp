#include "pantau/text/text_normalizer.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

namespace pantau::text {
namespace {

std::string norm(std::string_view s, NormalizerOptions opts = {}) {
  TextNormalizer n(&SlangTable::builtin(), opts);
  return n.normalize(s);
}

// The original substring that text_norm's [b, e) came from.
std::string_view source_of(std::string_view original, const NormalizedText& t,
                           std::string_view needle, size_t from = 0) {
  size_t b = t.text.find(needle, from);
  REQUIRE(b != std::string::npos);
  auto [sb, se] = t.original_bytes(b, b + needle.size());
  REQUIRE(se <= original.size());
  return original.substr(sb, se - sb);
}

TEST_CASE("the issue's examples") {
  CHECK(norm("bangeeeet") == "sekali");  // elongation reduced, then "banget" is slang
  CHECK(norm("mantaaaap") == "mantap");
  CHECK(norm("k4f1r") == "kafir");
  CHECK(norm("yg") == "yang");
  CHECK(norm("gak") == "tidak");
  CHECK(norm("Paslon 02") == "paslon 02");
  CHECK(norm("nomor urut 3") == "nomor urut 3");
  CHECK(norm("wkwkwkwkwk") == "wkwk");
}

TEST_CASE("numbers stay numbers - amounts and reduplication are spelled out") {
  CHECK(norm("2024 pemilu2024 covid19 4th") == "2024 pemilu2024 covid19 4th");
  CHECK(norm("dikasih 50rb sama 1jt") == "diberi 50 ribu sama 1 juta");
  CHECK(norm("tiba2 anak2") == "tiba-tiba anak-anak");
  CHECK(norm("4ku d1 s1n1") == "aku d1 sini");
  CHECK(norm("pilih no1 atau paslon02, capres2") == "pilih nomor 1 atau paslon 02, capres 2");
}

TEST_CASE("case - width - fancy letters and spacing") {
  CHECK(norm("  AYO\t\tCoblos\n\n") == "ayo coblos");
  CHECK(norm("\xF0\x9D\x90\x80\xF0\x9D\x90\xB2\xF0\x9D\x90\xA8") == "ayo");  // 𝐀𝐲𝐨
  CHECK(norm("\xEF\xBC\xA1\xEF\xBD\x99\xEF\xBD\x8F") == "ayo");              // Ａｙｏ
  CHECK(norm("ka\xE2\x80\x8B"
             "fir") == "kafir");  // ZWSP inside
}

TEST_CASE("urls - handles and hashtags are kept as written") {
  CHECK(norm("cek https://t.co/Ab1c2D yg @K4f1r_x #Pemilu2024") ==
        "cek https://t.co/ab1c2d yang @k4f1r_x #pemilu2024");
}

TEST_CASE("dr before a period is a title") {
  CHECK(norm("dr. Tirta dr rumah") == "dr. tirta dari rumah");
}

TEST_CASE("options switch rules off") {
  NormalizerOptions o;
  o.expand_slang = false;
  o.undo_leetspeak = false;
  o.reduce_elongation = false;
  CHECK(norm("yg k4f1r bangeeet", o) == "yg k4f1r bangeeet");
  TextNormalizer no_table(nullptr);
  CHECK(no_table.normalize("Yg gak") == "yg gak");
}

TEST_CASE("offsets: slang expansion maps to exactly the source word") {
  TextNormalizer n(&SlangTable::builtin());
  NormalizedText t;
  const std::string original = "Dia YG   bilang gak!";
  n.normalize(original, &t);
  REQUIRE(t.text == "dia yang bilang tidak!");
  REQUIRE(t.src_begin.size() == t.text.size());
  REQUIRE(t.src_end.size() == t.text.size());
  CHECK(source_of(original, t, "yang") == "YG");
  CHECK(source_of(original, t, "an") == "YG");  // any part of an expansion is the whole word
  CHECK(source_of(original, t, "tidak") == "gak");
  CHECK(source_of(original, t, "bilang") == "bilang");
  CHECK(source_of(original, t, "yang bilang") == "YG   bilang");
  CHECK(source_of(original, t, "!") == "!");
}

TEST_CASE("offsets: emoji") {
  TextNormalizer n(&SlangTable::builtin());
  NormalizedText t;
  const std::string original = "\xF0\x9F\x98\x80 Coblos\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD no 3";
  n.normalize(original, &t);
  CHECK(t.text == "\xF0\x9F\x98\x80 coblos\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD nomor 3");
  CHECK(source_of(original, t, "coblos") == "Coblos");
  CHECK(source_of(original, t, "\xF0\x9F\x91\x8D") == "\xF0\x9F\x91\x8D");
  CHECK(source_of(original, t, "nomor 3") == "no 3");
}

TEST_CASE("offsets: combining marks") {
  TextNormalizer n(&SlangTable::builtin());
  NormalizedText t;
  const std::string original = "Kafe\xCC\x81 ini";  // e + U+0301
  n.normalize(original, &t);
  CHECK(t.text == "kaf\xC3\xA9 ini");
  CHECK(source_of(original, t, "kaf\xC3\xA9") == "Kafe\xCC\x81");
  CHECK(source_of(original, t, "\xC3\xA9") == "e\xCC\x81");
  CHECK(source_of(original, t, "ini") == "ini");
}

TEST_CASE("offsets: fancy letters - zero-width joiners - elongation and leetspeak") {
  TextNormalizer n(&SlangTable::builtin());
  NormalizedText t;
  const std::string original =
      "\xF0\x9D\x90\x8A\xF0\x9D\x90\x9A\xF0\x9D\x90\x9F\xF0\x9D\x90\xA2\xF0\x9D\x90\xAB "  // 𝐊𝐚𝐟𝐢𝐫
      "dasar k4f1rrr "
      "man\xE2\x80\x8D"
      "tap "
      "bangeeeet!!!";
  n.normalize(original, &t);
  CHECK(t.text == "kafir dasar kafir mantap sekali!!!");
  CHECK(source_of(original, t, "kafir") ==
        "\xF0\x9D\x90\x8A\xF0\x9D\x90\x9A\xF0\x9D\x90\x9F\xF0\x9D\x90\xA2\xF0\x9D\x90\xAB");
  CHECK(source_of(original, t, "kafir", 6) == "k4f1rrr");
  CHECK(source_of(original, t, "fi", 12) == "k4f1rrr");
  CHECK(source_of(original, t, "mantap") ==
        "man\xE2\x80\x8D"
        "tap");
  CHECK(source_of(original, t, "sekali") == "bangeeeet");
  CHECK(source_of(original, t, "!!!") == "!!!");
}

TEST_CASE("normalize reuses its buffers and is deterministic") {
  TextNormalizer n(&SlangTable::builtin());
  NormalizedText t;
  n.normalize("Yg panjang sekali teks ini", &t);
  n.normalize("gak", &t);
  CHECK(t.text == "tidak");
  CHECK(t.src_begin.size() == 5);
  n.normalize("", &t);
  CHECK(t.text.empty());
  CHECK(t.src_begin.empty());
}

TEST_CASE("expansions longer than the text grow the output") {
  // "gpp" (3 bytes) becomes 13: the output outgrows the buffer sized for the folded text.
  TextNormalizer n(&SlangTable::builtin());
  std::string in, want;
  for (int k = 0; k < 300; ++k) {
    in += k % 3 == 0 ? "gpp " : k % 3 == 1 ? "no3 " : "tiba2 ";
    want += k % 3 == 0 ? "tidak apa-apa " : k % 3 == 1 ? "nomor 3 " : "tiba-tiba ";
  }
  want.pop_back();
  std::string text = "short text left over from before";
  n.normalize_text(in, &text);
  CHECK(text == want);
  NormalizedText t;
  n.normalize(in, &t);
  CHECK(t.text == want);
  CHECK(t.src_begin.size() == want.size());
  CHECK(t.src_end.size() == want.size());
  n.normalize_text("pagi", &text);
  CHECK(text == "pagi");
}

TEST_CASE("hostile input does not break the map") {
  TextNormalizer n(&SlangTable::builtin());
  NormalizedText t;
  std::string big(1 << 20, 'a');
  big += "\xCC\x81";
  for (int i = 0; i < 1000; ++i) big += "\xE2\x80\x8D\xF0\x9F\x91\x8D yg ";
  n.normalize(big, &t);
  REQUIRE(t.src_begin.size() == t.text.size());
  for (size_t i = 0; i < t.text.size(); ++i) {
    REQUIRE(t.src_begin[i] < t.src_end[i]);
    REQUIRE(t.src_end[i] <= big.size());
  }
  // Lone combining marks and a string of nothing but ignorables.
  CHECK(n.normalize("\xCC\x81\xCC\x81 a") == "\xCC\x81\xCC\x81 a");
  CHECK(n.normalize("\xE2\x80\x8B\xE2\x80\x8D\xEF\xB8\x8F").empty());
}

TEST_CASE("runs of plain words are normalized word by word, across 64-byte blocks") {
  // The word stage takes runs of ASCII words with one space between them 64 bytes at a time
  // (TextNormalizer::plain_words); every word rule looks at one word only, so such a run must
  // come out as its words normalized one by one. Words land at every offset of the blocks:
  // slang, elongations, leetspeak, numbers, -nya, a "wkwk" syllable, words of 60 and 70 bytes,
  // and spaces doubled or at the ends, which collapse.
  const std::vector<std::string> vocab = {"yg",
                                          "gak",
                                          "bangeeeet",
                                          "wkwkwkwk",
                                          "k4f1r",
                                          "no3",
                                          "tiba2",
                                          "50rb",
                                          "mksdnya",
                                          "maaaaf",
                                          "saya",
                                          "pemilu",
                                          "2024",
                                          "banyak",
                                          "a",
                                          "dr",
                                          "Yg",
                                          "TP",
                                          "hahahaha",
                                          "http",
                                          "www",
                                          "nyanya",
                                          "ok",
                                          "covid19",
                                          std::string(60, 'k'),
                                          std::string(70, 'b'),
                                          "x" + std::string(62, 'y')};
  TextNormalizer n(&SlangTable::builtin());
  NormalizedText mapped;
  std::mt19937 rng(5);
  std::uniform_int_distribution<size_t> pick(0, vocab.size() - 1), count(1, 40), gap(0, 7);
  for (int iter = 0; iter < 2000; ++iter) {
    std::string text, expected;
    if (gap(rng) == 0) text += "  ";
    for (size_t k = count(rng); k > 0; --k) {
      const std::string& w = vocab[pick(rng)];
      if (!expected.empty()) expected += ' ';
      expected += n.normalize(w);
      text += w;
      text += gap(rng) == 0 ? "   " : " ";
    }
    if (gap(rng) < 4) text.pop_back();  // with and without a trailing space
    INFO("text: " << text);
    REQUIRE(n.normalize(text) == expected);
    n.normalize(text, &mapped);  // the offset map path: the same text, a complete map
    REQUIRE(mapped.text == expected);
    REQUIRE(mapped.src_begin.size() == expected.size());
    for (size_t i = 0; i < expected.size(); ++i) REQUIRE(mapped.src_end[i] <= text.size());
  }
}

}  // namespace
}  // namespace pantau::text
