// Matcher: every lexicon term, alias and regex of a pack compiled once into vectorscan
// databases, run over normalized text.
//
// Literals go into a pure-literal database (hs_compile_lit_multi): no word boundaries in the
// automaton; the match callback checks the enclosing word against the pattern's AffixPolicy
// (morphology.h) and widens the hit to the whole word. A phrase is compiled as a *key*, a prefix
// of it ending before a space, and the callback compares the rest: the lexicons' thousands of
// phrases share a few hundred beginnings ("kirim uang", "bagi amplop"), and many end in the same
// common words (" pemilih", " warga", " kita"), which vectorscan handles badly (literals sharing
// their last 8 bytes are confirmed one by one at every occurrence of those bytes). Keys are
// chosen at compile time so that no 8-byte key ending stands for more than kMaxKeyGroup phrases.
// Regexes are compiled into one database per set of required factors (regex_factors.h); the
// factors go into the literal database, and a regex database is scanned only after one of its
// factors occurred, which leaves most posts without any regex scan. Regexes go into a second
// database with leftmost start-of-match; their hits must begin and end at word boundaries unless
// the pattern says otherwise. Vectorscan's automata do not backtrack, so hostile text cannot make a
// scan slow; a post that produces more than kMaxHits hits stops scanning there (truncated()).
//
//
// With a cache directory, compile() first looks for the databases there (database_cache.h: keyed
// by every database's compile input, vectorscan's version and the CPU) and compiles only when they
// are missing or unusable, storing them for the next run. Either way the Matcher is the same.
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
  static constexpr size_t kMinKeyBytes = 8;   // a phrase's key is at least this long
  static constexpr size_t kMaxKeyGroup = 32;  // phrases per 8-byte key ending, when avoidable

  ~Matcher();
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  // Compiles `patterns`. On a compile error, *bad_pattern (when given) is the index of the
  // offending pattern, or patterns.size() when vectorscan does not say. With a `cache_dir`, the
  // databases are loaded from there when a usable copy exists, else compiled and written there
  // (best effort: a cache that cannot be read or written is silently not used).
  static Result<std::unique_ptr<Matcher>> compile(const std::vector<Pattern>& patterns,
                                                  size_t* bad_pattern = nullptr,
                                                  const std::string& cache_dir = {});

  // Replaces *hits with the hits in `text`, sorted by (begin, end, tag), without duplicates;
  // hits of one tag that overlap or are joined by '-' (reduplication: "bagi-bagi") are merged.
  Status scan(std::string_view text, std::vector<Hit>* hits);

  bool truncated() const { return truncated_; }
  size_t pattern_count() const { return patterns_.size(); }
  size_t key_count() const { return keys_.size(); }  // literals in the vectorscan database
  // True when compile() loaded the databases from the cache instead of compiling them.
  bool from_cache() const { return from_cache_; }

  // A literal of the vectorscan database: the first `length` bytes of the literal patterns
  // whose indexes are key_patterns_[first, first + count).
  struct Key {
    uint32_t length = 0;
    uint32_t first = 0;
    uint32_t count = 0;
    uint32_t gates = 0;  // regex databases to scan when the key occurs (it is their factor)
  };

 private:
  Matcher() = default;
  std::vector<Pattern> patterns_;
  std::vector<Key> keys_;               // literal database id -> key
  std::vector<uint32_t> key_patterns_;  // pattern indexes, grouped by key
  std::vector<uint32_t> regex_ids_;     // regex database id -> pattern index
  // Regexes sharing a factor set (regex_factors.h), scanned only when one of those factors
  // occurred in the text; gate 0: regexes without factors, scanned always.
  struct RegexDb {
    hs_database* db = nullptr;
    uint32_t gate = 0;
    bool pad = true;  // scanned with kScanPadding spaces after the text (see scan())
  };
  static constexpr size_t kScanPadding = 64;
  std::string padded_;  // the text and its padding, per scan
  hs_database* literal_db_ = nullptr;
  std::vector<RegexDb> regex_dbs_;
  hs_scratch* scratch_ = nullptr;
  bool truncated_ = false;
  bool from_cache_ = false;
};

}  // namespace pantau::classify
