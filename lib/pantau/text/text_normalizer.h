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

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "pantau/result.h"

namespace pantau::text {

// Cleans a platform text for the post's `text` field: NFC, control characters (C0/C1 except
// \n and \t, including NUL) removed, ill-formed UTF-8 replaced by U+FFFD.
std::string clean_text(std::string_view raw);

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
  size_t size() const { return map_.size(); }

 private:
  std::unordered_map<std::string, std::string> map_;
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

 private:
  const SlangTable* slang_;
  NormalizerOptions opts_;
  // Scratch buffers reused across calls (hot path).
  std::string fold_;
  std::vector<uint32_t> fold_begin_, fold_end_;
};

}  // namespace pantau::text
