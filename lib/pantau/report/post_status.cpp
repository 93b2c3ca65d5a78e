#include "pantau/report/post_status.h"

#include <tuple>

namespace pantau::report {
namespace {

auto order_key(const StatusCheck& c) {
  return std::tie(c.checked_ms, c.status, c.id, c.checked_at, c.platform, c.native_id, c.reason,
                  c.sha256_before, c.sha256_now, c.text_now, c.raw_sha256, c.fetched_at);
}

}  // namespace

bool check_before(const StatusCheck& a, const StatusCheck& b) {
  return order_key(a) < order_key(b);
}

PostFate fate_of(const std::vector<StatusCheck>& checks, EpochMillis found_at) {
  PostFate fate;
  bool in_removal = false;       // the last definite check so far was a removal
  EpochMillis streak = kNoTime;  // first check of the current run of removals
  std::string streak_raw;
  PostStatus streak_status = PostStatus::kPresent;
  PostStatus first_removal = PostStatus::kPresent;
  EpochMillis first_removed_at = kNoTime;
  std::string first_removed_raw;
  EpochMillis back_at = kNoTime;  // first definite non-removal after the latest removal run
  for (const StatusCheck& c : checks) {
    if (found_at != kNoTime && c.checked_ms <= found_at) continue;
    fate.last_checked = c.checked_ms;
    if (c.status == PostStatus::kUnknown) continue;
    if (is_removal(c.status)) {
      if (!in_removal) {
        in_removal = true;
        streak = c.checked_ms;
        streak_raw = c.raw_sha256;
        back_at = kNoTime;
      }
      streak_status = c.status;
      if (first_removal == PostStatus::kPresent) {
        first_removal = c.status;
        first_removed_at = c.checked_ms;
        first_removed_raw = c.raw_sha256;
      }
      continue;
    }
    fate.last_seen_at = c.checked_ms;
    if (in_removal) {
      in_removal = false;
      back_at = c.checked_ms;
    }
    if (c.status == PostStatus::kEdited) {
      if (!fate.edited) fate.edited_at = c.checked_ms;
      fate.edited = true;
      fate.text_now = c.text_now;
      fate.edit_raw_sha256 = c.raw_sha256;
    }
  }
  if (in_removal) {
    fate.removal = streak_status;
    fate.removed_at = streak;
    fate.removal_raw_sha256 = streak_raw;
  } else if (first_removal != PostStatus::kPresent) {
    fate.removal = first_removal;
    fate.removed_at = first_removed_at;
    fate.removal_raw_sha256 = first_removed_raw;
    fate.visible_again_at = back_at;
  }
  return fate;
}

std::string fate_code(const PostFate& fate) {
  std::string s;
  if (fate.removed()) s = post_status_code(fate.removal);
  if (fate.edited) s += s.empty() ? "edited" : ";edited";
  if (s.empty()) s = fate.last_seen_at != kNoTime ? "present" : "unknown";
  return s;
}

EpochMillis fate_time(const PostFate& fate) {
  if (fate.removed()) return fate.removed_at;
  if (fate.edited) return fate.edited_at;
  return fate.last_checked;
}

}  // namespace pantau::report
