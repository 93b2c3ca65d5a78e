#include "pantau/classify/morphology.h"

#include <array>

namespace pantau::classify {
namespace {

// Bit 0 is the empty affix. Order matters only for the masks below.
constexpr std::array<std::string_view, 24> kPrefixes = {
    "",     "di", "ter", "te",  "ber",  "be",  "ke",     "se",    "per", "me", "mem", "men",
    "meng", "pe", "pem", "pen", "peng", "nge", "memper", "diper", "ng",  "ny", "ku",  "kau"};

constexpr std::array<std::string_view, 27> kSuffixes = {
    "",       "nya",   "ku",    "mu",     "lah",    "kah",    "pun",    "2",    "kan",
    "i",      "an",    "in",    "kannya", "kanlah", "kanmu",  "kanku",  "inya", "innya",
    "nyalah", "annya", "anlah", "ilah",   "inlah",  "nyapun", "kanpun", "ny",   "kn"};

constexpr uint32_t bits_upto(size_t n) { return n >= 32 ? ~0u : ((1u << n) - 1); }

// Noun suffixes: "", nya .. "2" (indices 0..7), plus "ny" (typo of -nya).
constexpr uint32_t kNounSuffixes = bits_upto(8) | (1u << 25);
constexpr uint32_t kVerbSuffixes = bits_upto(kSuffixes.size());
// Prefixes before an unassimilated root: everything but the bare nasals ng/ny.
constexpr uint32_t kVerbPrefixes = bits_upto(20);
// Before a nasalized form ("mukul", "nipu", "ngasih", "nyogok"): none, me-, pe-.
constexpr uint32_t kNasalPrefixes = 1u | (1u << 9) | (1u << 13);
// Active forms: none, me- mem- men- meng- nge- ku- kau-; before a nasalized form none and me-.
constexpr uint32_t kActivePrefixes =
    1u | (1u << 9) | (1u << 10) | (1u << 11) | (1u << 12) | (1u << 17) | (1u << 22) | (1u << 23);
constexpr uint32_t kActiveNasalPrefixes = 1u | (1u << 9);
// Every verb suffix but the noun-making -an, -annya, -anlah.
constexpr uint32_t kActiveSuffixes = kVerbSuffixes & ~((1u << 10) | (1u << 19) | (1u << 20));

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

template <size_t N>
bool accepted(std::string_view affix, uint32_t mask, const std::array<std::string_view, N>& list) {
  for (size_t i = 0; i < N; ++i) {
    if ((mask >> i) & 1u) {
      if (list[i] == affix) return true;
    }
  }
  return false;
}

}  // namespace

std::optional<Morphology> parse_morphology(std::string_view s) {
  if (s == "none") return Morphology::kNone;
  if (s == "noun") return Morphology::kNoun;
  if (s == "verb") return Morphology::kVerb;
  if (s == "active") return Morphology::kActive;
  return std::nullopt;
}

std::string_view morphology_name(Morphology m) {
  switch (m) {
    case Morphology::kNone:
      return "none";
    case Morphology::kNoun:
      return "noun";
    case Morphology::kVerb:
      return "verb";
    case Morphology::kActive:
      return "active";
  }
  return "none";
}

std::vector<TermForm> term_forms(std::string_view term, Morphology m) {
  std::vector<TermForm> forms;
  if (term.empty()) return forms;
  switch (m) {
    case Morphology::kNone:
      forms.push_back({std::string(term), {1u, 1u}});
      break;
    case Morphology::kNoun:
      forms.push_back({std::string(term), {1u, kNounSuffixes}});
      break;
    case Morphology::kVerb:
    case Morphology::kActive: {
      const bool active = m == Morphology::kActive;
      forms.push_back({std::string(term), active ? AffixPolicy{kActivePrefixes, kActiveSuffixes}
                                                 : AffixPolicy{kVerbPrefixes, kVerbSuffixes}});
      // Nasal assimilation replaces the root's first sound. Short roots (< 4 bytes) are left
      // alone: their nasal forms ("nari" from "tari") collide with too many unrelated words.
      if (term.size() < 4) break;
      const char c = term[0];
      std::string rest(term.substr(1));
      std::string nasal;
      if (c == 'p')
        nasal = "m" + rest;
      else if (c == 't')
        nasal = "n" + rest;
      else if (c == 'k')
        nasal = "ng" + rest;
      else if (c == 's' || c == 'c')
        nasal = "ny" + rest;
      else if (is_vowel(c))
        nasal = "ng" + std::string(term);
      if (!nasal.empty()) {
        forms.push_back({nasal, active ? AffixPolicy{kActiveNasalPrefixes, kActiveSuffixes}
                                       : AffixPolicy{kNasalPrefixes, kVerbSuffixes}});
      }
      break;
    }
  }
  return forms;
}

bool affixes_accepted(std::string_view prefix, std::string_view suffix, const AffixPolicy& policy) {
  if (prefix.size() > 6 || suffix.size() > 6) return false;
  return accepted(prefix, policy.prefixes, kPrefixes) &&
         accepted(suffix, policy.suffixes, kSuffixes);
}

void word_context(std::string_view text, size_t begin, size_t end, std::string_view* prefix,
                  std::string_view* suffix) {
  size_t ws = begin;
  while (ws > 0 && is_word_byte(static_cast<unsigned char>(text[ws - 1]))) --ws;
  size_t we = end;
  while (we < text.size() && is_word_byte(static_cast<unsigned char>(text[we]))) ++we;
  *prefix = text.substr(ws, begin - ws);
  *suffix = text.substr(end, we - end);
}

}  // namespace pantau::classify
