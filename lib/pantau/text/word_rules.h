// Word-level rules of text normalization, applied by TextNormalizer to each word of the folded
// (NFKC, case-folded) text. A word here is a maximal run of letters, marks and digits. Each rule
// appends its result to *out and returns true when it changed something; on false *out is left
// as it was.
#pragma once

#include <string>
#include <string_view>

namespace pantau::text {

// Letters repeated three or more times are reduced: "bangeeeet" -> "banget" (to one letter),
// and a word that is one two-letter syllable repeated three or more times keeps two repetitions:
// "wkwkwkwk" -> "wkwk", "hahahaha" -> "haha". *keep_double receives the same word with runs
// reduced to two letters instead ("maaaaf" -> "maaf"), for callers that know which form is a
// word. Digit runs are never touched ("10000" stays). ASCII words only.
bool reduce_elongation(std::string_view word, std::string* out, std::string* keep_double);

// Undoes leetspeak inside words that mix ASCII letters and digits: digit runs of one or two
// digits between letters, and a single leading digit before two or more letters, become letters
// (4->a, 3->e, 1->i, 0->o, 5->s, 7->t, 8->b, 6->g, 9->g): "k4f1r" -> "kafir", "4ku" -> "aku".
// Pure numbers and trailing digits stay ("02", "paslon02", "covid19"); so does "2", which
// Indonesian writing uses for reduplication (see split_reduplication).
bool undo_leetspeak(std::string_view word, std::string* out);

// "tiba2" (two or more letters followed by one "2") is the informal reduplication "tiba-tiba":
// returns true and sets *stem to "tiba".
bool split_reduplication(std::string_view word, std::string_view* stem);

// "no3", "paslon02", "capres1": an election word glued to a number. Returns true and sets
// *prefix ("no") and *number ("3"); this takes precedence over reduplication, so "paslon2" is
// "paslon 2", not "paslon-paslon". Prefixes: no, nmr, nomor, nomer, urut, paslon, capres,
// cawapres, caleg, cagub, cabup, cawalkot, dapil, tps.
bool split_numbered(std::string_view word, std::string_view* prefix, std::string_view* number);

// "50rb" / "1jt" / "100k": a number followed by an abbreviated unit of money. Returns true and
// sets *number ("50") and *unit_formal ("ribu", "juta", "miliar"). A bare "m" is not taken
// (meter, menit).
bool split_amount(std::string_view word, std::string_view* number, std::string_view* unit_formal);

// True for words Indonesian writes with a doubled letter ("maaf", "saat", "taat"), used to pick
// between the two forms reduce_elongation() offers.
bool is_double_letter_word(std::string_view word);

}  // namespace pantau::text
