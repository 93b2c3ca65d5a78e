#include "pantau/text/word_rules.h"

#include <cstring>

namespace pantau::text {
namespace {

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

char leet_letter(char d) {
  switch (d) {
    case '0':
      return 'o';
    case '1':
      return 'i';
    case '3':
      return 'e';
    case '4':
      return 'a';
    case '5':
      return 's';
    case '6':
      return 'g';
    case '7':
      return 't';
    case '8':
      return 'b';
    case '9':
      return 'g';
    default:
      return d;  // '2' stays: it marks reduplication
  }
}

}  // namespace

bool is_double_letter_word(std::string_view word) {
  // Common words whose doubled letter is part of the spelling (only consulted for words that
  // had a run of three or more), by length: one or a few comparisons per call.
  switch (word.size()) {
    case 4:
      return word == "maaf" || word == "saat" || word == "taat";
    case 5:
      return word == "allah";
    case 6:
      return word == "jamaah" || word == "jumaat" || word == "rakaat" || word == "taaruf" ||
             word == "sunnah";
    case 7:
      return word == "manfaat";
    case 8:
      return word == "muttaqin" || word == "wassalam";
    case 14:
      return word == "waalaikumsalam";
    case 15:
      return word == "assalamualaikum";
    default:
      return false;
  }
}

bool reduce_elongation(std::string_view word, std::string* out, std::string* keep_double) {
  const size_t n = word.size();
  bool long_run = false;
  for (size_t i = 0; i + 2 < n; ++i) {
    if (is_lower(word[i]) && word[i] == word[i + 1] && word[i] == word[i + 2]) {
      long_run = true;
      break;
    }
  }
  // A repeated two-letter syllable: "wkwkwk", "hahaha", "xixixi" (optionally one letter more).
  if (n >= 6 && word[0] != word[1] && is_lower(word[0]) && is_lower(word[1])) {
    size_t i = 2;
    while (i < n && word[i] == word[i % 2]) ++i;
    if (i == n) {
      keep_double->assign(word.substr(0, 4));
      out->append(word.substr(0, 4));
      return true;
    }
  }
  if (!long_run) return false;
  // Both forms are at most as long as the word: written through pointers into buffers sized
  // ahead (one byte more, for the two-byte store below), then cut to size.
  const size_t out_at = out->size();
  out->resize(out_at + n + 1);
  keep_double->resize(n + 1);
  char* o = out->data() + out_at;
  char* d = keep_double->data();
  size_t i = 0;
  while (i < n) {
    const char c = word[i];
    size_t j = i + 1;
    while (j < n && word[j] == c) ++j;
    const size_t run = j - i;
    if (run >= 3 && is_lower(c)) {
      *o++ = c;
      d[0] = d[1] = c;
      d += 2;
    } else if (run <= 2) {
      o[0] = o[1] = d[0] = d[1] = c;
      o += run;
      d += run;
    } else {
      std::memset(o, c, run);
      std::memset(d, c, run);
      o += run;
      d += run;
    }
    i = j;
  }
  out->resize(static_cast<size_t>(o - out->data()));
  keep_double->resize(static_cast<size_t>(d - keep_double->data()));
  return true;
}

bool undo_leetspeak(std::string_view word, std::string* out) {
  const size_t n = word.size();
  size_t letters = 0, digits = 0;
  for (char c : word) {
    if (is_lower(c)) {
      ++letters;
    } else if (is_digit(c)) {
      ++digits;
    } else {
      return false;  // not a plain ASCII word
    }
  }
  if (letters == 0 || digits == 0) return false;
  const size_t before = out->size();
  bool changed = false;
  // A single trailing digit counts as a letter only in a word that is leetspeak already
  // ("s3l4l0", "s1n1"); alone it stays a number ("paslon2", "no1").
  bool leet_inside = false;
  for (size_t k = 1; k + 1 < n; ++k) {
    if (is_digit(word[k]) && is_lower(word[k - 1]) && leet_letter(word[k]) != word[k]) {
      leet_inside = true;
      break;
    }
  }
  if (n >= 3 && is_digit(word[0]) && leet_letter(word[0]) != word[0] && is_lower(word[1]) &&
      is_lower(word[2])) {
    leet_inside = true;
  }
  size_t i = 0;
  while (i < n) {
    if (!is_digit(word[i])) {
      out->push_back(word[i++]);
      continue;
    }
    size_t j = i;
    while (j < n && is_digit(word[j])) ++j;
    const size_t run = j - i;
    const bool interior = i > 0 && j < n && run <= 2;
    // A leading digit counts before two letters ("4ku"), but not in English ordinals ("4th").
    const std::string_view tail = word.substr(j);
    const bool ordinal = tail == "st" || tail == "nd" || tail == "rd" || tail == "th";
    const bool leading =
        i == 0 && run == 1 && j + 1 < n && is_lower(word[j]) && is_lower(word[j + 1]) && !ordinal;
    const bool trailing = j == n && i > 0 && run == 1 && leet_inside;
    for (size_t k = i; k < j; ++k) {
      char c = (interior || leading || trailing) ? leet_letter(word[k]) : word[k];
      changed = changed || c != word[k];
      out->push_back(c);
    }
    i = j;
  }
  if (!changed) out->resize(before);
  return changed;
}

bool split_reduplication(std::string_view word, std::string_view* stem) {
  const size_t n = word.size();
  if (n < 3 || word[n - 1] != '2') return false;
  for (size_t i = 0; i + 1 < n; ++i) {
    if (!is_lower(word[i])) return false;
  }
  *stem = word.substr(0, n - 1);
  return true;
}

bool split_numbered(std::string_view word, std::string_view* prefix, std::string_view* number) {
  static constexpr std::string_view kPrefixes[] = {
      "no",       "nmr",   "nomor", "nomer", "urut",     "paslon", "capres",
      "cawapres", "caleg", "cagub", "cabup", "cawalkot", "dapil",  "tps"};
  size_t i = word.size();
  while (i > 0 && is_digit(word[i - 1])) --i;
  if (i == 0 || i == word.size()) return false;
  std::string_view p = word.substr(0, i);
  for (std::string_view k : kPrefixes) {
    if (p == k) {
      *prefix = p;
      *number = word.substr(i);
      return true;
    }
  }
  return false;
}

bool split_amount(std::string_view word, std::string_view* number, std::string_view* unit_formal) {
  size_t i = 0;
  while (i < word.size() && is_digit(word[i])) ++i;
  if (i == 0 || i == word.size()) return false;
  std::string_view unit = word.substr(i);
  if (unit == "rb" || unit == "rbu" || unit == "ribu" || unit == "k" || unit == "rebu") {
    *unit_formal = "ribu";
  } else if (unit == "jt" || unit == "juta" || unit == "jeti") {
    *unit_formal = "juta";
  } else if (unit == "miliar" || unit == "milyar" || unit == "em") {
    *unit_formal = "miliar";
  } else {
    return false;
  }
  *number = word.substr(0, i);
  return true;
}

}  // namespace pantau::text
