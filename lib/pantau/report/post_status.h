// What became of a finding's post after it was found: the `status` records a recheck writes
// (pantau-fetch-accounts --recheck; man/pantau-records.5, STATUS RECORDS) read back, and the
// history of one post's checks reduced to what a report shows ("dihapus setelah ditemukan").
//
// Rules (also in pantau-report(1)):
//  - only checks made after the finding was fetched (checked_at > source.fetched_at) count; a
//    finding without fetched_at counts every check;
//  - `unknown` (the check failed) never changes anything;
//  - the post's state is that of the last definite check. When it is deleted, not visible or
//    account gone, the finding is marked removed since the first check of that run of removals
//    (deleted, then unknown: still deleted);
//  - a removal seen once stays in the history: when a later check finds the post again
//    (present or edited), the removal is still shown, with the time it was seen again;
//  - an `edited` check marks the finding edited since the first such check, with the text of
//    the latest one.
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/json_writer.h"
#include "pantau/records/status.h"
#include "pantau/report/finding.h"
#include "pantau/result.h"

namespace pantau::report {

inline constexpr std::string_view kStatusKind = "status";

// The record itself (type, parser, writer) is records/status.h's.
using records::is_removal;
using records::parse_post_status;
using records::parse_status_check;
using records::post_status_code;
using records::PostStatus;
using records::StatusCheck;
using records::write_status_check;

// A total order (checked_at first), so a post's history sorts the same whatever order the records
// arrived in.
bool check_before(const StatusCheck& a, const StatusCheck& b);

struct PostFate {
  PostStatus removal = PostStatus::kPresent;  // kDeleted, kNotVisible, kAccountGone; else none
  EpochMillis removed_at = kNoTime;           // first check of the removal
  std::string removal_raw_sha256;          // that check's raw response (source.raw_sha256), if kept
  EpochMillis visible_again_at = kNoTime;  // a later check found it again (else kNoTime)
  bool edited = false;
  EpochMillis edited_at = kNoTime;     // first check that found it edited
  std::string edit_raw_sha256;         // the raw response of the latest edited check, if kept
  std::string text_now;                // the text of the latest edited check
  EpochMillis last_checked = kNoTime;  // latest check after the finding (any result)
  EpochMillis last_seen_at = kNoTime;  // latest check that found the post (present or edited)

  bool removed() const { return removal != PostStatus::kPresent; }
  // Something a report marks: removed (now or once) or edited.
  bool changed() const { return removed() || edited; }
};

// The fate of a post from its checks (sorted by check_before) for a finding fetched at
// `found_at` (kNoTime: unknown).
PostFate fate_of(const std::vector<StatusCheck>& checks, EpochMillis found_at);

// The fate in machine words: the removal's status code, then "edited" (joined by ';'), else
// "present" when a check found the post unchanged, else "unknown" (every check failed).
std::string fate_code(const PostFate& fate);
// When the fate's first change was seen: removed_at, else edited_at, else last_checked.
EpochMillis fate_time(const PostFate& fate);

}  // namespace pantau::report
