// The evidence builder: turns matcher hits (byte ranges of the normalized text) into the
// evidence a label carries, as spans of the ORIGINAL text in code points with the original
// substring, and puts a label's evidence in order.
//
// Spans count code points (what a reader's editor and JavaScript's Array.from count), end
// exclusive. Counting from the start of the text for every span would be quadratic in long
// posts, so a cursor remembers the last position counted; spans come mostly in text order. A
// hit's span is computed once per post even when several labels cite it.
//
// Order: notes (context rules, no span) first, then spans by start, stable; at most
// max_evidence entries. A label lists each (rule, field, start, end) once: a ballot number
// ("coblos nomor 2") is both a hit of its rule and the mention of the target it names, and
// used to be listed twice.
//
// Apart from the classifier so that spans, the cursor, dedupe and order are tested on a few
// hand-made hits, without a rule pack.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "pantau/classify/classification.h"
#include "pantau/classify/matcher.h"
#include "pantau/text/text_normalizer.h"

namespace pantau::classify {

// pantau::count_code_points() 8 bytes at a time.
size_t count_code_points_fast(std::string_view s);

class EvidenceBuilder {
 public:
  // A new post: `original` is the text the spans point into, `normalized` its normalization
  // (with the offset map), `hits` the matcher's hits over it. All must outlive the post.
  void start(std::string_view original, const text::NormalizedText* normalized,
             const std::vector<Hit>* hits);

  // Sets ev's start, end and text to the span of hit `hit`.
  void hit_span(size_t hit, EvidenceOut* ev);
  // Sets ev's start, end and text to the span of bytes [b, e) of the normalized text.
  void span(uint32_t b, uint32_t e, EvidenceOut* ev);

  // Adds a rule's evidence to `lo`: its id to lo.rules (once), and a span for each of its hits
  // (`rule_index` is the hits' tag) that `lo` does not list yet, while lo has fewer than
  // `max_evidence`.
  void add_rule(LabelOut& lo, uint32_t rule_index, std::string_view rule_id, size_t max_evidence);

  // Adds the span of hit `hit` under `rule` (a target's mention) unless `lo` lists it.
  void add_hit(LabelOut& lo, size_t hit, std::string_view rule);
  // Adds the span of bytes [b, e) of the normalized text under `rule` unless `lo` lists a span
  // at the same place (a model's features overlap).
  void add_span_once(LabelOut& lo, uint32_t b, uint32_t e, std::string_view rule);

  // A note (a context rule's evidence) and its rule, in front of the others.
  static void add_note(LabelOut& lo, std::string_view rule, std::string_view note);
  // Notes first, then spans by start (stable); at most `max_evidence`.
  static void order(LabelOut& lo, size_t max_evidence);
  // Removes the spans `lo` lists twice (same rule, field, start and end), keeping the first:
  // for spans moved to another field after they were added (classify()'s title).
  static void dedupe(LabelOut& lo);

 private:
  int64_t code_points_to(size_t byte);

  std::string_view original_;
  const text::NormalizedText* normalized_ = nullptr;
  const std::vector<Hit>* hits_ = nullptr;
  // Per hit, computed when first needed; start < 0: not computed yet.
  struct HitSpan {
    int64_t start = -1, end = -1;
    uint32_t ob = 0, oe = 0;  // bytes of the original text
  };
  std::vector<HitSpan> hit_spans_;
  // The code-point cursor: byte cp_byte_ of the original text is code point cp_count_.
  size_t cp_byte_ = 0;
  int64_t cp_count_ = 0;
};

}  // namespace pantau::classify
