// ReportState: everything a report is made from, aggregated so that memory is bounded by
// accounts x labels x days plus the kept findings, never by the number of posts read.
//
// Every aggregate is a sum, a minimum/maximum or a choice by an explicit total order, so adding
// posts in any order, or merging the states of any split of the input (--partial / --merge),
// gives the same state. That is what makes a merged report byte-for-byte equal to a single run.
//
// Counting rules (also in pantau-report(1)):
//  - a post is counted once per record (a post fetched twice counts twice); kept findings are
//    deduplicated by post id;
//  - a post "has a finding" when it carries at least one violation label (every label except
//    "campaign", which only marks campaign content);
//  - days are local calendar days: --utc-offset when given, else the time zone of the account's
//    region (WIB/WITA/WIT), else UTC;
//  - status records (what a recheck found) are all kept, per post id in check order, and joined
//    to the kept findings only when the view is built, so their order in the input (or across
//    merged states) does not matter (post_status.h).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "pantau/records/error_record.h"
#include "pantau/records/review.h"
#include "pantau/report/finding.h"
#include "pantau/report/post_status.h"
#include "pantau/report/top_findings.h"

namespace pantau::report {

// Staff's decisions are a record kind of their own (lib/pantau/records), shared with classify.
using records::Decision;
using records::decision_code;
using records::load_reviews;
using records::parse_decision;
using records::Review;
using records::ReviewBook;

inline constexpr int32_t kNoDay = INT32_MIN;  // posts without a usable created_at

struct StateOptions {
  size_t top = 50;                // findings kept per list
  std::optional<int> utc_offset;  // seconds east of UTC for every post; else by region
  bool new_only = false;          // keep only findings not in the known set (--since-report)
  // Keep every finding's id for known_ids (JSON reports and --partial states need them; the
  // other formats do not, and then memory stays flat in the number of findings).
  bool keep_reported_ids = true;
};

struct Totals {
  uint64_t records = 0;          // lines read and parsed (every kind)
  uint64_t posts = 0;            // post records
  uint64_t classified = 0;       // posts carrying a "labels" array
  uint64_t labeled = 0;          // posts with at least one label (campaign included)
  uint64_t findings = 0;         // posts with at least one violation label
  uint64_t new_findings = 0;     // findings whose id was not in the known set
  uint64_t error_records = 0;    // error records
  uint64_t account_records = 0;  // account (registry) records
  uint64_t other_records = 0;    // records of any other kind
  uint64_t status_records = 0;   // status records (what a recheck found; post_status.h)
  uint64_t bad_lines = 0;        // lines that could not be read or parsed
  uint64_t undated = 0;          // posts without a usable created_at
  EpochMillis first = kNoTime;   // created_at range of the posts
  EpochMillis last = kNoTime;
};

// Hash for unordered maps keyed by std::string that are looked up with string_views.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// Interns small sets of names (platforms, labels) as indices. Beyond `limit` distinct names
// (hostile input), every new name maps to "(other)" so memory stays bounded.
class Interner {
 public:
  explicit Interner(size_t limit) : limit_(limit) {}
  uint16_t intern(std::string_view name);
  const std::string& name(uint16_t i) const { return names_[i]; }
  size_t size() const { return names_.size(); }

 private:
  size_t limit_;
  std::vector<std::string> names_;
  StringMap<uint16_t> index_;
};

struct LabelMeta {
  std::string name_id, name_en, basis;  // from the records; empty when none carried them
};

struct AccountAgg {
  bool has_info = false;
  records::Account info;
  bool info_from_registry = false;  // info came from an account record (preferred)
  EpochMillis info_time = kNoTime;  // fetched_at of the post the info came from
  std::string platform;             // the posts' platform when the info has none
  uint64_t posts = 0;
  uint64_t findings = 0;
  std::vector<std::pair<uint16_t, uint64_t>> labels;  // label index -> posts with it
  EpochMillis first = kNoTime, last = kNoTime;
};

// An account's failures: its error records (records::ErrorRecord, the latest kept), counted.
struct FailedAccount : records::ErrorRecord {
  EpochMillis time_ms = kNoTime;
  uint64_t count = 0;  // error records for this account
};

struct ClassifierKey {
  std::string pack, version, model, election;
  auto operator<=>(const ClassifierKey&) const = default;
};

// What the ingester extracts from one post on the fast path (views into the parser's memory).
struct PostSummary {
  std::string_view id;
  std::string_view platform;
  EpochMillis created = kNoTime;
  EpochMillis fetched = kNoTime;
  int utc_offset = 0;
  bool has_account = false;
  const records::AccountView* account = nullptr;  // REQUIRES: non-null when has_account
  bool classified = false;
  struct Label {
    std::string_view label, name_id, name_en, basis;
    double score = 0;
  };
  const std::vector<Label>* labels = nullptr;
  std::string_view pack, version, model, election;
  std::string_view input;  // source.input
};

class ReportState {
 public:
  explicit ReportState(StateOptions options);

  const StateOptions& options() const { return options_; }

  // The ids of findings already reported (--since-report); sorted and deduplicated here.
  void add_known_id(std::string_view id);
  bool is_known(std::string_view id) const;
  const std::vector<std::string>& known_ids() const;
  bool has_since() const { return has_since_; }
  void set_has_since() { has_since_ = true; }

  // Staff's decisions (--reviews; not owned). A dismissed finding is never new and goes to the
  // dismissed list instead of the others.
  void set_reviews(const ReviewBook* reviews) { reviews_ = reviews; }
  bool has_reviews() const { return reviews_ != nullptr; }
  const Review* review_for(std::string_view id) const;
  bool is_dismissed(std::string_view id) const;

  // The ids of every post with a finding read in this run (or merged from partial states),
  // whatever --top keeps: the next run's --since-report needs all of them, not just those listed.
  void add_reported_id(std::string_view id);
  const std::vector<std::string>& reported_ids() const;

  // The UTC offset for a post of this account region (options, region table, UTC).
  int utc_offset_for(std::string_view region) const;

  // Adds one post's aggregates. Returns true when the post has a finding; the caller then offers
  // it to the lists (see wants_finding() / add_finding()).
  bool add_post(const PostSummary& post);

  // Whether any list would keep a finding with these label scores; cheap, before parsing it all.
  bool wants_finding(const PostSummary& post) const;
  // Offers a parsed finding to the top, quiet-period and neutrality lists.
  void add_finding(std::shared_ptr<const Finding> f);

  void add_account_record(const records::Account& info);
  void add_error_record(const FailedAccount& e, std::string_view key);
  void add_other_record(std::string_view kind);
  // A status record: kept (every one, in check order per post id) and joined to the findings
  // when the report is made, whichever order the records came in.
  void add_status_record(StatusCheck check);
  // The checks of a post, sorted by check_before(); nullptr when there are none.
  const std::vector<StatusCheck>* checks_for(std::string_view id) const;
  const std::map<std::string, std::vector<StatusCheck>, std::less<>>& statuses() const {
    return statuses_;
  }
  // What became of a finding's post after it was found; std::nullopt when nothing was checked.
  std::optional<PostFate> fate_for(const Finding& f) const;
  // Status records whose post has no finding among the posts read (or merged).
  uint64_t status_records_without_finding() const;
  // Whether a post with this id had a finding (kept or not). Findings are remembered by a 64-bit
  // hash of their id, 8 bytes each, so this is exact but for a collision chance of about
  // n^2 / 2^65.
  bool has_finding_id(std::string_view id) const;
  // Findings whose removal a previous report already showed (--since-report); a removal not
  // among them is news: the finding is new again.
  void add_known_removed(std::string_view id);
  bool is_known_removed(std::string_view id) const;
  const std::vector<std::string>& known_removed() const;
  // Whether the finding counts as new: --since-report given, not dismissed, and either its id was
  // not reported before or its post's removal was not.
  bool is_new_finding(const Finding& f) const;
  bool removal_is_news(const Finding& f) const;
  void add_record() { ++totals_.records; }
  void add_bad_lines(uint64_t n) { totals_.bad_lines += n; }

  // --- merging (partial states) ---
  void merge_totals(const Totals& t);
  void merge_cell(int32_t day, std::string_view platform, std::string_view label, uint64_t count);
  void merge_label_meta(std::string_view label, const LabelMeta& meta);
  void merge_account(std::string_view key, const AccountAgg& agg,
                     const std::vector<std::pair<std::string, uint64_t>>& labels);
  void merge_failed(std::string_view key, const FailedAccount& f);
  void merge_classifier(const ClassifierKey& k, uint64_t posts);
  void merge_input(std::string_view name, uint64_t posts);
  void merge_other_kind(std::string_view kind, uint64_t count);
  void merge_zone(int offset, uint64_t posts);
  void merge_status(StatusCheck check);  // a check of a partial state (already counted)
  void merge_finding_id(std::string_view id) { note_finding_id(id); }
  // A kept finding of a partial state: offered again (to every list, as add_finding does).
  void merge_finding(std::shared_ptr<const Finding> f) { add_finding(std::move(f)); }
  void note_partial_top(size_t top);
  // Smallest --top of the merged partial states (SIZE_MAX when none was merged).
  size_t min_partial_top() const { return min_partial_top_; }

  // --- read access for views and writers ---
  const Totals& totals() const { return totals_; }
  const Interner& platforms() const { return platforms_; }
  const Interner& labels() const { return labels_; }
  const std::vector<LabelMeta>& label_meta() const { return label_meta_; }
  // (day, platform index, slot) -> count; slot is a label index, kSlotPosts or kSlotFindings.
  static constexpr uint16_t kSlotPosts = 0xFFFF;
  static constexpr uint16_t kSlotFindings = 0xFFFE;
  struct Cell {
    int32_t day;
    uint16_t platform;
    uint16_t slot;
    uint64_t count;
  };
  std::vector<Cell> cells() const;
  const StringMap<AccountAgg>& accounts() const { return accounts_; }
  const std::map<std::string, FailedAccount>& failed() const { return failed_; }
  const std::map<ClassifierKey, uint64_t>& classifiers() const { return classifiers_; }
  const std::map<std::string, uint64_t, std::less<>>& inputs() const { return inputs_; }
  const std::map<std::string, uint64_t, std::less<>>& other_kinds() const { return other_kinds_; }
  const std::map<int, uint64_t>& zones() const { return zones_; }
  const TopFindings& top() const { return top_; }
  const TopFindings& quiet() const { return quiet_; }
  const TopFindings& neutrality() const { return neutrality_; }
  const TopFindings& dismissed() const { return dismissed_; }

  // Largest number of distinct other kinds / labels / platforms kept (bounded memory).
  static constexpr size_t kMaxOtherKinds = 64;
  static constexpr size_t kMaxNames = 1024;

 private:
  static uint64_t cell_key(int32_t day, uint16_t platform, uint16_t slot) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(day)) << 32) |
           (static_cast<uint64_t>(platform) << 16) | slot;
  }
  AccountAgg& account_slot(std::string_view key);
  void count_label(AccountAgg& a, uint16_t label, uint64_t n);
  void merge_account_info(AccountAgg& a, const records::AccountView& info, bool registry,
                          EpochMillis time);
  uint16_t intern_label(std::string_view label);
  void note_finding_id(std::string_view id);

  StateOptions options_;
  Totals totals_;
  Interner platforms_{kMaxNames};
  Interner labels_{kMaxNames};
  std::vector<LabelMeta> label_meta_;  // by label index
  std::unordered_map<uint64_t, uint64_t> cells_;
  StringMap<AccountAgg> accounts_;
  std::map<std::string, FailedAccount> failed_;
  std::map<ClassifierKey, uint64_t> classifiers_;
  std::map<std::string, uint64_t, std::less<>> inputs_;
  std::map<std::string, uint64_t, std::less<>> other_kinds_;
  std::map<int, uint64_t> zones_;           // UTC offset used for day grouping -> posts
  mutable std::vector<std::string> known_;  // sorted lazily, deduplicated
  mutable bool known_sorted_ = true;
  mutable std::vector<std::string> reported_;  // sorted lazily, deduplicated
  mutable bool reported_sorted_ = true;
  bool has_since_ = false;
  std::map<std::string, std::vector<StatusCheck>, std::less<>> statuses_;
  mutable std::vector<uint64_t> finding_hashes_;  // sorted lazily, deduplicated
  mutable bool finding_hashes_sorted_ = true;
  mutable std::vector<std::string> known_removed_;  // sorted lazily, deduplicated
  mutable bool known_removed_sorted_ = true;
  TopFindings top_, quiet_, neutrality_, dismissed_;
  const ReviewBook* reviews_ = nullptr;
  size_t min_partial_top_ = SIZE_MAX;
  // One-entry caches: consecutive posts usually share these.
  std::map<ClassifierKey, uint64_t>::iterator last_classifier_;
  std::map<std::string, uint64_t, std::less<>>::iterator last_input_;
};

// Day number (days since 1970-01-01) of an instant at a UTC offset; kNoDay when the local day
// is outside 0000-01-01 .. 9999-12-31.
int32_t local_day(EpochMillis t, int offset_seconds);
// "2024-02-11" for a day number; "" for kNoDay.
std::string format_day(int32_t day);
// The day number of "YYYY-MM-DD"; std::nullopt when malformed.
std::optional<int32_t> parse_day(std::string_view s);

}  // namespace pantau::report
