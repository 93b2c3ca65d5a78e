#include "pantau/fetch/status_record.h"

#include "pantau/json_writer.h"

namespace pantau::fetch {

std::string_view status_name(PostStatus s) {
  switch (s) {
    case PostStatus::kPresent:
      return "present";
    case PostStatus::kEdited:
      return "edited";
    case PostStatus::kDeleted:
      return "deleted";
    case PostStatus::kNotVisible:
      return "not_visible";
    case PostStatus::kAccountGone:
      return "account_gone";
    case PostStatus::kUnknown:
      break;
  }
  return "unknown";
}

void append_status_record(const StatusInfo& info, std::string* out) {
  JsonWriter w(out);
  w.begin_object();
  w.field("kind", "status");
  w.field("id", info.id);
  w.field("platform", info.platform);
  w.field("native_id", info.native_id);
  w.field("status", status_name(info.status));
  w.field("checked_at", format_rfc3339(info.checked_at));
  w.field_or_null("reason", info.reason);
  w.field_or_null("content_sha256_before", info.sha256_before);
  w.field_or_null("content_sha256_now", info.sha256_now);
  w.key("text_now");
  if (info.text_now) {
    w.string(*info.text_now);
  } else {
    w.null();
  }
  w.key("source");
  if (info.raw_sha256.empty()) {
    w.null();
  } else {
    w.begin_object();
    w.field("raw_sha256", info.raw_sha256);
    w.field("fetched_at", format_rfc3339(info.fetched_at));
    w.end_object();
  }
  w.end_object();
}

}  // namespace pantau::fetch
