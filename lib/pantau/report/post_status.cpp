#include "pantau/report/post_status.h"

#include <tuple>

#include "pantau/report/dom_fields.h"

namespace pantau::report {
namespace {

constexpr std::string_view kCodes[] = {"present",     "edited",       "deleted",
                                       "not_visible", "account_gone", "unknown"};

auto order_key(const StatusCheck& c) {
  return std::tie(c.checked_ms, c.status, c.id, c.checked_at, c.platform, c.native_id, c.reason,
                  c.sha256_before, c.sha256_now, c.text_now, c.raw_sha256, c.fetched_at);
}

}  // namespace

std::optional<PostStatus> parse_post_status(std::string_view s) {
  for (size_t i = 0; i < std::size(kCodes); ++i) {
    if (s == kCodes[i]) return static_cast<PostStatus>(i);
  }
  return std::nullopt;
}

std::string_view post_status_code(PostStatus s) { return kCodes[static_cast<size_t>(s)]; }

bool is_removal(PostStatus s) {
  return s == PostStatus::kDeleted || s == PostStatus::kNotVisible || s == PostStatus::kAccountGone;
}

bool check_before(const StatusCheck& a, const StatusCheck& b) {
  return order_key(a) < order_key(b);
}

Status parse_status_check(simdjson::dom::object rec, StatusCheck* c) {
  TRY(get_string(rec, "id", &c->id));
  if (c->id.empty()) return Error::invalid("status has no \"id\"");
  TRY(get_string(rec, "platform", &c->platform));
  TRY(get_string(rec, "native_id", &c->native_id));
  std::string_view status;
  TRY(get_string(rec, "status", &status));
  auto st = parse_post_status(status);
  if (!st) {
    return Error::invalid("\"status\": unknown value \"" + std::string(status) +
                          "\" (present, edited, deleted, not_visible, account_gone or unknown)");
  }
  c->status = *st;
  TRY(get_string(rec, "checked_at", &c->checked_at));
  if (c->checked_at.empty()) return Error::invalid("status has no \"checked_at\"");
  auto t = parse_datetime(c->checked_at);
  if (!t) return Error::invalid("\"checked_at\": " + t.error().message);
  c->checked_ms = *t;
  TRY(get_string(rec, "reason", &c->reason));
  TRY(get_string(rec, "content_sha256_before", &c->sha256_before));
  TRY(get_string(rec, "content_sha256_now", &c->sha256_now));
  TRY(get_string(rec, "text_now", &c->text_now));
  simdjson::dom::object source;
  bool present = false;
  TRY(get_object(rec, "source", &source, &present));
  if (present) {
    Status s = get_string(source, "raw_sha256", &c->raw_sha256);
    if (s.ok()) s = get_string(source, "fetched_at", &c->fetched_at);
    if (!s.ok()) return Error::invalid("source: " + s.message());
  }
  return {};
}

void write_status_check(const StatusCheck& c, JsonWriter& w) {
  w.begin_object();
  w.field("kind", kStatusKind);
  w.field("id", c.id);
  w.field_or_null("platform", c.platform);
  w.field_or_null("native_id", c.native_id);
  w.field("status", post_status_code(c.status));
  w.field("checked_at", c.checked_at);
  w.field_or_null("reason", c.reason);
  w.field_or_null("content_sha256_before", c.sha256_before);
  w.field_or_null("content_sha256_now", c.sha256_now);
  w.field_or_null("text_now", c.text_now);
  w.key("source");
  if (c.raw_sha256.empty() && c.fetched_at.empty()) {
    w.null();
  } else {
    w.begin_object();
    w.field_or_null("raw_sha256", c.raw_sha256);
    w.field_or_null("fetched_at", c.fetched_at);
    w.end_object();
  }
  w.end_object();
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
