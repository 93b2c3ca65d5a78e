// TextNormalizer: text_norm with its offset map (text_normalizer.h).
//
// Two stages. fold_text() does the Unicode work (NFKC, case folding, ignorables, white space to
// ' ') and keeps, for every byte it writes, the source byte range. The word stage below then
// walks the folded text once: it collapses spaces and hands each word to the word rules. A word
// that a rule changed maps, byte for byte, to the whole source word, so a match anywhere inside
// "yang" (from "yg") points back at exactly "yg"; unchanged bytes keep their own source range.
//
// Most of the folded text comes through the word stage unchanged, so it is not copied token by
// token: the stage only notes where the output differs (replace()), and copies the unchanged
// stretches in between, bytes and map entries, in one block each (copy_through()).
#include "pantau/text/text_normalizer.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstring>

#include "pantau/text/byte_masks.h"
#include "pantau/text/word_chars.h"
#include "pantau/text/word_rules.h"
#include "pantau/utf8.h"

namespace pantau::text {
namespace {

// What the word scan tells append_word().
constexpr unsigned kHasDigit = 1, kNonAscii = 2, kElongated = 4;

// Free bytes kept behind the output's limit (TextNormalizer::out_limit_): a piece of up to
// this many bytes is copied as one fixed-size block (on the read side into fold_'s padding,
// ByteMasks::kPadding >= kOutSlack).
constexpr size_t kOutSlack = 16;
static_assert(ByteMasks::kPadding >= kOutSlack);

bool is_ascii_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Length of the UTF-8 sequence that starts with byte `c` (1 for stray continuation bytes).
size_t sequence_length(unsigned char c) {
  if (c < 0xC0) return 1;
  if (c < 0xE0) return 2;
  if (c < 0xF0) return 3;
  return 4;
}

// Letters, marks and digits make words; so do ASCII letters and digits.
inline bool is_word_at(std::string_view s, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *len = 1;
    return is_ascii_word_byte(c);
  }
  return is_word_code_point_at(s, i, len);
}

// A run of three equal bytes ("bangeeet"), or, in six bytes or more, a two-byte syllable
// repeated ("wkwkwk"): the words reduce_elongation() may change.
inline bool may_be_elongated(std::string_view w) {
  bool triple = false, alternating = w.size() >= 6;
  for (size_t k = 2; k < w.size(); ++k) {
    const char c = w[k];
    triple = triple || (c == w[k - 1] && c == w[k - 2]);
    alternating = alternating && c == w[k - 2];
  }
  return triple || alternating;
}

bool starts_url(std::string_view s) {
  return s.substr(0, 7) == "http://" || s.substr(0, 8) == "https://" || s.substr(0, 4) == "www.";
}

}  // namespace

std::pair<size_t, size_t> NormalizedText::original_bytes(size_t begin, size_t end) const {
  uint32_t b = *std::min_element(src_begin.begin() + static_cast<ptrdiff_t>(begin),
                                 src_begin.begin() + static_cast<ptrdiff_t>(end));
  uint32_t e = *std::max_element(src_end.begin() + static_cast<ptrdiff_t>(begin),
                                 src_end.begin() + static_cast<ptrdiff_t>(end));
  return {b, e};
}

TextNormalizer::TextNormalizer(const SlangTable* slang, NormalizerOptions opts)
    : slang_(slang), opts_(opts) {}

std::string TextNormalizer::normalize(std::string_view original) {
  std::string out;
  normalize_text(original, &out);
  return out;
}

void TextNormalizer::normalize(std::string_view original, NormalizedText* out) {
  run(original, &out->text, &out->src_begin, &out->src_end);
}

void TextNormalizer::normalize_text(std::string_view original, std::string* out) {
  run(original, out, nullptr, nullptr);
}

std::optional<std::string_view> TextNormalizer::lookup(std::string_view word) const {
  if (slang_ == nullptr || !opts_.expand_slang) return std::nullopt;
  return slang_->lookup(word);
}

void TextNormalizer::grow_out(size_t extra) {
  const size_t used = static_cast<size_t>(out_ - text_->data());
  text_->resize(std::max(2 * text_->size(), used + extra + kOutSlack));
  out_ = text_->data() + used;
  out_limit_ = text_->data() + text_->size() - kOutSlack;
  if (begin_) {
    begin_->resize(text_->size());
    end_->resize(text_->size());
  }
}

void TextNormalizer::copy_through(size_t upto) {
  if (upto <= copied_) return;
  const size_t len = upto - copied_;
  reserve_out(len);
  // A short stretch is one fixed-size copy, no call (fold_'s padding makes the bytes past
  // `upto` readable, kOutSlack makes them writable). (Blocks of 32 bytes for longer stretches
  // cost more instructions than the memcpy call they save.)
  const char* src = fold_.data() + copied_;
  if (len <= kOutSlack) {
    std::memcpy(out_, src, kOutSlack);
  } else {
    std::memcpy(out_, src, len);
  }
  if (begin_) {
    const size_t at = out_index();
    std::memcpy(begin_->data() + at, fold_begin_.data() + copied_, len * sizeof(uint32_t));
    std::memcpy(end_->data() + at, fold_end_.data() + copied_, len * sizeof(uint32_t));
  }
  out_ += len;
  copied_ = upto;
}

void TextNormalizer::replace(size_t b, size_t e, std::string_view s1, uint32_t src_b,
                             uint32_t src_e, char sep, std::string_view s2) {
  copy_through(b);
  const size_t len = s1.size() + (sep != 0 ? 1 : 0) + s2.size();
  reserve_out(len);
  if (begin_) {
    const size_t at = out_index();
    std::fill_n(begin_->data() + at, len, src_b);
    std::fill_n(end_->data() + at, len, src_e);
  }
  if (!s1.empty()) std::memcpy(out_, s1.data(), s1.size());
  out_ += s1.size();
  if (sep != 0) *out_++ = sep;
  if (!s2.empty()) std::memcpy(out_, s2.data(), s2.size());
  out_ += s2.size();
  copied_ = e;
}

void TextNormalizer::run(std::string_view original, std::string* text, std::vector<uint32_t>* begin,
                         std::vector<uint32_t>* end) {
  text_ = text;
  begin_ = begin;
  end_ = end;
  fold_.clear();
  fold_begin_.clear();
  fold_end_.clear();
  fold_text(original, FoldMode::kNfkcCasefold, &fold_scratch_, &fold_,
            begin ? &fold_begin_ : nullptr, begin ? &fold_end_ : nullptr);
  // The output is about as long as the folded text; grow_out() makes room for more. (Not
  // cleared first: only the bytes beyond the old size are zeroed.)
  if (text->size() < fold_.size() + 16 + kOutSlack) text->resize(fold_.size() + 16 + kOutSlack);
  if (begin) {
    begin->resize(text->size());
    end->resize(text->size());
  }
  out_ = text->data();
  out_limit_ = text->data() + text->size() - kOutSlack;
  copied_ = 0;

  const size_t n = fold_.size();
  // Zero padding behind the text for ByteMasks (resize() fills it, then keeps it as capacity).
  fold_.resize(n + ByteMasks::kPadding);
  fold_.resize(n);
  masks_.compute(fold_);
  const std::string_view f(fold_);
  const auto* p = reinterpret_cast<const unsigned char*>(fold_.data());
  using B = ByteMaskBlock;
  // The end of the word at i: ASCII letters and digits, and non-ASCII letters, marks, digits.
  auto word_end = [&](size_t i) {
    size_t len = 0;
    for (;;) {
      i = masks_.next_clear<&B::word>(i);
      if (i >= n || p[i] < 0x80 || !is_word_at(f, i, &len)) return i;
      i += len;
    }
  };

  size_t i = 0;
  size_t general_at = std::string_view::npos;
  while (i < n) {
    const unsigned char c = p[i];
    if (c == ' ') {
      const size_t j = masks_.next_clear<&B::space>(i);
      // Inner runs become one space that stands for the whole run (a single space is that
      // already); ends are trimmed.
      const bool after_output = !output_empty() || copied_ < i;
      if (!after_output || j == n) {
        replace(i, j, {}, 0, 0);
      } else if (j - i > 1) {
        replace(i, j, " ", begin ? fold_begin_[i] : 0, begin ? fold_end_[j - 1] : 0);
      }
      i = j;
      continue;
    }
    const bool token_start = i == 0 || p[i - 1] == ' ';
    if (token_start && (c == 'h' || c == 'w') && starts_url(f.substr(i))) {
      size_t j = f.find(' ', i);
      if (j == std::string_view::npos) j = n;
      i = j;  // URLs are kept as written (lower-cased), never "corrected"
      continue;
    }
    if (token_start && i != general_at && masks_.test<&B::word>(i)) {
      // The common case, ASCII words with one space between them, a block at a time.
      const size_t j = plain_words(i);
      general_at = j;  // where plain_words() stopped, this loop goes on
      if (j != i) {
        i = j;
        continue;
      }
    }
    size_t len = 0;
    if ((c == '@' || c == '#') && i + 1 < n && is_word_at(f, i + 1, &len)) {
      i = word_end(i + 1);  // handles and hashtags are names: kept as written
      continue;
    }
    if (masks_.test<&B::word>(i) || (c >= 0x80 && is_word_at(f, i, &len))) {
      const size_t start = i;
      i = word_end(i);
      const size_t word_len = i - start;
      const std::string_view word(f.data() + start, word_len);
      const size_t hash = SlangTable::hash_padded(word.data(), word_len);
      // Most words are plain ASCII letters that no rule changes: say so here, with the masks
      // (digits? non-ASCII? a letter three times? a syllable repeated?) and the slang table's
      // filter, without a call. append_word() decides the rest.
      unsigned flags = 0;
      if (word_len < 64) {
        const uint64_t in_word = (uint64_t{1} << word_len) - 1;
        const uint64_t digit = masks_.window<&B::digit>(start) & in_word;
        const uint64_t high = masks_.window<&B::high>(start) & in_word;
        flags = (digit != 0 ? kHasDigit : 0) | (high != 0 ? kNonAscii : 0);
        // Evaluated in full and combined without branches: which words need a rule is data,
        // and a branch per test would be mispredicted often.
        const uint64_t starts = in_word >> 2;  // k with k + 2 inside the word
        const uint64_t triple = masks_.window<&B::triple>(start) & starts;
        const uint64_t skip2 = masks_.window<&B::skip2>(start) & starts;
        const bool elongated = (triple != 0) | ((word_len >= 6) & (skip2 == starts));
        const bool maybe_slang =
            (slang_ != nullptr) &&
            slang_->may_contain(word_len, SlangTable::filter_hash_padded(word.data(), word_len));
        // (The three bytes compared are inside fold_'s padding for words shorter than three.)
        const char* tail = word.data() + (word_len >= 3 ? word_len - 3 : 0);
        const bool nya = (word_len >= 5) & (std::memcmp(tail, "nya", 3) == 0);
        flags |= elongated ? kElongated : 0;
        if ((flags == 0) & !maybe_slang & !nya) {
          // A single space after the word is kept as it is: step over it.
          if (p[i] == ' ' && p[i + 1] != ' ' && i + 1 < n) ++i;
          continue;
        }
      } else {
        if (masks_.any<&B::digit>(start, i)) flags |= kHasDigit;
        if (masks_.any<&B::high>(start, i)) flags |= kNonAscii;
        if (may_be_elongated(word)) flags |= kElongated;
      }
      append_word(start, i, hash, flags);
      continue;
    }
    i = std::min(n, i + sequence_length(c));  // kept as it is
  }
  copy_through(n);
  text->resize(out_index());
  if (begin) {
    begin->resize(text->size());
    end->resize(text->size());
  }
}

size_t TextNormalizer::plain_words(size_t i) {
  using B = ByteMaskBlock;
  const size_t n = fold_.size();
  const char* p = fold_.data();
  // The 64 bytes from i on are taken at once. A plain token is an ASCII word followed by one
  // space and another word (a separator), or by the end of the text: the general loop's word
  // branch would find nothing else to do for it than the tests below. (Such a word is no URL,
  // which needs "http:", "https:" or "www.", nor a handle or a hashtag, which follow '@' or
  // '#', nor part of a word that goes on in another script.) The words of the block are tested
  // without a branch between them; the few that a rule may change are collected and handed to
  // append_word() afterwards, in order.
  // Without a table no word passes the filter (every word is longer than 0 bytes).
  static constexpr uint64_t kNoBits[1] = {0};
  const SlangTable::Filter filter =
      slang_ != nullptr ? slang_->filter() : SlangTable::Filter{kNoBits, 0};
  for (;;) {
    // Here p[i] is an ASCII letter or digit at the start of a token.
    const uint64_t word = masks_.window<&B::word>(i);
    const uint64_t sep = masks_.window<&B::space>(i) & (word << 1) & (word >> 1);
    const uint64_t other = ~(word | sep);
    // The run of words and separators [0, run_len). Bit 63 is never a separator (the byte
    // after it is not in the window), so the run ends in a word.
    const size_t run_len = other == 0 ? 64 : static_cast<size_t>(__builtin_ctzll(other));
    const uint64_t run = run_len == 64 ? ~uint64_t{0} : (uint64_t{1} << run_len) - 1;
    uint64_t starts = word & run & ~(word << 1);
    uint64_t ends = sep & run;  // where each complete word ends
    const bool at_end = run_len < 64 && i + run_len == n;
    if (at_end) ends |= uint64_t{1} << run_len;  // the last word ends the text
    const uint64_t digit = masks_.window<&B::digit>(i);
    const uint64_t triple = masks_.window<&B::triple>(i);
    const uint64_t skip2 = masks_.window<&B::skip2>(i);
    // The words a rule may change, as a mask of their first bytes. (Collecting them in an
    // array instead would make each word's store wait for the previous word's filter load.)
    uint64_t flagged = 0;
    while (ends != 0) {
      const unsigned b = static_cast<unsigned>(__builtin_ctzll(starts));
      const unsigned e = static_cast<unsigned>(__builtin_ctzll(ends));
      starts &= starts - 1;
      ends &= ends - 1;
      const size_t len = e - b;
      const uint64_t in_word = (uint64_t{1} << e) - (uint64_t{1} << b);
      // A letter three times running (it cannot reach past the word: a space or the end
      // follows), or, in six bytes or more, a two-byte syllable repeated: the elongations.
      const bool elongated =
          ((triple & in_word) != 0) | ((len >= 6) & ((~skip2 & in_word & (in_word >> 2)) == 0));
      const char* w = p + i + b;
      const bool maybe_slang = filter.may_contain(len, SlangTable::filter_hash_padded(w, len));
      const char* tail = w + (len >= 3 ? len - 3 : 0);  // fold_'s padding is readable
      const bool nya = (len >= 5) & (std::memcmp(tail, "nya", 3) == 0);
      const bool rule = ((digit & in_word) != 0) | elongated | maybe_slang | nya;
      flagged |= static_cast<uint64_t>(rule) << b;
    }
    while (flagged != 0) {
      const unsigned b = static_cast<unsigned>(__builtin_ctzll(flagged));
      flagged &= flagged - 1;
      const unsigned e = b + static_cast<unsigned>(__builtin_ctzll(~(word >> b)));
      const uint64_t in_word = (uint64_t{1} << e) - (uint64_t{1} << b);
      const bool elongated =
          ((triple & in_word) != 0) | ((e - b >= 6) & ((~skip2 & in_word & (in_word >> 2)) == 0));
      append_word(i + b, i + e, SlangTable::hash_padded(p + i + b, e - b),
                  ((digit & in_word) != 0 ? kHasDigit : 0u) | (elongated ? kElongated : 0u));
      // Nothing written yet (the word was replaced by nothing): the space after it is dropped,
      // which the general loop decides.
      if (output_empty() && copied_ == i + e) return i + e;
    }
    if (at_end) return n;
    // The last word of the run: when the run filled the window, it may be plain too, and the
    // next block starts there; otherwise the general loop takes it (it ends in punctuation, a
    // run of spaces, a character of another script...).
    const size_t last = static_cast<size_t>(__builtin_ctzll(starts));
    if (run_len < 64 || last == 0) return i + last;
    i += last;
  }
}

void TextNormalizer::append_word(size_t b, size_t e, size_t hash, unsigned flags) {
  const std::string_view w(fold_.data() + b, e - b);
  const uint32_t sb = begin_ ? fold_begin_[b] : 0;
  const uint32_t se = begin_ ? fold_end_[e - 1] : 0;

  if (slang_ != nullptr && opts_.expand_slang) {
    // "dr." is a title (dr. Tirta), "dr" alone is "dari".
    auto v = slang_->lookup_hashed(w, hash);
    if (v && !(w == "dr" && e < fold_.size() && fold_[e] == '.')) return replace(b, e, *v, sb, se);
  }
  if (flags & kNonAscii) return;  // kept as it is
  const bool has_digit = (flags & kHasDigit) != 0;
  const bool elongated = (flags & kElongated) != 0;

  std::string_view stem, number, unit, prefix;
  if (has_digit) {
    if (split_numbered(w, &prefix, &number)) {
      // "no3" -> "nomor 3": the number matters (ballot numbers), so it is kept apart.
      auto v = lookup(prefix);
      return replace(b, e, v ? *v : prefix, sb, se, ' ', number);
    }
    if (split_reduplication(w, &stem)) {
      // "tiba2" -> "tiba-tiba"; the stem may itself be slang ("liat2").
      auto v = lookup(stem);
      std::string_view s = (v && v->find(' ') == std::string_view::npos) ? *v : stem;
      return replace(b, e, s, sb, se, '-', s);
    }
    if (split_amount(w, &number, &unit)) return replace(b, e, number, sb, se, ' ', unit);
  }

  std::string_view cur = w;
  bool changed = false;
  if (opts_.reduce_elongation && elongated) {
    word_a_.clear();
    word_b_.clear();
    if (reduce_elongation(w, &word_a_, &word_b_)) {
      changed = true;
      cur = (is_double_letter_word(word_b_) || lookup(word_b_)) ? std::string_view(word_b_)
                                                                : std::string_view(word_a_);
      if (auto v = lookup(cur)) return replace(b, e, *v, sb, se);
    }
  }
  if (opts_.undo_leetspeak && has_digit) {
    word_c_.clear();
    if (undo_leetspeak(cur, &word_c_)) {
      changed = true;
      cur = word_c_;
      if (auto v = lookup(cur)) return replace(b, e, *v, sb, se);
    }
  }
  // A slang stem with the suffix -nya ("mksdnya" -> "maksudnya").
  if (cur.size() >= 5 && cur.substr(cur.size() - 3) == "nya") {
    if (auto v = lookup(cur.substr(0, cur.size() - 3));
        v && v->find(' ') == std::string_view::npos) {
      return replace(b, e, *v, sb, se, 0, "nya");
    }
  }
  if (changed) replace(b, e, cur, sb, se);
}

}  // namespace pantau::text
