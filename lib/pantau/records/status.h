// Status: the "status" record of pantau-records(5) (STATUS RECORDS): what a platform said, when
// asked again by id (fetch-accounts --recheck), about one post fetched before: still there,
// edited, deleted, no longer visible, its account gone, or unknown (the check itself failed).
// fetch-accounts writes it, report reads it and carries it in partial states.
//
// One field table, one writer (append_status_record / write_status) and one parser
// (parse_status_check).
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "pantau/json_writer.h"
#include "pantau/result.h"
#include "pantau/time.h"

namespace pantau::records {

// The members of a status record after "kind", in the order they are written, and those of
// its "source" object.
inline constexpr std::string_view kStatusFields[] = {
    "id",
    "platform",
    "native_id",
    "status",
    "checked_at",
    "reason",
    "content_sha256_before",
    "content_sha256_now",
    "text_now",
    "source",
};
inline constexpr std::string_view kStatusSourceFields[] = {"raw_sha256", "fetched_at"};

enum class PostStatus { kPresent, kEdited, kDeleted, kNotVisible, kAccountGone, kUnknown };

// "present", "edited", "deleted", "not_visible", "account_gone", "unknown".
std::string_view post_status_code(PostStatus s);
std::optional<PostStatus> parse_post_status(std::string_view s);
// Deleted, not visible or account gone: the post can no longer be seen.
bool is_removal(PostStatus s);

// What a writer knows about one check.
struct StatusOut {
  std::string_view id;                        // "x:1757"
  std::optional<std::string_view> platform;   // "x"; nullopt: null
  std::optional<std::string_view> native_id;  // "1757"; nullopt: null
  PostStatus status = PostStatus::kUnknown;
  std::string checked_at;                      // RFC 3339: when the platform answered
  std::string_view reason;                     // the platform's words or code; "": null
  std::string_view sha256_before, sha256_now;  // "": null
  std::optional<std::string_view> text_now;    // only for an edit; nullopt: null
  // "source" (the raw response the check read) is null when both are empty.
  std::string_view raw_sha256;
  std::string fetched_at;
};

void write_status(JsonWriter& w, const StatusOut& s);
// Appends one status record (no newline).
void append_status_record(const StatusOut& s, std::string* out);

// A status record as read: the members a report uses. Unknown members are not kept.
struct StatusCheck {
  std::string id, platform, native_id;
  PostStatus status = PostStatus::kUnknown;
  std::string checked_at;  // as written
  EpochMillis checked_ms = std::numeric_limits<EpochMillis>::min();
  std::string reason, sha256_before, sha256_now, text_now, raw_sha256, fetched_at;  // "": null

  bool operator==(const StatusCheck&) const = default;
};

// Reads a status record. Requires "id", a known "status" and an RFC 3339 "checked_at"; errors
// name the member at fault.
Status parse_status_check(simdjson::dom::object rec, StatusCheck* out);

// Writes the check as a status record; parse_status_check() of it gives back an equal check.
void write_status_check(const StatusCheck& c, JsonWriter& w);

}  // namespace pantau::records
