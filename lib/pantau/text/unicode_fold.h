// Unicode normalization with a byte offset map: the first stage of text_norm (NFKC + case folding,
// default-ignorable characters removed) and the `text` field's NFC clean-up share this code.
//
// Speed: two paths with identical results (tests/text/unicode_fold_test.cpp compares them with
// each other and with utf8proc_map()).
//  * The simple path handles text in which no character can compose or reorder with its
//    neighbours: ASCII (lower-cased eight bytes at a time for NFKC_Casefold) and "simple" code
//    points, whose normalized form starts with a starter that is never the second of a
//    composition (emoji, punctuation, letters, fancy and fullwidth letters) or is empty
//    (ignorables). Such text normalizes character by character: each simple code point's form is
//    computed once through utf8proc and kept in FoldScratch, so later ones cost a table lookup.
//  * Text with any other code point (a combining mark, a Hangul vowel jamo) takes the general
//    path: ASCII runs inline, everything else through utf8proc segment by segment.
#pragma once

#include <cstdint>
#include <memory>
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
  std::vector<CacheEntry> cache[2];  // by FoldMode (general path)

  // The simple path's table (by FoldMode): for code points below kSimpleLimit, pages of 256
  // entries allocated when first touched (at most 2 MiB per mode). `state` is 0 while unknown,
  // kComplex for a code point that needs the general path, else 1 + the length of its
  // normalized form in `bytes`.
  static constexpr int32_t kSimpleLimit = 0x20000;  // planes 0 and 1
  static constexpr uint8_t kComplex = 0xFF;
  struct SimpleFold {
    uint8_t state = 0;
    char bytes[15] = {};
  };
  std::vector<std::unique_ptr<SimpleFold[]>> simple[2];
};

// Appends the normalized form of `in` (valid UTF-8) to *out. When `begin` and `end` are non-null,
// appends to them, for every byte appended to *out, the byte range [begin, end) of `in` that
// produced it; a composed character (e + U+0301 -> é) maps to the whole source sequence.
// REQUIRES: in.size() < 2^32.
void fold_text(std::string_view in, FoldMode mode, FoldScratch* scratch, std::string* out,
               std::vector<uint32_t>* begin, std::vector<uint32_t>* end);

// The simple path alone: appends like fold_text() and returns true, or returns false, leaving
// *out and the maps as they were, when `in` needs the general path or is not well-formed UTF-8
// (so callers may try it before validating).
bool fold_text_simple(std::string_view in, FoldMode mode, FoldScratch* scratch, std::string* out,
                      std::vector<uint32_t>* begin, std::vector<uint32_t>* end);

// The general path alone, with the same contract: the reference the simple path is tested
// against.
void fold_text_general(std::string_view in, FoldMode mode, FoldScratch* scratch, std::string* out,
                       std::vector<uint32_t>* begin, std::vector<uint32_t>* end);

// True for a code point that can be the second of a canonical composition pair although its
// combining class is 0 (Hangul vowels and trailing consonants, some Indic vowel parts).
bool is_second_starter(int32_t cp);

}  // namespace pantau::text
