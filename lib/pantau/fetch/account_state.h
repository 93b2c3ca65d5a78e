// AccountState: what fetch-accounts remembers about one account between runs (persisted by
// StateStore, one row per registry key).
//
// Crawls go from the newest item backwards. A finished run moves the high-water mark
// (newest_*) up to the newest item it saw; a run that stops early (interrupt, kill, failure,
// quota) leaves `cursor` pointing at the next page, so the next run resumes there, and keeps the
// newest item of that unfinished run in run_top_* until the backfill completes.
#pragma once

#include <cstdint>
#include <string>

#include "pantau/time.h"

namespace pantau::fetch {

struct AccountState {
  // Resolution: the platform's id for the account (YouTube UC..., Mastodon account id, Bluesky
  // DID) and adapter data that comes with it (YouTube uploads playlist). Kept across handle
  // changes: once resolved, the id is used and the handle is only informative.
  std::string platform_id;
  std::string resolved_extra;
  std::string current_handle;  // the handle the platform last reported

  // High-water mark of the last completed run (empty/0: nothing seen yet). Adapters that order
  // by time keep here every id published at newest_time, one per line (ids hold no newline):
  // posts of the same second are siblings, and each must be handed out exactly once. X and
  // Telegram order by id and keep one id.
  std::string newest_id;
  EpochMillis newest_time = 0;

  // An unfinished run: the resume token for the next page, the pages already done, the newest
  // item of that run, and the --since/--until window it was started with.
  std::string cursor;
  int64_t cursor_page = 0;
  std::string run_top_id;
  EpochMillis run_top_time = 0;
  std::string window;

  EpochMillis last_success = 0;
  EpochMillis last_failure = 0;
  std::string last_error;
  int64_t failures = 0;  // consecutive failed runs
};

// True when the account's last poll completed less than `interval_ms` before `now`, did not
// fail since, and left no unfinished run: --min-interval skips it, so a job restarted after a
// crash (or a shard GNU parallel runs again) goes straight to the accounts it had not done.
inline bool polled_within(const AccountState& s, EpochMillis now, int64_t interval_ms) {
  return interval_ms > 0 && s.cursor.empty() && s.last_success > 0 &&
         s.last_success >= s.last_failure && now - s.last_success < interval_ms;
}

}  // namespace pantau::fetch
