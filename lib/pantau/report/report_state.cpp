#include "pantau/report/report_state.h"

#include <algorithm>

#include "pantau/records/review.h"
#include "pantau/report/label_catalog.h"
#include "pantau/report/region_zone.h"

namespace pantau::report {
namespace {

constexpr int64_t kMillisPerDay = 86'400'000;

std::string account_bytes(const records::Account& a) {
  std::string s;
  JsonWriter w(&s);
  records::write_account(w, a, records::AccountForm::kSummary);
  return s;
}

std::string failed_bytes(const FailedAccount& f) {
  std::string s;
  JsonWriter w(&s);
  w.begin_array();
  records::write_account(w, f.account, records::AccountForm::kSummary);
  w.string(f.platform);
  w.string(f.tool);
  w.string(f.stage);
  w.string(f.message);
  w.string(f.time);
  w.number(f.http_status);
  w.number(int64_t{f.retryable});
  w.number(f.attempts);
  w.end_array();
  return s;
}

void update_range(EpochMillis t, EpochMillis* first, EpochMillis* last) {
  if (t == kNoTime) return;
  if (*first == kNoTime || t < *first) *first = t;
  if (*last == kNoTime || t > *last) *last = t;
}

// Keeps the preferred of two strings carried by records: a non-empty one, then the bytewise
// smaller, so the choice does not depend on the order records arrive in.
void prefer(std::string* current, std::string_view candidate) {
  if (candidate.empty()) return;
  if (current->empty() || candidate < *current) current->assign(candidate);
}

}  // namespace

int32_t local_day(EpochMillis t, int offset_seconds) {
  // Days a partial state can write as YYYY-MM-DD and --merge read back: a post at
  // 9999-12-31T20:00Z in UTC+8 falls on 10000-01-01, which no state could carry, so it is
  // undated in every report, direct or merged.
  static const int64_t kFirstDay = days_from_civil(0, 1, 1);
  static const int64_t kLastDay = days_from_civil(9999, 12, 31);
  int64_t v = t + int64_t{offset_seconds} * 1000;
  int64_t d = v / kMillisPerDay;
  if (v % kMillisPerDay < 0) --d;  // floor, also before 1970
  if (d < kFirstDay || d > kLastDay) return kNoDay;
  return static_cast<int32_t>(d);
}

std::string format_day(int32_t day) {
  if (day == kNoDay) return {};
  return format_date(int64_t{day} * kMillisPerDay, 0);
}

std::optional<int32_t> parse_day(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto t = parse_datetime(s);
  if (!t) return std::nullopt;
  const int32_t d = local_day(*t, 0);
  if (d == kNoDay) return std::nullopt;
  return d;
}

uint16_t Interner::intern(std::string_view name) {
  auto it = index_.find(name);
  if (it != index_.end()) return it->second;
  if (names_.size() >= limit_) {
    name = "(other)";
    it = index_.find(name);
    if (it != index_.end()) return it->second;
  }
  const auto i = static_cast<uint16_t>(names_.size());
  names_.emplace_back(name);
  index_.emplace(std::string(name), i);
  return i;
}

ReportState::ReportState(StateOptions options)
    : options_(options),
      top_(options.top),
      quiet_(options.top),
      neutrality_(options.top),
      dismissed_(options.top) {
  last_classifier_ = classifiers_.end();
  last_input_ = inputs_.end();
}

void ReportState::add_known_id(std::string_view id) {
  known_.emplace_back(id);
  known_sorted_ = false;
}

const std::vector<std::string>& ReportState::known_ids() const {
  if (!known_sorted_) {
    std::sort(known_.begin(), known_.end());
    known_.erase(std::unique(known_.begin(), known_.end()), known_.end());
    known_sorted_ = true;
  }
  return known_;
}

void ReportState::add_reported_id(std::string_view id) {
  reported_.emplace_back(id);
  reported_sorted_ = false;
}

const std::vector<std::string>& ReportState::reported_ids() const {
  if (!reported_sorted_) {
    std::sort(reported_.begin(), reported_.end());
    reported_.erase(std::unique(reported_.begin(), reported_.end()), reported_.end());
    reported_sorted_ = true;
  }
  return reported_;
}

bool ReportState::is_known(std::string_view id) const {
  const auto& k = known_ids();
  return std::binary_search(k.begin(), k.end(), id, std::less<>());
}

int ReportState::utc_offset_for(std::string_view region) const {
  if (options_.utc_offset) return *options_.utc_offset;
  return utc_offset_of_region(region).value_or(0);
}

uint16_t ReportState::intern_label(std::string_view label) {
  const uint16_t i = labels_.intern(label);
  if (i >= label_meta_.size()) label_meta_.resize(i + 1u);
  return i;
}

AccountAgg& ReportState::account_slot(std::string_view key) {
  auto it = accounts_.find(key);
  if (it == accounts_.end()) it = accounts_.emplace(std::string(key), AccountAgg{}).first;
  return it->second;
}

void ReportState::count_label(AccountAgg& a, uint16_t label, uint64_t n) {
  for (auto& [l, c] : a.labels) {
    if (l == label) {
      c += n;
      return;
    }
  }
  a.labels.emplace_back(label, n);
}

void ReportState::merge_account_info(AccountAgg& a, const records::AccountView& info, bool registry,
                                     EpochMillis time) {
  // Registry entries beat what posts carry; then the latest fetch; then the bytewise smaller
  // serialization. A total order, so the chosen info is the same for every input order.
  if (!a.has_info) {
    a.has_info = true;
    assign(&a.info, info);
    a.info_from_registry = registry;
    a.info_time = time;
    return;
  }
  int rank = 0;
  if (registry != a.info_from_registry) {
    rank = registry ? 1 : -1;
  } else if (time != a.info_time) {
    rank = time > a.info_time ? 1 : -1;
  }
  if (rank < 0) return;
  if (rank > 0) {
    if (!equals(a.info, info)) assign(&a.info, info);
    a.info_from_registry = registry;
    a.info_time = time;
    return;
  }
  if (equals(a.info, info)) return;
  records::Account candidate;
  assign(&candidate, info);
  if (account_bytes(candidate) < account_bytes(a.info)) a.info = std::move(candidate);
}

bool ReportState::add_post(const PostSummary& p) {
  ++totals_.posts;
  const uint16_t platform = platforms_.intern(p.platform);
  int32_t day = kNoDay;
  if (p.created != kNoTime) day = local_day(p.created, p.utc_offset);
  if (day == kNoDay) {
    ++totals_.undated;
  } else {
    update_range(p.created, &totals_.first, &totals_.last);
    ++zones_[p.utc_offset];
  }
  ++cells_[cell_key(day, platform, kSlotPosts)];

  bool finding = false;
  // Distinct label indices of this post (a label listed twice counts once).
  uint16_t seen[32];
  size_t nseen = 0;
  if (p.classified) {
    ++totals_.classified;
    for (const auto& l : *p.labels) {
      const uint16_t li = intern_label(l.label);
      LabelMeta& meta = label_meta_[li];
      prefer(&meta.name_id, l.name_id);
      prefer(&meta.name_en, l.name_en);
      prefer(&meta.basis, l.basis);
      bool dup = false;
      for (size_t j = 0; j < nseen; ++j) dup = dup || seen[j] == li;
      if (dup || nseen == std::size(seen)) continue;
      seen[nseen++] = li;
      finding = finding || is_violation(l.label);
    }
  }
  if (nseen > 0) ++totals_.labeled;
  if (finding) {
    ++totals_.findings;
    note_finding_id(p.id);
    if (options_.keep_reported_ids && !p.id.empty()) add_reported_id(p.id);
    if (has_since_ && !is_known(p.id) && !is_dismissed(p.id)) ++totals_.new_findings;
    ++cells_[cell_key(day, platform, kSlotFindings)];
  }
  for (size_t j = 0; j < nseen; ++j) ++cells_[cell_key(day, platform, seen[j])];

  // Per account. Posts without a registry entry share the "" bucket.
  std::string_view key;
  std::string fallback_key;
  if (p.has_account) {
    key = p.account->key;
    if (key.empty() && !p.account->handle.empty()) {
      fallback_key = std::string(p.platform) + ":" + std::string(p.account->handle);
      key = fallback_key;
    }
  }
  AccountAgg& a = account_slot(key);
  if (p.has_account) merge_account_info(a, *p.account, false, p.fetched);
  if (a.platform.empty() || (p.platform < a.platform && !p.platform.empty())) {
    a.platform.assign(p.platform);
  }
  ++a.posts;
  if (finding) ++a.findings;
  for (size_t j = 0; j < nseen; ++j) count_label(a, seen[j], 1);
  update_range(p.created, &a.first, &a.last);

  if (p.classified) {
    if (last_classifier_ == classifiers_.end() || last_classifier_->first.pack != p.pack ||
        last_classifier_->first.version != p.version || last_classifier_->first.model != p.model ||
        last_classifier_->first.election != p.election) {
      ClassifierKey k{std::string(p.pack), std::string(p.version), std::string(p.model),
                      std::string(p.election)};
      last_classifier_ = classifiers_.try_emplace(std::move(k), 0).first;
    }
    ++last_classifier_->second;
  }
  if (last_input_ == inputs_.end() || last_input_->first != p.input) {
    last_input_ = inputs_.find(p.input);
    if (last_input_ == inputs_.end()) last_input_ = inputs_.emplace(std::string(p.input), 0).first;
  }
  ++last_input_->second;
  return finding;
}

namespace {

struct ListScores {
  double top = -1, quiet = -1, neutrality = -1;
};

template <typename Labels, typename GetLabel, typename GetScore>
ListScores scores_of(const Labels& labels, GetLabel get_label, GetScore get_score) {
  ListScores s;
  for (const auto& l : labels) {
    const std::string_view id = get_label(l);
    if (!is_violation(id)) continue;
    const double v = get_score(l);
    s.top = std::max(s.top, v);
    const Section sec = section_of(id);
    if (sec == Section::kQuietPeriod) s.quiet = std::max(s.quiet, v);
    if (sec == Section::kNeutrality) s.neutrality = std::max(s.neutrality, v);
  }
  return s;
}

}  // namespace

const Review* ReportState::review_for(std::string_view id) const {
  return reviews_ == nullptr ? nullptr : reviews_->find(id);
}

bool ReportState::is_dismissed(std::string_view id) const {
  const Review* r = review_for(id);
  return r != nullptr && r->decision == Decision::kDismissed;
}

bool ReportState::wants_finding(const PostSummary& p) const {
  if (!p.classified) return false;
  // A known finding whose post was checked may be new again (a removal is news): kept for now,
  // decided when the view is built with every check read.
  if (options_.new_only && has_since_ && is_known(p.id) && checks_for(p.id) == nullptr) {
    return false;
  }
  const ListScores s = scores_of(
      *p.labels, [](const PostSummary::Label& l) { return l.label; },
      [](const PostSummary::Label& l) { return l.score; });
  if (is_dismissed(p.id)) return s.top >= 0 && dismissed_.would_keep(s.top, p.id);
  return (s.top >= 0 && top_.would_keep(s.top, p.id)) ||
         (s.quiet >= 0 && quiet_.would_keep(s.quiet, p.id)) ||
         (s.neutrality >= 0 && neutrality_.would_keep(s.neutrality, p.id));
}

void ReportState::add_finding(std::shared_ptr<const Finding> f) {
  if (options_.new_only && has_since_ && is_known(f->id) && checks_for(f->id) == nullptr) return;
  const ListScores s = scores_of(
      f->labels, [](const FindingLabel& l) -> std::string_view { return l.label; },
      [](const FindingLabel& l) { return l.score; });
  if (is_dismissed(f->id)) {
    if (s.top >= 0) dismissed_.offer(s.top, f);
    return;
  }
  if (s.top >= 0) top_.offer(s.top, f);
  if (s.quiet >= 0) quiet_.offer(s.quiet, f);
  if (s.neutrality >= 0) neutrality_.offer(s.neutrality, f);
}

void ReportState::add_account_record(const records::Account& info) {
  ++totals_.account_records;
  std::string key = info.key;
  if (key.empty()) key = info.platform + ":" + info.handle;
  AccountAgg& a = account_slot(key);
  merge_account_info(a, view_of(info), true, kNoTime);
  if (a.platform.empty() || (!info.platform.empty() && info.platform < a.platform)) {
    a.platform = info.platform;
  }
}

void ReportState::add_error_record(const FailedAccount& e, std::string_view key) {
  ++totals_.error_records;
  merge_failed(key, e);
}

void ReportState::merge_failed(std::string_view key, const FailedAccount& e) {
  auto it = failed_.find(std::string(key));
  if (it == failed_.end()) {
    failed_.emplace(std::string(key), e);
    return;
  }
  FailedAccount& f = it->second;
  const uint64_t count = f.count + e.count;
  // The latest error stands for the account; ties go to the bytewise smaller record.
  bool take = false;
  if (e.time_ms != f.time_ms) {
    take = e.time_ms > f.time_ms;
  } else {
    take = failed_bytes(e) < failed_bytes(f);
  }
  if (take) f = e;
  f.count = count;
}

void ReportState::add_other_record(std::string_view kind) {
  ++totals_.other_records;
  merge_other_kind(kind, 1);
}

void ReportState::merge_other_kind(std::string_view kind, uint64_t count) {
  auto it = other_kinds_.find(kind);
  if (it == other_kinds_.end()) {
    if (other_kinds_.size() >= kMaxOtherKinds) kind = "(other)";
    it = other_kinds_.try_emplace(std::string(kind), 0).first;
  }
  it->second += count;
}

namespace {

// FNV-1a, 64 bits: stable, cheap, and good enough to tell finding ids apart (see has_finding_id).
uint64_t id_hash(std::string_view id) {
  uint64_t h = 14695981039346656037ULL;
  for (const char c : id) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

template <typename T>
void sort_unique(std::vector<T>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

}  // namespace

void ReportState::note_finding_id(std::string_view id) {
  finding_hashes_.push_back(id_hash(id));
  finding_hashes_sorted_ = false;
}

bool ReportState::has_finding_id(std::string_view id) const {
  if (!finding_hashes_sorted_) {
    sort_unique(&finding_hashes_);
    finding_hashes_sorted_ = true;
  }
  return std::binary_search(finding_hashes_.begin(), finding_hashes_.end(), id_hash(id));
}

void ReportState::add_status_record(StatusCheck check) {
  // The same record read twice is one check: the scheduled job gives the rechecks' status
  // records first (so --new-only sees a deletion before its post) and again inside the stream.
  if (const auto* checks = checks_for(check.id);
      checks != nullptr && std::find(checks->begin(), checks->end(), check) != checks->end()) {
    return;
  }
  ++totals_.status_records;
  merge_status(std::move(check));
}

void ReportState::merge_status(StatusCheck check) {
  auto it = statuses_.find(check.id);
  if (it == statuses_.end()) it = statuses_.try_emplace(check.id).first;
  auto& checks = it->second;
  checks.insert(std::upper_bound(checks.begin(), checks.end(), check, check_before),
                std::move(check));
}

const std::vector<StatusCheck>* ReportState::checks_for(std::string_view id) const {
  if (statuses_.empty()) return nullptr;
  auto it = statuses_.find(id);
  return it == statuses_.end() ? nullptr : &it->second;
}

std::optional<PostFate> ReportState::fate_for(const Finding& f) const {
  const auto* checks = checks_for(f.id);
  if (checks == nullptr) return std::nullopt;
  PostFate fate = fate_of(*checks, f.fetched_ms);
  if (fate.last_checked == kNoTime) return std::nullopt;  // every check was before the finding
  return fate;
}

uint64_t ReportState::status_records_without_finding() const {
  uint64_t n = 0;
  for (const auto& [id, checks] : statuses_) {
    if (!has_finding_id(id)) n += checks.size();
  }
  return n;
}

void ReportState::add_known_removed(std::string_view id) {
  known_removed_.emplace_back(id);
  known_removed_sorted_ = false;
}

const std::vector<std::string>& ReportState::known_removed() const {
  if (!known_removed_sorted_) {
    sort_unique(&known_removed_);
    known_removed_sorted_ = true;
  }
  return known_removed_;
}

bool ReportState::is_known_removed(std::string_view id) const {
  const auto& k = known_removed();
  return std::binary_search(k.begin(), k.end(), id, std::less<>());
}

bool ReportState::removal_is_news(const Finding& f) const {
  if (!has_since_ || is_known_removed(f.id)) return false;
  const auto fate = fate_for(f);
  return fate && fate->removed();
}

bool ReportState::is_new_finding(const Finding& f) const {
  if (!has_since_ || is_dismissed(f.id)) return false;
  return !is_known(f.id) || removal_is_news(f);
}

void ReportState::merge_totals(const Totals& t) {
  totals_.records += t.records;
  totals_.posts += t.posts;
  totals_.classified += t.classified;
  totals_.labeled += t.labeled;
  totals_.findings += t.findings;
  totals_.new_findings += t.new_findings;
  totals_.error_records += t.error_records;
  totals_.account_records += t.account_records;
  totals_.other_records += t.other_records;
  totals_.status_records += t.status_records;
  totals_.bad_lines += t.bad_lines;
  totals_.undated += t.undated;
  update_range(t.first, &totals_.first, &totals_.last);
  update_range(t.last, &totals_.first, &totals_.last);
}

void ReportState::merge_cell(int32_t day, std::string_view platform, std::string_view label,
                             uint64_t count) {
  const uint16_t p = platforms_.intern(platform);
  uint16_t slot;
  if (label == "*posts") {
    slot = kSlotPosts;
  } else if (label == "*findings") {
    slot = kSlotFindings;
  } else {
    slot = intern_label(label);
  }
  cells_[cell_key(day, p, slot)] += count;
}

void ReportState::merge_label_meta(std::string_view label, const LabelMeta& meta) {
  LabelMeta& m = label_meta_[intern_label(label)];
  prefer(&m.name_id, meta.name_id);
  prefer(&m.name_en, meta.name_en);
  prefer(&m.basis, meta.basis);
}

void ReportState::merge_account(std::string_view key, const AccountAgg& agg,
                                const std::vector<std::pair<std::string, uint64_t>>& labels) {
  AccountAgg& a = account_slot(key);
  if (agg.has_info) {
    merge_account_info(a, view_of(agg.info), agg.info_from_registry, agg.info_time);
  }
  if (a.platform.empty() || (!agg.platform.empty() && agg.platform < a.platform)) {
    a.platform = agg.platform;
  }
  a.posts += agg.posts;
  a.findings += agg.findings;
  for (const auto& [label, n] : labels) count_label(a, intern_label(label), n);
  update_range(agg.first, &a.first, &a.last);
  update_range(agg.last, &a.first, &a.last);
}

void ReportState::merge_classifier(const ClassifierKey& k, uint64_t posts) {
  classifiers_[k] += posts;
}

void ReportState::merge_input(std::string_view name, uint64_t posts) {
  auto it = inputs_.find(name);
  if (it == inputs_.end()) it = inputs_.emplace(std::string(name), 0).first;
  it->second += posts;
}

void ReportState::merge_zone(int offset, uint64_t posts) { zones_[offset] += posts; }

void ReportState::note_partial_top(size_t top) {
  min_partial_top_ = std::min(min_partial_top_, top);
}

std::vector<ReportState::Cell> ReportState::cells() const {
  std::vector<Cell> out;
  out.reserve(cells_.size());
  for (const auto& [k, n] : cells_) {
    out.push_back(Cell{static_cast<int32_t>(static_cast<uint32_t>(k >> 32)),
                       static_cast<uint16_t>((k >> 16) & 0xFFFF), static_cast<uint16_t>(k & 0xFFFF),
                       n});
  }
  return out;
}

}  // namespace pantau::report
