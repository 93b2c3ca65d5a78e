// Hoax matching: a claims database the user supplies (debunked claims from fact-checkers) and
// near-duplicate search of post text against it.
//
// Why shingle containment and not MinHash/Jaccard: posts that spread a hoax usually quote the
// claim inside a longer text ("VIRAL!! <claim> sebarkan!!"), and Jaccard similarity falls with
// the length of what surrounds the quote. We need "how much of the claim is in the post", the
// containment |C ∩ P| / |C| over word 3-gram shingles of the normalized texts. With thousands of
// claims an inverted index from shingle hash to claims computes it exactly, for every claim that
// shares a shingle, in one pass over the post's ~20 shingles; MinHash would only estimate the
// same number. Shingles that occur in very many claims (boilerplate) are ignored.
//
// Claims files, one claim per record:
//   NDJSON  {"id":"tbh-3741","title":"...","text":"...","url":"https://...","date":"2024-01-02"}
//   CSV     header naming id,title,text,url,date (any order; text or title may be empty)
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pantau/classify/tokens.h"
#include "pantau/result.h"

namespace pantau::classify {

struct Claim {
  std::string id;
  std::string title;
  std::string text;
  std::string url;
  std::string date;
};

// Reads claims from NDJSON or CSV (chosen by the .csv extension, else by a first byte '{').
// Errors name the file and line.
Result<std::vector<Claim>> parse_claims(std::string_view contents, const std::string& name);
Result<std::vector<Claim>> load_claims(const std::string& path);

// Converts the TurnBackHoax 2024 CSV files (categorized_hoaxes.csv with ID,TITLE and the
// *_sentiment_results.csv files with ID,TITLE,HOAX_TEXT) into claims: ids "turnbackhoax-<ID>",
// the title, the verbatim hoax text when a sentiment file has it (typographic quotes removed),
// url and date empty (the data set has none). Rows are ordered by numeric id.
Result<std::vector<Claim>> import_turnbackhoax(const std::vector<std::string>& paths);

// Writes a claim as one NDJSON record (without newline).
void append_claim_json(const Claim& c, std::string* out);

class ClaimIndex {
 public:
  using Normalizer = std::function<std::string(std::string_view)>;

  // Shingles are word 3-grams; documents shorter than 3 words are indexed as one shingle of
  // their words when they have at least 2.
  static constexpr size_t kShingleWords = 3;
  // Shingles found in more documents than this are boilerplate and not looked up.
  static constexpr size_t kMaxPostings = 64;

  // Indexes the claim's title and text (each normalized by `normalize`) as separate documents.
  void add(Claim claim, const Normalizer& normalize);

  struct Match {
    const Claim* claim = nullptr;
    double containment = 0;  // share of the document's shingles found in the post
    uint32_t shared = 0;     // number of shared shingles
    uint32_t begin = 0;      // byte range of the matching part of the normalized post text
    uint32_t end = 0;
  };

  // The best matching claim (highest containment, then most shared, then lowest claim order)
  // with containment >= min_containment and shared >= min(min_shared, document shingles).
  std::optional<Match> best_match(std::string_view normalized_text, double min_containment,
                                  uint32_t min_shared) const;

  size_t size() const { return claims_.size(); }

 private:
  struct Doc {
    uint32_t claim;
    uint32_t shingles;
  };
  std::vector<Claim> claims_;
  std::vector<Doc> docs_;
  std::unordered_map<uint64_t, std::vector<uint32_t>> postings_;  // shingle -> doc ids

  // Scratch for best_match (the index is used by one thread).
  mutable std::vector<Token> tokens_;
  mutable std::unordered_map<uint32_t, uint32_t> counts_;
};

// Shingle hashes of normalized text, with the byte range each covers.
struct Shingle {
  uint64_t hash;
  uint32_t begin, end;
};
void shingles(std::string_view text, std::vector<Token>* tokens, std::vector<Shingle>* out);

}  // namespace pantau::classify
