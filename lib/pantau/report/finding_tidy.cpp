#include "pantau/report/finding_tidy.h"

#include <algorithm>

#include "pantau/report/label_catalog.h"

namespace pantau::report {
namespace {

bool same_span(const Evidence& a, const Evidence& b) {
  if (a.text.empty() && b.text.empty()) return a.note == b.note && a.claim_id == b.claim_id;
  return a.field == b.field && a.start == b.start && a.end == b.end && a.text == b.text;
}

// Names compared without case and surrounding blanks ("Budi Santoso" == "budi santoso ").
bool same_name(std::string_view a, std::string_view b) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
  };
  a = trim(a);
  b = trim(b);
  if (a.empty() || a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

bool is_self_target(const Finding& f, const Target& t) {
  if (same_name(t.name, f.author_name)) return true;
  if (!f.has_account) return false;
  const records::Account& a = f.account;
  if (t.type == "party") return same_name(t.name, a.party) && !a.party.empty();
  if (same_name(t.name, a.owner)) return true;
  // The same ballot number in the same party is the same candidate, however the name is spelt.
  return !t.ballot_no.empty() && t.ballot_no == a.ballot_no && !a.party.empty() &&
         same_name(t.party, a.party);
}

void tidy_finding(Finding* f) {
  std::stable_partition(f->labels.begin(), f->labels.end(),
                        [](const FindingLabel& l) { return is_violation(l.label); });
  for (auto& l : f->labels) {
    std::vector<Evidence> kept;
    kept.reserve(l.evidence.size());
    for (auto& e : l.evidence) {
      const bool dup =
          std::any_of(kept.begin(), kept.end(), [&](const Evidence& k) { return same_span(k, e); });
      if (!dup) kept.push_back(std::move(e));
    }
    l.evidence = std::move(kept);
    std::erase_if(l.targets, [&](const Target& t) { return is_self_target(*f, t); });
  }
}

std::vector<const Evidence*> unique_evidence(const Finding& f) {
  std::vector<const Evidence*> out;
  for (const auto& l : f.labels) {
    for (const auto& e : l.evidence) {
      const bool dup =
          std::any_of(out.begin(), out.end(), [&](const Evidence* k) { return same_span(*k, e); });
      if (!dup) out.push_back(&e);
    }
  }
  return out;
}

}  // namespace pantau::report
