// The "status" record of a recheck (pantau-records(5)): what a platform said, when asked again
// by id, about one post that was fetched before: still there, edited, deleted, no longer
// visible, its account gone, or unknown (the check itself failed).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pantau/time.h"

namespace pantau::fetch {

enum class PostStatus { kPresent, kEdited, kDeleted, kNotVisible, kAccountGone, kUnknown };

// "present", "edited", "deleted", "not_visible", "account_gone", "unknown".
std::string_view status_name(PostStatus s);

struct StatusInfo {
  std::string_view id;         // "x:1757"
  std::string_view platform;   // "x"
  std::string_view native_id;  // "1757"
  PostStatus status = PostStatus::kUnknown;
  EpochMillis checked_at = 0;      // when the platform answered (or the check gave up)
  std::string_view reason;         // the platform's words or code; "" -> null. No secrets.
  std::string_view sha256_before;  // "" -> null
  std::string_view sha256_now;     // "" -> null
  std::optional<std::string_view> text_now;  // only for kEdited
  std::string_view raw_sha256;               // "" -> source null
  EpochMillis fetched_at = 0;
};

// Appends one status record (no newline).
void append_status_record(const StatusInfo& info, std::string* out);

}  // namespace pantau::fetch
