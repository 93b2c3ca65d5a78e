// TopFindings: the N best findings of a list, ranked by score (highest first) with ties broken by
// post id (bytewise ascending), one entry per post id.
//
// The result depends only on the set of findings offered, never on their order, so partial states
// merge exactly: the top N of a union is the top N of the union of each part's top N. When one
// post id is offered more than once (a post fetched twice), the better version is kept: higher
// score, then the later fetch, then the bytewise smaller serialization.
// Memory: N findings.
#pragma once

#include <cstddef>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pantau/report/finding.h"

namespace pantau::report {

struct RankedFinding {
  double score = 0;
  std::shared_ptr<const Finding> finding;
};

class TopFindings {
 public:
  explicit TopFindings(size_t capacity) : capacity_(capacity) {}

  size_t capacity() const { return capacity_; }
  size_t size() const { return ranked_.size(); }

  // Whether offering a finding with this score and id could change the list: a cheap test that
  // lets callers skip building a Finding that would be thrown away.
  bool would_keep(double score, std::string_view id) const;

  // Offers a finding with its score in this list.
  void offer(double score, std::shared_ptr<const Finding> finding);

  // Best first.
  std::vector<RankedFinding> sorted() const;

 private:
  struct Order {
    bool operator()(const RankedFinding& a, const RankedFinding& b) const {
      if (a.score != b.score) return a.score > b.score;
      return a.finding->id < b.finding->id;
    }
  };
  using Set = std::set<RankedFinding, Order>;

  size_t capacity_;
  Set ranked_;
  std::unordered_map<std::string_view, Set::iterator> by_id_;  // views into the findings' ids
};

// True when version `a` of a post is better than version `b` (same id) with these scores.
bool better_version(double score_a, const Finding& a, double score_b, const Finding& b);

}  // namespace pantau::report
