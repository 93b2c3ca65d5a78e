#include "pantau/report/top_findings.h"

namespace pantau::report {

bool better_version(double score_a, const Finding& a, double score_b, const Finding& b) {
  if (score_a != score_b) return score_a > score_b;
  if (a.fetched_ms != b.fetched_ms) return a.fetched_ms > b.fetched_ms;
  // Identical score and fetch time but different content is rare (two classifier runs over the
  // same response); compare the serializations so the choice never depends on input order.
  std::string sa, sb;
  JsonWriter wa(&sa), wb(&sb);
  write_finding_record(a, wa);
  write_finding_record(b, wb);
  return sa < sb;
}

bool TopFindings::would_keep(double score, std::string_view id) const {
  if (capacity_ == 0) return false;
  auto it = by_id_.find(id);
  if (it != by_id_.end()) return score >= it->second->score;
  if (ranked_.size() < capacity_) return true;
  const RankedFinding& worst = *ranked_.rbegin();
  if (score != worst.score) return score > worst.score;
  return id < worst.finding->id;
}

void TopFindings::offer(double score, std::shared_ptr<const Finding> finding) {
  if (!would_keep(score, finding->id)) return;
  auto it = by_id_.find(finding->id);
  if (it != by_id_.end()) {
    const RankedFinding& old = *it->second;
    if (!better_version(score, *finding, old.score, *old.finding)) return;
    auto old_pos = it->second;
    by_id_.erase(it);  // before the set entry: the key views the old finding's id
    ranked_.erase(old_pos);
  } else if (ranked_.size() == capacity_) {
    auto worst = std::prev(ranked_.end());
    by_id_.erase(worst->finding->id);
    ranked_.erase(worst);
  }
  auto [pos, inserted] = ranked_.insert(RankedFinding{score, std::move(finding)});
  (void)inserted;
  by_id_.emplace(pos->finding->id, pos);
}

std::vector<RankedFinding> TopFindings::sorted() const {
  return std::vector<RankedFinding>(ranked_.begin(), ranked_.end());
}

}  // namespace pantau::report
