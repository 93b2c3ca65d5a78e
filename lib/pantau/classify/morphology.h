// Indonesian morphology for lexicon matching.
//
// Lexicon terms are written as roots ("sogok", "bagi", "hina"); online text carries them with
// affixes ("menyogok", "disogok", "membagi-bagikan", "dihinanya", "ngasih", "bagiin"). Expanding
// every root into every affixed form would multiply the patterns by ~50, so we do it the other
// way round: the matcher finds the root (or one of its few nasalized forms) as a plain substring,
// and the match callback accepts the hit only when the rest of the enclosing word is an allowed
// prefix and an allowed suffix for that term's morphology class. This keeps word boundaries out
// of the regex engine (`\b` in thousands of patterns ran at ~6 MB/s when measured) and makes
// "affix-aware" a cheap string comparison.
//
// Classes:
//   none  the term must be a whole word (or whole words, for a phrase).
//   noun  possessive and particle suffixes: -nya -ku -mu -lah -kah -pun, and reduplication
//         ("amplop-amplop", "amplop2").
//   verb  noun suffixes plus -kan -i -an -in (Jakarta colloquial for -kan/-i) and their
//         combinations, and the prefixes di- ter- ber- ke- se- per- me(N)- pe(N)- nge-
//         (memper-, diper-), with nasal assimilation: p->m (pukul: memukul, mukul),
//         t->n (tipu: menipu, nipu), k->ng (kasih: mengasih, ngasih), s->ny (sogok: menyogok,
//         nyogok), c->ny (coblos: nyoblos), vowel->ng (ancam: mengancam, ngancam).
//   active the forms of a verb that make or announce an act: the root, me(N)- and nge-, ku- and
//         kau- ("kubunuh"), with -kan -i -in -lah -nya, and reduplication; not the passive di-,
//         ter-, ber-, nor the nouns in -an, pe(N)- and ke- ("penganiayaan", "dianiaya" and
//         "terbakar" are what news reports, "bunuh", "membakar", "kubacok" what a threat says).
// For a phrase the prefix applies to its first word and the suffix to its last.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pantau::classify {

enum class Morphology { kNone, kNoun, kVerb, kActive };

// "none" | "noun" | "verb" | "active".
std::optional<Morphology> parse_morphology(std::string_view s);
std::string_view morphology_name(Morphology m);

// Bytes that make up words in normalized text: ASCII letters and digits. Everything else
// (spaces, punctuation, '#', '@', '-', emoji and other non-ASCII) separates words.
inline bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

// One literal the matcher searches for, derived from a term: the term itself or a nasalized
// form of it, with the affixes accepted around it.
struct AffixPolicy {
  uint32_t prefixes = 1;  // bit i: kPrefixes[i] is accepted; bit 0 is the empty prefix
  uint32_t suffixes = 1;  // bit i: kSuffixes[i] is accepted; bit 0 is the empty suffix
};

struct TermForm {
  std::string literal;
  AffixPolicy affixes;
};

// The literals to search for a (normalized) term of class `m`: one for kNone and kNoun, up to
// three for kVerb (the root, and its nasalized forms when the root starts with p, t, k, s, c or
// a vowel).
std::vector<TermForm> term_forms(std::string_view term, Morphology m);

// True when `prefix` + literal + `suffix` is an accepted word form under `policy`.
bool affixes_accepted(std::string_view prefix, std::string_view suffix, const AffixPolicy& policy);

// Finds the enclosing word of the byte range [begin, end) of `text`: returns the bytes of the
// word before `begin` (the prefix) and after `end` (the suffix). When `begin` or `end` sits inside
// a word those parts are non-empty; at a boundary they are empty.
void word_context(std::string_view text, size_t begin, size_t end, std::string_view* prefix,
                  std::string_view* suffix);

}  // namespace pantau::classify
