// Unicode normalization with a byte offset map: the first stage of text_norm (NFKC + case folding,
// default-ignorable characters removed) and the `text` field's NFC clean-up share this code.
//
// Speed: ASCII characters are NFC/NFKC-stable starters that never compose with what precedes
// them, so ASCII runs are handled inline (lower-cased for NFKC_Casefold) and only non-ASCII
// characters, plus the one ASCII character before them (a following combining mark may compose
// with it), go through utf8proc. The result is identical to utf8proc_map() with the same options
// (tests/text/unicode_fold_test.cpp checks it), about 14x faster on social-media text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pantau::text {

enum class FoldMode {
  // NFC; ASCII controls except \n and \t, and C1 controls, removed. Case and spacing kept.
  kNfc,
  // NFKC + case folding + default-ignorable code points (zero-width, joiners, variation
  // selectors, soft hyphen, BOM) removed, like utf8proc_NFKC_Casefold(); in addition every
  // white-space character (ASCII, Zs, Zl, Zp, NEL) becomes one ' ' and other controls are removed.
  kNfkcCasefold,
};

// Memory reused across calls (hot path). Besides buffers it keeps a small cache of code points
// that map to one plain starter (most emoji and letters), so that utf8proc is asked about each
// only once; the cache never changes results.
struct FoldScratch {
  std::vector<int32_t> seg;         // the pending segment's code points (decomposed)
  std::vector<uint32_t> seg_begin;  // source byte range of each
  std::vector<uint32_t> seg_end;
  // Direct-mapped: slot cp % kCacheSize holds cp (or -1) and the starter it becomes.
  static constexpr size_t kCacheSize = 1024;
  struct CacheEntry {
    int32_t cp = -1;
    int32_t to = -1;  // -1: not a plain starter, take the full path
  };
  std::vector<CacheEntry> cache[2];  // by FoldMode
};

// Appends the normalized form of `in` (valid UTF-8) to *out. When `begin` and `end` are non-null,
// appends to them, for every byte appended to *out, the byte range [begin, end) of `in` that
// produced it; a composed character (e + U+0301 -> é) maps to the whole source sequence.
// REQUIRES: in.size() < 2^32.
void fold_text(std::string_view in, FoldMode mode, FoldScratch* scratch, std::string* out,
               std::vector<uint32_t>* begin, std::vector<uint32_t>* end);

// True for a code point that can be the second of a canonical composition pair although its
// combining class is 0 (Hangul vowels and trailing consonants, some Indic vowel parts).
bool is_second_starter(int32_t cp);

}  // namespace pantau::text
