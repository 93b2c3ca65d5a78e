// ReportView: the state arranged for reading. Every list is sorted explicitly (bytewise on
// names, numbers descending with bytewise tie-breaks) so every renderer shows the same thing in
// the same order, whatever order the input came in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pantau/records/review.h"
#include "pantau/report/label_catalog.h"
#include "pantau/report/report_state.h"

namespace pantau::report {

struct ViewOptions {
  Lang lang = Lang::kId;
  std::string title;         // empty: the default title
  std::string generated_at;  // RFC 3339, or empty: no generation time in the report
  size_t rows = 50;          // rows shown in ranked tables (accounts, owners)
};

struct LabelRow {
  std::string id;
  std::string name;   // in the view's language
  std::string basis;  // the records' basis, else the catalog's
  std::string color;
  bool violation = true;
  uint64_t posts = 0;
  std::vector<uint64_t> by_platform;  // parallel to ReportView::platforms
};

struct PlatformRow {
  std::string id;
  uint64_t posts = 0, findings = 0;
  std::vector<uint64_t> by_label;  // parallel to ReportView::labels
};

struct DayRow {
  int32_t day = kNoDay;
  uint64_t posts = 0, findings = 0;
  std::vector<uint64_t> by_label;
};

struct AccountRow {
  std::string key;
  const AccountAgg* agg = nullptr;
  std::vector<uint64_t> by_label;
};

struct OwnerRow {
  std::string key;                         // owner_key, else owner name, else the account key
  const records::Account* info = nullptr;  // of the owner's first account (bytewise by key)
  std::string first_account;               // that account's key
  std::string name;
  uint64_t accounts = 0, posts = 0, findings = 0;
  std::vector<std::string> platforms;  // sorted, distinct
  std::vector<uint64_t> by_label;
};

struct FindingRow {
  size_t rank = 0;  // 1-based within its list
  double score = 0;
  const Finding* finding = nullptr;
  int utc_offset = 0;              // for showing local times
  std::optional<bool> is_new;      // set when --since-report was given
  std::optional<PostFate> fate;    // what rechecks found after the finding (status records)
  bool removal_is_news = false;    // removed, and the previous report did not show it
  const Review* review = nullptr;  // staff's latest decision (--reviews), if any
};

struct FailedRow {
  std::string key;
  const FailedAccount* failed = nullptr;
};

struct ReportView {
  ViewOptions options;
  const ReportState* state = nullptr;
  std::vector<LabelRow> labels;        // catalog order, then unknown labels bytewise
  std::vector<PlatformRow> platforms;  // bytewise by id
  std::vector<DayRow> days;            // ascending; undated posts in `undated`
  DayRow undated;
  std::vector<AccountRow> accounts;  // registered accounts ranked: findings, posts, key
  uint64_t unregistered_posts = 0;   // posts whose record had no account
  std::vector<OwnerRow> owners;      // ranked like accounts
  std::vector<FindingRow> top, quiet, neutrality;
  bool has_reviews = false;            // --reviews was given
  std::vector<FindingRow> dismissed;   // decided 'bukan pelanggaran': out of the lists above
  std::vector<FindingRow> pending;     // listed above, no decision yet or 'perlu dicek'
  std::vector<FailedRow> failed;       // bytewise by key
  std::optional<int> single_offset;    // the one UTC offset every dated post was grouped by
  std::vector<std::string> known_ids;  // --since-report ids plus every finding listed now
  // Listed findings whose post was removed or edited after it was found (each once), and those
  // whose removal the previous report (--since-report) did not show.
  uint64_t changed_findings = 0, newly_removed = 0;
  uint64_t status_without_finding = 0;  // status records whose post has no finding
  // Findings whose removal has been shown: the previous report's and every listed one now.
  std::vector<std::string> known_removed;
};

ReportView build_view(const ReportState& state, ViewOptions options);

// How a finding's account is named: its handle, else its registry key, else the author's handle
// or name; "" when the record says nothing.
std::string_view display_account(const Finding& f);

// The label's name for a report in `lang`: the catalog's, else what the records carried, else
// the id.
std::string display_label_name(const ReportState& state, std::string_view id, Lang lang);

}  // namespace pantau::report
