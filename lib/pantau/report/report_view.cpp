#include "pantau/report/report_view.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>

namespace pantau::report {
namespace {

const LabelMeta* meta_of(const ReportState& s, std::string_view id) {
  for (size_t i = 0; i < s.labels().size(); ++i) {
    if (s.labels().name(static_cast<uint16_t>(i)) == id) return &s.label_meta()[i];
  }
  return nullptr;
}

std::vector<FindingRow> rows_of(const ReportState& s, const TopFindings& list) {
  std::vector<FindingRow> rows;
  size_t rank = 0;
  for (const auto& r : list.sorted()) {
    FindingRow row;
    row.score = r.score;
    row.finding = r.finding.get();
    row.utc_offset = s.utc_offset_for(
        r.finding->has_account ? std::string_view(r.finding->account.region) : std::string_view());
    row.review = s.review_for(r.finding->id);
    row.fate = s.fate_for(*r.finding);
    row.removal_is_news = s.removal_is_news(*r.finding);
    if (s.has_since()) row.is_new = s.is_new_finding(*r.finding);
    // --new-only keeps a known finding only while its post's checks are unread; now they are.
    if (s.options().new_only && s.has_since() && s.is_known(r.finding->id) &&
        !row.removal_is_news) {
      continue;
    }
    row.rank = ++rank;
    rows.push_back(row);
  }
  return rows;
}

template <typename Row>
bool ranks_before(const Row& a, const Row& b, uint64_t af, uint64_t bf, uint64_t ap, uint64_t bp) {
  if (af != bf) return af > bf;
  if (ap != bp) return ap > bp;
  return a.key < b.key;
}

}  // namespace

std::string_view display_account(const Finding& f) {
  if (f.has_account && !f.account.handle.empty()) return f.account.handle;
  if (f.has_account && !f.account.key.empty()) return f.account.key;
  if (!f.author_handle.empty()) return f.author_handle;
  return f.author_name;
}

// The name the classifier's rule pack gave the label (carried in the records) comes first, so a
// custom pack's names show; then the built-in catalog; then the id itself.
std::string display_label_name(const ReportState& state, std::string_view id, Lang lang) {
  const LabelMeta* m = meta_of(state, id);
  if (m != nullptr) {
    const std::string& n = lang == Lang::kId ? m->name_id : m->name_en;
    if (!n.empty()) return n;
  }
  if (find_label(id) != nullptr) return std::string(label_name(id, lang));
  return std::string(id);
}

ReportView build_view(const ReportState& s, ViewOptions options) {
  ReportView v;
  v.options = std::move(options);
  v.state = &s;
  const Lang lang = v.options.lang;

  // Labels: known ones in catalog order, then unknown ones bytewise.
  std::vector<uint16_t> label_order;
  for (size_t i = 0; i < s.labels().size(); ++i) label_order.push_back(static_cast<uint16_t>(i));
  std::sort(label_order.begin(), label_order.end(), [&](uint16_t a, uint16_t b) {
    const std::string& na = s.labels().name(a);
    const std::string& nb = s.labels().name(b);
    const int ra = label_rank(na), rb = label_rank(nb);
    if ((ra < 0) != (rb < 0)) return ra >= 0;
    if (ra >= 0) return ra < rb;
    return na < nb;
  });
  std::vector<int> label_col(s.labels().size(), -1);
  for (uint16_t li : label_order) {
    const std::string& id = s.labels().name(li);
    LabelRow row;
    row.id = id;
    row.name = display_label_name(s, id, lang);
    row.basis = s.label_meta()[li].basis;
    if (row.basis.empty()) {
      const LabelInfo* info = find_label(id);
      if (info != nullptr) row.basis = std::string(info->basis);
    }
    row.color = std::string(label_color(id));
    row.violation = is_violation(id);
    label_col[li] = static_cast<int>(v.labels.size());
    v.labels.push_back(std::move(row));
  }
  const size_t nlabels = v.labels.size();

  std::vector<uint16_t> platform_order;
  for (size_t i = 0; i < s.platforms().size(); ++i) {
    platform_order.push_back(static_cast<uint16_t>(i));
  }
  std::sort(platform_order.begin(), platform_order.end(),
            [&](uint16_t a, uint16_t b) { return s.platforms().name(a) < s.platforms().name(b); });
  std::vector<size_t> platform_col(s.platforms().size());
  for (uint16_t pi : platform_order) {
    platform_col[pi] = v.platforms.size();
    PlatformRow row;
    row.id = s.platforms().name(pi);
    row.by_label.assign(nlabels, 0);
    v.platforms.push_back(std::move(row));
  }
  for (auto& l : v.labels) l.by_platform.assign(v.platforms.size(), 0);

  std::map<int32_t, DayRow> days;
  v.undated.by_label.assign(nlabels, 0);
  for (const auto& c : s.cells()) {
    DayRow* day = &v.undated;
    if (c.day != kNoDay) {
      auto it = days.find(c.day);
      if (it == days.end()) {
        DayRow row;
        row.day = c.day;
        row.by_label.assign(nlabels, 0);
        it = days.emplace(c.day, std::move(row)).first;
      }
      day = &it->second;
    }
    PlatformRow& p = v.platforms[platform_col[c.platform]];
    if (c.slot == ReportState::kSlotPosts) {
      day->posts += c.count;
      p.posts += c.count;
    } else if (c.slot == ReportState::kSlotFindings) {
      day->findings += c.count;
      p.findings += c.count;
    } else {
      const auto col = static_cast<size_t>(label_col[c.slot]);
      day->by_label[col] += c.count;
      p.by_label[col] += c.count;
      v.labels[col].posts += c.count;
      v.labels[col].by_platform[platform_col[c.platform]] += c.count;
    }
  }
  for (auto& [d, row] : days) v.days.push_back(std::move(row));

  // Accounts (the "" bucket holds posts without a registry entry).
  std::map<std::string, std::vector<const AccountRow*>> by_owner;
  for (const auto& [key, agg] : s.accounts()) {
    if (key.empty()) {
      v.unregistered_posts = agg.posts;
      continue;
    }
    AccountRow row;
    row.key = key;
    row.agg = &agg;
    row.by_label.assign(nlabels, 0);
    for (const auto& [li, n] : agg.labels) row.by_label[static_cast<size_t>(label_col[li])] += n;
    v.accounts.push_back(std::move(row));
  }
  std::sort(v.accounts.begin(), v.accounts.end(), [](const AccountRow& a, const AccountRow& b) {
    return ranks_before(a, b, a.agg->findings, b.agg->findings, a.agg->posts, b.agg->posts);
  });

  // Owners group accounts by owner_key (else owner name, else the account itself).
  std::map<std::string, OwnerRow> owners;
  for (const auto& a : v.accounts) {
    const records::Account& info = a.agg->info;
    std::string key = !info.owner_key.empty() ? info.owner_key
                      : !info.owner.empty()   ? info.owner
                                              : a.key;
    auto [it, inserted] = owners.try_emplace(key);
    OwnerRow& o = it->second;
    if (inserted) {
      o.key = key;
      o.by_label.assign(nlabels, 0);
    }
    // The owner's details come from the bytewise-first of its accounts.
    if (o.info == nullptr || a.key < o.first_account) {
      o.info = &info;
      o.first_account = a.key;
    }
    ++o.accounts;
    o.posts += a.agg->posts;
    o.findings += a.agg->findings;
    for (size_t i = 0; i < nlabels; ++i) o.by_label[i] += a.by_label[i];
    const std::string& platform = !info.platform.empty() ? info.platform : a.agg->platform;
    if (std::find(o.platforms.begin(), o.platforms.end(), platform) == o.platforms.end()) {
      o.platforms.push_back(platform);
    }
  }
  for (auto& [key, o] : owners) {
    o.name = !o.info->owner.empty() ? o.info->owner : key;
    std::sort(o.platforms.begin(), o.platforms.end());
    v.owners.push_back(std::move(o));
  }
  std::sort(v.owners.begin(), v.owners.end(), [](const OwnerRow& a, const OwnerRow& b) {
    return ranks_before(a, b, a.findings, b.findings, a.posts, b.posts);
  });

  v.top = rows_of(s, s.top());
  v.quiet = rows_of(s, s.quiet());
  v.neutrality = rows_of(s, s.neutrality());
  v.has_reviews = s.has_reviews();
  if (v.has_reviews) {
    v.dismissed = rows_of(s, s.dismissed());
    // What still needs a decision: each listed finding once, in list order.
    std::set<std::string_view> seen;
    for (const auto* list : {&v.top, &v.quiet, &v.neutrality}) {
      for (const FindingRow& r : *list) {
        if (r.review != nullptr && r.review->decision != Decision::kNeedsCheck) continue;
        if (!seen.insert(r.finding->id).second) continue;
        FindingRow p = r;
        p.rank = v.pending.size() + 1;
        v.pending.push_back(p);
      }
    }
  }

  for (const auto& [key, f] : s.failed()) v.failed.push_back(FailedRow{key, &f});

  std::set<std::string_view> changed, news;
  std::vector<std::string> removed_now;
  for (const auto* list : {&v.top, &v.quiet, &v.neutrality, &v.dismissed}) {
    for (const FindingRow& r : *list) {
      if (!r.fate || !r.fate->changed()) continue;
      changed.insert(r.finding->id);
      if (r.removal_is_news) news.insert(r.finding->id);
      if (r.fate->removed()) removed_now.push_back(r.finding->id);
    }
  }
  v.changed_findings = changed.size();
  v.newly_removed = news.size();
  v.status_without_finding = s.status_records_without_finding();
  std::sort(removed_now.begin(), removed_now.end());
  const auto& removed_before = s.known_removed();
  std::set_union(removed_before.begin(), removed_before.end(), removed_now.begin(),
                 removed_now.end(), std::back_inserter(v.known_removed));
  v.known_removed.erase(std::unique(v.known_removed.begin(), v.known_removed.end()),
                        v.known_removed.end());

  if (s.zones().size() == 1) v.single_offset = s.zones().begin()->first;

  // Every id ever reported: the previous report's, and every finding of this run (not only the
  // listed ones), so a chain of scheduled runs never reports a finding as new twice.
  const auto& prev = s.known_ids();
  const auto& now = s.reported_ids();
  v.known_ids.reserve(prev.size() + now.size());
  std::set_union(prev.begin(), prev.end(), now.begin(), now.end(), std::back_inserter(v.known_ids));
  return v;
}

}  // namespace pantau::report
