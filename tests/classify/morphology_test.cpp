#include "pantau/classify/morphology.h"

#include <catch2/catch.hpp>

using namespace pantau::classify;

namespace {
// True when `word` is an accepted form of `term` under morphology `m`.
bool accepts(std::string_view term, Morphology m, std::string_view word) {
  for (const auto& f : term_forms(term, m)) {
    size_t at = word.find(f.literal);
    while (at != std::string_view::npos) {
      if (affixes_accepted(word.substr(0, at), word.substr(at + f.literal.size()), f.affixes)) {
        return true;
      }
      at = word.find(f.literal, at + 1);
    }
  }
  return false;
}
}  // namespace

TEST_CASE("verbs take Indonesian prefixes and suffixes", "[morphology]") {
  for (auto w : {"sogok", "menyogok", "nyogok", "disogok", "sogokan", "disogokin", "menyogoknya"}) {
    CHECK(accepts("sogok", Morphology::kVerb, w));
  }
  for (auto w :
       {"bagi", "membagi", "membagikan", "dibagikan", "bagiin", "ngebagi", "pembagian", "bagi2"}) {
    CHECK(accepts("bagi", Morphology::kVerb, w));
  }
  CHECK(accepts("pukul", Morphology::kVerb, "memukul"));
  CHECK(accepts("pukul", Morphology::kVerb, "mukulin"));
  CHECK(accepts("tipu", Morphology::kVerb, "menipu"));
  CHECK(accepts("kasih", Morphology::kVerb, "ngasih"));
  CHECK(accepts("kasih", Morphology::kVerb, "mengasihkan"));
  CHECK(accepts("coblos", Morphology::kVerb, "nyoblos"));
  CHECK(accepts("coblos", Morphology::kVerb, "mencoblos"));
  CHECK(accepts("ancam", Morphology::kVerb, "mengancam"));
  CHECK(accepts("ancam", Morphology::kVerb, "ngancam"));
  CHECK(accepts("ancam", Morphology::kVerb, "diancam"));
}

TEST_CASE("affixes are not arbitrary letters", "[morphology]") {
  CHECK_FALSE(accepts("uang", Morphology::kVerb, "buang"));
  CHECK_FALSE(accepts("bom", Morphology::kNoun, "bomber"));
  CHECK_FALSE(accepts("babi", Morphology::kNone, "babinsa"));
  CHECK_FALSE(accepts("bagi", Morphology::kNone, "membagi"));
  CHECK(accepts("amplop", Morphology::kNoun, "amplopnya"));
  CHECK_FALSE(accepts("amplop", Morphology::kNoun, "diamplop"));
  CHECK_FALSE(accepts("pal", Morphology::kVerb, "mal"));  // short roots keep their first sound
}

TEST_CASE("word context finds the enclosing word", "[morphology]") {
  std::string_view text = "mereka membagikan amplop.";
  std::string_view pre, suf;
  word_context(text, 10, 14, &pre, &suf);  // "bagi"
  CHECK(pre == "mem");
  CHECK(suf == "kan");
  word_context(text, 18, 24, &pre, &suf);  // "amplop"
  CHECK(pre.empty());
  CHECK(suf.empty());
}
