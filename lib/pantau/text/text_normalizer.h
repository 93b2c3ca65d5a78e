// Text normalization for analysis (text_norm) with an offset map back to the original text.
//
// INTERFACE CONTRACT shared by pantau-normalize (writes text_norm) and pantau-classify (recomputes
// it from `text` and maps every match back to the original words). Implementation: text/*.cpp.
//
// Steps, in order: Unicode NFKC + case folding (utf8proc, with an ASCII fast path), zero-width and
// format characters removed, whitespace collapsed to single spaces and trimmed, elongations reduced
// ("bangeeeet" -> "banget", "wkwkwkwk" kept recognisable), leetspeak undone inside words that mix
// letters and digits ("k4f1r" -> "kafir") while pure numbers stay ("02", "nomor urut 3"), and slang
// expanded word by word from a SlangTable ("yg" -> "yang", "gak" -> "tidak").
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pantau/result.h"
#include "pantau/text/byte_masks.h"
#include "pantau/text/unicode_fold.h"

namespace pantau::text {

// Cleans a platform text for the post's `text` field: NFC, control characters (C0/C1 except
// \n and \t, including NUL) removed, ill-formed UTF-8 replaced by U+FFFD.
std::string clean_text(std::string_view raw);
// The same, appending to *out and reusing `scratch` (hot path). Returns the number of ill-formed
// UTF-8 sequences replaced (0 for valid input), so the record can say "utf8_repaired".
size_t clean_text(std::string_view raw, std::string* out, FoldScratch* scratch);

// Slang -> formal word map. Keys are single normalized (case-folded) words; values may be
// several words ("gpp" -> "tidak apa apa").
class SlangTable {
 public:
  // The project's own curated table (lib/pantau/text/slang_builtin.cpp), written by us.
  static const SlangTable& builtin();

  void add(std::string_view slang, std::string_view formal);
  // Loads "slang,formal" lines (the new_kamusalay.csv form): UTF-8 or Latin-1, with or without a
  // header or BOM; later entries override earlier ones. Errors name the file and line.
  Status load_csv(const std::string& path);
  // Merges another table; its entries override this one's.
  void merge(const SlangTable& other);

  std::optional<std::string_view> lookup(std::string_view word) const;
  size_t size() const { return entries_.size(); }

  // The hash lookup() uses, and lookup() with the hash already computed. Words are short, so
  // the hash reads at most the first and the last eight bytes plus the length: O(1) per word.
  static size_t hash(std::string_view s) {
    uint64_t a = 0, b = 0;
    const size_t n = s.size();
    if (n >= 8) {
      std::memcpy(&a, s.data(), 8);
      std::memcpy(&b, s.data() + n - 8, 8);
    } else {
      std::memcpy(&a, s.data(), n);
    }
    return mix(a, b, n);
  }
  // The same hash for `n` bytes at `p` when at least 8 bytes are readable there (a padded
  // buffer): one load instead of a copy of n < 8 bytes.
  static size_t hash_padded(const char* p, size_t n) {
    if (n >= 8 || std::endian::native != std::endian::little) return hash({p, n});
    uint64_t a;
    std::memcpy(&a, p, 8);
    a &= (uint64_t{1} << (8 * n)) - 1;
    return mix(a, 0, n);
  }
  std::optional<std::string_view> lookup_hashed(std::string_view word, size_t hash) const {
    if (!may_contain(word.size(), filter_hash(word))) return std::nullopt;
    return find(word, hash);
  }

  // The filter in front of the table has a hash of its own, cheaper than hash() because the
  // normalizer tests every word of every text with it: the first eight bytes (zero-filled) and
  // the length, one multiplication. 16 bits.
  static uint32_t filter_hash(std::string_view s) {
    uint64_t a = 0;
    std::memcpy(&a, s.data(), s.size() < 8 ? s.size() : 8);
    return filter_mix(a, s.size());
  }
  // The same for `n` bytes at `p` when at least 8 bytes are readable there (a padded buffer).
  static uint32_t filter_hash_padded(const char* p, size_t n) {
    if (std::endian::native != std::endian::little) return filter_hash({p, n});
    uint64_t a;
    std::memcpy(&a, p, 8);
    a &= n >= 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * n)) - 1;
    return filter_mix(a, n);
  }
  // False when a word of `size` bytes with filter_hash() `fh` is certainly not a key: one
  // length test and one bit.
  bool may_contain(size_t size, uint32_t fh) const { return filter().may_contain(size, fh); }
  // The filter by itself, for loops that test many words (its pointer stays in a register).
  struct Filter {
    const uint64_t* bits;
    size_t max_key_bytes;  // 0 for an empty table: no word passes
    bool may_contain(size_t size, uint32_t fh) const {
      return size <= max_key_bytes && ((bits[fh >> 6] >> (fh & 63)) & 1) != 0;
    }
  };
  Filter filter() const { return {filter_.data(), max_key_bytes_}; }

 private:
  static uint32_t filter_mix(uint64_t a, size_t n) {
    return static_cast<uint32_t>(((a ^ (uint64_t{n} << 56)) * 0x9E3779B97F4A7C15ULL) >> 48);
  }
  static size_t mix(uint64_t a, uint64_t b, size_t n) {
    uint64_t h =
        (a * 0x9E3779B97F4A7C15ULL) ^ (b * 0xC2B2AE3D27D4EB4FULL) ^ (n * 0x165667B19E3779F9ULL);
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    return static_cast<size_t>(h ^ (h >> 32));
  }
  std::optional<std::string_view> find(std::string_view word, size_t hash) const;
  void insert_or_assign(std::string key, std::string value);

  // The entries in a flat array, found through an open-addressing index (linear probing) of
  // entry numbers + 1 (0: empty slot), kept at most half full: a lookup is a load, a hash
  // comparison and, on a match, one string comparison. Indices rather than pointers, so that
  // the table copies as a value.
  struct Entry {
    std::string key, value;
    size_t hash;
  };
  std::vector<Entry> entries_;
  std::vector<uint32_t> slots_;
  size_t max_key_bytes_ = 0;  // lookups of longer words fail fast
  // One bit per filter_hash() value: most words are not slang, and one load says so.
  std::vector<uint64_t> filter_ = std::vector<uint64_t>(1024, 0);
};

struct NormalizedText {
  std::string text;  // text_norm
  // For each byte i of `text`: the byte range [src_begin[i], src_end[i]) of the ORIGINAL input
  // that produced it. Inserted bytes (e.g. an expansion "yang" for "yg") map to the whole source
  // word; a collapsed space maps to the whitespace run it replaced.
  std::vector<uint32_t> src_begin;
  std::vector<uint32_t> src_end;

  // Maps a byte range [begin, end) of `text` to a byte range of the original input.
  // REQUIRES: begin < end <= text.size().
  std::pair<size_t, size_t> original_bytes(size_t begin, size_t end) const;
};

struct NormalizerOptions {
  bool expand_slang = true;
  bool undo_leetspeak = true;
  bool reduce_elongation = true;
};

class TextNormalizer {
 public:
  // `slang` may be null (no slang expansion); it must outlive the normalizer.
  explicit TextNormalizer(const SlangTable* slang, NormalizerOptions opts = {});

  // Normalizes `original` (valid UTF-8, normally the post's cleaned `text`) into *out, reusing
  // its buffers. Deterministic and locale-independent.
  void normalize(std::string_view original, NormalizedText* out);

  // Convenience: the normalized text only.
  std::string normalize(std::string_view original);

  // The normalized text only, into *out (replaced, buffer reused): the same text as
  // normalize(), about twice as fast because no offset map is kept (pantau-normalize writes
  // text_norm this way).
  void normalize_text(std::string_view original, std::string* out);

 private:
  const SlangTable* slang_;
  NormalizerOptions opts_;
  // Both entry points run this; begin/end are null when no offset map is wanted.
  void run(std::string_view original, std::string* text, std::vector<uint32_t>* begin,
           std::vector<uint32_t>* end);
  // Stage 2 helpers (text_normalizer.cpp). The output is fold_ with some ranges replaced:
  // fold_[copied_, ...) has not been copied to it yet.
  // `flags`: kHasDigit, kNonAscii, kElongated (text_normalizer.cpp), found by the caller on
  // the masks.
  void append_word(size_t b, size_t e, size_t hash, unsigned flags);
  // Handles the run of plain tokens from i on (ASCII words with one space between them) and
  // returns where the general loop goes on: i itself when the word at i is not such a token.
  // REQUIRES: fold_[i] is an ASCII letter or digit at the start of a token.
  size_t plain_words(size_t i);
  void copy_through(size_t upto);
  // fold_[b, e) becomes s1 + sep + s2 (sep: 0 for none), mapped to [src_b, src_e).
  void replace(size_t b, size_t e, std::string_view s1, uint32_t src_b, uint32_t src_e,
               char sep = 0, std::string_view s2 = {});
  // Room for `extra` more bytes (and kOutSlack) at out_.
  void reserve_out(size_t extra) {
    if (static_cast<size_t>(out_limit_ - out_) < extra) grow_out(extra);
  }
  void grow_out(size_t extra);
  bool output_empty() const { return out_ == text_->data(); }
  size_t out_index() const { return static_cast<size_t>(out_ - text_->data()); }
  std::optional<std::string_view> lookup(std::string_view word) const;

  // Scratch buffers reused across calls (hot path).
  std::string fold_;
  std::vector<uint32_t> fold_begin_, fold_end_;
  FoldScratch fold_scratch_;
  std::string word_a_, word_b_, word_c_, word_d_;
  size_t copied_ = 0;
  ByteMasks masks_;
  // The output of the call in progress. *text_ is sized ahead and written through out_ (a
  // std::string::append per piece was a call each); out_limit_ is kOutSlack bytes before its
  // end, so that short pieces can be copied in fixed-size blocks. Cut to size at the end.
  std::string* text_ = nullptr;
  char* out_ = nullptr;
  char* out_limit_ = nullptr;
  // The offset map of the output, when wanted: sized with *text_ (grow_out() grows all three)
  // and written at the output's index, for the same reason (a vector::insert per piece was a
  // call each, 3.5% of classify's instructions); cut to the text's length at the end.
  std::vector<uint32_t>* begin_ = nullptr;
  std::vector<uint32_t>* end_ = nullptr;
};

}  // namespace pantau::text
