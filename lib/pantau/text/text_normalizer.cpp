// TextNormalizer: text_norm with its offset map (text_normalizer.h).
//
// Two stages. fold_text() does the Unicode work (NFKC, case folding, ignorables, white space to
// ' ') and keeps, for every byte it writes, the source byte range. The word stage below then
// walks the folded text once: it collapses spaces and hands each word to the word rules. A word
// that a rule changed maps, byte for byte, to the whole source word, so a match anywhere inside
// "yang" (from "yg") points back at exactly "yg"; unchanged bytes keep their own source range.
#include "pantau/text/text_normalizer.h"

#include <utf8proc.h>

#include <algorithm>

#include "pantau/text/word_chars.h"
#include "pantau/text/word_rules.h"
#include "pantau/utf8.h"

namespace pantau::text {
namespace {

// Class of each byte of the folded text: ASCII letters and digits make words, ' ' separates
// them; bytes >= 0x80 start a code point whose category decides.
enum ByteClass : unsigned char { kOther = 0, kWordByte = 1, kSpace = 2, kHigh = 3 };

// What the word scan tells append_word().
constexpr unsigned kNonAscii = 1, kHasDigit = 2, kTriple = 4, kAlternating = 8;
struct ClassTable {
  unsigned char c[256];
};
constexpr ClassTable make_classes() {
  ClassTable t{};
  for (int b = 0; b < 256; ++b) {
    unsigned char v = kOther;
    if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9'))
      v = kWordByte;
    else if (b == ' ')
      v = kSpace;
    else if (b >= 0x80)
      v = kHigh;
    t.c[b] = v;
  }
  return t;
}
constexpr ClassTable kClasses = make_classes();

bool is_ascii_word_byte(unsigned char c) { return kClasses.c[c] == kWordByte; }

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

void TextNormalizer::append_mapped(std::string_view s, uint32_t src_b, uint32_t src_e) {
  text_->append(s);
  if (begin_) {
    begin_->insert(begin_->end(), s.size(), src_b);
    end_->insert(end_->end(), s.size(), src_e);
  }
}

void TextNormalizer::copy_folded(size_t b, size_t e) {
  text_->append(fold_.data() + b, e - b);
  if (begin_) {
    begin_->insert(begin_->end(), fold_begin_.begin() + static_cast<ptrdiff_t>(b),
                   fold_begin_.begin() + static_cast<ptrdiff_t>(e));
    end_->insert(end_->end(), fold_end_.begin() + static_cast<ptrdiff_t>(b),
                 fold_end_.begin() + static_cast<ptrdiff_t>(e));
  }
}

void TextNormalizer::run(std::string_view original, std::string* text, std::vector<uint32_t>* begin,
                         std::vector<uint32_t>* end) {
  text_ = text;
  begin_ = begin;
  end_ = end;
  text->clear();
  if (begin) {
    begin->clear();
    end->clear();
  }
  fold_.clear();
  fold_begin_.clear();
  fold_end_.clear();
  fold_text(original, FoldMode::kNfkcCasefold, &fold_scratch_, &fold_,
            begin ? &fold_begin_ : nullptr, begin ? &fold_end_ : nullptr);
  text->reserve(fold_.size() + 16);

  const std::string_view f(fold_);
  const size_t n = f.size();
  auto word_end = [&](size_t i) {
    size_t len = 0;
    while (i < n) {
      const unsigned char cls = kClasses.c[static_cast<unsigned char>(f[i])];
      if (cls == kWordByte) {
        ++i;
      } else if (cls == kHigh && is_word_at(f, i, &len)) {
        i += len;
      } else {
        break;
      }
    }
    return i;
  };

  size_t i = 0;
  while (i < n) {
    const unsigned char cls = kClasses.c[static_cast<unsigned char>(f[i])];
    if (cls == kSpace) {
      size_t j = i + 1;
      while (j < n && f[j] == ' ') ++j;
      // Inner runs become one space that stands for the whole run; ends are trimmed.
      if (!text->empty() && j < n) {
        append_mapped(" ", begin ? fold_begin_[i] : 0, begin ? fold_end_[j - 1] : 0);
      }
      i = j;
      continue;
    }
    const bool token_start = i == 0 || f[i - 1] == ' ';
    if (token_start && (f[i] == 'h' || f[i] == 'w') && starts_url(f.substr(i))) {
      size_t j = f.find(' ', i);
      if (j == std::string_view::npos) j = n;
      copy_folded(i, j);  // URLs are kept as written (lower-cased), never "corrected"
      i = j;
      continue;
    }
    size_t len = 0;
    if ((f[i] == '@' || f[i] == '#') && i + 1 < n && is_word_at(f, i + 1, &len)) {
      size_t j = word_end(i + 1);
      copy_folded(i, j);  // handles and hashtags are names: kept as written
      i = j;
      continue;
    }
    if (cls == kWordByte || (cls == kHigh && is_word_at(f, i, &len))) {
      // Scan the word once: find its end and note what the word rules need to know.
      unsigned flags = 0;
      bool alternating = true;
      const size_t start = i;
      while (i < n) {
        const unsigned char c = static_cast<unsigned char>(f[i]);
        const unsigned char ccls = kClasses.c[c];
        if (ccls == kWordByte) {
          if (c <= '9') flags |= kHasDigit;
          if (i - start >= 2) {
            if (c == static_cast<unsigned char>(f[i - 1]) &&
                c == static_cast<unsigned char>(f[i - 2])) {
              flags |= kTriple;
            }
            alternating = alternating && c == static_cast<unsigned char>(f[i - 2]);
          }
          ++i;
        } else if (ccls == kHigh && is_word_at(f, i, &len)) {
          flags |= kNonAscii;
          alternating = false;
          i += len;
        } else {
          break;
        }
      }
      if (alternating && i - start >= 6) flags |= kAlternating;
      append_word(start, i, SlangTable::hash(f.substr(start, i - start)), flags);
      continue;
    }
    size_t j = std::min(n, i + sequence_length(static_cast<unsigned char>(f[i])));
    copy_folded(i, j);
    i = j;
  }
}

void TextNormalizer::append_word(size_t b, size_t e, size_t hash, unsigned flags) {
  const std::string_view w(fold_.data() + b, e - b);
  const uint32_t sb = begin_ ? fold_begin_[b] : 0;
  const uint32_t se = begin_ ? fold_end_[e - 1] : 0;

  if (slang_ != nullptr && opts_.expand_slang) {
    // "dr." is a title (dr. Tirta), "dr" alone is "dari".
    auto v = slang_->lookup_hashed(w, hash);
    if (v && !(w == "dr" && e < fold_.size() && fold_[e] == '.')) return append_mapped(*v, sb, se);
  }
  if (flags & kNonAscii) return copy_folded(b, e);
  const bool has_digit = (flags & kHasDigit) != 0;
  const bool triple = (flags & kTriple) != 0;
  const bool alternating = (flags & kAlternating) != 0;

  std::string_view stem, number, unit, prefix;
  if (has_digit) {
    if (split_numbered(w, &prefix, &number)) {
      // "no3" -> "nomor 3": the number matters (ballot numbers), so it is kept apart.
      auto v = lookup(prefix);
      word_a_.assign(v ? *v : prefix);
      word_a_.push_back(' ');
      word_a_.append(number);
      return append_mapped(word_a_, sb, se);
    }
    if (split_reduplication(w, &stem)) {
      // "tiba2" -> "tiba-tiba"; the stem may itself be slang ("liat2").
      auto v = lookup(stem);
      std::string_view s = (v && v->find(' ') == std::string_view::npos) ? *v : stem;
      word_a_.assign(s);
      word_a_.push_back('-');
      word_a_.append(s);
      return append_mapped(word_a_, sb, se);
    }
    if (split_amount(w, &number, &unit)) {
      word_a_.assign(number);
      word_a_.push_back(' ');
      word_a_.append(unit);
      return append_mapped(word_a_, sb, se);
    }
  }

  std::string_view cur = w;
  bool changed = false;
  if (opts_.reduce_elongation && (triple || alternating)) {
    word_a_.clear();
    word_b_.clear();
    if (reduce_elongation(w, &word_a_, &word_b_)) {
      changed = true;
      cur = (is_double_letter_word(word_b_) || lookup(word_b_)) ? std::string_view(word_b_)
                                                                : std::string_view(word_a_);
      if (auto v = lookup(cur)) return append_mapped(*v, sb, se);
    }
  }
  if (opts_.undo_leetspeak && has_digit) {
    word_c_.clear();
    if (undo_leetspeak(cur, &word_c_)) {
      changed = true;
      cur = word_c_;
      if (auto v = lookup(cur)) return append_mapped(*v, sb, se);
    }
  }
  // A slang stem with the suffix -nya ("mksdnya" -> "maksudnya").
  if (cur.size() >= 5 && cur.substr(cur.size() - 3) == "nya") {
    if (auto v = lookup(cur.substr(0, cur.size() - 3));
        v && v->find(' ') == std::string_view::npos) {
      word_d_.assign(*v);
      word_d_.append("nya");
      return append_mapped(word_d_, sb, se);
    }
  }
  if (changed) return append_mapped(cur, sb, se);
  copy_folded(b, e);
}

}  // namespace pantau::text
