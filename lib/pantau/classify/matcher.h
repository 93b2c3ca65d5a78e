// Matcher: every lexicon term, alias and regex of a pack compiled once into vectorscan
// databases, run over normalized text.
//
// Literals go into a pure-literal database (hs_compile_lit_multi): no word boundaries in the
// automaton; the match callback checks the enclosing word against the pattern's AffixPolicy
// (morphology.h) and widens the hit to the whole word. Regexes go into a second database with
// leftmost start-of-match; their hits must begin and end at word boundaries unless the pattern
// says otherwise. Vectorscan's automata do not backtrack, so hostile text cannot make a scan
// slow; a post that produces more than kMaxHits hits stops scanning there (truncated()).
//
// A Matcher is not thread-safe (it owns one scratch space); make one per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/classify/morphology.h"
#include "pantau/result.h"

struct hs_database;
struct hs_scratch;

namespace pantau::classify {

struct Pattern {
  std::string expr;  // a literal (normalized text) or a regex
  bool regex = false;
  AffixPolicy affixes;   // literals: what may stand around the literal inside its word
  bool boundary = true;  // regexes: hits must start and end at word boundaries
  uint32_t tag = 0;      // the caller's id (rule or target), reported with each hit
};

// A hit as a byte range of the scanned text, widened to whole words.
struct Hit {
  uint32_t tag = 0;
  uint32_t begin = 0;
  uint32_t end = 0;
  bool operator==(const Hit& o) const = default;
};

// Checks that `expr` is a regex vectorscan accepts (syntax only); the message says why not.
Status check_regex(std::string_view expr);

class Matcher {
 public:
  static constexpr size_t kMaxHits = 4096;

  ~Matcher();
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  // Compiles `patterns`. On a compile error, *bad_pattern (when given) is the index of the
  // offending pattern, or patterns.size() when vectorscan does not say.
  static Result<std::unique_ptr<Matcher>> compile(const std::vector<Pattern>& patterns,
                                                  size_t* bad_pattern = nullptr);

  // Replaces *hits with the hits in `text`, sorted by (begin, end, tag), without duplicates;
  // hits of one tag that overlap or are joined by '-' (reduplication: "bagi-bagi") are merged.
  Status scan(std::string_view text, std::vector<Hit>* hits);

  bool truncated() const { return truncated_; }
  size_t pattern_count() const { return patterns_.size(); }

 private:
  Matcher() = default;
  std::vector<Pattern> patterns_;
  std::vector<uint32_t> literal_ids_;  // literal database id -> pattern index
  std::vector<uint32_t> regex_ids_;    // regex database id -> pattern index
  hs_database* literal_db_ = nullptr;
  hs_database* regex_db_ = nullptr;
  hs_scratch* scratch_ = nullptr;
  bool truncated_ = false;
};

}  // namespace pantau::classify
